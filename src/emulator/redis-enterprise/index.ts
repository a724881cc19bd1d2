import type { EmulatorContext, EmulatorModule, EmulatorRequest, EmulatorResponse } from '../types';
import { actionAt, actionIndex, listedRange, type ActionsPlan } from './actions';
import {
  CLUSTER_NAME,
  CRDBS,
  DATABASES,
  DEMO_PASSWORD,
  DEMO_USER,
  NODES,
  parseScenario,
  type ScenarioConfig,
} from './catalog';
import {
  DEFAULT_RESULT_TTL_S,
  LIST_WINDOW,
  crdbTaskAt,
  crdbTaskIndex,
  isRunning,
  newestIndex,
  type CancelEvent,
} from './crdb-tasks';

/** One request as the module saw it: tests count cancels with this (a POST must arrive exactly once). */
export interface RecordedRequest {
  method: string;
  path: string;
}

export interface RedisEnterpriseEmulator extends EmulatorModule {
  readonly requests: RecordedRequest[];
}

const OWNED = /^\/(v1\/(cluster|nodes|bdbs|crdbs|crdb_tasks|actions)|v2\/actions)(\/|$)/;

const UNAUTHORIZED: EmulatorResponse = {
  status: 401,
  json: { error_code: 'unauthorized', message: 'Unauthorized request. Invalid credentials.' },
};

const notFound = (message: string): EmulatorResponse => ({ status: 404, json: { error_code: 'not_found', message } });

/** The Redis Enterprise cluster REST API: CRDB tasks, actions (v1 and v2) and the lists that name things. */
export function createModule(): RedisEnterpriseEmulator {
  let startMs = 0;
  let scenario: ScenarioConfig = parseScenario('demo');
  let plan: ActionsPlan = {};
  let cancels = new Map<number, CancelEvent>();
  let ttls = new Map<number, number>();
  const requests: RecordedRequest[] = [];

  const seconds = (ctx: EmulatorContext) => (ctx.clock.now() - startMs) / 1000;

  function authorised(req: EmulatorRequest): boolean {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded === `${DEMO_USER}:${DEMO_PASSWORD}`;
  }

  function crdbTask(k: number, t: number, verbose: boolean) {
    return crdbTaskAt(k, t, startMs, cancels.get(k), verbose);
  }

  function readableCrdbTask(id: string, t: number, verbose: boolean) {
    const k = crdbTaskIndex(id);
    if (k === undefined) return undefined;
    const task = crdbTask(k, t, verbose);
    if (!task) return undefined;
    if (task.endedAt !== undefined && t >= task.endedAt + (ttls.get(k) ?? DEFAULT_RESULT_TTL_S)) return undefined;
    return task;
  }

  function crdbTasks(req: EmulatorRequest, rest: string[], t: number): EmulatorResponse {
    if (rest.length === 0) {
      if (req.method !== 'GET') return methodNotAllowed();
      if (scenario.oldCluster) return notFound('Not found');
      const newest = newestIndex(t);
      const list = [];
      for (let k = Math.max(0, newest - LIST_WINDOW); k <= newest; k++) {
        const task = crdbTask(k, t, false);
        if (task && isRunning(task.phase)) list.push(task.payload);
      }
      return { status: 200, json: list };
    }
    const id = decodeURIComponent(rest[0]);
    if (rest.length === 1) {
      if (req.method !== 'GET') return methodNotAllowed();
      const ttlHeader = req.headers['x-result-ttl'];
      const k = crdbTaskIndex(id);
      if (typeof ttlHeader === 'string' && k !== undefined) {
        const ttl = Number(ttlHeader);
        if (!Number.isInteger(ttl) || ttl < 0)
          return {
            status: 400,
            json: { error_code: 'invalid_header', message: 'X-Result-TTL must be a non-negative integer' },
          };
        // Asked while the result is still kept: from now on it is kept this long after the end.
        if (readableCrdbTask(id, t, false)) ttls.set(k, ttl);
      }
      const task = readableCrdbTask(id, t, req.url.searchParams.get('verbose') === 'true');
      return task ? { status: 200, json: task.payload } : notFound(`Task ${id} not found`);
    }
    if (rest.length === 3 && rest[1] === 'actions' && rest[2] === 'cancel') {
      if (req.method !== 'POST') return methodNotAllowed();
      const task = readableCrdbTask(id, t, false);
      if (!task) return notFound(`Task ${id} not found`);
      if (scenario.cancelConflict)
        return {
          status: 409,
          json: { error_code: 'cancel_failed', message: 'The task worker did not acknowledge the cancel request.' },
        };
      if (!isRunning(task.phase))
        return {
          status: 409,
          json: { error_code: 'task_not_running', message: `Task ${id} has already ${task.phase}.` },
        };
      const force = req.url.searchParams.get('force') === 'true';
      if (task.phase === 'commit' && !force)
        return {
          status: 406,
          json: {
            error_code: 'task_in_commit_phase',
            message: 'Task cannot be canceled: it reached the commit phase.',
          },
        };
      cancels.set(task.k, { at: t, force });
      return { status: 200, json: {} };
    }
    return notFound(`No route for ${req.url.pathname}`);
  }

  function actions(req: EmulatorRequest, version: 'v1' | 'v2', rest: string[], t: number): EmulatorResponse {
    if (req.method !== 'GET') return methodNotAllowed();
    if (version === 'v2' && scenario.oldCluster) return notFound('Not found');
    if (rest.length === 0) {
      const { from, to } = listedRange(t, plan);
      const states = [];
      for (let k = from; k <= to; k++) {
        const a = actionAt(k, t, startMs, plan);
        if (a && a.listed && (version === 'v2' || !a.v2Only)) states.push(a);
      }
      if (version === 'v2') return { status: 200, json: states.map(a => a.v2) };
      return {
        status: 200,
        json: {
          actions: states.filter(a => a.v1Family === 'actions').map(a => a.v1),
          'state-machines': states.filter(a => a.v1Family === 'state-machines').map(a => a.v1),
        },
      };
    }
    if (rest.length === 1) {
      const uid = decodeURIComponent(rest[0]);
      const k = actionIndex(uid);
      const a = k === undefined ? undefined : actionAt(k, t, startMs, plan);
      if (!a || !a.listed || (version === 'v1' && a.v2Only)) return notFound(`Action ${uid} does not exist`);
      return { status: 200, json: version === 'v2' ? a.v2 : a.v1 };
    }
    // `/v1/actions/bdb/{uid}`: the actions of one database.
    if (version === 'v1' && rest.length === 2 && rest[0] === 'bdb') {
      const { from, to } = listedRange(t, plan);
      const list = [];
      for (let k = from; k <= to; k++) {
        const a = actionAt(k, t, startMs, plan);
        if (a && a.listed && !a.v2Only && a.v1.object_name === `bdb:${rest[1]}`) list.push(a.v1);
      }
      return { status: 200, json: list };
    }
    return notFound(`No route for ${req.url.pathname}`);
  }

  function bdbs(req: EmulatorRequest, rest: string[]): EmulatorResponse {
    if (req.method !== 'GET') return methodNotAllowed();
    const fields = req.url.searchParams
      .get('fields')
      ?.split(',')
      .map(f => f.trim())
      .filter(Boolean);
    const pick = (b: (typeof DATABASES)[number]) =>
      fields?.length ? Object.fromEntries(Object.entries(b).filter(([key]) => fields.includes(key))) : b;
    if (rest.length === 0) return { status: 200, json: DATABASES.map(pick) };
    const db = DATABASES.find(b => String(b.uid) === rest[0]);
    return db ? { status: 200, json: pick(db) } : notFound(`Database ${rest[0]} does not exist`);
  }

  return {
    provider: 'redis-enterprise',
    requests,

    handle(req, ctx) {
      const path = req.url.pathname;
      if (!OWNED.test(path)) return undefined;
      requests.push({ method: req.method, path: `${path}${req.url.search}` });
      if (!authorised(req)) return UNAUTHORIZED;
      const t = seconds(ctx);
      const parts = path.split('/').filter(Boolean);
      const [version, resource, ...rest] = parts;
      if (version === 'v2') return actions(req, 'v2', rest, t);
      switch (resource) {
        case 'cluster':
          return req.method === 'GET'
            ? { status: 200, json: { name: CLUSTER_NAME, rack_aware: false, created_time: '2025-10-14T09:21:27Z' } }
            : methodNotAllowed();
        case 'nodes':
          return req.method === 'GET' ? { status: 200, json: NODES } : methodNotAllowed();
        case 'bdbs':
          return bdbs(req, rest);
        case 'crdbs':
          // Documented as an array, seen as an object: the old cluster answers the other way, so clients meet both.
          if (req.method !== 'GET') return methodNotAllowed();
          return { status: 200, json: scenario.oldCluster ? { crdbs: CRDBS } : CRDBS };
        case 'crdb_tasks':
          return crdbTasks(req, rest, t);
        case 'actions':
          return actions(req, 'v1', rest, t);
        default:
          return notFound(`No route for ${path}`);
      }
    },

    connectionInfo(baseUrl) {
      return {
        provider: 'redis-enterprise',
        name: 'Demo cluster',
        endpoint: baseUrl,
        user: DEMO_USER,
        secret: DEMO_PASSWORD,
      };
    },

    reset(ctx) {
      startMs = ctx.clock.now();
      scenario = parseScenario(ctx.scenario);
      plan = scenario.scaleActions !== undefined ? { count: scenario.scaleActions } : {};
      cancels = new Map();
      ttls = new Map();
      requests.length = 0;
    },
  };
}

function methodNotAllowed(): EmulatorResponse {
  return { status: 405, json: { error_code: 'method_not_allowed', message: 'Method not allowed' } };
}

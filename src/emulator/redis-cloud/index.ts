import { randomUUID } from 'node:crypto';
import type { EmulatorContext, EmulatorModule, EmulatorRequest, EmulatorResponse } from '../types';
import { ACCOUNT_ID, CREATED_SUBSCRIPTIONS, DATABASES, SUBSCRIPTIONS, TASKS, type SeedSubscription } from './data';
import { resourceStatus, taskAt } from './tasks';

/** The emulated API lives under this prefix so it can share the server with Redis Enterprise's `/v1/...`. */
export const PATH_PREFIX = '/cloud/v1';

export const DEMO_ACCOUNT_KEY = 'A1b2C3d4E5f6demoAccountKey';
export const DEMO_SECRET_KEY = 'S9y8X7w6V5u4demoUserSecretKey';

export interface RedisCloudEmulatorOptions {
  /** The account's quota per minute (the real default is 400; the `throttled` scenario uses 5). */
  requestsPerMinute?: number;
  /** Answer `GET /tasks` with a bare array, as some deployments do, instead of `{tasks: [...]}`. */
  bareTaskArray?: boolean;
  /** Valid account key -> user secret keys. */
  keys?: Record<string, string[]>;
}

interface State {
  resetAt: number;
  /** Per account key: the minute window and requests counted in it. */
  windows: Map<string, { start: number; count: number }>;
}

function apiError(status: number, type: string, description: string): EmulatorResponse {
  const reason =
    { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 429: 'TOO_MANY_REQUESTS' }[
      status
    ] ?? 'ERROR';
  return { status, json: { error: { type, status: `${status} ${reason}`, description } } };
}

/** `offset`/`limit` must be int32 when present, as the spec declares them. */
function intParam(url: URL, name: string, fallback: number): number | EmulatorResponse {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw))
    return apiError(400, 'BAD_REQUEST', `Parameter '${name}' must be a non-negative integer, got '${raw}'`);
  return Number(raw);
}

export function createModule(options: RedisCloudEmulatorOptions = {}): EmulatorModule {
  const keys = options.keys ?? { [DEMO_ACCOUNT_KEY]: [DEMO_SECRET_KEY] };
  const state: State = { resetAt: 0, windows: new Map() };

  const limitFor = (ctx: EmulatorContext) => (ctx.scenario === 'throttled' ? 5 : (options.requestsPerMinute ?? 400));

  /** A fixed one-minute window per account key, as the quota is described: 400 requests per minute. */
  const meter = (accountKey: string, ctx: EmulatorContext): { remaining: number; retryAfter?: number } => {
    const now = ctx.clock.now();
    const limit = limitFor(ctx);
    let w = state.windows.get(accountKey);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      state.windows.set(accountKey, w);
    }
    if (w.count >= limit) return { remaining: 0, retryAfter: Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000)) };
    w.count++;
    return { remaining: limit - w.count };
  };

  const route = (req: EmulatorRequest, ctx: EmulatorContext, apiBase: string): EmulatorResponse => {
    const path = req.url.pathname.slice(PATH_PREFIX.length).replace(/\/+$/, '') || '/';
    if (req.method !== 'GET')
      return apiError(405, 'METHOD_NOT_ALLOWED', `The emulator serves only reads: ${req.method} ${path}`);
    const now = ctx.clock.now();
    const tasks = () =>
      TASKS.map(t => taskAt(t, state.resetAt, now, apiBase))
        .filter((t): t is Record<string, unknown> => t !== undefined)
        .sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));

    if (path === '/tasks') {
      const list = tasks();
      return { status: 200, json: options.bareTaskArray ? list : { tasks: list } };
    }
    let m = /^\/tasks\/([^/]+)$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const task = tasks().find(t => t.taskId === id);
      return task ? { status: 200, json: task } : apiError(404, 'TASK_NOT_FOUND', `Task ${id} was not found`);
    }
    if (path === '/subscriptions' || path === '/fixed/subscriptions') {
      const plan = path === '/subscriptions' ? 'pro' : 'essentials';
      return {
        status: 200,
        json: {
          accountId: ACCOUNT_ID,
          subscriptions: SUBSCRIPTIONS.filter(s => s.plan === plan).map(s => subscriptionJson(s, apiBase)),
          links: [],
        },
      };
    }
    // One subscription or one database, with its provisioning `status` following the emulator clock.
    m = /^\/(fixed\/)?subscriptions\/([^/]+)(?:\/databases\/([^/]+))?$/.exec(path);
    if (m) {
      const fixed = Boolean(m[1]);
      const rawId = decodeURIComponent(m[2]);
      const rawDb = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
      for (const [name, raw] of [
        ['subscriptionId', rawId],
        ['databaseId', rawDb],
      ] as const) {
        if (raw !== undefined && !/^\d{1,9}$/.test(raw))
          return apiError(400, 'BAD_REQUEST', `Parameter '${name}' must be an integer, got '${raw}'`);
      }
      const subId = Number(rawId);
      const inPlan = (s: SeedSubscription) => s.id === subId && (s.plan === 'essentials') === fixed;
      const seededSub = SUBSCRIPTIONS.find(inPlan);
      const sub = seededSub ?? CREATED_SUBSCRIPTIONS.find(inPlan);
      const subStatus = sub && resourceStatus(TASKS, subId, undefined, state.resetAt, now, seededSub !== undefined);
      if (!sub || subStatus === 'absent' || subStatus === 'gone')
        return apiError(404, 'SUBSCRIPTION_NOT_FOUND', `Subscription ${rawId} was not found`);
      if (rawDb === undefined) return { status: 200, json: { ...subscriptionJson(sub, apiBase), status: subStatus } };
      const db = DATABASES.find(d => d.subscriptionId === subId && d.databaseId === Number(rawDb));
      const dbStatus = resourceStatus(TASKS, subId, Number(rawDb), state.resetAt, now, db !== undefined);
      if (!db || dbStatus === 'absent' || dbStatus === 'gone')
        return apiError(404, 'DATABASE_NOT_FOUND', `Database ${rawDb} was not found`);
      return { status: 200, json: databaseJson(db, sub, dbStatus, apiBase) };
    }
    m = /^\/(fixed\/)?subscriptions\/([^/]+)\/databases$/.exec(path);
    if (m) {
      const fixed = Boolean(m[1]);
      const rawId = decodeURIComponent(m[2]);
      if (!/^\d{1,9}$/.test(rawId))
        return apiError(400, 'BAD_REQUEST', `Parameter 'subscriptionId' must be an integer, got '${rawId}'`);
      const sub = SUBSCRIPTIONS.find(s => s.id === Number(rawId) && (s.plan === 'essentials') === fixed);
      if (!sub) return apiError(404, 'SUBSCRIPTION_NOT_FOUND', `Subscription ${rawId} was not found`);
      const offset = intParam(req.url, 'offset', 0);
      if (typeof offset !== 'number') return offset;
      const limit = intParam(req.url, 'limit', 100);
      if (typeof limit !== 'number') return limit;
      const withStatus = DATABASES.filter(d => d.subscriptionId === sub.id).map(d => ({
        d,
        status: resourceStatus(TASKS, sub.id, d.databaseId, state.resetAt, now, true),
      }));
      // A deleted database leaves the list once it is de-provisioned.
      const all = withStatus.filter(x => x.status !== 'gone' && x.status !== 'absent');
      const page = all.slice(offset, offset + limit).map(x => databaseJson(x.d, sub, x.status, apiBase));
      const entry = { subscriptionId: sub.id, numberOfDatabases: all.length, databases: page, links: [] };
      // Pro answers carry `subscription` as an array of one; Essentials as an object (both as in the spec's examples).
      return { status: 200, json: { accountId: ACCOUNT_ID, subscription: fixed ? entry : [entry], links: [] } };
    }
    return apiError(404, 'NOT_FOUND', `No such endpoint: GET ${path}`);
  };

  return {
    provider: 'redis-cloud',
    handle(req, ctx) {
      const p = req.url.pathname;
      if (p !== PATH_PREFIX && !p.startsWith(`${PATH_PREFIX}/`)) return undefined;
      const requestId = randomUUID();
      const apiBase = `${req.url.protocol}//${req.host}${PATH_PREFIX}`;
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const accountKey = header('x-api-key');
      const secretKey = header('x-api-secret-key');
      const withId = (r: EmulatorResponse, extra: Record<string, string> = {}): EmulatorResponse => ({
        ...r,
        headers: { ...(r.headers ?? {}), 'x-request-id': requestId, ...extra },
      });
      if (!accountKey || !secretKey || !(keys[accountKey] ?? []).includes(secretKey)) {
        return withId(apiError(401, 'UNAUTHORIZED', 'Authentication failed for requested resource'));
      }
      const quota = meter(accountKey, ctx);
      if (quota.retryAfter !== undefined) {
        return withId(apiError(429, 'TOO_MANY_REQUESTS', 'Too many requests for this API key; try again later'), {
          'x-rate-limit-remaining': '0',
          'x-rate-limit-retry-after-seconds': String(quota.retryAfter),
        });
      }
      return withId(route(req, ctx, apiBase), { 'x-rate-limit-remaining': String(quota.remaining) });
    },
    connectionInfo(baseUrl) {
      return {
        provider: 'redis-cloud',
        name: 'Redis Cloud (emulated)',
        endpoint: `${baseUrl}${PATH_PREFIX}`,
        user: Object.keys(keys)[0] ?? DEMO_ACCOUNT_KEY,
        secret: Object.values(keys)[0]?.[0] ?? DEMO_SECRET_KEY,
      };
    },
    reset(ctx) {
      state.resetAt = ctx.clock.now();
      state.windows.clear();
    },
  };
}

function databaseJson(
  d: { databaseId: number; name: string },
  sub: SeedSubscription,
  status: string,
  apiBase: string,
): Record<string, unknown> {
  const prefix = sub.plan === 'pro' ? 'subscriptions' : 'fixed/subscriptions';
  return {
    databaseId: d.databaseId,
    name: d.name,
    protocol: 'redis',
    provider: sub.provider,
    region: sub.region,
    status,
    links: [{ rel: 'self', href: `${apiBase}/${prefix}/${sub.id}/databases/${d.databaseId}`, type: 'GET' }],
  };
}

function subscriptionJson(s: SeedSubscription, apiBase: string): Record<string, unknown> {
  const self = s.plan === 'pro' ? `${apiBase}/subscriptions/${s.id}` : `${apiBase}/fixed/subscriptions/${s.id}`;
  const common = {
    id: s.id,
    name: s.name,
    status: 'active',
    paymentMethodId: 8241,
    paymentMethodType: 'credit-card',
    links: [{ rel: 'self', href: self, type: 'GET' }],
  };
  if (s.plan === 'pro') {
    return {
      ...common,
      deploymentType: 'single-region',
      memoryStorage: 'ram',
      numberOfDatabases: DATABASES.filter(d => d.subscriptionId === s.id).length,
      publicEndpointAccess: true,
      cloudDetails: [{ provider: s.provider, regions: [{ region: s.region }], links: [] }],
    };
  }
  return {
    ...common,
    planId: 98276,
    planName: 'Standard 1GB',
    size: 1,
    sizeMeasurementUnit: 'GB',
    provider: s.provider,
    region: s.region,
    price: 22,
    pricePeriod: 'Month',
    priceCurrency: 'USD',
    maximumDatabases: 1,
    availability: 'Single-zone',
  };
}

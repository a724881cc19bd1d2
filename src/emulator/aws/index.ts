import type { EmulatorContext, EmulatorModule, EmulatorRequest, EmulatorResponse } from '../types';
import { elastiCacheAction } from './elasticache';
import { memoryDbOperation } from './memorydb';
import { REGION, REGIONS, type ScenarioState } from './scenario';
import { verifySigV4, type KnownKey } from './verify';
import { queryError, queryResponse } from './xml-out';

/** The demo keys: they only work against this emulator. The temporary one needs its session token. */
export const DEMO_ACCESS_KEY_ID = 'AKIAEMULATOR0DEMO001';
export const DEMO_SECRET_ACCESS_KEY = 'EmuSecretAwsDemo0000000000000000000000001';
export const DEMO_SESSION_KEY_ID = 'ASIAEMULATOR0DEMO002';
export const DEMO_SESSION_SECRET = 'EmuSecretAwsSession000000000000000000002';
export const DEMO_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEmulatorSessionToken0000000000000000000000000000==';

export interface AwsModuleOptions {
  /** Real time for the 15-minute skew and token expiry checks (clients sign with real time, not the emulator's). */
  realNow?: () => number;
  extraReplicationGroups?: number;
  /** When the demo session token expires (epoch ms, real time); never by default. */
  sessionExpiresAt?: number;
}

export interface AwsModule extends EmulatorModule {
  /** The next `count` requests are throttled (`Throttling` / `ThrottlingException`). */
  throttleNext(count: number): void;
  /** Requests served since the last reset, by action (tests check the cancel is sent once). */
  readonly calls: Record<string, number>;
}

const FORM = 'application/x-www-form-urlencoded';

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Which of the two APIs a request speaks, or undefined when it is not an AWS request. */
function serviceOf(req: EmulatorRequest): 'elasticache' | 'memorydb' | undefined {
  if (req.method !== 'POST' || req.url.pathname !== '/') return undefined;
  const target = header(req, 'x-amz-target');
  if (target?.startsWith('AmazonMemoryDB.')) return 'memorydb';
  const auth = header(req, 'authorization') ?? '';
  if (/Credential=[^/]+\/\d{8}\/[^/]+\/memorydb\//.test(auth)) return 'memorydb';
  if (/Credential=[^/]+\/\d{8}\/[^/]+\/elasticache\//.test(auth)) return 'elasticache';
  if ((header(req, 'content-type') ?? '').startsWith(FORM) && req.body.toString('utf8').includes('Version=2015-02-02'))
    return 'elasticache';
  return undefined;
}

/**
 * ElastiCache's query API (XML, Marker paging, AWS error XML) and MemoryDB's JSON 1.1 API, both behind this
 * emulator's own SigV4 verifier. Scenarios: `demo` (default), `throttled` (every request throttled).
 */
export function createModule(options: AwsModuleOptions = {}): AwsModule {
  const realNow = options.realNow ?? Date.now;
  const keys: Record<string, KnownKey> = {
    [DEMO_ACCESS_KEY_ID]: { secret: DEMO_SECRET_ACCESS_KEY },
    [DEMO_SESSION_KEY_ID]: {
      secret: DEMO_SESSION_SECRET,
      sessionToken: DEMO_SESSION_TOKEN,
      expiresAt: options.sessionExpiresAt,
    },
  };
  let state: ScenarioState = { t0: 0, stops: new Map(), extraReplicationGroups: 0 };
  let throttle = 0;
  let seq = 0;
  const calls: Record<string, number> = {};
  const requestId = () => `emu-aws-${String(++seq).padStart(6, '0')}-0000-4000-8000-000000000000`;

  const queryFail = (status: number, code: string, message: string): EmulatorResponse => ({
    status,
    headers: { 'content-type': 'text/xml' },
    body: queryError(status >= 500 ? 'Receiver' : 'Sender', code, message, requestId()),
  });
  const jsonFail = (status: number, code: string, message: string): EmulatorResponse => {
    const id = requestId();
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': id },
      body: JSON.stringify({ __type: `com.amazonaws.memorydb#${code}`, message }),
    };
  };

  return {
    provider: 'aws',
    calls,
    throttleNext(count: number) {
      throttle = count;
    },
    connectionInfo(baseUrl: string) {
      return {
        provider: 'aws',
        name: 'AWS ElastiCache (emulated)',
        endpoint: baseUrl,
        user: DEMO_ACCESS_KEY_ID,
        secret: DEMO_SECRET_ACCESS_KEY,
        region: REGIONS.join(','),
      };
    },
    reset(ctx: EmulatorContext) {
      state = { t0: ctx.clock.now(), stops: new Map(), extraReplicationGroups: options.extraReplicationGroups ?? 0 };
      throttle = ctx.scenario === 'throttled' ? Number.POSITIVE_INFINITY : 0;
      seq = 0;
      for (const k of Object.keys(calls)) delete calls[k];
    },
    handle(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
      const service = serviceOf(req);
      if (!service) return undefined;
      const fail = service === 'memorydb' ? jsonFail : queryFail;
      const checked = verifySigV4(req, service, keys, realNow());
      if ('code' in checked) return fail(checked.status, checked.code, checked.message);
      const now = ctx.clock.now();
      const region = checked.region;
      if (service === 'memorydb') {
        const operation = (header(req, 'x-amz-target') ?? '').slice('AmazonMemoryDB.'.length);
        if (!(header(req, 'content-type') ?? '').startsWith('application/x-amz-json-1.1'))
          return jsonFail(400, 'SerializationException', 'Expected application/x-amz-json-1.1.');
        let input: Record<string, unknown>;
        try {
          const parsed: unknown = JSON.parse(req.body.toString('utf8') || '{}');
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
          input = parsed as Record<string, unknown>;
        } catch {
          return jsonFail(400, 'SerializationException', 'The request body is not a JSON object.');
        }
        calls[operation] = (calls[operation] ?? 0) + 1;
        if (throttle > 0) {
          throttle--;
          return jsonFail(400, 'ThrottlingException', 'Rate exceeded');
        }
        const r = memoryDbOperation(state, region, operation, input, now);
        if ('code' in r) return jsonFail(r.status, r.code, r.message);
        return {
          status: 200,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId() },
          // As `json`, so the hostile scenario and fault poison it like every other provider's JSON.
          json: r.ok,
          region,
        };
      }
      if (!(header(req, 'content-type') ?? '').startsWith(FORM))
        return queryFail(400, 'InvalidParameterValue', 'The query API takes application/x-www-form-urlencoded bodies.');
      const params: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params[k] = v;
      const action = params.Action;
      if (!action) return queryFail(400, 'MissingAction', 'The request must contain the parameter Action.');
      if (params.Version !== '2015-02-02')
        return queryFail(
          400,
          'InvalidAction',
          `Could not find operation ${action} for version ${params.Version ?? '(none)'}`,
        );
      calls[action] = (calls[action] ?? 0) + 1;
      if (throttle > 0) {
        throttle--;
        return queryFail(400, 'Throttling', 'Rate exceeded');
      }
      const r = elastiCacheAction(state, region, action, params, now);
      if ('code' in r) return queryFail(r.status, r.code, r.message);
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: queryResponse(action, r.ok, requestId()),
        region,
      };
    },
  };
}

export { REGION };

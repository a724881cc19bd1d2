import type { EmulatorContext, EmulatorModule, EmulatorRequest, EmulatorResponse } from '../types';
import { describeHistoryTasks, describeInstances, describeTasks, type Account } from './actions';
import { buildScenario, DEMO_REGIONS, type ScenarioOptions } from './scenario';
import { SignatureVerifier, type AliFailure } from './verify';

/** The demo AccessKey: it only works against this emulator. */
export const DEMO_ACCESS_KEY_ID = 'LTAI5tEmulatorDemoKey001';
export const DEMO_ACCESS_KEY_SECRET = 'EmuSecretAlibabaDemo0000000001';

export type AliAction = 'DescribeInstances' | 'DescribeTasks' | 'DescribeHistoryTasks';

export interface AlibabaModuleOptions extends ScenarioOptions {
  /** Actions this "deployment" does not offer: they answer InvalidAction.NotFound like an unknown API. */
  unsupported?: AliAction[];
  /** Real time for the signature freshness check (clients sign with real time, not the emulator clock). */
  realNow?: () => number;
}

export interface AlibabaModule extends EmulatorModule {
  /** The next `count` requests get Throttling.User with `x-acs-retry-after` (milliseconds). */
  throttleNext(count: number, retryAfterMs?: number): void;
  /** Requests served since the last reset, by action (tests assert the client stays modest). */
  readonly calls: Record<string, number>;
}

/** Scenarios: `demo` (default), `throttled` (every request throttled), `legacy-only` / `history-only` (one task API). */
export function createModule(options: AlibabaModuleOptions = {}): AlibabaModule {
  const verifier = new SignatureVerifier({ [DEMO_ACCESS_KEY_ID]: DEMO_ACCESS_KEY_SECRET }, options.realNow);
  let account: Account = { instances: [], tasks: [] };
  let throttle = { count: 0, retryAfterMs: 1000 };
  let unsupported = new Set<string>(options.unsupported ?? []);
  let requestSeq = 0;
  const calls: Record<string, number> = {};

  const requestId = () => {
    requestSeq++;
    return `EMU${String(requestSeq).padStart(5, '0')}-0000-4000-8000-A1BABA000000`;
  };
  const fail = (req: EmulatorRequest, f: AliFailure, headers?: Record<string, string>): EmulatorResponse => ({
    status: f.status,
    headers,
    json: {
      RequestId: requestId(),
      HostId: req.host,
      Code: f.code,
      Message: f.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(f.code)}&product=R-kvstore`,
    },
  });

  return {
    provider: 'alibaba',
    calls,
    throttleNext(count: number, retryAfterMs = 1000) {
      throttle = { count, retryAfterMs };
    },
    connectionInfo(baseUrl: string) {
      return {
        provider: 'alibaba',
        name: 'Alibaba Cloud (emulated)',
        endpoint: baseUrl,
        user: DEMO_ACCESS_KEY_ID,
        secret: DEMO_ACCESS_KEY_SECRET,
        region: DEMO_REGIONS.join(','),
        options: { taskApi: 'DescribeHistoryTasks' },
      };
    },
    reset(ctx: EmulatorContext) {
      account = buildScenario(ctx.clock.now(), options);
      verifier.reset();
      requestSeq = 0;
      for (const k of Object.keys(calls)) delete calls[k];
      throttle = { count: ctx.scenario === 'throttled' ? Number.POSITIVE_INFINITY : 0, retryAfterMs: 1000 };
      unsupported = new Set<string>(options.unsupported ?? []);
      if (ctx.scenario === 'legacy-only') unsupported.add('DescribeHistoryTasks');
      if (ctx.scenario === 'history-only') unsupported.add('DescribeTasks');
    },
    handle(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
      if (req.url.pathname !== '/') return undefined;
      const rpc = req.url.searchParams.has('Action') || req.body.toString('utf8').includes('Action=');
      if (!req.headers['x-acs-action'] && !rpc) return undefined;
      // A SigV4-signed form POST is an AWS query request (ElastiCache's), never Alibaba RPC: the AWS module's.
      if (String(req.headers.authorization ?? '').startsWith('AWS4-')) return undefined;
      const checked = verifier.verify(req);
      if ('code' in checked) return fail(req, checked);
      if (checked.version !== '2015-01-01')
        return fail(req, {
          status: 400,
          code: 'InvalidVersion',
          message: `Specified parameter Version "${checked.version}" is not valid.`,
        });
      calls[checked.action] = (calls[checked.action] ?? 0) + 1;
      if (throttle.count > 0) {
        throttle.count--;
        return fail(
          req,
          { status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' },
          { 'x-acs-retry-after': String(throttle.retryAfterMs) },
        );
      }
      if (
        unsupported.has(checked.action) ||
        !['DescribeInstances', 'DescribeTasks', 'DescribeHistoryTasks'].includes(checked.action)
      ) {
        return fail(req, {
          status: 404,
          code: 'InvalidAction.NotFound',
          message: `Specified api is not found, please check your url and method. (${checked.action})`,
        });
      }
      const now = ctx.clock.now();
      const answer =
        checked.action === 'DescribeInstances'
          ? describeInstances(account, checked.params)
          : checked.action === 'DescribeTasks'
            ? describeTasks(account, checked.params, now)
            : describeHistoryTasks(account, checked.params, now);
      // Labelled with its region, which a fault rule may name; never sent.
      const region = checked.params.RegionId || undefined;
      if ('code' in answer) return { ...fail(req, answer), region };
      return { status: 200, json: { RequestId: requestId(), ...(answer.ok as object) }, region };
    },
  };
}

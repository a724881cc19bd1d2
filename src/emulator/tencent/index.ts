import { URLSearchParams } from 'node:url';
import type {
  EmulatorConnectionInfo,
  EmulatorContext,
  EmulatorModule,
  EmulatorRequest,
  EmulatorResponse,
} from '../types';
import { VERSION, describeInstances, describeTaskInfo, describeTaskList, fail } from './current-api';
import { DEMO_REGIONS, DEMO_SECRET_ID, DEMO_SECRET_KEY, seedAccount, seedScale, type Account } from './data';
import { getRedisTaskList, legacyFail } from './legacy-api';
import { ParamError, unflatten, type Params } from './params';
import { verifyParameterSignature, verifyTc3 } from './verify';

export { DEMO_REGION, DEMO_REGIONS, DEMO_SECRET_ID, DEMO_SECRET_KEY } from './data';

const REGIONS = new Set(['ap-guangzhou', 'ap-shanghai', 'ap-beijing', 'ap-singapore']);

/** Requests per second per action, as Tencent documents them; beyond, `RequestLimitExceeded`. */
export const RATE_LIMITS: Readonly<Record<string, number>> = {
  DescribeTaskList: 100,
  DescribeTaskInfo: 20,
  DescribeInstances: 20,
  GetRedisTaskList: 20,
};

/** Scenarios in which every Tencent request is throttled. */
const THROTTLED_SCENARIOS = new Set(['throttled', 'tencent-throttled']);

type Action = (account: Account, region: string, params: Params, now: number) => EmulatorResponse;
const ACTIONS: Record<string, Action> = {
  DescribeInstances: (a, r, p) => describeInstances(a, r, p),
  DescribeTaskList: describeTaskList,
  DescribeTaskInfo: describeTaskInfo,
};

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function formParams(req: EmulatorRequest): Record<string, string> {
  const source = req.method === 'GET' ? req.url.searchParams : new URLSearchParams(req.body.toString('utf8'));
  return Object.fromEntries(source.entries());
}

class TencentModule implements EmulatorModule {
  readonly provider = 'tencent' as const;
  private account: Account = { instances: [], tasks: [] };
  private readonly secrets = new Map([[DEMO_SECRET_ID, DEMO_SECRET_KEY]]);
  private counts = new Map<string, number>();
  private nonces = new Set<string>();
  private unlimited = false;

  reset(ctx: EmulatorContext): void {
    // `scale:N` (benchmarks): N tasks, and no rate limit, which would otherwise measure the throttle, not the client.
    const scale = /^scale:(\d+)$/.exec(ctx.scenario);
    this.unlimited = scale !== null;
    this.account = scale
      ? seedScale(ctx.clock.now(), Math.min(Number(scale[1]), 1_000_000))
      : seedAccount(ctx.clock.now());
    this.counts.clear();
    this.nonces.clear();
  }

  connectionInfo(baseUrl: string): EmulatorConnectionInfo {
    return {
      provider: 'tencent',
      name: 'Tencent Cloud Redis (emulated)',
      endpoint: baseUrl,
      user: DEMO_SECRET_ID,
      secret: DEMO_SECRET_KEY,
      region: DEMO_REGIONS.join(','),
    };
  }

  handle(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
    const path = req.url.pathname;
    if (path === '/v2/index.php' && req.method === 'GET') return this.legacy(req, ctx);
    if (path !== '/' || (req.method !== 'POST' && req.method !== 'GET')) return undefined;
    if (header(req, 'x-tc-action')) return this.tc3(req, ctx);
    // The parameter-signed form of the current API; `SecretId` sets it apart from Alibaba's `AccessKeyId`.
    const isForm =
      req.method === 'GET' || (header(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    if (!isForm) return undefined;
    const flat = formParams(req);
    if (!flat.Action || !flat.SecretId) return undefined;
    return this.parameterSigned(req, ctx, flat);
  }

  private throttled(ctx: EmulatorContext, secretId: string, action: string): boolean {
    if (THROTTLED_SCENARIOS.has(ctx.scenario)) return true;
    if (this.unlimited) return false;
    const key = `${secretId}|${action}|${Math.floor(ctx.clock.now() / 1000)}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (this.counts.size > 10_000) this.counts.clear(); // old seconds are never asked again
    return n > (RATE_LIMITS[action] ?? 20);
  }

  private tc3(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
    const now = ctx.clock.now();
    const failure = verifyTc3(req, this.secrets, now);
    if (failure) return fail(failure.code, failure.message);
    let params: Params;
    if (req.method === 'GET') params = unflatten(Object.fromEntries(req.url.searchParams.entries()));
    else {
      try {
        const parsed: unknown = JSON.parse(req.body.toString('utf8') || '{}');
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          return fail('InvalidParameter', 'The request body must be a JSON object.');
        params = parsed as Params;
      } catch {
        return fail('InvalidParameter', 'The request body is not valid JSON.');
      }
    }
    const secretId = /Credential=([^/]+)/.exec(header(req, 'authorization') ?? '')?.[1] ?? '';
    return this.dispatch(
      ctx,
      secretId,
      header(req, 'x-tc-action') ?? '',
      header(req, 'x-tc-version'),
      header(req, 'x-tc-region'),
      params,
    );
  }

  private parameterSigned(req: EmulatorRequest, ctx: EmulatorContext, flat: Record<string, string>): EmulatorResponse {
    const failure = verifyParameterSignature(req, flat, this.secrets, ctx.clock.now());
    if (failure) return fail(failure.code, failure.message);
    const {
      Action,
      Version,
      Region,
      SecretId,
      Signature,
      SignatureMethod,
      Timestamp,
      Nonce,
      RequestClient,
      Token,
      Language,
      ...rest
    } = flat;
    void Signature;
    void SignatureMethod;
    void Timestamp;
    void Nonce;
    void RequestClient;
    void Token;
    void Language;
    return this.dispatch(ctx, SecretId, Action, Version, Region, unflatten(rest));
  }

  /** The answer, labelled with the region it was asked for (a fault rule may name one region). */
  private dispatch(
    ctx: EmulatorContext,
    secretId: string,
    action: string,
    version: string | undefined,
    region: string | undefined,
    params: Params,
  ): EmulatorResponse {
    const answer = this.answer(ctx, secretId, action, version, region, params);
    return region ? { ...answer, region } : answer;
  }

  private answer(
    ctx: EmulatorContext,
    secretId: string,
    action: string,
    version: string | undefined,
    region: string | undefined,
    params: Params,
  ): EmulatorResponse {
    const handler = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!handler) return fail('InvalidAction', `The action ${action} does not exist in redis ${VERSION}.`);
    if (!version) return fail('MissingParameter', 'The request is missing a required parameter `Version`.');
    if (version !== VERSION) return fail('NoSuchVersion', `The version ${version} of redis does not exist.`);
    if (!region) return fail('MissingParameter', 'The request is missing a required parameter `Region`.');
    if (!REGIONS.has(region)) return fail('UnsupportedRegion', `The region ${region} is not supported.`);
    if (this.throttled(ctx, secretId, action)) {
      return fail(
        'RequestLimitExceeded',
        `Your requests to ${action} are too frequent; the limit is ${RATE_LIMITS[action] ?? 20} per second.`,
      );
    }
    try {
      return handler(this.account, region, params, ctx.clock.now());
    } catch (e) {
      if (e instanceof ParamError) return fail(e.code, e.message);
      throw e;
    }
  }

  private legacy(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
    const params = Object.fromEntries(req.url.searchParams.entries());
    const failure = verifyParameterSignature(req, params, this.secrets, ctx.clock.now());
    if (failure) {
      if (failure.code === 'AuthFailure.SignatureExpire')
        return legacyFail(4200, 'AuthFailure.SignatureExpire', failure.message);
      // The legacy code table (cloud.tencent.com/document/api/213/6982): 4104 "the key does not exist", 4100 for a
      // signature that does not verify.
      if (failure.code === 'AuthFailure.SecretIdNotFound') return legacyFail(4104, failure.code, failure.message);
      if (failure.code.startsWith('AuthFailure')) return legacyFail(4100, failure.code, failure.message);
      return legacyFail(4000, failure.code, failure.message);
    }
    const nonce = `${params.SecretId}|${params.Nonce}|${params.Timestamp}`;
    if (this.nonces.has(nonce))
      return legacyFail(4500, 'RequestReplayed', 'The request was already received (same Nonce and Timestamp).');
    this.nonces.add(nonce);
    if (params.Action !== 'GetRedisTaskList')
      return legacyFail(4000, 'InvalidAction', `The action ${params.Action ?? ''} is not served here.`);
    if (!params.Region) return legacyFail(4000, 'MissingParameter', 'The parameter Region is required.');
    if (!REGIONS.has(params.Region))
      return legacyFail(4000, 'InvalidParameter', `The region ${params.Region} is not supported.`);
    if (this.throttled(ctx, params.SecretId, 'GetRedisTaskList'))
      return legacyFail(4400, 'RequestLimitExceeded', 'Too many requests.');
    return { ...getRedisTaskList(this.account, params.Region, params, ctx.clock.now()), region: params.Region };
  }
}

export function createModule(): EmulatorModule {
  return new TencentModule();
}

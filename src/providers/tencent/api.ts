import * as say from '../../core/say';
import { ProviderError } from '../../core/errors';
import { asObject, optString, reqString, type JsonObject } from '../../core/shape';
import type { HttpClient, HttpResponse } from '../../http/client';
import { gateJson } from '../../http/gate';
import { tencentError } from './errors';
import { tc3Sign, tc3SigningKey, utcDate } from './signer';

export const API_VERSION = '2018-04-12';
export const SERVICE = 'redis';
export const DEFAULT_ENDPOINT = 'https://redis.tencentcloudapi.com';
/**
 * Accounts of Tencent Cloud's international site (tencentcloud.com) call `redis.intl.tencentcloudapi.com`, as its
 * API pages name it; the signature's service stays `redis`.
 */
export const INTL_ENDPOINT = 'https://redis.intl.tencentcloudapi.com';

/** Which Tencent Cloud site an account belongs to: China (cloud.tencent.com, the default) or International. */
export type TencentSite = 'china' | 'intl';

export const SITE_ENDPOINTS: Readonly<Record<TencentSite, string>> = { china: DEFAULT_ENDPOINT, intl: INTL_ENDPOINT };

/** `intl` (also `international`) or `china` (also `cn`, empty); anything else is undefined. */
export function parseSite(value: string | number | boolean | undefined): TencentSite | undefined {
  if (value === undefined || value === '') return 'china';
  const v = String(value).trim().toLowerCase();
  if (v === 'intl' || v === 'international') return 'intl';
  if (v === 'china' || v === 'cn') return 'china';
  return undefined;
}
const CONTENT_TYPE = 'application/json';

export interface TencentApiOptions {
  http: HttpClient;
  /** Base URL; the signed host is its host name (no port), as Tencent's own SDK signs it. */
  endpoint: string;
  secretId: string;
  secretKey: string;
  region: string;
  /** The wall clock for `X-TC-Timestamp` (tests pin it to the emulator's clock). */
  now: () => number;
}

/** The current API (`2018-04-12`): JSON POSTs signed with TC3-HMAC-SHA256, errors inside an HTTP 200 envelope. */
export class TencentApi {
  private readonly url: string;
  private readonly host: string;
  /** The derived signing key of the current UTC date (it changes at midnight UTC). */
  private signingKey?: { date: string; key: Buffer };

  constructor(private readonly options: TencentApiOptions) {
    const base = new URL(options.endpoint);
    this.url = `${base.origin}/`;
    this.host = base.hostname;
  }

  /** Calls one read-only action and returns its `Response` object once it carries no `Error`. */
  async call(
    action: string,
    params: Record<string, unknown>,
    what: say.Words,
    signal?: AbortSignal,
  ): Promise<JsonObject> {
    const body = JSON.stringify(params);
    const { secretId, secretKey, region, now } = this.options;
    const res = await this.options.http.request({
      method: 'POST',
      url: this.url,
      body,
      idempotent: true, // every action we call is a Describe*: a read
      what,
      signal,
      headers: { 'content-type': CONTENT_TYPE },
      // Signed per attempt: a retry gets a fresh timestamp, so it is never rejected as expired.
      sign: req => {
        const timestamp = Math.floor(now() / 1000);
        const signingKey = this.keyFor(timestamp);
        const { authorization } = tc3Sign({
          secretId,
          secretKey,
          timestamp,
          service: SERVICE,
          host: this.host,
          contentType: CONTENT_TYPE,
          payload: req.body ?? '',
          signingKey,
        });
        return {
          ...req,
          headers: {
            ...req.headers,
            authorization,
            'x-tc-action': action,
            'x-tc-version': API_VERSION,
            'x-tc-timestamp': String(timestamp),
            'x-tc-region': region,
          },
        };
      },
    });
    const envelope = asObject(
      gateJson(res, { what, hint: say.t('Is the endpoint a Tencent Cloud API?'), error: r => httpError(r, what) }),
      '(body)',
    );
    const response = asObject(envelope.Response, 'Response');
    if (response.Error !== undefined && response.Error !== null) {
      const error = asObject(response.Error, 'Response.Error');
      throw tencentError(
        reqString(error, 'Code', 'Response.Error'),
        optString(error, 'Message', 'Response.Error') ?? '',
        optString(response, 'RequestId', 'Response'),
        what,
      );
    }
    return response;
  }

  private keyFor(timestamp: number): Buffer {
    const date = utcDate(timestamp);
    if (this.signingKey?.date !== date)
      this.signingKey = { date, key: tc3SigningKey(this.options.secretKey, date, SERVICE) };
    return this.signingKey.key;
  }
}

/** Tencent answers its own errors inside an HTTP 200; another status comes from a gateway in front of it. */
function httpError(res: HttpResponse, what: say.Words): ProviderError {
  const kind =
    res.status === 429
      ? 'throttled'
      : res.status >= 500
        ? 'server'
        : res.status === 401 || res.status === 403
          ? 'auth'
          : 'bad-response';
  return new ProviderError(kind, say.t('Tencent Cloud answered {0} with HTTP {1}.', what, res.status), {
    status: res.status,
  });
}

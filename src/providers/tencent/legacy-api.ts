import * as say from '../../core/say';
import { ProviderError } from '../../core/errors';
import { asObject, optString, shapeError, type JsonObject } from '../../core/shape';
import { toNumber } from '../../core/task';
import type { HttpClient } from '../../http/client';
import { gateJson } from '../../http/gate';
import { legacyError } from './errors';
import { legacySign, legacyStringToSign, type LegacySignatureMethod } from './signer';

export const LEGACY_ENDPOINT = 'https://redis.api.qcloud.com';
export const LEGACY_PATH = '/v2/index.php';

export interface LegacyApiOptions {
  http: HttpClient;
  endpoint: string;
  secretId: string;
  secretKey: string;
  region: string;
  signatureMethod: LegacySignatureMethod;
  now: () => number;
  /** Nonces must differ between requests (the server rejects a replay); tests pin it. */
  nonce?: () => number;
}

/** `k=v` with both sides URL-encoded: the signature is computed over raw values but sent encoded. */
function encodeQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .map(k => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
    .join('&');
}

/** API 2.0 (`/v2/index.php`): GET with the parameter signature, answers `{code, message, codeDesc, ...}`. */
export class LegacyTencentApi {
  private readonly base: URL;

  constructor(private readonly options: LegacyApiOptions) {
    this.base = new URL(options.endpoint);
  }

  async call(
    action: string,
    params: Record<string, string>,
    what: say.Words,
    signal?: AbortSignal,
  ): Promise<JsonObject> {
    const { secretId, secretKey, region, signatureMethod, now } = this.options;
    const nonce = this.options.nonce ?? (() => 1 + Math.floor(Math.random() * 2 ** 31));
    const res = await this.options.http.request({
      method: 'GET',
      url: `${this.base.origin}${LEGACY_PATH}`,
      what,
      signal,
      sign: req => {
        const all: Record<string, string> = {
          ...params,
          Action: action,
          Region: region,
          Timestamp: String(Math.floor(now() / 1000)),
          Nonce: String(nonce()),
          SecretId: secretId,
          SignatureMethod: signatureMethod,
        };
        // The host as the server receives it in the Host header: with the port when it is not the default.
        const toSign = legacyStringToSign('GET', this.base.host, LEGACY_PATH, all);
        all.Signature = legacySign(secretKey, toSign, signatureMethod);
        return { ...req, url: `${req.url}?${encodeQuery(all)}` };
      },
    });
    const json = gateJson(res, {
      what,
      hint: say.t('Is the endpoint the Tencent Cloud legacy API?'),
      error: r => {
        const kind = r.status === 404 ? 'unsupported' : r.status >= 500 ? 'server' : 'bad-response';
        const answered = say.t('Tencent Cloud (legacy API) answered {0} with HTTP {1}.', what, r.status);
        const hint = say.t("This endpoint does not serve the legacy API: turn the connection's legacy option off.");
        return new ProviderError(kind, r.status === 404 ? say.t('{0} {1}', answered, hint) : answered, {
          status: r.status,
        });
      },
    });
    const body = asObject(json, '(body)');
    const code = toNumber(body.code);
    if (code === undefined) throw shapeError('code', 'number', body.code);
    if (code !== 0)
      throw legacyError(code, optString(body, 'message', '(body)') ?? '', optString(body, 'codeDesc', '(body)'), what);
    return body;
  }
}

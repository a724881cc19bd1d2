import * as say from '../../core/say';
import { randomUUID } from 'node:crypto';
import type { HttpClient } from '../../http/client';
import { gateJson } from '../../http/gate';
import { toAlibabaError, type TaskApi } from './errors';
import { parseErrorBody } from './wire';
import {
  EMPTY_SHA256,
  acs3Authorization,
  acs3Query,
  acsTimestamp,
  percentEncode,
  rpcSignature,
  type Params,
} from './signer';

export const API_VERSION = '2015-01-01';

export type SignatureScheme = 'acs3' | 'rpc-v1';

export interface AlibabaApiOptions {
  http: HttpClient;
  endpoint: string;
  accessKeyId: string;
  secret: string;
  scheme: SignatureScheme;
  taskApi: TaskApi;
  /** Real time for signatures (the server checks it against its own clock); tests leave it alone. */
  signingNow?: () => number;
}

function queryString(params: Params): string {
  return Object.keys(params)
    .sort()
    .map(k => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

/**
 * One signed R-kvstore call. Every attempt is signed afresh (a new nonce and time) through HttpClient's `sign` hook,
 * so a retried read is not rejected as a replay. All our calls are reads: POSTs marked idempotent.
 */
export class AlibabaApi {
  /** The endpoint's host, parsed on the first call (not in the constructor, which must not throw). */
  private host?: string;

  constructor(private readonly o: AlibabaApiOptions) {}

  async call(action: string, params: Params, what: say.Words, signal?: AbortSignal): Promise<unknown> {
    const host = (this.host ??= new URL(this.o.endpoint).host);
    const now = this.o.signingNow ?? Date.now;
    const res = await this.o.http.request({
      method: 'POST',
      url: `${this.o.endpoint}/`,
      idempotent: true,
      what,
      signal,
      sign: ({ headers }) => {
        const timestamp = acsTimestamp(now());
        const nonce = randomUUID();
        if (this.o.scheme === 'rpc-v1') {
          const all: Params = {
            ...params,
            Action: action,
            Format: 'JSON',
            Version: API_VERSION,
            AccessKeyId: this.o.accessKeyId,
            SignatureMethod: 'HMAC-SHA1',
            SignatureVersion: '1.0',
            SignatureNonce: nonce,
            Timestamp: timestamp,
          };
          all.Signature = rpcSignature('POST', all, this.o.secret);
          return { url: `${this.o.endpoint}/?${queryString(all)}`, headers };
        }
        const signedHeaders: Record<string, string> = {
          host,
          'x-acs-action': action,
          'x-acs-version': API_VERSION,
          'x-acs-date': timestamp,
          'x-acs-signature-nonce': nonce,
          'x-acs-content-sha256': EMPTY_SHA256,
        };
        // The same encoded, sorted query goes into the signature and the URL: built once.
        const qs = acs3Query(params);
        const authorization = acs3Authorization(
          {
            method: 'POST',
            path: '/',
            query: params,
            canonicalQuery: qs,
            headers: signedHeaders,
            payloadHash: EMPTY_SHA256,
          },
          this.o.accessKeyId,
          this.o.secret,
        );
        // undici sends Host as the URL's host (the port only when not the default), which is what was signed;
        // setting it by hand would also change the TLS server name, which breaks certificate pinning.
        const { host: _signedHost, ...sent } = signedHeaders;
        return { url: `${this.o.endpoint}/${qs ? `?${qs}` : ''}`, headers: { ...headers, ...sent, authorization } };
      },
    });
    return gateJson(res, {
      what,
      hint: say.t('Is the endpoint an Alibaba Cloud API?'),
      error: r => {
        let body: unknown;
        try {
          body = JSON.parse(r.text());
        } catch {
          body = undefined;
        }
        return toAlibabaError({
          action,
          status: r.status,
          body: parseErrorBody(body),
          retryAfterHeader: r.headers['x-acs-retry-after'],
          taskApi: this.o.taskApi,
          secrets: [this.o.secret],
        });
      },
    });
  }
}

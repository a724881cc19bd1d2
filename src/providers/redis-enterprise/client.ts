import * as say from '../../core/say';
import { ProviderError } from '../../core/errors';
import type { HttpClient, HttpResponse } from '../../http/client';
import { httpClientFor } from '../http';
import { gateJsonSliced, gateStatus } from '../../http/gate';
import type { ConnectionConfig, ConnectionSecret } from '../../core/connection';
import type { SourceDeps } from '../factory';
import { cancelError, errorFromResponse, type RequestPurpose } from './errors';

export const DEFAULT_PORT = 9443;

/** `cluster.example` → `https://cluster.example:9443`; an explicit scheme or port is kept. No trailing slash. */
export function baseUrl(endpoint: string | undefined): URL {
  const text = (endpoint ?? '').trim();
  if (!text)
    throw new ProviderError(
      'bad-request',
      say.t(
        "The connection has no cluster address. Edit it and enter the cluster's REST API endpoint, e.g. https://cluster.example.com:9443.",
      ),
    );
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ProviderError('bad-request', say.t('"{0}" is not a valid cluster address.', text));
  }
  if (!url.port && url.protocol === 'https:') url.port = String(DEFAULT_PORT);
  url.search = '';
  url.hash = '';
  return url;
}

/** A 2xx answer parsed as JSON, or the raw response when the caller handles statuses itself. */
export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The cluster REST API over HTTPS with basic auth; turns non-2xx answers into ProviderErrors. */
export class EnterpriseClient {
  readonly base: URL;
  private readonly http: HttpClient;
  private readonly authorization: string;

  constructor(config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps) {
    this.base = baseUrl(config.endpoint);
    this.authorization = `Basic ${Buffer.from(`${config.user ?? ''}:${secret.secret}`, 'utf8').toString('base64')}`;
    this.http = httpClientFor(config, deps);
  }

  url(path: string): string {
    return `${this.base.origin}${this.base.pathname.replace(/\/+$/, '')}${path}`;
  }

  /** The raw answer; statuses are the caller's business. */
  async raw(
    method: 'GET' | 'POST',
    path: string,
    purpose: RequestPurpose,
    options: GetOptions & { idempotent?: boolean } = {},
  ): Promise<HttpResponse> {
    return this.http.request({
      method,
      url: this.url(path),
      headers: { authorization: this.authorization, accept: 'application/json', ...(options.headers ?? {}) },
      idempotent: options.idempotent,
      signal: options.signal,
      what: purpose.what,
    });
  }

  /** GET that must answer 2xx with JSON. */
  async getJson(path: string, purpose: RequestPurpose, options: GetOptions = {}): Promise<unknown> {
    const res = await this.raw('GET', path, purpose, options);
    return gateJsonSliced(res, {
      what: purpose.what,
      hint: say.t("Is the endpoint the cluster's REST API (port 9443)?"),
      error: r => errorFromResponse(r, purpose),
    });
  }

  /** `POST /v1/crdb_tasks/{id}/actions/cancel`: sent exactly once, never retried (it is not idempotent). */
  async cancelCrdbTask(id: string, force: boolean, signal?: AbortSignal): Promise<void> {
    const path = `/v1/crdb_tasks/${encodeURIComponent(id)}/actions/cancel${force ? '?force=true' : ''}`;
    const res = await this.raw('POST', path, { what: say.t('canceling task {0}', id) }, { idempotent: false, signal });
    gateStatus(res, { what: say.t('canceling task {0}', id), error: r => cancelError(r, id) });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

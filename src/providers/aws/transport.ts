import type * as say from '../../core/say';
import type { HttpClient, HttpResponse } from '../../http/client';
import type { AwsCredentials, CredentialProvider } from './credentials';
import type { AwsService } from './endpoints';
import { signRequest } from './signing';

export interface TransportOptions {
  http: HttpClient;
  credentials: CredentialProvider;
  /** Real time for signatures (AWS compares X-Amz-Date with its own clock); tests leave it alone. */
  signingNow?: () => number;
}

export interface AwsRequest {
  service: AwsService;
  region: string;
  /** Base URL of the service in that region (or the override). */
  endpoint: string;
  headers: Record<string, string>;
  body: string;
  what: say.Words;
  /** Reads are retried by HttpClient; BatchStopUpdateAction passes false and is sent once. */
  idempotent: boolean;
  signal?: AbortSignal;
}

/**
 * Signs and sends one request through the shared HttpClient (proxy, timeouts, size cap, redacted logs, read
 * retries). The signature is computed once per call because `@smithy/signature-v4` is asynchronous and the HTTP
 * layer's per-attempt hook is not; a retry resends it, which AWS accepts for the 15 minutes a signature is valid,
 * far longer than the HTTP layer's retry delays.
 */
export class AwsTransport {
  constructor(private readonly o: TransportOptions) {}

  async send(req: AwsRequest): Promise<{ res: HttpResponse; credentials: AwsCredentials }> {
    const credentials = await this.o.credentials();
    const url = `${req.endpoint}/`;
    const now = this.o.signingNow ?? Date.now;
    const headers = await signRequest(
      { url, headers: req.headers, body: req.body },
      req.service,
      req.region,
      credentials,
      new Date(now()),
    );
    const res = await this.o.http.request({
      method: 'POST',
      url,
      headers,
      body: req.body,
      idempotent: req.idempotent,
      what: req.what,
      signal: req.signal,
    });
    return { res, credentials };
  }
}

export function secretsOf(c: AwsCredentials): string[] {
  return [c.secretAccessKey, ...(c.sessionToken ? [c.sessionToken] : [])];
}

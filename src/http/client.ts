import type * as say from '../core/say';
import { sleep } from '../core/time';
import { request as undiciRequest, type Dispatcher } from 'undici';
import { ProviderError } from '../core/errors';
import type { TlsTrust } from '../core/connection';
import { toProviderError, tooLarge } from './failure';
import { createDispatcher, type CertificateNote } from './tls';
import { parseRetryAfter, retryDelayMs, type RetryPolicy, DEFAULT_RETRY } from './retry';
import { redactUrl } from './redact';
import { checkRequestUrl } from './transport';
import { BoundsCounter, type ListSpan } from './bounds';
import { checkpoint } from '../core/slices';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Reads may be retried. Defaults to true for GET and HEAD; a caller marks a read-only POST (Tencent's Describe*). */
  idempotent?: boolean;
  /**
   * Called before every attempt to produce the final url, headers and body: signed APIs put a timestamp and a nonce
   * in the signature, so a retry must be signed afresh.
   */
  sign?: (req: { url: string; headers: Record<string, string>; body?: string }) => {
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** What the request is for, in words, for error messages ("the list of CRDB tasks"). */
  what?: say.Words;
}

/** The bounds are counted on this much of a chunk at a time: a fraction of a millisecond. */
const COUNT_BYTES = 64 * 1024;

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  /**
   * For a JSON answer, the expansion bound its body exceeds (undefined: none), counted while it was read; absent when
   * not counted (another content type, or a response built by hand), and the gate counts then.
   */
  bounds?: { exceeded: say.Said | undefined; spans?: readonly ListSpan[] };
}

export interface RequestLogEntry {
  method: string;
  /** With credentials and signatures removed. */
  url: string;
  status?: number;
  ms: number;
  attempt: number;
  error?: string;
}

export interface HttpClientOptions {
  tls?: TlsTrust;
  /** `http://host:port`; credentials in it are used but never logged. */
  proxy?: string;
  timeoutMs?: number;
  maxBytes?: number;
  retry?: RetryPolicy;
  /** Concurrent connections per origin. */
  connections?: number;
  log?: (entry: RequestLogEntry) => void;
  userAgent?: string;
  /**
   * The person chose, for this connection, to send credentials over plain HTTP to a host that is not this machine.
   * Without it such a request is refused before a byte is sent.
   */
  allowInsecureHttp?: boolean;
  /** Waits between retries (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source (tests pin it). */
  random?: () => number;
  /** Told once per connection when a pinned certificate has expired (accepted: the pin is the trust). */
  onCertificateNote?: (note: CertificateNote) => void;
}

// Read by the providers and tests beside the client.
export { normaliseFingerprint, type CertificateNote } from './tls';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly options: HttpClientOptions;

  constructor(options: HttpClientOptions = {}) {
    this.options = options;
    this.dispatcher = createDispatcher({
      tls: options.tls ?? { mode: 'system' },
      proxy: options.proxy,
      connections: options.connections ?? 6,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onCertificateNote: options.onCertificateNote,
    });
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const policy = this.options.retry ?? DEFAULT_RETRY;
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'HEAD');
    const attempts = idempotent ? policy.attempts : 1;
    // Before any byte: plain HTTP with credentials, a pin on http://, a path a dot segment would rewrite.
    checkRequestUrl(req.url, this.options.tls ?? { mode: 'system' }, this.options.allowInsecureHttp === true);
    const wait = this.options.sleep ?? sleep;
    let lastError: ProviderError | undefined;
    let timeouts = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        // Retry-After is a floor, never a licence to retry at once: the jittered backoff always applies.
        const backoff = retryDelayMs(policy, attempt - 1, this.options.random);
        await wait(Math.max(backoff, lastError?.retryAfterMs ?? 0), req.signal);
      }
      try {
        const res = await this.once(req, attempt);
        if (attempt < attempts && (res.status >= 500 || res.status === 429)) {
          lastError = new ProviderError(res.status === 429 ? 'throttled' : 'server', `HTTP ${res.status}`, {
            status: res.status,
            // Redis Cloud names its own header; others use the standard one.
            retryAfterMs: parseRetryAfter(
              res.headers['retry-after'] ?? res.headers['x-rate-limit-retry-after-seconds'],
              policy.maxDelayMs,
            ),
          });
          continue;
        }
        return res;
      } catch (e) {
        const err = e as ProviderError;
        // A server that let a whole timeout pass (a hang, a slow-loris trickle) gets one more chance, not two: with
        // the defaults a read gives up after about 60 s instead of 90.
        if (err.kind === 'timeout') timeouts++;
        const retriable = err.kind === 'network' || (err.kind === 'timeout' && timeouts < 2);
        if (!retriable || attempt >= attempts || req.signal?.aborted) throw err;
        lastError = err;
      }
    }
    throw lastError!;
  }

  private async once(req: HttpRequest, attempt: number): Promise<HttpResponse> {
    const started = Date.now();
    const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    const signed = req.sign
      ? req.sign({ url: req.url, headers, body: req.body })
      : { url: req.url, headers, body: req.body };
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = req.maxBytes ?? this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    // One controller aborted by our timer or by the caller, both undone when the request settles: cheaper than
    // AbortSignal.any over AbortSignal.timeout (≈4x the CPU per request), and no timer outlives its request.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(
      () => controller.abort(new DOMException('The request timed out.', 'TimeoutError')),
      timeoutMs,
    );
    const callerSignal = req.signal;
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    // Redacting parses the URL: done only when a log line or a message needs it.
    let redacted: string | undefined;
    const logUrl = () => (redacted ??= redactUrl(signed.url));
    const what = () => req.what ?? `${req.method} ${logUrl()}`;
    try {
      const res = await undiciRequest(signed.url, {
        method: req.method,
        headers: signed.headers,
        body: signed.body,
        dispatcher: this.dispatcher,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const lengthHeader = Number(res.headers['content-length']);
      if (Number.isFinite(lengthHeader) && lengthHeader > maxBytes) {
        discard(res.body);
        throw tooLarge(what(), maxBytes);
      }
      // With a length announced, one buffer of that size is filled in place: no chunk list plus a concatenated copy,
      // which doubled the peak for a 16 MB answer. A body that runs past its announced length falls back to chunks.
      const announced = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : 0;
      let filled: Buffer | undefined = announced ? Buffer.allocUnsafe(announced) : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      const contentType = res.headers['content-type'];
      const counter =
        typeof contentType === 'string' && /json/i.test(contentType)
          ? new BoundsCounter(undefined, { spans: true })
          : undefined;
      for await (const chunk of res.body) {
        const c = chunk as Buffer;
        // A socket read can hand over megabytes at once: counted a slice at a time, the loop let run between.
        if (counter)
          for (let at = 0; at < c.length; at += COUNT_BYTES) {
            if (at > 0) await checkpoint();
            counter.push(c.subarray(at, at + COUNT_BYTES));
          }
        if (size + c.length > maxBytes) {
          discard(res.body);
          throw tooLarge(what(), maxBytes);
        }
        if (filled && size + c.length <= filled.length) c.copy(filled, size);
        else {
          if (filled) chunks.push(filled.subarray(0, size));
          filled = undefined;
          chunks.push(c);
        }
        size += c.length;
      }
      const body = filled ? filled.subarray(0, size) : Buffer.concat(chunks, size);
      // Reading the answer is work that grows with it: it waits its turn when others already used this one.
      await checkpoint();
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      this.options.log?.({
        method: req.method,
        url: logUrl(),
        status: res.statusCode,
        ms: Date.now() - started,
        attempt,
      });
      const bounds = counter && { exceeded: counter.exceeded, spans: counter.spans };
      return { status: res.statusCode, headers: flat, body, text: () => body.toString('utf8'), bounds };
    } catch (e) {
      // Only our timer aborts the controller with a TimeoutError; the caller's abort is checked first anyway.
      const timedOut = signal.aborted && !callerSignal?.aborted ? signal : undefined;
      const err = toProviderError(e, what(), timeoutMs, callerSignal, timedOut, hostOf(signed.url));
      this.options.log?.({ method: req.method, url: logUrl(), ms: Date.now() - started, attempt, error: err.message });
      throw err;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * Stops reading a body we refuse. A bare destroy() makes undici's stream emit an AbortError that nobody listens to,
 * which Node turns into an uncaught exception that kills the process (the extension host, the CLI).
 */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** `host:port` of a URL, never its user info; `?` for one that does not parse (it was checked before sending). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}

import { sleep } from '../core/time';
import { readFileSync } from 'node:fs';
import { TLSSocket } from 'node:tls';
import {
  Agent,
  Pool,
  ProxyAgent,
  buildConnector,
  errors as undiciErrors,
  request as undiciRequest,
  type Dispatcher,
} from 'undici';
import { ProviderError } from '../core/errors';
import type { TlsTrust } from '../core/connection';
import { parseRetryAfter, retryDelayMs, type RetryPolicy, DEFAULT_RETRY } from './retry';
import { redactUrl } from './redact';
import { checkRequestUrl } from './transport';

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
  what?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
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

export interface CertificateNote {
  kind: 'pinned-expired';
  validTo: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** SHA-256 fingerprints as users paste them: `AB:CD:…`, `abcd…`, with or without a `sha256/` prefix. */
export function normaliseFingerprint(fp: string): string {
  // Only separators may be dropped: stripping every non-hex character would accept any text with 64 hex digits in it.
  const hex = fp
    .trim()
    .replace(/^sha-?256\s*[:/=]?\s*/i, '')
    .replace(/[:\s-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex))
    throw new ProviderError('tls', `"${fp}" is not a SHA-256 certificate fingerprint (64 hexadecimal digits).`);
  return hex.match(/../g)!.join(':');
}

/**
 * Every TLS socket we open, whatever the trust mode: renegotiation is refused, because a TLS 1.2 renegotiation can
 * present another certificate after the one we checked (the pin is checked once, at the handshake).
 */
function guardedConnector(
  base: buildConnector.connector,
  check?: (socket: TLSSocket) => Error | undefined,
): buildConnector.connector {
  return (opts, callback) => {
    base(opts, (err, socket) => {
      if (err || !socket) return callback(err, null);
      if (socket instanceof TLSSocket) {
        socket.disableRenegotiation();
        const refused = check?.(socket);
        if (refused) {
          socket.destroy();
          return callback(refused, null);
        }
      }
      callback(null, socket);
    });
  };
}

/**
 * Accepts the server's certificate only when its SHA-256 fingerprint is the pinned one. Chain verification is
 * replaced by the pin, which is stricter: only this exact certificate is trusted, not anything a CA signs. An expired
 * pinned certificate is still this certificate: accepted, and reported once so the connection can say so.
 */
function pinnedConnector(
  fingerprint256: string,
  timeoutMs: number,
  onNote?: (note: CertificateNote) => void,
): buildConnector.connector {
  const pin = normaliseFingerprint(fingerprint256);
  // No session resumption: a resumed session presents no certificate, and the pin must be checked on every connection.
  const base = buildConnector({ rejectUnauthorized: false, timeout: timeoutMs, maxCachedSessions: 0 });
  let noted = false;
  return guardedConnector(base, socket => {
    const cert = socket.getPeerCertificate();
    const got = cert && cert.fingerprint256;
    if (got !== pin) {
      return new ProviderError(
        'tls',
        `The server's certificate (SHA-256 ${got || 'none'}) is not the pinned one (${pin}). ` +
          'If the cluster certificate was replaced on purpose, edit the connection and pin the new one.',
        { code: 'PIN_MISMATCH' },
      );
    }
    const validTo = Date.parse(cert.valid_to);
    if (!noted && onNote && Number.isFinite(validTo) && validTo < Date.now()) {
      noted = true;
      onNote({ kind: 'pinned-expired', validTo: cert.valid_to });
    }
    return undefined;
  });
}

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly options: HttpClientOptions;

  constructor(options: HttpClientOptions = {}) {
    this.options = options;
    const tls = options.tls ?? { mode: 'system' };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connections = options.connections ?? 6;
    const ca = tls.mode === 'ca-file' ? readCa(tls.caFile) : undefined;
    if (options.proxy) {
      if (tls.mode === 'pinned') {
        throw new ProviderError(
          'tls',
          'A pinned certificate cannot be used through a proxy yet. Trust the cluster through a CA file instead.',
        );
      }
      this.dispatcher = new ProxyAgent({
        uri: options.proxy,
        connections,
        requestTls: ca ? { ca } : {},
        // The tunnel's TLS socket to the server is made inside ProxyAgent; its pool's connector is where we see it.
        factory: (origin: string | URL, opts: object) => {
          const o = opts as Pool.Options & { connect: buildConnector.connector };
          return new Pool(origin, { ...o, connect: guardedConnector(o.connect) });
        },
      });
    } else {
      this.dispatcher = new Agent({
        connections,
        keepAliveTimeout: 30_000,
        connect:
          tls.mode === 'pinned'
            ? pinnedConnector(tls.fingerprint256, timeoutMs, options.onCertificateNote)
            : guardedConnector(buildConnector({ ca, timeout: timeoutMs })),
      });
    }
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
      for await (const chunk of res.body) {
        const c = chunk as Buffer;
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
      return { status: res.statusCode, headers: flat, body, text: () => body.toString('utf8') };
    } catch (e) {
      // Only our timer aborts the controller with a TimeoutError; the caller's abort is checked first anyway.
      const timedOut = signal.aborted && !callerSignal?.aborted ? signal : undefined;
      const err = toProviderError(e, what(), timeoutMs, callerSignal, timedOut);
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

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProviderError('tls', `Cannot read the CA file ${file}: ${(e as Error).message}`, { cause: e });
  }
}

function tooLarge(what: string, maxBytes: number): ProviderError {
  return new ProviderError(
    'bad-response',
    `The answer to ${what} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB and was not read.`,
  );
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function toProviderError(
  e: unknown,
  what: string,
  timeoutMs: number,
  callerSignal?: AbortSignal,
  timeoutSignal?: AbortSignal,
): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  // Only Node's string codes: a DOMException (the timeout's AbortSignal) has a numeric legacy `code` such as 23.
  const rawCode = err?.code ?? err?.cause?.code;
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  if (callerSignal?.aborted) return new ProviderError('aborted', `Stopped waiting for ${what}.`, { cause: e });
  // undici refuses a header value with a line break before sending: a pasted credential, not the network.
  if (e instanceof undiciErrors.InvalidArgumentError) {
    return new ProviderError(
      'bad-request',
      `${what} could not be sent: a credential, region or option contains a line break or another character HTTP does not allow.`,
      { cause: e, code: 'INVALID_REQUEST' },
    );
  }
  if (
    timeoutSignal?.aborted ||
    e instanceof undiciErrors.HeadersTimeoutError ||
    e instanceof undiciErrors.BodyTimeoutError ||
    e instanceof undiciErrors.ConnectTimeoutError ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new ProviderError('timeout', `No answer to ${what} within ${Math.round(timeoutMs / 1000)} s.`, {
      cause: e,
      code,
    });
  }
  if (code && TLS_CODES.has(code)) {
    const hint =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? ' The server uses a self-signed certificate: pin its fingerprint or trust its CA file in the connection.'
        : '';
    return new ProviderError('tls', `The server's certificate was not accepted (${code}).${hint}`, { cause: e, code });
  }
  if (code === 'ECONNREFUSED')
    return new ProviderError('network', `Connection refused for ${what}: is the endpoint and port right?`, {
      cause: e,
      code,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ProviderError('network', `Host not found for ${what}.`, { cause: e, code });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || e instanceof undiciErrors.SocketError) {
    return new ProviderError('network', `The connection was closed during ${what}.`, { cause: e, code });
  }
  const message = err?.message || String(e);
  return new ProviderError('network', `${what} failed: ${message}`, { cause: e, code });
}

import * as say from './say';

/**
 * Every failure that reaches a person is a ProviderError: a kind the UI and CLI can branch on (exit codes, retry
 * rules, icons) and a message written for the person reading it. Messages never contain credentials.
 * `message` is English (the CLI, the log); `localizable`, when the message is ours, is its template and arguments, so
 * the extension can say it in VS Code's language (`errorText`, src/extension/errorText.ts).
 */

export type ErrorKind =
  | 'auth' // credentials wrong or expired, signature rejected
  | 'forbidden' // credentials fine, role lacks permission
  | 'not-found'
  | 'not-cancelable' // Redis Enterprise 406: the task reached its commit phase
  | 'conflict' // Redis Enterprise 409: failed to cancel
  | 'throttled'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'bad-response' // malformed, wrong shape, too large, wrong content type
  | 'bad-request' // the server rejected a parameter
  | 'unsupported' // this server does not have the endpoint (older cluster, legacy API)
  | 'server' // 5xx
  | 'aborted' // we stopped waiting (view closed, superseded)
  | 'internal'; // a bug of ours: never shown as a connection problem; the HTTP layer never retries it

export interface ProviderErrorDetails {
  status?: number;
  /** The provider's own error code (`AuthFailure.SignatureFailure`, `Throttling.User`, `internal_error`). */
  code?: string;
  requestId?: string;
  /** How long the server asked us to wait before the next request. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * dist/extension.js, dist/http.js and each lazily loaded provider bundle hold their own copy of this file, so there
 * are several ProviderError classes at run time. A brand in the global symbol registry lets `instanceof` recognise them all: without it a 406 from
 * a provider would not read as `not-cancelable` in the extension, and no forced cancel would be offered.
 */
const BRAND: unique symbol = Symbol.for('redis-task-browser.ProviderError') as never;

export class ProviderError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;

  readonly kind: ErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /** The message as a template and its arguments; absent when it is not ours to translate (a system error's text). */
  readonly localizable?: say.Said;

  constructor(kind: ErrorKind, message: string | say.Said, details: ProviderErrorDetails = {}) {
    super(
      typeof message === 'string' ? message : say.english(message),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    if (typeof message !== 'string') this.localizable = message;
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** One line for logs and the CLI: the message, then the provider's code and request id when known. */
  describe(): string {
    const extra = [this.code && `code ${this.code}`, this.requestId && `request ${this.requestId}`].filter(Boolean);
    return extra.length ? `${this.message} (${extra.join(', ')})` : this.message;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/**
 * Anything thrown, as a ProviderError, so callers handle one type. Node's system errors (with a `code`) are network
 * trouble; any other Error is a bug of ours and must not pass for a connection problem that a retry could fix.
 */
export function asProviderError(e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  if (e instanceof Error && e.name === 'AbortError')
    return new ProviderError('aborted', say.t('The request was canceled.'), { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') {
    return new ProviderError('network', message, { cause: e, code: (e as NodeJS.ErrnoException).code });
  }
  return new ProviderError('internal', say.t('Internal error in Redis Task Browser: {0}', message), { cause: e });
}

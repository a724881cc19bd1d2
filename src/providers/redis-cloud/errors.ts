import { ProviderError, type ErrorKind } from '../../core/errors';
import * as say from '../../core/say';
import type { HttpResponse } from '../../http/client';
import { parseRetryAfter } from '../../http/retry';

/** Longest wait we accept from the server before telling the user instead. */
const MAX_RETRY_AFTER_MS = 120_000;

export interface ErrorBody {
  code?: string;
  message?: string;
}

/**
 * Error bodies come as `{error: {type, status, description}}` (the API's own), Spring's
 * `{timestamp, status, error: "Unauthorized", message, path}`, or not JSON at all (a proxy's HTML page).
 */
export function readErrorBody(text: string): ErrorBody {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  if (o.error && typeof o.error === 'object' && !Array.isArray(o.error)) {
    const e = o.error as Record<string, unknown>;
    return { code: str(e.type), message: str(e.description) ?? str(o.message) };
  }
  return { code: str(o.error) ?? str(o.code), message: str(o.message) ?? str(o.description) };
}

/** `x-rate-limit-retry-after-seconds` (Redis Cloud's own) or the standard `Retry-After`. */
export function retryAfterMs(headers: Record<string, string>): number | undefined {
  return parseRetryAfter(headers['x-rate-limit-retry-after-seconds'] ?? headers['retry-after'], MAX_RETRY_AFTER_MS);
}

function kindFor(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status === 412) return 'unsupported';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad-request';
  return 'bad-response';
}

const ADVICE: Partial<Record<ErrorKind, say.Said>> = {
  auth: say.t('Check the API account key and the user secret key, and that API access is enabled for the account.'),
  forbidden: say.t(
    "The key is valid but not allowed here: check the key's source IP restrictions and the user's role.",
  ),
  throttled: say.t(
    "The account's API request quota (400 per minute by default) is used up; requests slow down and resume shortly.",
  ),
  unsupported: say.t('This account does not have the feature behind this endpoint.'),
  server: say.t('Redis Cloud had a problem; try again later.'),
};

/** A non-2xx answer as a ProviderError; `redact` removes anything secret the server might have echoed. */
export function errorFromResponse(res: HttpResponse, what: say.Words, redact: (s: string) => string): ProviderError {
  const body = readErrorBody(res.text());
  const kind = kindFor(res.status);
  // The server's own words go in untranslated; our advice follows in the reader's language.
  const refused = body.message
    ? say.t('Redis Cloud refused {0} (HTTP {1}): {2}.', what, res.status, redact(body.message))
    : say.t('Redis Cloud refused {0} (HTTP {1}).', what, res.status);
  const advice = ADVICE[kind];
  return new ProviderError(kind, advice ? say.t('{0} {1}', refused, advice) : refused, {
    status: res.status,
    code: body.code ? redact(body.code) : undefined,
    requestId: res.headers['x-request-id'] ?? res.headers['x-amzn-requestid'],
    retryAfterMs: kind === 'throttled' ? retryAfterMs(res.headers) : undefined,
  });
}

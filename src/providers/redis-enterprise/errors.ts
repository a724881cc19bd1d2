import { ProviderError } from '../../core/errors';
import type { HttpResponse } from '../../http/client';
import { parseRetryAfter } from '../../http/retry';

/** What a request was for, so an error can say what failed and which permission it needs. */
export interface RequestPurpose {
  /** In words: "the list of CRDB tasks". */
  what: string;
  /** The role permission the call needs (named in 403 messages). */
  permission?: string;
}

interface ErrorBody {
  code?: string;
  message?: string;
}

/** `{error_code, message}` when the body is JSON of that shape; nothing otherwise (HTML from a proxy, empty). */
export function readErrorBody(res: HttpResponse): ErrorBody {
  try {
    const v: unknown = JSON.parse(res.text());
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const code = typeof o.error_code === 'string' ? o.error_code : undefined;
      const message =
        typeof o.message === 'string' ? o.message : typeof o.description === 'string' ? o.description : undefined;
      return { code, message };
    }
  } catch {
    // Not JSON: the status alone has to speak.
  }
  return {};
}

/** A non-2xx answer as a ProviderError. Status codes per the cluster REST API docs (apis.md §1). */
export function errorFromResponse(res: HttpResponse, purpose: RequestPurpose): ProviderError {
  const body = readErrorBody(res);
  const details = { status: res.status, code: body.code };
  const serverSays = body.message ? ` The cluster said: ${body.message}` : '';
  switch (res.status) {
    case 400:
      return new ProviderError(
        'bad-request',
        `The cluster rejected the request for ${purpose.what} as malformed.${serverSays}`,
        details,
      );
    case 401:
      return new ProviderError('auth', 'The cluster rejected the user name or password.', details);
    case 403:
      return new ProviderError(
        'forbidden',
        purpose.permission
          ? `The user's role lacks the ${purpose.permission} permission needed for ${purpose.what}.`
          : `The user's role is not allowed to read ${purpose.what}.`,
        details,
      );
    case 404:
      return new ProviderError('not-found', `Not found on the cluster: ${purpose.what}.${serverSays}`, details);
    case 429:
      // A cluster behind a gateway (or a busy node) asks us to slow down: the poller backs off instead of alarming.
      return new ProviderError('throttled', `The cluster asked to slow down (HTTP 429) for ${purpose.what}.`, {
        ...details,
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], 60_000),
      });
    case 503:
      return new ProviderError(
        'server',
        `The cluster node is not responding (HTTP 503) for ${purpose.what}. Try again, or connect to another node.`,
        details,
      );
    default:
      if (res.status >= 500) {
        return new ProviderError(
          'server',
          `The cluster failed to answer ${purpose.what} (HTTP ${res.status}).${serverSays}`,
          details,
        );
      }
      return new ProviderError(
        'bad-response',
        `Unexpected HTTP ${res.status} for ${purpose.what}.${serverSays}`,
        details,
      );
  }
}

/** The cancel call's own answers: each status is its own situation for the person who asked. */
export function cancelError(res: HttpResponse, id: string): ProviderError {
  const body = readErrorBody(res);
  const details = { status: res.status, code: body.code };
  switch (res.status) {
    case 404:
      return new ProviderError('not-found', `Task ${id} no longer exists on the cluster.`, details);
    case 406:
      return new ProviderError(
        'not-cancelable',
        `Task ${id} reached its commit phase and cannot be canceled gracefully. A forced cancel is possible but can ` +
          'break the Active-Active database in the cluster configuration store.',
        details,
      );
    case 409:
      return new ProviderError(
        'conflict',
        `The cluster failed to cancel task ${id}: ${body.message ?? 'no reason given'}`,
        details,
      );
    default:
      return errorFromResponse(res, { what: `canceling task ${id}` });
  }
}

import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { HttpResponse } from '../../http/client';
import { parseRetryAfter } from '../../http/retry';

/** What a request was for, so an error can say what failed and which permission it needs. */
export interface RequestPurpose {
  /** In words: "the list of CRDB tasks". */
  what: say.Words;
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
  const what = purpose.what;
  // The cluster's own words follow ours, untranslated.
  const serverSays = (said: say.Said): say.Said =>
    body.message ? say.t('{0} The cluster said: {1}', said, body.message) : said;
  switch (res.status) {
    case 400:
      return new ProviderError(
        'bad-request',
        serverSays(say.t('The cluster rejected the request for {0} as malformed.', what)),
        details,
      );
    case 401:
      return new ProviderError('auth', say.t('The cluster rejected the user name or password.'), details);
    case 403:
      return new ProviderError(
        'forbidden',
        purpose.permission
          ? say.t("The user's role lacks the {0} permission needed for {1}.", purpose.permission, what)
          : say.t("The user's role is not allowed to read {0}.", what),
        details,
      );
    case 404:
      return new ProviderError('not-found', serverSays(say.t('Not found on the cluster: {0}.', what)), details);
    case 429:
      // A cluster behind a gateway (or a busy node) asks us to slow down: the poller backs off instead of alarming.
      return new ProviderError('throttled', say.t('The cluster asked to slow down (HTTP 429) for {0}.', what), {
        ...details,
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], 60_000),
      });
    case 503:
      return new ProviderError(
        'server',
        say.t('The cluster node is not responding (HTTP 503) for {0}. Try again, or connect to another node.', what),
        details,
      );
    default:
      if (res.status >= 500) {
        return new ProviderError(
          'server',
          serverSays(say.t('The cluster failed to answer {0} (HTTP {1}).', what, res.status)),
          details,
        );
      }
      return new ProviderError(
        'bad-response',
        serverSays(say.t('Unexpected HTTP {0} for {1}.', res.status, what)),
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
      return new ProviderError('not-found', say.t('Task {0} no longer exists on the cluster.', id), details);
    case 406:
      return new ProviderError(
        'not-cancelable',
        say.t(
          'Task {0} reached its commit phase and cannot be canceled gracefully. A forced cancel is possible but can break the Active-Active database in the cluster configuration store.',
          id,
        ),
        details,
      );
    case 409:
      return new ProviderError(
        'conflict',
        body.message
          ? say.t('The cluster failed to cancel task {0}: {1}', id, body.message)
          : say.t('The cluster failed to cancel task {0}: no reason given', id),
        details,
      );
    default:
      return errorFromResponse(res, { what: say.t('canceling task {0}', id) });
  }
}

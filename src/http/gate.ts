import { ProviderError } from '../core/errors';
import * as say from '../core/say';
import { parseJson } from '../core/shape';
import { boundsError, exceededBound } from './bounds';
import type { HttpResponse } from './client';
import { requireJson } from './content-type';
import { parseJsonSliced } from './sliced-json';

export interface GateOptions {
  /** In words, for messages: "the list of tasks". */
  what: say.Words;
  /** Added to a wrong-content-type message: "Is the endpoint the Redis Cloud API?". */
  hint?: say.Said;
  /**
   * The provider's reading of a 4xx or 5xx answer. It gets a response whose body passed the bounds (else an empty
   * body), so an error page cannot expand either.
   */
  error(res: HttpResponse): ProviderError;
}

const EMPTY = Buffer.alloc(0);

/**
 * The one response gate every provider goes through, before anything is parsed. In order: the size cap was applied
 * while reading (HttpClient); the status class decides success (2xx only: a 3xx is never a list that happens to be
 * empty); a 4xx/5xx goes to the provider's own error reader; the content type must be JSON; the expansion bounds
 * hold; only then is the body parsed.
 */
export function gateJson(res: HttpResponse, options: GateOptions): unknown {
  gate(res, options);
  return parseJson(res.text(), options.what);
}

/**
 * The same gate for an answer that can be long and comes whole (Redis Enterprise's lists do not page): its long lists
 * are parsed in slices, the event loop let run between them (`http/sliced-json.ts`). The value is `gateJson`'s.
 */
export async function gateJsonSliced(res: HttpResponse, options: GateOptions): Promise<unknown> {
  gate(res, options);
  return parseJsonSliced(res.body, res.bounds?.spans, text => parseJson(text, options.what));
}

/** Every check of the gate before the body is parsed; throws the first that fails. */
function gate(res: HttpResponse, options: GateOptions): void {
  const { what } = options;
  if (res.status >= 400 && res.status <= 599) {
    const safe =
      boundOf(res) === undefined ? res : { ...res, body: EMPTY, text: () => '', bounds: { exceeded: undefined } };
    throw options.error(safe);
  }
  if (res.status < 200 || res.status > 299) {
    const redirect = res.status >= 300 && res.status <= 399;
    throw new ProviderError(
      'bad-response',
      redirect
        ? say.t(
            'The server answered {0} with a redirect (HTTP {1}), which is not followed: credentials must not travel to another address. Check the endpoint.',
            what,
            res.status,
          )
        : say.t('The server answered {0} with HTTP {1}, which is not an answer.', what, res.status),
      { status: res.status, code: `HTTP${res.status}` },
    );
  }
  requireJson(res, what, options.hint);
  const bound = boundOf(res);
  if (bound) throw boundsError(what, bound, res.status);
}

/** The same status decision for an answer whose body we do not read (a cancel's 200 or 202). */
export function gateStatus(res: HttpResponse, options: Omit<GateOptions, 'hint'>): void {
  if (res.status >= 200 && res.status <= 299) return;
  gateJson(res, { ...options, hint: undefined });
}

/** Counted by the client while the body arrived when it could be, else here. */
function boundOf(res: HttpResponse): say.Said | undefined {
  return res.bounds ? res.bounds.exceeded : exceededBound(res.body);
}

import { ProviderError } from '../core/errors';
import * as say from '../core/say';
import type { HttpResponse } from './client';

/**
 * Refuses a 2xx answer that says it is not JSON (a proxy's login page, a maintenance page, a captive portal) before
 * anyone tries to parse it, with a message that names what came instead of quoting the page itself: a page can carry
 * markup, terminal escapes or text a hostile server chose, none of which belongs in an error message.
 */
export function requireJson(res: HttpResponse, what: say.Words, hint?: say.Said): void {
  const ct = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!ct || /[/+]json$/.test(ct)) return;
  const said =
    ct === 'text/html'
      ? say.t('The answer to {0} is an HTML page, not JSON.', what)
      : say.t(
          'The answer to {0} is content of type {1}, not JSON.',
          what,
          ct.replace(/[^a-z0-9.+/-]/g, '?').slice(0, 60),
        );
  throw new ProviderError('bad-response', hint ? say.t('{0} {1}', said, hint) : said, { status: res.status });
}

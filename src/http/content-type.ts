import { ProviderError } from '../core/errors';
import type { HttpResponse } from './client';

/**
 * Refuses a 2xx answer that says it is not JSON (a proxy's login page, a maintenance page, a captive portal) before
 * anyone tries to parse it, with a message that names what came instead of quoting the page itself: a page can carry
 * markup, terminal escapes or text a hostile server chose, none of which belongs in an error message.
 */
export function requireJson(res: HttpResponse, what: string, hint = ''): void {
  const ct = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!ct || /[/+]json$/.test(ct)) return;
  const kind =
    ct === 'text/html' ? 'an HTML page' : `content of type ${ct.replace(/[^a-z0-9.+/-]/g, '?').slice(0, 60)}`;
  throw new ProviderError('bad-response', `The answer to ${what} is ${kind}, not JSON.${hint ? ` ${hint}` : ''}`, {
    status: res.status,
  });
}

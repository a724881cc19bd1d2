import { ProviderError } from '../core/errors';
import * as say from '../core/say';
import type { TlsTrust } from '../core/connection';

import { isLoopbackHost } from '../core/loopback';

export { isLoopbackHost } from '../core/loopback';

/** `.` and `..` as a path segment, literally or percent-encoded: the URL parser would rewrite the path. */
function hasDotSegment(path: string): boolean {
  return path.split('/').some(seg => {
    const s = seg.replace(/%2e/gi, '.');
    return s === '.' || s === '..';
  });
}

/**
 * Decides, before anything is sent, whether a request may go out as built:
 * - credentials never cross plain HTTP to another machine unless the connection says so (`allowInsecureHttp`);
 * - a pin or a CA file on an http:// URL would silently not apply: that is an error, not a downgrade;
 * - a task id of `.` or `..` must not turn `/v1/crdb_tasks/../actions/cancel` into another endpoint.
 */
export function checkRequestUrl(raw: string, tls: TlsTrust, allowInsecureHttp: boolean): void {
  const schemeEnd = raw.indexOf('://');
  const scheme = raw.slice(0, schemeEnd).toLowerCase();
  const rest = raw.slice(schemeEnd + 3);
  const pathStart = rest.search(/[/?#]/);
  const path = pathStart === -1 ? '' : rest.slice(pathStart).split(/[?#]/)[0];
  if (hasDotSegment(path)) {
    throw new ProviderError(
      'bad-request',
      say.t('The request was not sent: a task id of "." or ".." would change which endpoint is called.'),
      { code: 'DOT_SEGMENT' },
    );
  }
  if (scheme !== 'http') return;
  let host: string;
  try {
    host = new URL(raw).hostname;
  } catch {
    throw new ProviderError('bad-request', say.t('The request URL is not valid.'));
  }
  if (tls.mode !== 'system') {
    throw new ProviderError(
      'tls',
      tls.mode === 'pinned'
        ? say.t(
            'The endpoint uses plain http://, where a pinned certificate cannot apply. Use https://, or remove the certificate setting.',
          )
        : say.t(
            'The endpoint uses plain http://, where a CA file cannot apply. Use https://, or remove the certificate setting.',
          ),
      { code: 'TLS_ON_PLAIN_HTTP' },
    );
  }
  if (!allowInsecureHttp && !isLoopbackHost(host)) {
    throw new ProviderError(
      'tls',
      say.t(
        "Refusing to send credentials in clear text to {0} over plain http://. Use https://, or allow insecure HTTP for this connection explicitly (allowInsecureHttp; the CLI's --allow-insecure-http).",
        host,
      ),
      { code: 'INSECURE_HTTP' },
    );
  }
}

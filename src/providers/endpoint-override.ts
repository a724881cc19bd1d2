import { ProviderError } from '../core/errors';
import * as say from '../core/say';

/**
 * A cloud API's endpoint as a person overrides it (a VPC endpoint, a proxy host, the emulator): its origin, a bare
 * `host:port` meaning HTTPS; undefined when nothing was typed, so the caller uses the region's public host.
 */
export function endpointOrigin(override: string | undefined): string | undefined {
  const raw = override?.trim();
  if (!raw) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProviderError('bad-request', say.t('The endpoint "{0}" is not a URL or host name.', raw));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ProviderError('bad-request', say.t('The endpoint "{0}" must use http or https.', raw));
  return `${url.protocol}//${url.host}`;
}

import { ProviderError } from '../core/errors';

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
    throw new ProviderError('bad-request', `The endpoint "${raw}" is not a URL or host name.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ProviderError('bad-request', `The endpoint "${raw}" must use http or https.`);
  return `${url.protocol}//${url.host}`;
}

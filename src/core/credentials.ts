import type { ConnectionConfig, ConnectionSecret } from './connection';

/**
 * A line break or another control character in a credential or a region cannot be sent (HTTP headers refuse it) and
 * would otherwise surface as a "network error" that is retried: it is a typing or pasting mistake, said as such.
 * Returns the name of the first bad field, or undefined.
 */
export function badCredentialField(
  config: Pick<ConnectionConfig, 'user' | 'region'>,
  secret?: ConnectionSecret,
): 'user' | 'region' | 'secret' | undefined {
  const bad = (s: string | undefined) => s !== undefined && /[\u0000-\u001f\u007f]/.test(s);
  if (bad(config.user)) return 'user';
  if (bad(config.region)) return 'region';
  if (bad(secret?.secret)) return 'secret';
  return undefined;
}

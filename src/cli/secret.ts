import type { ConnectionSecret } from '../core/connection';
import type { ProviderId } from '../core/task';
import { secretEnvName } from './args';
import type { CliIo } from './io';
import { UsageError } from './usageError';

const SECRET_NAME: Record<ProviderId, string> = {
  'redis-enterprise': 'Password',
  'redis-cloud': 'Redis Cloud user API secret key',
  tencent: 'Tencent Cloud SecretKey',
  alibaba: 'Alibaba Cloud AccessKey secret',
  aws: 'AWS secret access key',
};

/**
 * The secret, never from argv: the provider's environment variable, else the first line of piped stdin, else a
 * prompt without echo on a terminal.
 */
export async function readSecret(provider: ProviderId, user: string | undefined, io: CliIo): Promise<ConnectionSecret> {
  const envName = secretEnvName(provider);
  const fromEnv = io.env[envName];
  if (fromEnv) return { secret: fromEnv };
  if (!io.stdinIsTTY) {
    const line = await io.readStdinLine();
    const secret = line?.replace(/\r$/, '');
    if (secret) return { secret };
    throw new UsageError(`No secret: set ${envName} or pipe the secret as the first line of stdin.`);
  }
  const secret = await io.prompt(`${SECRET_NAME[provider]}${user ? ` for ${user}` : ''}: `, { echo: false });
  if (!secret) throw new UsageError(`No secret was typed. Set ${envName} to avoid the prompt.`);
  return { secret };
}

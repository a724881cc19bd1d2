import type { ConnectionSecret } from '../core/connection';
import type { ProviderId } from '../core/task';
import { secretEnvName } from './args';
import type { CliIo } from './io';
import { UsageError } from './usageError';
import { descriptorOf } from '../providers/registry';

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
  const secret = await io.prompt(`${descriptorOf(provider).cli.secretName}${user ? ` for ${user}` : ''}: `, {
    echo: false,
  });
  if (!secret) throw new UsageError(`No secret was typed. Set ${envName} to avoid the prompt.`);
  return { secret };
}

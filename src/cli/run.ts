import type { ConnectionConfig, ConnectionSecret, TlsTrust } from '../core/connection';
import { ProviderError } from '../core/errors';
import type { TaskSource } from '../core/source';
import { scrub } from '../http/redact';
import { probeCertificate } from '../http/probe';
import { createSource } from '../providers';
import type { SourceDeps } from '../providers/factory';
import { parseArgs, type CliArgs, type CommandName } from './args';
import { cancelCommand } from './commands/cancel';
import { fingerprintCommand } from './commands/fingerprint';
import { getCommand } from './commands/get';
import { listCommand } from './commands/list';
import { waitCommand } from './commands/wait';
import type { CommandContext } from './context';
import { EXIT, exitCodeFor, type ExitCode } from './exitCodes';
import { painter, terminalSafe } from './format';
import { helpText } from './help';
import type { CliDeps, CliIo, OutStream } from './io';
import { readSecret } from './secret';
import { UsageError } from './usageError';

export { EXIT } from './exitCodes';
export type { CliDeps, CliIo } from './io';

const COMMANDS: Record<CommandName, (ctx: CommandContext) => Promise<ExitCode>> = {
  list: listCommand,
  get: getCommand,
  cancel: cancelCommand,
  wait: waitCommand,
  fingerprint: fingerprintCommand,
};

const USER_FLAG: Record<ConnectionConfig['provider'], string> = {
  'redis-enterprise': '--user',
  'redis-cloud': '--account-key',
  tencent: '--secret-id',
  alibaba: '--access-key-id',
  aws: '--access-key-id',
};

export const defaultDeps: CliDeps = {
  createSource,
  probeCertificate,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  now: Date.now,
};

/** The whole tool, as a function: arguments and the outside world in, an exit code out. Never throws. */
export async function runCli(argv: readonly string[], rawIo: CliIo, overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps: CliDeps = { ...defaultDeps, ...overrides };
  // Every byte written goes through the scrubber once the secret is known: a last line of defence for messages
  // that echo a server's answer.
  const secrets: string[] = [];
  const io: CliIo = { ...rawIo, stdout: scrubbed(rawIo.stdout, secrets), stderr: scrubbed(rawIo.stderr, secrets) };
  let command: CommandName | undefined;
  let source: TaskSource | undefined;
  try {
    const args = parseArgs(argv, io.env, deps.now());
    command = args.command;
    if (args.help || !args.command) {
      (args.help ? io.stdout : io.stderr).write(helpText(args.command));
      return args.help ? EXIT.ok : EXIT.usage;
    }
    const ctx: CommandContext = {
      args,
      io,
      deps,
      paint: painter(io.stdout.isTTY, io.env),
      note: text => io.stderr.write(`${text}\n`),
      openSource: async () => {
        const config = connectionConfig(args);
        const secret = await cliSecret(args, io);
        secrets.push(secret.secret, ...(secret.sessionToken ? [secret.sessionToken] : []));
        source = deps.createSource(config, secret, sourceDeps(args, io, deps));
        return source;
      },
    };
    return await COMMANDS[args.command](ctx);
  } catch (e) {
    return report(e, io, command);
  } finally {
    await source?.close().catch(() => undefined);
  }
}

function report(e: unknown, io: CliIo, command: CommandName | undefined): number {
  if (e instanceof UsageError) {
    io.stderr.write(
      `redis-tasks: ${e.message}\nRun "redis-tasks ${e.command ?? command ?? ''}${(e.command ?? command) ? ' ' : ''}--help" for usage.\n`,
    );
    return EXIT.usage;
  }
  if (e instanceof ProviderError) {
    io.stderr.write(`redis-tasks: ${e.describe()}\n`);
    return exitCodeFor(e.kind);
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`redis-tasks: ${message}\n`);
  return EXIT.other;
}

export function connectionConfig(args: CliArgs): ConnectionConfig {
  if (args.provider === 'redis-enterprise' && !args.endpoint) {
    throw new UsageError(
      'Redis Enterprise needs --endpoint https://cluster:9443 (or REDIS_TASKS_ENDPOINT).',
      args.command,
    );
  }
  // AWS (in progress): a profile or the default credential chain needs no key on the command line.
  if (!args.user && args.provider !== 'aws') {
    throw new UsageError(`${args.provider} needs ${USER_FLAG[args.provider]} (or REDIS_TASKS_USER).`, args.command);
  }
  if (args.provider === 'aws' && !args.region)
    throw new UsageError('aws needs --region (one or more, comma-separated: us-east-1,eu-west-1).', args.command);
  const tls: TlsTrust =
    args.fingerprint !== undefined
      ? { mode: 'pinned', fingerprint256: args.fingerprint }
      : args.caFile !== undefined
        ? { mode: 'ca-file', caFile: args.caFile }
        : { mode: 'system' };
  return {
    id: 'cli',
    name: 'redis-tasks',
    provider: args.provider,
    endpoint: args.endpoint,
    user: args.user,
    region: args.region,
    tls,
    options: awsOptions(args),
  };
}

function awsOptions(args: CliArgs): CliArgs['options'] | undefined {
  const options = args.profile ? { ...args.options, profile: args.profile } : args.options;
  return Object.keys(options).length ? options : undefined;
}

/**
 * AWS (in progress) signs in with a profile or the default chain when no access key is given, so nothing is read;
 * a typed access key takes its secret like every provider, and a session token only from REDIS_TASKS_SESSION_TOKEN.
 */
async function cliSecret(args: CliArgs, io: CliIo): Promise<ConnectionSecret> {
  if (args.provider !== 'aws') return readSecret(args.provider, args.user, io);
  if (!args.user) return { secret: '' };
  const secret = await readSecret(args.provider, args.user, io);
  const token = io.env.REDIS_TASKS_SESSION_TOKEN;
  return token ? { ...secret, sessionToken: token } : secret;
}

function sourceDeps(args: CliArgs, io: CliIo, deps: CliDeps): SourceDeps {
  return {
    proxy: io.env.HTTPS_PROXY || io.env.https_proxy || undefined,
    timeoutMs: args.timeoutMs,
    now: deps.now,
    log: args.verbose
      ? e =>
          io.stderr.write(`${e.method} ${e.url} -> ${e.status ?? e.error ?? '?'} (${e.ms} ms, attempt ${e.attempt})\n`)
      : undefined,
  };
}

function scrubbed(out: OutStream, secrets: string[]): OutStream {
  return { isTTY: out.isTTY, write: text => out.write(terminalSafe(secrets.length ? scrub(text, secrets) : text)) };
}

import type { ConnectionConfig, ConnectionSecret, TlsTrust } from '../core/connection';
import { ProviderError } from '../core/errors';
import { sleep } from '../core/time';
import type { TaskSource } from '../core/source';
import { badCredentialField } from '../core/credentials';
import { Scrubber, secretForms } from '../core/secrets';
import { probeCertificate } from '../http/probe';
import { isLoopbackHost } from '../http/transport';
import { createSource } from '../providers';
import { descriptorOf } from '../providers/registry';
import type { SourceDeps } from '../providers/factory';
import { parseArgs, type CliArgs, type CommandName } from './args';
import { cancelCommand } from './commands/cancel';
import { fingerprintCommand } from './commands/fingerprint';
import { getCommand } from './commands/get';
import { listCommand } from './commands/list';
import { waitCommand } from './commands/wait';
import type { CommandContext } from './context';
import { EXIT, exitCodeFor, type ExitCode } from './exitCodes';
import { painter, terminalLine, terminalSafe } from './format';
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

export const defaultDeps: CliDeps = {
  createSource,
  probeCertificate,
  sleep: ms => sleep(ms),
  now: Date.now,
  random: Math.random,
};

/** The whole tool, as a function: arguments and the outside world in, an exit code out. Never throws. */
export async function runCli(argv: readonly string[], rawIo: CliIo, overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps: CliDeps = { ...defaultDeps, ...overrides };
  // Every byte written goes through the scrubber once the secret is known (every encoding of it, the same forms the
  // sources scrub task data of): a last line of defence for text that did not come through a source.
  const scrubber = new Scrubber();
  const io: CliIo = { ...rawIo, stdout: scrubbed(rawIo.stdout, scrubber), stderr: scrubbed(rawIo.stderr, scrubber) };
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
      note: text => io.stderr.write(`${terminalLine(text)}\n`),
      openSource: async () => {
        const config = connectionConfig(args);
        const secret = await cliSecret(args, io);
        scrubber.add(secretForms(config.user, secret.secret));
        if (secret.sessionToken) scrubber.add(secretForms(undefined, secret.sessionToken));
        if (badCredentialField(config, secret) === 'secret')
          throw new UsageError('The secret contains a line break or another control character.', args.command);
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
  // Messages carry server text: one line each, every escape shown rather than obeyed.
  if (e instanceof ProviderError) {
    io.stderr.write(`redis-tasks: ${terminalLine(e.describe())}\n`);
    return exitCodeFor(e.kind);
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`redis-tasks: ${terminalLine(message)}\n`);
  return EXIT.other;
}

export function connectionConfig(args: CliArgs): ConnectionConfig {
  const d = descriptorOf(args.provider);
  if (d.endpoint.required && !d.endpoint.default && !args.endpoint) {
    const port = d.endpoint.defaultPort ? `:${d.endpoint.defaultPort}` : '';
    throw new UsageError(`${d.label} needs --endpoint https://HOST${port} (or REDIS_TASKS_ENDPOINT).`, args.command);
  }
  if (!args.user && !d.user.optional) {
    throw new UsageError(`${args.provider} needs --${d.cli.userFlags[0]} (or REDIS_TASKS_USER).`, args.command);
  }
  // A regional API without a region cannot be asked anything: that is a usage error, not a failed request.
  if (d.region && !args.region) {
    throw new UsageError(`${args.provider} needs --region (such as ${d.region.default}).`, args.command);
  }
  const bad = badCredentialField(args);
  if (bad) {
    throw new UsageError(
      `${bad === 'user' ? `--${d.cli.userFlags[0]}` : '--region'} contains a line break or another control character.`,
      args.command,
    );
  }
  checkTransport(args);
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
    ...(args.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    options: Object.keys(args.options).length ? args.options : undefined,
  };
}

/**
 * The secret half, as each provider takes it: a provider whose credentials are optional (an AWS profile or the
 * default chain) reads nothing when no user is given; a session token only ever comes from its environment variable.
 */
async function cliSecret(args: CliArgs, io: CliIo): Promise<ConnectionSecret> {
  const d = descriptorOf(args.provider);
  if (d.user.optional && !args.user) return { secret: '' };
  const secret = await readSecret(args.provider, args.user, io);
  const token = d.cli.sessionTokenEnv ? io.env[d.cli.sessionTokenEnv] : undefined;
  return token ? { ...secret, sessionToken: token } : secret;
}

/** The HTTP client refuses these too; said here first as a usage error, before the secret is even read. */
function checkTransport(args: CliArgs): void {
  if (!args.endpoint || !/^http:/i.test(args.endpoint)) return;
  if (args.fingerprint !== undefined || args.caFile !== undefined) {
    throw new UsageError(
      `${args.fingerprint !== undefined ? '--fingerprint' : '--ca'} cannot apply to a plain http:// endpoint: use https://.`,
      args.command,
    );
  }
  if (!args.allowInsecureHttp && !isLoopbackHost(new URL(args.endpoint).hostname)) {
    throw new UsageError(
      'Refusing to send credentials in clear text over http:// to another machine. Use https://, or add ' +
        '--allow-insecure-http if you accept that anyone on the network path can read them.',
      args.command,
    );
  }
}

function sourceDeps(args: CliArgs, io: CliIo, deps: CliDeps): SourceDeps {
  return {
    proxy: io.env.HTTPS_PROXY || io.env.https_proxy || undefined,
    timeoutMs: args.timeoutMs,
    now: deps.now,
    log: args.verbose
      ? e =>
          io.stderr.write(
            `${terminalLine(`${e.method} ${e.url} -> ${e.status ?? e.error ?? '?'} (${e.ms} ms, attempt ${e.attempt})`)}\n`,
          )
      : undefined,
    onCertificateNote: n =>
      io.stderr.write(
        `note: the pinned certificate expired on ${terminalLine(n.validTo)}; it is still trusted by its pin.\n`,
      ),
  };
}

function scrubbed(out: OutStream, scrubber: Scrubber): OutStream {
  return {
    isTTY: out.isTTY,
    // A getter: a terminal's width changes when its window does.
    get columns() {
      return out.columns;
    },
    write: text => out.write(terminalSafe(scrubber.text(text))),
  };
}

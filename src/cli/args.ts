import type { ProviderId, TaskStatus } from '../core/task';
import { parseSince } from './duration';
import { UsageError } from './usageError';
import { closest } from './suggest';
import { PROVIDER_IDS, descriptorOf, providerById } from '../providers/registry';
import {
  COMMANDS,
  COMMAND_FLAGS,
  FLAGS,
  GLOBAL,
  POSITIONALS,
  PROVIDER_FLAGS,
  SECRET_FLAGS,
  applyProviderFlags,
  secretOnArgv,
  type CommandName,
  type Field,
} from './flags';
import { checkStatus, checkUrl, nonEmpty, optList, optNumber, parseOptions } from './values';

export { COMMANDS, type CommandName } from './flags';

/** The shortest pause between two polls of `wait`. */
export const MIN_INTERVAL_SECONDS = 1;

export interface CliArgs {
  /** Undefined with `--help` alone or no arguments. */
  command?: CommandName;
  positionals: string[];
  help: boolean;
  provider: ProviderId;
  endpoint?: string;
  user?: string;
  region?: string;
  caFile?: string;
  fingerprint?: string;
  /** Send credentials over plain http:// to a host that is not this machine: the person's explicit choice. */
  allowInsecureHttp: boolean;
  options: Record<string, string | number | boolean>;
  timeoutMs?: number;
  json: boolean;
  raw: boolean;
  verbose: boolean;
  statuses?: TaskStatus[];
  types?: string[];
  since?: number;
  instance?: string;
  ttlSeconds?: number;
  force: boolean;
  yesIKnow: boolean;
  intervalSeconds: number;
  waitTimeoutSeconds?: number;
}

export function secretEnvName(provider: ProviderId): string {
  return descriptorOf(provider).cli.secretEnv;
}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>, now: number): CliArgs {
  const values = new Map<Field, string[]>();
  const seenAs = new Map<Field, string>();
  const positionals: string[] = [];
  let command: CommandName | undefined;
  let flagsDone = false;
  const providerFlags = new Map<string, string>();

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (flagsDone || !a.startsWith('-') || a === '-') {
      if (command === undefined) {
        if (a === 'help') {
          values.set('help', ['true']);
          continue;
        }
        if (!(COMMANDS as readonly string[]).includes(a)) {
          const guess = closest(a, COMMANDS);
          throw new UsageError(
            `Unknown command "${a}".${guess ? ` Did you mean "${guess}"?` : ''} Commands: ${COMMANDS.join(', ')}.`,
          );
        }
        command = a as CommandName;
      } else positionals.push(a);
      continue;
    }
    if (a === '--') {
      flagsDone = true;
      continue;
    }
    if (a === '-h') {
      values.set('help', ['true']);
      continue;
    }
    if (!a.startsWith('--')) throw new UsageError(`Unknown option ${a}. Options are long (--json); see --help.`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (SECRET_FLAGS.test(name)) throw secretOnArgv(name);
    if (PROVIDER_FLAGS.has(name)) {
      if (providerFlags.has(name)) throw new UsageError(`--${name} is given twice.`);
      const value = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith('--') && value.length > 2))
        throw new UsageError(`--${name} needs a value.`);
      providerFlags.set(name, value);
      continue;
    }
    const spec = FLAGS[name];
    if (!spec) {
      const guess = closest(name, [...Object.keys(FLAGS), ...PROVIDER_FLAGS.keys()]);
      throw new UsageError(`Unknown option --${name}.${guess ? ` Did you mean --${guess}?` : ''}`);
    }
    let value = 'true';
    if (spec.value) {
      if (eq !== -1) value = a.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2))
          throw new UsageError(`--${name} needs a value.`);
        value = next;
        i++;
      }
    } else if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
    const prevName = seenAs.get(spec.field);
    if (prevName !== undefined && spec.field !== 'option' && spec.value) {
      throw new UsageError(
        prevName === name
          ? `--${name} is given twice.`
          : `--${name} and --${prevName} are the same option; give it once.`,
      );
    }
    seenAs.set(spec.field, name);
    values.set(spec.field, [...(values.get(spec.field) ?? []), value]);
  }

  const one = (f: Field) => values.get(f)?.[0];
  const has = (f: Field) => values.has(f);
  const help = has('help');

  if (command) {
    for (const f of values.keys()) {
      if (!GLOBAL.has(f) && !COMMAND_FLAGS[command].has(f))
        throw new UsageError(
          `--${seenAs.get(f)} is not an option of "${command}". See redis-tasks ${command} --help.`,
          command,
        );
    }
    const expected = POSITIONALS[command];
    if (!help) {
      if (positionals.length < expected.length)
        throw new UsageError(
          `"${command}" needs a task ${expected[positionals.length]}: redis-tasks ${command} <${expected.join('> <')}>.`,
          command,
        );
      if (positionals.length > expected.length)
        throw new UsageError(`Unexpected argument "${positionals[expected.length]}" for "${command}".`, command);
    }
  } else if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);

  const provider = one('provider') ?? PROVIDER_IDS[0];
  if (!providerById(provider))
    throw new UsageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}, not "${provider}".`);

  const ca = one('ca');
  const fingerprint = one('fingerprint');
  if (ca !== undefined && fingerprint !== undefined)
    throw new UsageError('Give either --ca or --fingerprint, not both: a pinned certificate replaces CA verification.');

  const args: CliArgs = {
    command,
    positionals,
    help,
    provider,
    endpoint: nonEmpty(one('endpoint') ?? env.REDIS_TASKS_ENDPOINT),
    user: nonEmpty(one('user') ?? env.REDIS_TASKS_USER),
    region: one('region'),
    caFile: ca,
    fingerprint,
    allowInsecureHttp: has('allow-insecure-http'),
    options: parseOptions(values.get('option') ?? []),
    timeoutMs: optNumber(one('timeout-ms'), '--timeout-ms', 1),
    json: has('json'),
    raw: has('raw'),
    verbose: has('verbose'),
    statuses: optList(one('status'))?.map(checkStatus),
    types: optList(one('type')),
    since: one('since') === undefined ? undefined : parseSince(one('since')!, now),
    instance: one('instance'),
    ttlSeconds: optNumber(one('ttl'), '--ttl', 1),
    force: has('force'),
    yesIKnow: has('yes-i-know'),
    intervalSeconds: optNumber(one('interval'), '--interval', 0) ?? 5,
    waitTimeoutSeconds: optNumber(one('timeout'), '--timeout', 0),
  };
  applyProviderFlags(providerFlags, provider, args.options);
  if (args.yesIKnow && !args.force) throw new UsageError('--yes-i-know only confirms --force.', command);
  if (args.endpoint !== undefined) checkUrl(args.endpoint);
  return args;
}

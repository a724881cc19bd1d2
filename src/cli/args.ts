import type { ProviderId, TaskStatus } from '../core/task';
import { TASK_STATUSES } from '../core/task';
import { parseSince } from './duration';
import { UsageError } from './usageError';
import { closest } from './suggest';
import type { ProviderDescriptor, ProviderFlag } from '../providers/descriptor';
import { PROVIDERS, PROVIDER_IDS, descriptorOf, providerById } from '../providers/registry';

export const COMMANDS = ['list', 'get', 'cancel', 'wait', 'fingerprint'] as const;
export type CommandName = (typeof COMMANDS)[number];

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

type Field =
  | 'provider'
  | 'endpoint'
  | 'user'
  | 'region'
  | 'ca'
  | 'fingerprint'
  | 'allow-insecure-http'
  | 'option'
  | 'timeout-ms'
  | 'json'
  | 'raw'
  | 'verbose'
  | 'help'
  | 'status'
  | 'type'
  | 'since'
  | 'instance'
  | 'ttl'
  | 'force'
  | 'yes-i-know'
  | 'interval'
  | 'timeout';

interface FlagSpec {
  field: Field;
  value: boolean;
}

/** Every flag the tool knows, aliases included. The cloud names for `--user` read better in each provider's docs. */
const FLAGS: Record<string, FlagSpec> = {
  provider: { field: 'provider', value: true },
  endpoint: { field: 'endpoint', value: true },
  user: { field: 'user', value: true },
  // Each provider's own word for the user (--secret-id, --access-key-id, ...), from its descriptor.
  ...Object.fromEntries(PROVIDERS.flatMap(p => p.cli.userFlags.map(f => [f, { field: 'user', value: true }]))),
  region: { field: 'region', value: true },
  ca: { field: 'ca', value: true },
  fingerprint: { field: 'fingerprint', value: true },
  'allow-insecure-http': { field: 'allow-insecure-http', value: false },
  option: { field: 'option', value: true },
  'timeout-ms': { field: 'timeout-ms', value: true },
  json: { field: 'json', value: false },
  raw: { field: 'raw', value: false },
  verbose: { field: 'verbose', value: false },
  help: { field: 'help', value: false },
  status: { field: 'status', value: true },
  type: { field: 'type', value: true },
  since: { field: 'since', value: true },
  instance: { field: 'instance', value: true },
  ttl: { field: 'ttl', value: true },
  force: { field: 'force', value: false },
  'yes-i-know': { field: 'yes-i-know', value: false },
  interval: { field: 'interval', value: true },
  timeout: { field: 'timeout', value: true },
};

const GLOBAL: ReadonlySet<Field> = new Set<Field>([
  'provider',
  'endpoint',
  'user',
  'region',
  'ca',
  'fingerprint',
  'allow-insecure-http',
  'option',
  'timeout-ms',
  'json',
  'raw',
  'verbose',
  'help',
]);

/** Flags only some commands take; anything else given to a command is a usage error rather than silently ignored. */
const COMMAND_FLAGS: Record<CommandName, ReadonlySet<Field>> = {
  list: new Set<Field>(['status', 'type', 'since', 'instance']),
  get: new Set<Field>(['ttl', 'instance']),
  cancel: new Set<Field>(['force', 'yes-i-know']),
  wait: new Set<Field>(['interval', 'timeout', 'ttl', 'instance']),
  fingerprint: new Set<Field>(),
};

const POSITIONALS: Record<CommandName, string[]> = {
  list: [],
  get: ['id'],
  cancel: ['id'],
  wait: ['id'],
  fingerprint: [],
};

/** Flags people try for a secret. Argv is visible to every local user (`ps`) and lands in shell history. */
const SECRET_FLAGS =
  /^(password|passwd|pass|pwd|secret|secret-key|secretkey|access-key-secret|secret-access-key|api-secret-key|user-secret|user-key|token|api-key)$/i;

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

function secretOnArgv(name: string): UsageError {
  return new UsageError(
    `--${name} is not accepted: secrets on the command line show in the process list and shell history. ` +
      'Set REDIS_TASKS_PASSWORD (Redis Enterprise) or REDIS_TASKS_SECRET_KEY (cloud providers), pipe it on stdin, ' +
      'or type it when asked.',
  );
}

/** A flag of one provider's (`--site`, `--profile`): its value becomes that provider's option. */
interface ProviderFlagSpec {
  provider: ProviderDescriptor;
  flag: ProviderFlag;
}

const PROVIDER_FLAGS = new Map<string, ProviderFlagSpec>(
  PROVIDERS.flatMap(provider => (provider.cli.flags ?? []).map(flag => [flag.name, { provider, flag }] as const)),
);

/** Puts each provider flag given into `options`, refusing one of another provider and a value it does not take. */
function applyProviderFlags(given: Map<string, string>, provider: ProviderId, options: CliArgs['options']): void {
  for (const [name, raw] of given) {
    const spec = PROVIDER_FLAGS.get(name)!;
    if (spec.provider.id !== provider)
      throw new UsageError(`--${name} is an option of --provider ${spec.provider.id}, not of ${provider}.`);
    const text = raw.trim();
    const value = spec.flag.values ? spec.flag.values[text.toLowerCase()] : text;
    if (!value) {
      const accepted = spec.flag.values ? Object.values(spec.flag.values) : [];
      throw new UsageError(
        accepted.length
          ? `--${name} takes ${[...new Set(accepted)].join(' or ')}, not "${raw}".`
          : `--${name} needs a value.`,
      );
    }
    options[spec.flag.option] = value;
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function optList(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (!items.length) throw new UsageError('An empty list was given; separate values with commas (running,failed).');
  return items;
}

function checkStatus(s: string): TaskStatus {
  const lower = s.toLowerCase();
  if (!(TASK_STATUSES as readonly string[]).includes(lower))
    throw new UsageError(`Unknown status "${s}". Statuses: ${TASK_STATUSES.join(', ')}.`);
  return lower as TaskStatus;
}

function optNumber(v: string | undefined, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min)
    throw new UsageError(`${flag} takes a number${min > 0 ? ` of at least ${min}` : ' (0 or more)'}, not "${v}".`);
  return n;
}

function parseOptions(items: string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option takes key=value (legacyApi=true), not "${item}".`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    out[key] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

function checkUrl(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as https://cluster.example.com:9443, not "${endpoint}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--endpoint must start with https:// (or http://), not "${url.protocol}".`);
}

import type { ProviderDescriptor, ProviderFlag } from '../providers/descriptor';
import { PROVIDERS } from '../providers/registry';
import type { ProviderId } from '../core/task';
import { UsageError } from './usageError';

/**
 * Every flag of `redis-tasks`, what each command takes, and the provider flags from the descriptors: the tables
 * `parseArgs` reads argv against.
 */

export const COMMANDS = ['list', 'get', 'cancel', 'wait', 'fingerprint'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type Field =
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

export interface FlagSpec {
  field: Field;
  value: boolean;
}

/** Every flag the tool knows, aliases included. The cloud names for `--user` read better in each provider's docs. */
export const FLAGS: Record<string, FlagSpec> = {
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

export const GLOBAL: ReadonlySet<Field> = new Set<Field>([
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
export const COMMAND_FLAGS: Record<CommandName, ReadonlySet<Field>> = {
  list: new Set<Field>(['status', 'type', 'since', 'instance']),
  get: new Set<Field>(['ttl', 'instance']),
  cancel: new Set<Field>(['force', 'yes-i-know']),
  wait: new Set<Field>(['interval', 'timeout', 'ttl', 'instance']),
  fingerprint: new Set<Field>(),
};

export const POSITIONALS: Record<CommandName, string[]> = {
  list: [],
  get: ['id'],
  cancel: ['id'],
  wait: ['id'],
  fingerprint: [],
};

/** Flags people try for a secret. Argv is visible to every local user (`ps`) and lands in shell history. */
export const SECRET_FLAGS =
  /^(password|passwd|pass|pwd|secret|secret-key|secretkey|access-key-secret|secret-access-key|api-secret-key|user-secret|user-key|token|api-key)$/i;

export function secretOnArgv(name: string): UsageError {
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

export const PROVIDER_FLAGS = new Map<string, ProviderFlagSpec>(
  PROVIDERS.flatMap(provider => (provider.cli.flags ?? []).map(flag => [flag.name, { provider, flag }] as const)),
);

/** Puts each provider flag given into `options`, refusing one of another provider and a value it does not take. */
export function applyProviderFlags(
  given: Map<string, string>,
  provider: ProviderId,
  options: Record<string, string | number | boolean>,
): void {
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

import type { CommandName } from './args';
import { EXIT_CODE_HELP } from './exitCodes';
import { PROVIDERS, PROVIDER_IDS } from '../providers/registry';

/** `--user` in each provider's own words, from the descriptors (Redis Enterprise's is `--user` itself). */
const USER_ALIASES = PROVIDERS.flatMap(p =>
  p.cli.userFlags
    .filter(f => f !== 'user')
    .map(f => `    ${`--${f} VALUE`.padEnd(23)}the same, for ${p.label}: ${p.user.prompt}`),
).join('\n');

const SEVERAL_REGIONS = PROVIDERS.filter(p => p.region?.several)
  .map(p => `; ${p.label} takes several: ${p.region!.default},${p.region!.known.find(r => r !== p.region!.default)}`)
  .join('');

/** Each provider's own flags (`--site`, `--profile`), from the descriptors. */
const PROVIDER_FLAG_LINES = PROVIDERS.flatMap(p =>
  (p.cli.flags ?? []).flatMap(f =>
    f.help.map((line, i) => `  ${(i ? '' : `--${f.name} ${f.placeholder}`).padEnd(23)}${line}`),
  ),
).join('\n');

const CONNECTION = `Connection (every command, every provider):
  --provider NAME        ${PROVIDER_IDS.map((id, i) => (i ? id : `${id} (default)`)).join(', ')}
  --endpoint URL         https://cluster.example.com:9443, or an API endpoint override   [REDIS_TASKS_ENDPOINT]
  --user NAME            Redis Enterprise user                                           [REDIS_TASKS_USER]
${USER_ALIASES}
  --region REGION        cloud region (${PROVIDERS.flatMap(p => (p.region ? [p.region.default] : [])).join(', ')})${SEVERAL_REGIONS}
${PROVIDER_FLAG_LINES}
  --ca FILE              trust the server through this CA certificate file (PEM)
  --fingerprint SHA256   pin the server's certificate (see "redis-tasks fingerprint")
  --allow-insecure-http  send the credentials over plain http:// to another machine (refused without it;
                         this machine's loopback is always allowed). A pin or --ca on http:// is an error.
  --option KEY=VALUE     provider switch, repeatable (--option legacyApi=true)
  --timeout-ms MS        per-request timeout
  --json                 machine-readable output on stdout
  --raw                  with --json, include the provider's own payload
  --verbose              one line per HTTP request on stderr (credentials removed)

Secrets are never taken from the command line. Redis Enterprise password: REDIS_TASKS_PASSWORD; cloud secret keys:
REDIS_TASKS_SECRET_KEY. Otherwise the first line of stdin is read when it is piped, or you are asked on a terminal.
A proxy is taken from HTTPS_PROXY. Colours are off when output is not a terminal or NO_COLOR is set.`;

const COMMAND_HELP: Record<CommandName, string> = {
  list: `Usage: redis-tasks list [filters] [connection options]

Lists the tasks of the connection: group, id, name, target, status, progress, start time.
  --status LIST     only these statuses: pending,running,succeeded,failed,canceled,paused,interrupted,unknown
  --type LIST       only these provider type codes (create_crdb, SMCreateBDB, 001, ...)
  --since WHEN      started within 30m, 24h, 7d, 2w, or since an ISO date (2026-01-31T00:00:00Z)
  --instance ID     only this cloud instance
  --json            one JSON array of tasks (add --raw for the provider's payload)
With several regions (--region a,b), a region that cannot be read is named on stderr, the others are listed, and
the exit code is that region's error's.`,
  get: `Usage: redis-tasks get <id> [--ttl SECONDS] [--instance ID] [connection options]

Shows one task: its fields, steps, shards and errors.
  --ttl SECONDS     Redis Enterprise: ask the cluster to keep the finished task's result this long (X-Result-TTL)
  --instance ID     cloud providers: the instance the task belongs to, when its API needs one
  --json            one JSON object (add --raw for the provider's payload)`,
  cancel: `Usage: redis-tasks cancel <id> [--force [--yes-i-know]] [connection options]

Asks the server to cancel the task, once (never retried).
  --force           Redis Enterprise: cancel even in the commit phase. This can break the Active-Active database
                    (CRDB) in the cluster configuration store. Asks you to type the task id, or needs --yes-i-know.
  --yes-i-know      confirms --force without a prompt (scripts)
A plain cancel of a task in its commit phase exits with 5.`,
  wait: `Usage: redis-tasks wait <id> [--interval SECONDS] [--timeout SECONDS] [connection options]

Polls the task until it ends, printing progress on stderr. Exits 0 when it succeeds, 1 when it fails, is canceled
or interrupted, 8 on --timeout. Network errors, timeouts, throttling and server errors are retried at the next poll.
  --interval SECONDS  between polls (default 5, at least 1); throttling doubles it, with jitter, up to 60 s
  --timeout SECONDS   give up after this long (exit 8), stopping a request in flight
  --ttl SECONDS       Redis Enterprise: keep the result so the last poll still finds the task
  --instance ID       cloud providers: the task's instance`,
  fingerprint: `Usage: redis-tasks fingerprint --endpoint https://host:port

Prints the SHA-256 fingerprint of the certificate the server presents (details on stderr), to pin it with
--fingerprint after checking it matches the one your administrator gave you.`,
};

export function helpText(command?: CommandName): string {
  if (command) return `${COMMAND_HELP[command]}\n\n${CONNECTION}\n\nExit codes:\n${EXIT_CODE_HELP}\n`;
  return `redis-tasks: long-running Redis operations (${PROVIDERS.map(p => p.label).join(', ')})

Usage: redis-tasks <command> [options]

Commands:
  list                 list tasks (filters: --status, --type, --since, --instance)
  get <id>             show one task
  cancel <id>          cancel a task (--force for the commit phase, with confirmation)
  wait <id>            wait for a task to end; the exit code tells how it ended
  fingerprint          print a server certificate's SHA-256 fingerprint, to pin it

"redis-tasks <command> --help" describes a command.

${CONNECTION}

Exit codes:
${EXIT_CODE_HELP}

Example:
  export REDIS_TASKS_ENDPOINT=https://cluster.example.com:9443 REDIS_TASKS_USER=admin@example.com
  redis-tasks fingerprint                       # check it, then:
  REDIS_TASKS_PASSWORD=... redis-tasks list --status running --fingerprint AB:CD:...
`;
}

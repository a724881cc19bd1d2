import type { ConnectionConfig, ConnectionSecret } from '../../../src/core/connection';
import type { CancelOptions, GetTaskOptions, TaskSource } from '../../../src/core/source';
import type { Task, TaskQuery, TaskSnapshot } from '../../../src/core/task';
import type { CliDeps, CliIo } from '../../../src/cli/io';
import type { SourceDeps } from '../../../src/providers/factory';

/**
 * A fake clock that only moves when the command sleeps: no test waits in real time for a poll or a backoff. `sleeps`
 * are the pauses asked for; `extra` goes to fakeDeps, with `more` (say, a fixed `random`) on top.
 */
export function sleepingClock(more: Partial<CliDeps> = {}): { sleeps: number[]; extra: Partial<CliDeps> } {
  let now = Date.UTC(2026, 1, 1);
  const sleeps: number[] = [];
  return {
    sleeps,
    extra: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
      ...more,
    },
  };
}

export interface FakeIo extends CliIo {
  out: string;
  err: string;
  prompts: Array<{ question: string; echo: boolean }>;
}

export function fakeIo(
  opts: { env?: Record<string, string>; tty?: boolean; stdin?: string; answers?: string[]; stdoutTTY?: boolean } = {},
): FakeIo {
  const answers = [...(opts.answers ?? [])];
  const io: FakeIo = {
    out: '',
    err: '',
    prompts: [],
    stdout: {
      isTTY: opts.stdoutTTY ?? false,
      write: s => {
        io.out += s;
      },
    },
    stderr: {
      isTTY: false,
      write: s => {
        io.err += s;
      },
    },
    env: { ...(opts.env ?? {}) },
    stdinIsTTY: opts.tty ?? false,
    readStdinLine: async () => (opts.stdin === undefined ? undefined : opts.stdin.split('\n')[0]),
    prompt: async (question, o) => {
      io.prompts.push({ question, echo: o.echo });
      return answers.shift() ?? '';
    },
  };
  return io;
}

export function task(over: Partial<Task> = {}): Task {
  return {
    id: 't1',
    source: 'cli',
    provider: 'redis-enterprise',
    kind: 'crdb-task',
    group: 'crdb-tasks',
    name: 'create_crdb',
    type: 'create_crdb',
    target: { id: 'guid-1', name: 'orders' },
    status: 'running',
    providerStatus: 'started',
    progress: 40,
    startedAt: Date.UTC(2026, 0, 31, 10, 0, 0),
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: true, forceCancel: true },
    raw: { id: 't1', secretish: 'raw-payload' },
    ...over,
  };
}

export interface Recorded {
  configs: ConnectionConfig[];
  secrets: ConnectionSecret[];
  deps: SourceDeps[];
  queries: TaskQuery[];
  gets: Array<{ id: string; options?: GetTaskOptions }>;
  cancels: Array<{ id: string; options?: CancelOptions }>;
  loadMore: Array<{ group: string; cursor: string }>;
  closed: number;
}

export interface FakeSourceSpec {
  snapshot?: TaskSnapshot;
  pages?: Record<string, { tasks: Task[]; next?: string }>;
  /** Answers to successive getTask calls: a task, or an error to throw. The last one repeats. */
  gets?: Array<Task | Error>;
  cancel?: Error | 'absent';
}

export function fakeDeps(
  spec: FakeSourceSpec,
  extra: Partial<CliDeps> = {},
): { deps: Partial<CliDeps>; rec: Recorded } {
  const rec: Recorded = {
    configs: [],
    secrets: [],
    deps: [],
    queries: [],
    gets: [],
    cancels: [],
    loadMore: [],
    closed: 0,
  };
  const deps: Partial<CliDeps> = {
    createSource: (config, secret, d) => {
      rec.configs.push(config);
      rec.secrets.push(secret);
      rec.deps.push(d);
      const source: TaskSource = {
        provider: config.provider,
        connectionId: config.id,
        refresh: async q => {
          rec.queries.push(q);
          return spec.snapshot ?? { groups: [], tasks: [], more: {} };
        },
        loadMore: async (group, cursor) => {
          rec.loadMore.push({ group, cursor });
          return spec.pages?.[cursor] ?? { tasks: [] };
        },
        getTask: async (id, options) => {
          rec.gets.push({ id, options });
          const answers = spec.gets ?? [task({ id })];
          const a = answers[Math.min(rec.gets.length - 1, answers.length - 1)];
          if (a instanceof Error) throw a;
          return a;
        },
        close: async () => {
          rec.closed++;
        },
      };
      if (spec.cancel !== 'absent') {
        source.cancelTask = async (id, options) => {
          rec.cancels.push({ id, options });
          if (spec.cancel instanceof Error) throw spec.cancel;
        };
      }
      return source;
    },
    sleep: async () => undefined,
    ...extra,
  };
  return { deps, rec };
}

export const RE_ENV = {
  REDIS_TASKS_ENDPOINT: 'https://cluster.example:9443',
  REDIS_TASKS_USER: 'admin@example.com',
  REDIS_TASKS_PASSWORD: 's3cret-pass',
};

import { ProviderError, type ErrorKind } from '../../core/errors';
import type { Task } from '../../core/task';
import type { CommandContext } from '../context';
import { progressLine, statusText, taskJson } from '../format';
import { EXIT, type ExitCode } from '../exitCodes';

/** Worth another poll: the next one may well succeed. Anything else (auth, not found, TLS) will not fix itself. */
const TRANSIENT: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout', 'throttled', 'server']);

export async function waitCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args, deps, io } = ctx;
  const id = args.positionals[0];
  const intervalMs = args.intervalSeconds * 1000;
  const deadline = args.waitTimeoutSeconds === undefined ? undefined : deps.now() + args.waitTimeoutSeconds * 1000;
  const source = await ctx.openSource();
  for (;;) {
    let pause = intervalMs;
    try {
      const task = await source.getTask(id, { resultTtlSeconds: args.ttlSeconds, group: args.instance });
      io.stderr.write(`${ctx.paint(task.status, progressLine(task, deps.now()))}\n`);
      const code = finalCode(task);
      if (code !== undefined) {
        if (args.json) io.stdout.write(`${JSON.stringify(taskJson(task, args.raw), null, 2)}\n`);
        else io.stdout.write(`Task ${task.id} ${statusText(task)}.\n`);
        return code;
      }
    } catch (e) {
      // Only a ProviderError can be transient: anything else is a bug that a second poll would repeat.
      if (!(e instanceof ProviderError) || !TRANSIENT.has(e.kind)) throw e;
      const err = e;
      io.stderr.write(`${err.describe()} (will retry)\n`);
      // A throttled server said how long to stay away; polling sooner would only be throttled again.
      pause = Math.max(intervalMs, err.retryAfterMs ?? 0);
    }
    const left = deadline === undefined ? undefined : deadline - deps.now();
    if (left !== undefined && left <= 0) {
      io.stderr.write(`redis-tasks: task ${id} did not finish within ${args.waitTimeoutSeconds} s.\n`);
      return EXIT.waitTimeout;
    }
    await deps.sleep(left === undefined ? pause : Math.min(pause, left));
  }
}

function finalCode(t: Task): ExitCode | undefined {
  if (t.status === 'succeeded') return EXIT.ok;
  if (t.status === 'failed' || t.status === 'canceled' || t.status === 'interrupted') return EXIT.taskFailed;
  return undefined;
}

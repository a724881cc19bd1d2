import { ProviderError, type ErrorKind } from '../../core/errors';
import type { Task } from '../../core/task';
import { MIN_INTERVAL_SECONDS } from '../args';
import { nextPauseMs } from '../backoff';
import type { CommandContext } from '../context';
import { jsonText, progressLine, statusText, terminalLine, taskJson } from '../format';
import { EXIT, type ExitCode } from '../exitCodes';

/** Worth another poll: the next one may well succeed. Anything else (auth, not found, TLS) will not fix itself. */
const TRANSIENT: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout', 'throttled', 'server']);

export async function waitCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args, deps, io } = ctx;
  const id = args.positionals[0];
  // A floor, so that `--interval 0` cannot turn wait into a flood of a server that is already struggling.
  const intervalMs = Math.max(MIN_INTERVAL_SECONDS, args.intervalSeconds) * 1000;
  const random = deps.random ?? Math.random;
  const deadline = args.waitTimeoutSeconds === undefined ? undefined : deps.now() + args.waitTimeoutSeconds * 1000;
  const timedOut = (): ExitCode => {
    io.stderr.write(`redis-tasks: task ${terminalLine(id)} did not finish within ${args.waitTimeoutSeconds} s.\n`);
    return EXIT.waitTimeout;
  };
  const source = await ctx.openSource();
  let throttledInARow = 0;
  let lastShown = '';
  for (;;) {
    let pause = intervalMs;
    // --timeout is a deadline: it also stops the request in flight (a hanging server, its retries), not only sleeps.
    const left = deadline === undefined ? undefined : deadline - deps.now();
    const controller = new AbortController();
    const timer = left === undefined ? undefined : setTimeout(() => controller.abort(), Math.max(0, left));
    try {
      const task = await source.getTask(id, {
        resultTtlSeconds: args.ttlSeconds,
        group: args.instance,
        signal: controller.signal,
      });
      throttledInARow = 0;
      // A line when something changed, not one per poll: a long wait stays readable in a CI log.
      const shown = `${task.status} ${task.progress ?? ''} ${task.currentStep ?? ''}`;
      if (shown !== lastShown) io.stderr.write(`${ctx.paint(task.status, progressLine(task, deps.now()))}\n`);
      lastShown = shown;
      const code = finalCode(task);
      if (code !== undefined) {
        if (args.json) io.stdout.write(`${jsonText(taskJson(task, args.raw))}\n`);
        else io.stdout.write(`Task ${terminalLine(task.id)} ${statusText(task)}.\n`);
        return code;
      }
    } catch (e) {
      if (controller.signal.aborted) return timedOut();
      // Only a ProviderError can be transient: anything else is a bug that a second poll would repeat.
      if (!(e instanceof ProviderError) || !TRANSIENT.has(e.kind)) throw e;
      io.stderr.write(`${terminalLine(e.describe())} (will retry)\n`);
      throttledInARow = e.kind === 'throttled' ? throttledInARow + 1 : 0;
      // A throttled server said how long to stay away; polling sooner would only be throttled again.
      pause = nextPauseMs(intervalMs, throttledInARow, e.retryAfterMs, random);
    } finally {
      clearTimeout(timer);
    }
    const rest = deadline === undefined ? undefined : deadline - deps.now();
    if (rest !== undefined && rest <= 0) return timedOut();
    await deps.sleep(rest === undefined ? pause : Math.min(pause, rest));
  }
}

function finalCode(t: Task): ExitCode | undefined {
  if (t.status === 'succeeded') return EXIT.ok;
  if (t.status === 'failed' || t.status === 'canceled' || t.status === 'interrupted') return EXIT.taskFailed;
  return undefined;
}

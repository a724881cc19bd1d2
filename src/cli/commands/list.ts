import type { TaskSource } from '../../core/source';
import type { Task, TaskQuery } from '../../core/task';
import type { CommandContext } from '../context';
import { taskJson, taskTable, writeJsonArray } from '../format';
import { LIMITS } from '../../core/limits';
import { ProviderError, type ErrorKind } from '../../core/errors';
import { EXIT, exitCodeFor, type ExitCode } from '../exitCodes';

/** Enough for any real cluster, and a bound if a server keeps handing out cursors. */
const MAX_PAGES_PER_GROUP = 50;

export async function listCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args } = ctx;
  const query: TaskQuery = { statuses: args.statuses, types: args.types, since: args.since, instanceId: args.instance };
  const source = await ctx.openSource();
  const snapshot = await source.refresh(query);
  const tasks = [...snapshot.tasks];
  for (const [group, cursor] of Object.entries(snapshot.more)) {
    // A loop, not push(...page): a spread of a huge page overflows the stack.
    for (const t of await allPages(source, group, cursor, query, ctx, LIMITS.maxTasksPerConnection - tasks.length))
      tasks.push(t);
  }
  for (const g of snapshot.groups) if (g.unsupportedReason) ctx.note(`note: ${g.label}: ${g.unsupportedReason}`);
  // One region of several could not be read: the others' tasks are printed, and the exit code says it was partial.
  const failed = snapshot.groups.filter(g => g.failure);
  for (const g of failed) ctx.note(`redis-tasks: ${g.label}: ${g.failure!.message}`);

  const shown = tasks.filter(t => matches(t, query));
  if (args.json) {
    writeJsonArray(
      shown.map(t => taskJson(t, args.raw)),
      chunk => ctx.io.stdout.write(chunk),
    );
  } else if (shown.length === 0) {
    ctx.io.stdout.write('No tasks.\n');
  } else {
    const width = ctx.io.stdout.isTTY && ctx.io.stdout.columns ? ctx.io.stdout.columns : 120;
    ctx.io.stdout.write(`${taskTable(shown, snapshot.groups, ctx.paint, ctx.deps.now(), width)}\n`);
  }
  return failed.length ? (exitCodeFor(failed[0].failure!.kind as ErrorKind) ?? EXIT.other) : EXIT.ok;
}

async function allPages(
  source: TaskSource,
  group: string,
  cursor: string,
  query: TaskQuery,
  ctx: CommandContext,
  room: number,
): Promise<Task[]> {
  const out: Task[] = [];
  let next: string | undefined = cursor;
  for (let page = 0; next !== undefined; page++) {
    if (page === MAX_PAGES_PER_GROUP) {
      ctx.note(
        `note: stopped after ${MAX_PAGES_PER_GROUP} pages of ${group}; narrow the list with --since or --status.`,
      );
      break;
    }
    const result = await source.loadMore(group, next, query);
    for (const t of result.tasks) out.push(t);
    if (out.length > room) {
      throw new ProviderError(
        'bad-response',
        `The server listed more than ${LIMITS.maxTasksPerConnection} tasks; narrow the list with --since, --status or --type.`,
        { code: 'TOO_MANY_TASKS' },
      );
    }
    next = result.next;
  }
  return out;
}

/**
 * Providers push to the server what their API can filter; the rest is applied here, on the normalised fields, so
 * every provider honours every flag the same way.
 */
function matches(t: Task, q: TaskQuery): boolean {
  if (q.statuses && !q.statuses.includes(t.status)) return false;
  if (q.types && t.type !== undefined && !q.types.includes(t.type)) return false;
  if (q.since !== undefined && t.startedAt !== undefined && t.startedAt < q.since) return false;
  return true;
}

import type { Task } from '../../core/task';
import { finishedFromEvents, type AwsEvent } from './events';
import { taskId } from './ids';
import type { Resource } from './resources';
import type { TaskContext } from './tasks';

export interface ResourceOperations {
  /** The resource's finished operations from its events, oldest first, each with its modification id. */
  finished: Task[];
  /** The id of the operation that runs now or starts next: known by the end of the newest finished one. */
  nextId: string;
  /** The modification running now (or pending), under that id. */
  running?: Task;
}

/**
 * Ids for the operations of one resource (ids.ts): each is known by the end of the one before it. The running row and
 * the finished operation it becomes share one id, so the row ends in place; the next modification of the same
 * resource gets an id of its own, so a finished row never turns into a running one. One piece for the refresh
 * (region.ts) and the lookup by id (lookup.ts), so both give the same ids.
 */
export function resourceOperations(
  resource: Resource,
  ctx: TaskContext,
  events: AwsEvent[],
  running: Task | undefined,
): ResourceOperations {
  const key = { kind: 'mod', region: resource.region, rtype: resource.rtype, resource: resource.id } as const;
  let after: number | undefined;
  const used = new Set<string>();
  const finished = finishedFromEvents(events, ctx).map(t => {
    const id = taskId({ ...key, after });
    after = t.finishedAt;
    // Two operations ending in the same millisecond cannot be told apart by it: the later keeps its event id.
    if (used.has(id)) return t;
    used.add(id);
    return { ...t, id };
  });
  const nextId = taskId({ ...key, after });
  return { finished, nextId, running: running && { ...running, id: nextId } };
}

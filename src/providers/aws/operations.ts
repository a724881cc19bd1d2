import type { Task } from '../../core/task';
import { taskId, type TaskKey } from './ids';

type ModKey = Extract<TaskKey, { kind: 'mod' }>;

export interface ResourceOperations {
  /** The resource's finished operations from its events, oldest first, each with its modification id. */
  finished: Task[];
  /** The id of the operation that runs now or starts next: known by the end of the newest finished one. */
  nextId: string;
}

/**
 * Ids for the operations of one resource (ids.ts): each is known by the end of the one before it. The running row and
 * the finished operation it becomes share one id, so the row ends in place; the next modification of the same
 * resource gets an id of its own, so a finished row never turns into a running one.
 */
export function resourceOperations(finishedOldestFirst: Task[], resource: Omit<ModKey, 'after'>): ResourceOperations {
  let after: number | undefined;
  const used = new Set<string>();
  const finished = finishedOldestFirst.map(t => {
    const id = taskId({ ...resource, after });
    after = t.finishedAt;
    // Two operations ending in the same millisecond cannot be told apart by it: the later keeps its event id.
    if (used.has(id)) return t;
    used.add(id);
    return { ...t, id };
  });
  return { finished, nextId: taskId({ ...resource, after }) };
}

import { isActive, type Task } from '../../core/task';

/**
 * Thirty "Succeeded · Automatic backup" rows in one instance hide the one that failed. Finished tasks of the same
 * name and outcome are shown as one row, expandable, at the place of the newest; running tasks are never folded.
 */
export const FOLD_AT = 5;

export interface Fold {
  key: string;
  status: Task['status'];
  name: string;
  tasks: Task[];
}

export function foldKey(task: Task): string | undefined {
  return isActive(task.status) ? undefined : `${task.status}\u0000${task.name}`;
}

/** The rows of a group in order: a task, or a fold of `FOLD_AT` or more alike finished tasks. */
export function foldSimilar(tasks: readonly Task[], at = FOLD_AT): (Task | Fold)[] {
  // Each key once: a group of thousands of finished tasks is folded on every draw.
  const keys = tasks.map(foldKey);
  const byKey = new Map<string, Task[]>();
  for (let i = 0; i < tasks.length; i++) {
    const k = keys[i];
    if (k === undefined) continue;
    const list = byKey.get(k);
    if (list) list.push(tasks[i]);
    else byKey.set(k, [tasks[i]]);
  }
  const out: (Task | Fold)[] = [];
  const placed = new Set<string>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    const k = keys[i];
    const alike = k === undefined ? undefined : byKey.get(k);
    if (k === undefined || !alike || alike.length < at) {
      out.push(t);
      continue;
    }
    if (placed.has(k)) continue;
    placed.add(k);
    out.push({ key: k, status: t.status, name: t.name, tasks: alike });
  }
  return out;
}

export function isFold(row: Task | Fold): row is Fold {
  return 'key' in row && 'tasks' in row && !('id' in row);
}

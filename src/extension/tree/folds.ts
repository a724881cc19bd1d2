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
  // Grouped by status, then by name, with no key string made per task: a group of thousands of finished tasks is
  // folded on every draw, and a new string per task (then hashed) was most of that.
  const byStatus = new Map<Task['status'], Map<string, Task[]>>();
  for (const t of tasks) {
    if (isActive(t.status)) continue;
    let byName = byStatus.get(t.status);
    if (!byName) byStatus.set(t.status, (byName = new Map<string, Task[]>()));
    const list = byName.get(t.name);
    if (list) list.push(t);
    else byName.set(t.name, [t]);
  }
  const out: (Task | Fold)[] = [];
  const placed = new Set<Task[]>();
  for (const t of tasks) {
    const alike = isActive(t.status) ? undefined : byStatus.get(t.status)!.get(t.name)!;
    if (!alike || alike.length < at) {
      out.push(t);
      continue;
    }
    if (placed.has(alike)) continue;
    placed.add(alike);
    out.push({ key: foldKey(t)!, status: t.status, name: t.name, tasks: alike });
  }
  return out;
}

export function isFold(row: Task | Fold): row is Fold {
  return 'key' in row && 'tasks' in row && !('id' in row);
}

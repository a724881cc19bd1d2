import { checkpoint } from './slices';
import { isActive, type Task } from './task';

/** The display order of tasks in a group: per group id, task ids sorted by `compareTasks`. */
export type GroupOrder = Map<string, string[]>;

/** Running first, then newest; ties broken by id so the order is stable between polls. */
export function compareTasks(a: Task, b: Task): number {
  const aa = isActive(a.status) ? 0 : 1;
  const ba = isActive(b.status) ? 0 : 1;
  if (aa !== ba) return aa - ba;
  const as = a.startedAt ?? -Infinity;
  const bs = b.startedAt ?? -Infinity;
  if (as !== bs) return bs > as ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The tasks of each group, in the order given. */
function groupsOf(tasks: Iterable<Task>): Map<string, Task[]> {
  const byGroup = new Map<string, Task[]>();
  for (const t of tasks) {
    let list = byGroup.get(t.group);
    if (!list) byGroup.set(t.group, (list = []));
    list.push(t);
  }
  return byGroup;
}

/** Every group's order, sorted from scratch (a snapshot, a restore). */
export function computeOrder(tasks: Iterable<Task>): GroupOrder {
  const byGroup = groupsOf(tasks);
  const order: GroupOrder = new Map();
  for (const [g, list] of byGroup)
    order.set(
      g,
      list.sort(compareTasks).map(t => t.id),
    );
  return order;
}

/** Sorted natively per run: a run of this many tasks sorts in a fraction of a millisecond. */
const RUN = 512;

/**
 * `computeOrder`'s result for a list of any length, sorted in slices between which the event loop runs: runs of
 * `RUN` tasks are sorted natively, then merged two by two. The same order, because `compareTasks` is a total order
 * (ties broken by id). 10,000 tasks sorted in one step took 3-7 ms (issue 16).
 */
export async function computeOrderSliced(tasks: readonly Task[]): Promise<GroupOrder> {
  const byGroup = groupsOf(tasks);
  const order: GroupOrder = new Map();
  for (const [g, list] of byGroup) {
    let runs: Task[][] = [];
    for (let i = 0; i < list.length; i += RUN) {
      runs.push(list.slice(i, i + RUN).sort(compareTasks));
      if (i + RUN < list.length) await checkpoint();
    }
    while (runs.length > 1) {
      const merged: Task[][] = [];
      for (let i = 0; i < runs.length; i += 2) {
        merged.push(i + 1 < runs.length ? mergeSorted(runs[i], runs[i + 1]) : runs[i]);
        await checkpoint();
      }
      runs = merged;
    }
    order.set(
      g,
      runs[0].map(t => t.id),
    );
  }
  return order;
}

function mergeSorted(a: readonly Task[], b: readonly Task[]): Task[] {
  const out = new Array<Task>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareTasks(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * The order of `all` given `sorted`, the order of the listed tasks among them (`computeOrderSliced`): the few others
 * (unlisted tasks the store keeps) are merged in, so no full sort runs at the commit. Equal to `computeOrder(all)`.
 */
export function withUnlisted(
  sorted: GroupOrder,
  all: ReadonlyMap<string, Task>,
  unlisted: readonly Task[],
): GroupOrder {
  if (unlisted.length === 0) return sorted;
  const byGroup = groupsOf(unlisted);
  const order: GroupOrder = new Map(sorted);
  for (const [g, list] of byGroup) order.set(g, mergeOrder(sorted.get(g) ?? [], list.sort(compareTasks), all));
  return order;
}

/** The groups whose order differs between `before` and `after`, those that went included. */
export function changedGroups(before: GroupOrder, after: GroupOrder): string[] {
  const out: string[] = [];
  for (const g of new Set([...before.keys(), ...after.keys()]))
    if (!sameList(before.get(g), after.get(g) ?? []) || (before.has(g) && !after.has(g))) out.push(g);
  return out;
}

/**
 * Updates `order` in place after `tasks` (already in `all`; `previous[i]` is what `tasks[i]` replaced) were added, and
 * returns the groups whose order changed. Only their groups change, and each is a merge of its sorted list with the
 * few sorted newcomers: re-sorting the whole connection after every "Load more" page made paging through N tasks cost
 * N²/page. The result is exactly `computeOrder`'s: `compareTasks` is a total order (ties broken by id) and the other
 * tasks did not change.
 */
export function reorder(
  order: GroupOrder,
  all: ReadonlyMap<string, Task>,
  tasks: readonly Task[],
  previous: ReadonlyArray<Task | undefined>,
): string[] {
  const ids = new Set<string>();
  const touched = new Set<string>();
  for (let i = 0; i < tasks.length; i++) {
    ids.add(tasks[i].id);
    touched.add(tasks[i].group);
    const p = previous[i];
    if (p) touched.add(p.group);
  }
  // Groups already shown first, in their order, then new ones: the order a full diff would name them in.
  const groups = [...order.keys()].filter(g => touched.has(g));
  for (const g of touched) if (!order.has(g)) groups.push(g);
  const changed: string[] = [];
  // Every task new to the store: none is in a list yet, so nothing is taken out.
  const allNew = previous.every(p => p === undefined);
  for (const g of groups) {
    const before = order.get(g);
    const incoming: Task[] = [];
    for (const id of ids) {
      const t = all.get(id);
      if (t && t.group === g) incoming.push(t);
    }
    incoming.sort(compareTasks);
    if (allNew && before && appendsAfter(before, incoming, all)) {
      // The usual "Load more" page (pages go from newest to oldest): appended to the list the order owns, in place.
      // Copying the whole list for every page made paging through N tasks copy N²/page ids.
      for (const t of incoming) before.push(t.id);
      changed.push(g);
      continue;
    }
    const kept = before ? before.filter(id => !ids.has(id)) : [];
    const after = mergeOrder(kept, incoming, all);
    if (after.length === 0) {
      if (before) {
        order.delete(g);
        changed.push(g);
      }
      continue;
    }
    order.set(g, after);
    if (!sameList(before, after)) changed.push(g);
  }
  return changed;
}

/** Whether every one of `incoming` (sorted) sorts after the last of `list`, so that appending keeps the order. */
function appendsAfter(list: readonly string[], incoming: readonly Task[], all: ReadonlyMap<string, Task>): boolean {
  if (incoming.length === 0 || list.length === 0) return false;
  const last = all.get(list[list.length - 1]);
  return last !== undefined && compareTasks(last, incoming[0]) < 0;
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Merges `incoming` (sorted by `compareTasks`) into `kept` (ids sorted the same way): each newcomer's place is found
 * by binary search, and the runs between are copied, so a page of k older tasks costs O(k log n + n).
 */
function mergeOrder(kept: readonly string[], incoming: readonly Task[], tasks: ReadonlyMap<string, Task>): string[] {
  if (incoming.length === 0) return kept.slice();
  const out: string[] = [];
  let from = 0;
  for (const t of incoming) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTasks(tasks.get(kept[mid])!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i]);
    out.push(t.id);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]);
  return out;
}

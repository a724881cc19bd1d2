import { EventEmitter } from 'node:events';
import type { ProviderError } from './errors';
import { KeepRegistry, type KeepReason } from './keep';
import { mergeTask } from './merge';
import { isActive, type Task, type TaskGroup, type TaskSnapshot } from './task';

/**
 * The one source of truth the views read. Providers' snapshots are diffed here so that a poll that changes one task
 * among thousands redraws one row: the events name exactly what changed.
 */

export type ConnectionStatus = 'loading' | 'ok' | 'error';

export interface TaskRef {
  connectionId: string;
  taskId: string;
}
export interface GroupRef {
  connectionId: string;
  groupId: string;
}

/** What one store operation changed. Lists are empty, never absent. */
export interface StoreChange {
  connections: string[];
  groups: GroupRef[];
  tasks: TaskRef[];
  /** Tasks that left the store (the tree forgets their nodes). */
  removed: TaskRef[];
}

export interface ConnectionView {
  id: string;
  status: ConnectionStatus;
  /** The tasks shown are the last good ones, not confirmed by the latest attempt. */
  stale: boolean;
  error?: ProviderError;
  /** Epoch ms of the last snapshot that answered. */
  updatedAt?: number;
  groups: readonly TaskGroup[];
  more: Readonly<Record<string, string>>;
}

/** At most this many tasks per connection survive a window reload. */
export const PERSISTED_TASKS_PER_CONNECTION = 200;
const PERSISTED_VERSION = 1;
/** Reasons that outlive the window: a panel or a cancel belongs to the window that had them. */
const KEPT_ON_RELOAD: ReadonlySet<KeepReason> = new Set(['finished', 'lookedUp']);

interface ConnectionState {
  id: string;
  status: ConnectionStatus;
  stale: boolean;
  error?: ProviderError;
  updatedAt?: number;
  groups: TaskGroup[];
  /** Also what the next data is compared with: tasks are values, a changed task arrives as a new object. */
  tasks: Map<string, Task>;
  /** Per group, task ids in display order. */
  order: Map<string, string[]>;
  more: Record<string, string>;
  /** "Cancelling…" until the next data for the task: a mark on the row, not a reason to keep it. */
  cancelling: Set<string>;
}

export interface PersistedStore {
  version: number;
  connections: {
    id: string;
    updatedAt?: number;
    groups: TaskGroup[];
    tasks: Task[];
    /** Why unlisted tasks stay, with their expiry (finished tasks are kept for the retention time). */
    kept?: { taskId: string; reason: KeepReason; until: number }[];
  }[];
}

/** How long a finished task stays after its provider stops listing it, unless the setting says otherwise. */
export const DEFAULT_RETENTION_MS = 24 * 3600_000;

export interface TaskStoreOptions {
  /** Shared with the poller; the store makes its own when none is given. */
  keep?: KeepRegistry;
  retentionMs?: number;
}

/** Everything the tree shows of a task, without `raw`: two tasks with equal fingerprints render identically. */
export function taskFingerprint(t: Task): string {
  return JSON.stringify([
    t.id,
    t.group,
    t.kind,
    t.name,
    t.type,
    t.target,
    t.status,
    t.providerStatus,
    t.progress,
    t.startedAt,
    t.finishedAt,
    t.remainingSeconds,
    t.currentStep,
    t.steps,
    t.shards,
    t.errors,
    t.capabilities,
  ]);
}

/**
 * `taskFingerprint(a) === taskFingerprint(b)`, without building either string: the store compares every task of every
 * snapshot, and serialising both sides was most of a refresh's store time. Field by field, with JSON's rules (see
 * `jsonEqual`), so the answer is the same as comparing the fingerprints.
 */
export function sameTaskView(a: Task, b: Task): boolean {
  if (a === b) return true;
  return (
    jsonEqual(a.id, b.id) &&
    jsonEqual(a.group, b.group) &&
    jsonEqual(a.kind, b.kind) &&
    jsonEqual(a.name, b.name) &&
    jsonEqual(a.type, b.type) &&
    jsonEqual(a.status, b.status) &&
    jsonEqual(a.providerStatus, b.providerStatus) &&
    jsonEqual(a.progress, b.progress) &&
    jsonEqual(a.startedAt, b.startedAt) &&
    jsonEqual(a.finishedAt, b.finishedAt) &&
    jsonEqual(a.remainingSeconds, b.remainingSeconds) &&
    jsonEqual(a.currentStep, b.currentStep) &&
    jsonEqual(a.target, b.target) &&
    jsonEqual(a.capabilities, b.capabilities) &&
    jsonEqual(a.steps, b.steps) &&
    jsonEqual(a.shards, b.shards) &&
    jsonEqual(a.errors, b.errors)
  );
}

/** What JSON.stringify writes for a value in an array: undefined, functions, symbols and non-finite numbers are null. */
function jsonScalar(v: unknown): unknown {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** Omitted from an object by JSON.stringify. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** `JSON.stringify(a) === JSON.stringify(b)` for values inside an array, without serialising (key order counts). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  a = jsonScalar(a);
  b = jsonScalar(b);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (
    typeof (a as { toJSON?: unknown }).toJSON === 'function' ||
    typeof (b as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const xk = Object.keys(x);
  const yk = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < xk.length && omitted(x[xk[i]])) i++;
    while (j < yk.length && omitted(y[yk[j]])) j++;
    if (i === xk.length || j === yk.length) return i === xk.length && j === yk.length;
    if (xk[i] !== yk[j] || !jsonEqual(x[xk[i]], y[yk[j]])) return false;
    i++;
    j++;
  }
}

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

function sameGroups(a: TaskGroup[], b: TaskGroup[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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

function emptyChange(): StoreChange {
  return { connections: [], groups: [], tasks: [], removed: [] };
}

export class TaskStore {
  private readonly emitter = new EventEmitter();
  private readonly states = new Map<string, ConnectionState>();
  /** Which unlisted tasks stay, and why: the one place that decides it. */
  readonly keep: KeepRegistry;
  private retentionMs: number;

  constructor(
    private readonly now: () => number = Date.now,
    options: TaskStoreOptions = {},
  ) {
    this.emitter.setMaxListeners(50);
    this.keep = options.keep ?? new KeepRegistry();
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  /** How long finished tasks stay once their provider no longer lists them (the retention setting). */
  setRetention(ms: number): void {
    this.retentionMs = ms;
  }

  get retention(): number {
    return this.retentionMs;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.emitter.on('change', listener);
    return { dispose: () => this.emitter.off('change', listener) };
  }

  // ---- reading ----

  connectionIds(): string[] {
    return [...this.states.keys()];
  }

  connection(id: string): ConnectionView | undefined {
    const s = this.states.get(id);
    if (!s) return undefined;
    return {
      id: s.id,
      status: s.status,
      stale: s.stale,
      error: s.error,
      updatedAt: s.updatedAt,
      groups: s.groups,
      more: s.more,
    };
  }

  task(connectionId: string, taskId: string): Task | undefined {
    return this.states.get(connectionId)?.tasks.get(taskId);
  }

  /** A group's tasks in display order. */
  tasksOf(connectionId: string, groupId: string): Task[] {
    const s = this.states.get(connectionId);
    if (!s) return [];
    const ids = s.order.get(groupId) ?? [];
    return ids.map(id => s.tasks.get(id)).filter((t): t is Task => t !== undefined);
  }

  allTasks(connectionId: string): Task[] {
    return [...(this.states.get(connectionId)?.tasks.values() ?? [])];
  }

  isCancelling(connectionId: string, taskId: string): boolean {
    return this.states.get(connectionId)?.cancelling.has(taskId) ?? false;
  }

  hasActive(connectionId: string): boolean {
    const s = this.states.get(connectionId);
    if (!s) return false;
    for (const t of s.tasks.values()) if (isActive(t.status)) return true;
    return false;
  }

  // ---- writing ----

  /** Adds a connection (status `loading`) or, when known, leaves it as it is. */
  ensureConnection(id: string): void {
    if (this.states.has(id)) return;
    this.states.set(id, this.fresh(id));
    this.emit({ ...emptyChange(), connections: [id] });
  }

  removeConnection(id: string): void {
    const s = this.states.get(id);
    if (!s) return;
    this.states.delete(id);
    this.keep.forget(id);
    const removed = [...s.tasks.keys()].map(taskId => ({ connectionId: id, taskId }));
    this.emit({ ...emptyChange(), connections: [id], removed });
  }

  /** The connection is being asked again; keeps its data. Emits only when the text of the row changes. */
  setLoading(id: string): void {
    const s = this.state(id);
    if (s.status === 'loading') return;
    // An `ok` connection refreshing in the background does not flicker to "loading".
    if (s.status === 'ok' && !s.stale) return;
    s.status = 'loading';
    this.emit({ ...emptyChange(), connections: [id] });
  }

  applySnapshot(connectionId: string, snapshot: TaskSnapshot): StoreChange {
    const s = this.state(connectionId);
    const change = emptyChange();

    const connectionChanged =
      s.status !== 'ok' ||
      s.stale ||
      s.error !== undefined ||
      !sameGroups(s.groups, snapshot.groups) ||
      JSON.stringify(s.more) !== JSON.stringify(snapshot.more);
    const oldOrder = s.order;
    const next = new Map<string, Task>();
    const now = this.now();
    for (const t of snapshot.tasks) {
      next.set(t.id, t);
      // Listed again: the list keeps it now.
      if (this.keep.has(connectionId, t.id, 'finished')) this.keep.release(connectionId, t.id, 'finished');
    }
    for (const [id, known] of s.tasks) {
      if (next.has(id)) continue;
      if (this.keepsUnlisted(connectionId, known, now)) next.set(id, known);
      else {
        change.removed.push({ connectionId, taskId: id });
        s.cancelling.delete(id);
      }
    }
    for (const t of snapshot.tasks) this.putTask(s, t, change);

    s.tasks = next;
    s.groups = snapshot.groups;
    s.more = { ...snapshot.more };
    s.status = 'ok';
    s.stale = false;
    s.error = undefined;
    s.updatedAt = this.now();
    s.order = this.computeOrder(s);
    this.diffOrder(connectionId, oldOrder, s.order, change);
    if (connectionChanged) change.connections.push(connectionId);
    this.emit(change);
    return change;
  }

  /** A failed refresh: the last good tasks stay, marked stale. */
  applyError(connectionId: string, error: ProviderError): void {
    const s = this.state(connectionId);
    const textChanged =
      s.status !== 'error' || !s.stale || s.error?.message !== error.message || s.error?.kind !== error.kind;
    s.status = 'error';
    s.stale = true;
    s.error = error;
    if (textChanged) this.emit({ ...emptyChange(), connections: [connectionId] });
  }

  /** The next page of a group ("Load more"). */
  appendPage(connectionId: string, groupId: string, tasks: Task[], next: string | undefined): void {
    const s = this.state(connectionId);
    const change = emptyChange();
    const previous: Array<Task | undefined> = [];
    for (const t of tasks) {
      previous.push(s.tasks.get(t.id));
      this.putTask(s, t, change);
      s.tasks.set(t.id, t);
    }
    if (next) s.more = { ...s.more, [groupId]: next };
    else {
      const { [groupId]: _dropped, ...rest } = s.more;
      s.more = rest;
    }
    this.reorder(s, tasks, previous, change);
    // The group's "Load more" row appears or goes.
    if (!change.groups.some(g => g.groupId === groupId)) change.groups.push({ connectionId, groupId });
    this.emit(change);
  }

  /**
   * One task fetched by id (a watched task, Show Task by ID), merged into what the store knew so the answer adds to
   * the row and never takes from it. `retain` keeps it for the retention time although later snapshots do not list
   * it: Redis Enterprise lists only running CRDB tasks, yet a finished one the user asked for should stay visible.
   */
  upsertTask(fetched: Task, options: { retain?: boolean } = {}): void {
    const s = this.state(fetched.source);
    const change = emptyChange();
    if (options.retain) this.keep.keep(s.id, fetched.id, 'lookedUp', this.now() + this.retentionMs);
    const previous = s.tasks.get(fetched.id);
    const task = mergeTask(previous, fetched);
    this.putTask(s, task, change);
    s.tasks.set(task.id, task);
    if (!s.groups.some(g => g.id === task.group)) {
      // A task of a group this connection has not shown yet (e.g. looked up before the first refresh).
      s.groups = [...s.groups, { id: task.group, label: task.group, kind: 'tasks' }];
      change.connections.push(task.source);
    }
    this.reorder(s, [task], [previous], change);
    this.emit(change);
  }

  /** Stops keeping a looked-up task that snapshots no longer list (it goes with the next snapshot). */
  release(connectionId: string, taskId: string): void {
    this.keep.release(connectionId, taskId, 'lookedUp');
  }

  /**
   * The task left its list while active and its by-id answer is gone too (404 after the result TTL, or no by-id call
   * at all): it finished, how is unknown. It stays, so the person sees that it ended instead of a row that vanished.
   */
  markEnded(connectionId: string, taskId: string): void {
    const s = this.states.get(connectionId);
    const known = s?.tasks.get(taskId);
    if (!s || !known || !isActive(known.status)) return;
    const now = this.now();
    const task: Task = { ...known, status: 'ended', progress: undefined, remainingSeconds: undefined };
    this.keep.keep(connectionId, taskId, 'finished', now + this.retentionMs);
    const change = emptyChange();
    this.putTask(s, task, change);
    s.tasks.set(taskId, task);
    this.reorder(s, [task], [known], change);
    this.emit(change);
  }

  /** Tasks the last snapshot did not list but the store keeps, still active as far as it knows (to look up). */
  unlistedActive(connectionId: string, listed: ReadonlySet<string>): Task[] {
    const out: Task[] = [];
    for (const t of this.states.get(connectionId)?.tasks.values() ?? [])
      if (!listed.has(t.id) && isActive(t.status)) out.push(t);
    return out;
  }

  /** "Cancelling…" until the data for this task says it ended. */
  markCancelling(connectionId: string, taskId: string, on = true): void {
    const s = this.states.get(connectionId);
    if (!s || !s.tasks.has(taskId)) return;
    if (s.cancelling.has(taskId) === on) return;
    if (on) s.cancelling.add(taskId);
    else s.cancelling.delete(taskId);
    this.emit({ ...emptyChange(), tasks: [{ connectionId, taskId }] });
  }

  // ---- persistence ----

  /** The last good tasks of each connection, bounded, without raw payloads (they may be large; never secrets). */
  serialize(): PersistedStore {
    const connections: PersistedStore['connections'] = [];
    for (const s of this.states.values()) {
      if (s.updatedAt === undefined && s.tasks.size === 0) continue;
      const tasks = [...s.tasks.values()]
        .sort(compareTasks)
        .slice(0, PERSISTED_TASKS_PER_CONNECTION)
        .map(t => ({ ...t, raw: undefined }));
      const ids = new Set(tasks.map(t => t.id));
      const kept = this.keep.expiring(s.id).filter(k => ids.has(k.taskId));
      connections.push({ id: s.id, updatedAt: s.updatedAt, groups: s.groups, tasks, kept });
    }
    return { version: PERSISTED_VERSION, connections };
  }

  /** Restored data shows as stale until the first refresh answers. Unknown shapes are ignored, not thrown. */
  restore(data: unknown, knownConnections?: ReadonlySet<string>): void {
    if (!data || typeof data !== 'object') return;
    const d = data as Partial<PersistedStore>;
    if (d.version !== PERSISTED_VERSION || !Array.isArray(d.connections)) return;
    const change = emptyChange();
    for (const c of d.connections) {
      if (!c || typeof c.id !== 'string' || !Array.isArray(c.tasks) || !Array.isArray(c.groups)) continue;
      if (knownConnections && !knownConnections.has(c.id)) continue;
      const s = this.fresh(c.id);
      s.status = 'ok';
      s.stale = true;
      s.updatedAt = typeof c.updatedAt === 'number' ? c.updatedAt : undefined;
      s.groups = c.groups;
      for (const t of c.tasks.slice(0, PERSISTED_TASKS_PER_CONNECTION)) {
        if (!t || typeof t.id !== 'string' || typeof t.group !== 'string') continue;
        const task: Task = { ...t, source: c.id, steps: t.steps ?? [], shards: t.shards ?? [], errors: t.errors ?? [] };
        s.tasks.set(task.id, task);
      }
      for (const k of Array.isArray(c.kept) ? c.kept : []) {
        if (k && s.tasks.has(k.taskId) && typeof k.until === 'number' && KEPT_ON_RELOAD.has(k.reason))
          this.keep.keep(c.id, k.taskId, k.reason, k.until);
      }
      s.order = this.computeOrder(s);
      this.states.set(c.id, s);
      change.connections.push(c.id);
    }
    if (change.connections.length) this.emit(change);
  }

  // ---- internals ----

  private fresh(id: string): ConnectionState {
    return {
      id,
      status: 'loading',
      stale: false,
      groups: [],
      tasks: new Map(),
      order: new Map(),
      more: {},
      cancelling: new Set(),
    };
  }

  /**
   * Whether a task the latest snapshot omits stays. A finished one stays for the retention time from its end; one
   * that was active has just ended as far as we can tell (a CRDB task leaves /v1/crdb_tasks when it finishes), so it
   * stays while the host looks it up by id. Other reasons (a panel, a cancel) are the registry's.
   */
  private keepsUnlisted(connectionId: string, t: Task, now: number): boolean {
    if (!this.keep.has(connectionId, t.id, 'finished')) {
      const from = isActive(t.status) ? now : (t.finishedAt ?? now);
      this.keep.keep(connectionId, t.id, 'finished', Math.min(from, now) + this.retentionMs);
    }
    return this.keep.isKept(connectionId, t.id, now);
  }

  private state(id: string): ConnectionState {
    let s = this.states.get(id);
    if (!s) {
      s = this.fresh(id);
      this.states.set(id, s);
    }
    return s;
  }

  /**
   * Adds a task to the change when it is new content or clears a "Cancelling…" mark. Called before `t` replaces the
   * task of the same id in `s.tasks`, which is what it is compared with. The mark lasts while the task is still
   * active: a cluster goes on saying "running" for a while after it accepted a cancel (issue 13).
   */
  private putTask(s: ConnectionState, t: Task, change: StoreChange): void {
    const before = s.tasks.get(t.id);
    const wasCancelling = !isActive(t.status) && s.cancelling.delete(t.id);
    if (!before || !sameTaskView(before, t) || wasCancelling) change.tasks.push({ connectionId: s.id, taskId: t.id });
  }

  /**
   * The display order after `tasks` (already in `s.tasks`; `previous[i]` is what `tasks[i]` replaced) were added:
   * only their groups change, and each is a merge of its sorted list with the few sorted newcomers. Re-sorting the
   * whole connection after every "Load more" page made paging through N tasks cost N²/page. The result is exactly
   * `computeOrder`'s: `compareTasks` is a total order (ties broken by id) and the other tasks did not change.
   */
  private reorder(
    s: ConnectionState,
    tasks: readonly Task[],
    previous: ReadonlyArray<Task | undefined>,
    change: StoreChange,
  ): void {
    const ids = new Set<string>();
    const touched = new Set<string>();
    for (let i = 0; i < tasks.length; i++) {
      ids.add(tasks[i].id);
      touched.add(tasks[i].group);
      const p = previous[i];
      if (p) touched.add(p.group);
    }
    // Groups already shown first, in their order, then new ones: the order a full diff would name them in.
    const groups = [...s.order.keys()].filter(g => touched.has(g));
    for (const g of touched) if (!s.order.has(g)) groups.push(g);
    for (const g of groups) {
      const before = s.order.get(g);
      const kept = before ? before.filter(id => !ids.has(id)) : [];
      const incoming: Task[] = [];
      for (const id of ids) {
        const t = s.tasks.get(id);
        if (t && t.group === g) incoming.push(t);
      }
      incoming.sort(compareTasks);
      const after = mergeOrder(kept, incoming, s.tasks);
      if (after.length === 0) {
        if (before) {
          s.order.delete(g);
          change.groups.push({ connectionId: s.id, groupId: g });
        }
        continue;
      }
      s.order.set(g, after);
      if (!sameList(before, after)) change.groups.push({ connectionId: s.id, groupId: g });
    }
  }

  private computeOrder(s: ConnectionState): Map<string, string[]> {
    const byGroup = new Map<string, Task[]>();
    for (const t of s.tasks.values()) {
      let list = byGroup.get(t.group);
      if (!list) byGroup.set(t.group, (list = []));
      list.push(t);
    }
    const order = new Map<string, string[]>();
    for (const [g, list] of byGroup)
      order.set(
        g,
        list.sort(compareTasks).map(t => t.id),
      );
    return order;
  }

  private diffOrder(
    connectionId: string,
    before: Map<string, string[]>,
    after: Map<string, string[]>,
    change: StoreChange,
  ): void {
    const groups = new Set([...before.keys(), ...after.keys()]);
    for (const g of groups) {
      if (!sameList(before.get(g), after.get(g) ?? []) || (before.has(g) && !after.has(g))) {
        change.groups.push({ connectionId, groupId: g });
      }
    }
  }

  private emit(change: StoreChange): void {
    if (change.connections.length || change.groups.length || change.tasks.length || change.removed.length) {
      this.emitter.emit('change', change);
    }
  }
}

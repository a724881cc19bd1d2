import { EventEmitter } from 'node:events';
import type { ProviderError } from './errors';
import { isActive, type Task, type TaskGroup, type TaskSnapshot, type TaskStatus } from './task';

/**
 * The one source of truth the views read. Providers' snapshots are diffed here so that a poll that changes one task
 * among thousands redraws one row: the events name exactly what changed.
 */

export type ConnectionStatus = 'loading' | 'ok' | 'error';

export interface TaskRef { connectionId: string; taskId: string }
export interface GroupRef { connectionId: string; groupId: string }

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

interface ConnectionState {
  id: string;
  status: ConnectionStatus;
  stale: boolean;
  error?: ProviderError;
  updatedAt?: number;
  groups: TaskGroup[];
  tasks: Map<string, Task>;
  fingerprints: Map<string, string>;
  /** Per group, task ids in display order. */
  order: Map<string, string[]>;
  more: Record<string, string>;
  cancelling: Set<string>;
  /** Tasks kept although a snapshot no longer lists them (looked up by id, watched). */
  retained: Set<string>;
}

export interface PersistedStore {
  version: number;
  connections: {
    id: string;
    updatedAt?: number;
    groups: TaskGroup[];
    tasks: Task[];
  }[];
}

/** Everything the tree shows of a task, without `raw`: two tasks with equal fingerprints render identically. */
export function taskFingerprint(t: Task): string {
  return JSON.stringify([
    t.id, t.group, t.kind, t.name, t.type, t.target, t.status, t.providerStatus, t.progress, t.startedAt, t.finishedAt,
    t.remainingSeconds, t.currentStep, t.steps, t.shards, t.errors, t.capabilities,
  ]);
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

function emptyChange(): StoreChange {
  return { connections: [], groups: [], tasks: [], removed: [] };
}

export class TaskStore {
  private readonly emitter = new EventEmitter();
  private readonly states = new Map<string, ConnectionState>();

  constructor(private readonly now: () => number = Date.now) {
    this.emitter.setMaxListeners(50);
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
    return { id: s.id, status: s.status, stale: s.stale, error: s.error, updatedAt: s.updatedAt, groups: s.groups, more: s.more };
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

  /** Tasks running or waiting to run, across every connection, newest first. */
  running(): Task[] {
    const out: Task[] = [];
    for (const s of this.states.values()) {
      for (const t of s.tasks.values()) if (t.status === 'running' || t.status === 'pending') out.push(t);
    }
    return out.sort(compareTasks);
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

    const connectionChanged = s.status !== 'ok' || s.stale || s.error !== undefined
      || !sameGroups(s.groups, snapshot.groups) || JSON.stringify(s.more) !== JSON.stringify(snapshot.more);
    const oldOrder = s.order;
    const next = new Map<string, Task>();
    for (const t of snapshot.tasks) next.set(t.id, t);
    for (const id of s.retained) {
      const kept = s.tasks.get(id);
      if (kept && !next.has(id)) next.set(id, kept);
    }
    for (const [id] of s.tasks) {
      if (!next.has(id)) {
        change.removed.push({ connectionId, taskId: id });
        s.fingerprints.delete(id);
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
    const textChanged = s.status !== 'error' || !s.stale || s.error?.message !== error.message || s.error?.kind !== error.kind;
    s.status = 'error';
    s.stale = true;
    s.error = error;
    if (textChanged) this.emit({ ...emptyChange(), connections: [connectionId] });
  }

  /** The next page of a group ("Load more"). */
  appendPage(connectionId: string, groupId: string, tasks: Task[], next: string | undefined): void {
    const s = this.state(connectionId);
    const change = emptyChange();
    for (const t of tasks) {
      this.putTask(s, t, change);
      s.tasks.set(t.id, t);
    }
    if (next) s.more = { ...s.more, [groupId]: next };
    else {
      const { [groupId]: _dropped, ...rest } = s.more;
      s.more = rest;
    }
    const oldOrder = s.order;
    s.order = this.computeOrder(s);
    this.diffOrder(connectionId, oldOrder, s.order, change);
    // The group's "Load more" row appears or goes.
    if (!change.groups.some(g => g.groupId === groupId)) change.groups.push({ connectionId, groupId });
    this.emit(change);
  }

  /**
   * One task fetched by id (a watched task, Show Task by ID). `retain` keeps it although later snapshots do not list
   * it: Redis Enterprise lists only running CRDB tasks, yet a finished one the user asked for should stay visible.
   */
  upsertTask(task: Task, options: { retain?: boolean } = {}): void {
    const s = this.state(task.source);
    const change = emptyChange();
    if (options.retain) s.retained.add(task.id);
    this.putTask(s, task, change);
    s.tasks.set(task.id, task);
    if (!s.groups.some(g => g.id === task.group)) {
      // A task of a group this connection has not shown yet (e.g. looked up before the first refresh).
      s.groups = [...s.groups, { id: task.group, label: task.group, kind: 'tasks' }];
      change.connections.push(task.source);
    }
    const oldOrder = s.order;
    s.order = this.computeOrder(s);
    this.diffOrder(task.source, oldOrder, s.order, change);
    this.emit(change);
  }

  /** Keeps a known task although later snapshots stop listing it (the person watches it: cancelled, opened). */
  retain(connectionId: string, taskId: string): void {
    const s = this.states.get(connectionId);
    if (s?.tasks.has(taskId)) s.retained.add(taskId);
  }

  /** Stops keeping a task that snapshots no longer list (it goes with the next snapshot). */
  release(connectionId: string, taskId: string): void {
    this.states.get(connectionId)?.retained.delete(taskId);
  }

  /** "Cancelling…" until the next data for this task tells the truth. */
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
      const tasks = [...s.tasks.values()].sort(compareTasks).slice(0, PERSISTED_TASKS_PER_CONNECTION)
        .map(t => ({ ...t, raw: undefined }));
      connections.push({ id: s.id, updatedAt: s.updatedAt, groups: s.groups, tasks });
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
        s.fingerprints.set(task.id, taskFingerprint(task));
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
      id, status: 'loading', stale: false, groups: [], tasks: new Map(), fingerprints: new Map(), order: new Map(),
      more: {}, cancelling: new Set(), retained: new Set(),
    };
  }

  private state(id: string): ConnectionState {
    let s = this.states.get(id);
    if (!s) {
      s = this.fresh(id);
      this.states.set(id, s);
    }
    return s;
  }

  /** Records a task's fingerprint; adds it to the change when it is new content or clears a "Cancelling…" mark. */
  private putTask(s: ConnectionState, t: Task, change: StoreChange): void {
    const fp = taskFingerprint(t);
    const before = s.fingerprints.get(t.id);
    const wasCancelling = s.cancelling.delete(t.id);
    s.fingerprints.set(t.id, fp);
    if (before !== fp || wasCancelling) change.tasks.push({ connectionId: s.id, taskId: t.id });
  }

  private computeOrder(s: ConnectionState): Map<string, string[]> {
    const byGroup = new Map<string, Task[]>();
    for (const t of s.tasks.values()) {
      let list = byGroup.get(t.group);
      if (!list) byGroup.set(t.group, list = []);
      list.push(t);
    }
    const order = new Map<string, string[]>();
    for (const [g, list] of byGroup) order.set(g, list.sort(compareTasks).map(t => t.id));
    return order;
  }

  private diffOrder(connectionId: string, before: Map<string, string[]>, after: Map<string, string[]>, change: StoreChange): void {
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

/** Statuses the "Cancel" command applies to. */
export function isCancelableStatus(status: TaskStatus): boolean {
  return isActive(status);
}

import { EventEmitter } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import type { ProviderError } from './errors';
import { KeepRegistry } from './keep';
import { mergeTask } from './merge';
import { changedGroups, computeOrder, computeOrderSliced, reorder, withUnlisted, type GroupOrder } from './order';
import { persist, readPersisted, type PersistedStore } from './persist';
import { isActive, type Task, type TaskSnapshot } from './task';
import { forEachSliced } from './slices';
import { sameTaskView } from './taskView';
import {
  connectionView,
  emptyChange,
  freshState,
  type ConnectionState,
  type ConnectionView,
  type StoreChange,
} from './storeState';

// What importers of the store read beside it: its order and what it saves.
export { compareTasks } from './order';
export { PERSISTED_TASKS_PER_CONNECTION, type PersistedStore } from './persist';
export type { ConnectionStatus, ConnectionView, GroupRef, StoreChange, TaskRef } from './storeState';

/**
 * The one source of truth the views read. Providers' snapshots are diffed here so that a poll that changes one task
 * among thousands redraws one row: the events name exactly what changed.
 */

/** Per task of a snapshot, whether it looks the same as `before`, the task it was compared with. */
type Verdicts = WeakMap<Task, { before: Task; same: boolean }>;

/** How long a finished task stays after its provider stops listing it, unless the setting says otherwise. */
export const DEFAULT_RETENTION_MS = 24 * 3600_000;

export interface TaskStoreOptions {
  /** Shared with the poller; the store makes its own when none is given. */
  keep?: KeepRegistry;
  retentionMs?: number;
}

/**
 * How long "Cancelling…" is believed. A provider that accepts a cancel may go on saying "running" for a while (issue
 * 13: a Redis Enterprise CRDB task for about a minute), so the mark must outlast that by a margin, and by several
 * active poll intervals; 10 minutes does both. A task still running after that was not stopped by the cancel (ignored,
 * or stuck in a step that cannot be interrupted): "Cancelling…" any longer would hide that, and the person needs the
 * cancel buttons back. Measured on the store's clock, so tests move it instead of waiting.
 */
export const CANCEL_PATIENCE_MS = 10 * 60_000;

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
    return s && connectionView(s);
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

  /** A cancel was accepted, the task is still active, and it is not yet overdue: the row reads "Cancelling…". */
  isCancelling(connectionId: string, taskId: string): boolean {
    const mark = this.states.get(connectionId)?.cancelling.get(taskId);
    return mark !== undefined && !mark.overdue && this.now() - mark.at < CANCEL_PATIENCE_MS;
  }

  /**
   * When an accepted cancel was asked for, once the task has outlived it (`CANCEL_PATIENCE_MS`) and is still active:
   * the views show the provider's status again, say that the cancel was asked for then, and offer it again.
   */
  unansweredCancel(connectionId: string, taskId: string): number | undefined {
    const mark = this.states.get(connectionId)?.cancelling.get(taskId);
    if (!mark || (!mark.overdue && this.now() - mark.at < CANCEL_PATIENCE_MS)) return undefined;
    return mark.at;
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
    this.states.set(id, freshState(id));
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

  /**
   * A request to the connection has gone unanswered for a while (a hanging server): the row says so at once instead
   * of nothing until the timeout. Its answer, good or bad, clears it.
   */
  setWaiting(id: string, since: number | undefined): void {
    const s = this.state(id);
    if (s.waitingSince === since || (since !== undefined && s.waitingSince !== undefined)) return;
    s.waitingSince = since;
    this.emit({ ...emptyChange(), connections: [id] });
  }

  /**
   * `applySnapshot` for a list of any length: comparing each task with the one it replaces (most of the work) runs in
   * slices between which the event loop runs (core/slices.ts); the snapshot is then committed in one synchronous
   * step, so no view ever sees half of it. A verdict holds only for the very task it was made against: one replaced
   * in between (a task fetched by id) is compared again at the commit.
   */
  async applySnapshotSliced(connectionId: string, snapshot: TaskSnapshot): Promise<StoreChange> {
    const known = this.states.get(connectionId)?.tasks;
    const verdicts: Verdicts = new WeakMap();
    if (known?.size) {
      await forEachSliced(snapshot.tasks, t => {
        const before = known.get(t.id);
        if (before) verdicts.set(t, { before, same: sameTaskView(before, t) });
      });
    }
    // The listed tasks' order depends on them alone: sorted before the commit, which merges in the few kept others.
    const listed = await computeOrderSliced(snapshot.tasks);
    return this.applySnapshot(connectionId, snapshot, verdicts, listed);
  }

  applySnapshot(
    connectionId: string,
    snapshot: TaskSnapshot,
    verdicts?: Verdicts,
    listedOrder?: GroupOrder,
  ): StoreChange {
    const s = this.state(connectionId);
    const change = emptyChange();

    const connectionChanged =
      s.waitingSince !== undefined ||
      s.status !== 'ok' ||
      s.stale ||
      s.error !== undefined ||
      !isDeepStrictEqual(s.groups, snapshot.groups) ||
      !isDeepStrictEqual(s.more, snapshot.more);
    const oldOrder = s.order;
    const next = new Map<string, Task>();
    const now = this.now();
    for (const t of snapshot.tasks) {
      next.set(t.id, t);
      // Listed again: the list keeps it now.
      if (this.keep.has(connectionId, t.id, 'finished')) this.keep.release(connectionId, t.id, 'finished');
    }
    const unlisted: Task[] = [];
    for (const [id, known] of s.tasks) {
      if (next.has(id)) continue;
      if (this.keep.keepsUnlisted(connectionId, known, now, this.retentionMs)) {
        next.set(id, known);
        unlisted.push(known);
      } else {
        change.removed.push({ connectionId, taskId: id });
        s.cancelling.delete(id);
      }
    }
    for (const t of snapshot.tasks) this.putTask(s, t, change, verdicts);

    s.tasks = next;
    s.groups = snapshot.groups;
    s.more = { ...snapshot.more };
    s.status = 'ok';
    s.stale = false;
    s.error = undefined;
    s.waitingSince = undefined;
    s.updatedAt = this.now();
    // A snapshot listing an id twice leaves fewer tasks than its list: then only a full sort is right.
    s.order =
      listedOrder && next.size === snapshot.tasks.length + unlisted.length
        ? withUnlisted(listedOrder, next, unlisted)
        : computeOrder(s.tasks.values());
    for (const groupId of changedGroups(oldOrder, s.order)) change.groups.push({ connectionId, groupId });
    if (connectionChanged) change.connections.push(connectionId);
    this.emit(change);
    return change;
  }

  /** A failed refresh: the last good tasks stay, marked stale. */
  applyError(connectionId: string, error: ProviderError): void {
    const s = this.state(connectionId);
    const textChanged =
      s.waitingSince !== undefined ||
      s.status !== 'error' ||
      !s.stale ||
      s.error?.message !== error.message ||
      s.error?.kind !== error.kind;
    s.waitingSince = undefined;
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

  /** "Cancelling…" until the data for this task says it ended, or for `CANCEL_PATIENCE_MS` at most. */
  markCancelling(connectionId: string, taskId: string, on = true): void {
    const s = this.states.get(connectionId);
    if (!s || !s.tasks.has(taskId)) return;
    // A second accepted cancel (after an overdue one) starts the patience again.
    if (!on && !s.cancelling.has(taskId)) return;
    if (on && this.isCancelling(connectionId, taskId)) return;
    if (on) s.cancelling.set(taskId, { at: this.now(), overdue: false });
    else s.cancelling.delete(taskId);
    this.emit({ ...emptyChange(), tasks: [{ connectionId, taskId }] });
  }

  // ---- persistence ----

  /** The last good tasks of each connection, bounded, without raw payloads (they may be large; never secrets). */
  serialize(): PersistedStore {
    return persist(this.states.values(), id => this.keep.expiring(id));
  }

  /** Restored data shows as stale until the first refresh answers. Unknown shapes are ignored, not thrown. */
  restore(data: unknown, knownConnections?: ReadonlySet<string>): void {
    const change = emptyChange();
    for (const c of readPersisted(data, knownConnections)) {
      const s = freshState(c.id);
      s.status = 'ok';
      s.stale = true;
      s.updatedAt = c.updatedAt;
      s.groups = c.groups;
      for (const t of c.tasks) s.tasks.set(t.id, t);
      for (const k of c.kept) this.keep.keep(c.id, k.taskId, k.reason, k.until);
      s.order = computeOrder(s.tasks.values());
      this.states.set(c.id, s);
      change.connections.push(c.id);
    }
    if (change.connections.length) this.emit(change);
  }

  // ---- internals ----

  private state(id: string): ConnectionState {
    let s = this.states.get(id);
    if (!s) {
      s = freshState(id);
      this.states.set(id, s);
    }
    return s;
  }

  /**
   * Adds a task to the change when it is new content or clears a "Cancelling…" mark. Called before `t` replaces the
   * task of the same id in `s.tasks`, which is what it is compared with. The mark lasts while the task is still
   * active: a cluster goes on saying "running" for a while after it accepted a cancel (issue 13).
   */
  private putTask(s: ConnectionState, t: Task, change: StoreChange, verdicts?: Verdicts): void {
    const before = s.tasks.get(t.id);
    const mark = s.cancelling.get(t.id);
    let markChanged = false;
    if (mark && !isActive(t.status)) markChanged = s.cancelling.delete(t.id);
    else if (mark && !mark.overdue && this.now() - mark.at >= CANCEL_PATIENCE_MS) {
      // Still running long after the cancel was accepted: the next data redraws the row and the panel once, now with
      // the provider's status and the cancel offered again.
      mark.overdue = true;
      markChanged = true;
    }
    const verdict = verdicts?.get(t);
    const same = before !== undefined && (verdict?.before === before ? verdict.same : sameTaskView(before, t));
    if (!same || markChanged) change.tasks.push({ connectionId: s.id, taskId: t.id });
  }

  /** Places `tasks` (already in `s.tasks`; `previous[i]` is what `tasks[i]` replaced) in the display order. */
  private reorder(
    s: ConnectionState,
    tasks: readonly Task[],
    previous: ReadonlyArray<Task | undefined>,
    change: StoreChange,
  ): void {
    for (const groupId of reorder(s.order, s.tasks, tasks, previous))
      change.groups.push({ connectionId: s.id, groupId });
  }

  private emit(change: StoreChange): void {
    if (change.connections.length || change.groups.length || change.tasks.length || change.removed.length) {
      this.emitter.emit('change', change);
    }
  }
}

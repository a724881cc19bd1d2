import type { ConnectionConfig } from './connection';
import { ProviderError, asProviderError } from './errors';
import { FinishWatch } from './finishes';
import { Poller, systemTimer, type PollRequest, type PollerTimer } from './poller';
import { effectiveQuery, isChoiceFiltered, matchesQuery, type QueryChoice } from './query';
import type { TaskSource } from './source';
import { SourceRegistry, type SourceRegistryDeps } from './sources';
import type { TaskRef, TaskStore } from './store';
import { isActive, type Task, type TaskQuery, type TaskSnapshot } from './task';

/**
 * The glue between connections, their sources, the store and the poller, in plain Node: the extension's
 * `TaskService` is this with VS Code's events and words. Views never call a `TaskSource`: they read the store and
 * call this.
 */

/** After this long without an answer, the connection's row says it is waiting (store.setWaiting). */
export const SLOW_ANSWER_MS = 5_000;

/** What the orchestrator reads of the settings. */
export interface OrchestratorSettings {
  activeIntervalMs: number;
  idleIntervalMs: number;
  resultTtlSeconds: number;
  /** Tasks started within this many days are asked for when no window is chosen; 0 = the provider's default. */
  timeWindowDays: number;
}

export interface OrchestratorDeps {
  store: TaskStore;
  connections: { list(): readonly ConnectionConfig[]; get(id: string): ConnectionConfig | undefined };
  settings: () => OrchestratorSettings;
  /** How sources are made and what closing one clears (`SourceRegistry`); `config` is read from `connections`. */
  sources: Omit<SourceRegistryDeps, 'config'>;
  /** The words of the one error of ours a cancel can meet (localised by the caller). */
  cannotCancel: () => string;
  /** A poll of the connection (named as the person knows it) failed; the poller backs off. */
  onPollError: (connectionName: string, error: Error) => void;
  now?: () => number;
  /** The poller's timer (tests drive it by hand). */
  timer?: PollerTimer;
  /** Whether a details panel for the task exists, visible or not. */
  isPanelOpen?: (connectionId: string, taskId: string) => boolean;
}

/** Tasks that left their list while active, looked up per poll; the rest wait for the next one. */
const MAX_LOOKUPS_PER_POLL = 10;

export class TaskOrchestrator {
  readonly poller: Poller;
  private readonly sources: SourceRegistry;
  private readonly finishes = new FinishWatch();
  private choice: QueryChoice = { query: {} };
  private subscriptions: { dispose(): void }[] = [];

  constructor(private readonly deps: OrchestratorDeps) {
    const s = deps.settings();
    this.sources = new SourceRegistry({ ...deps.sources, config: id => deps.connections.get(id) });
    this.poller = new Poller(
      {
        poll: r => this.poll(r),
        hasActive: id => deps.store.hasActive(id),
        isTaskActive: (c, t) => {
          const task = deps.store.task(c, t);
          return !task || isActive(task.status);
        },
      },
      {
        activeIntervalMs: s.activeIntervalMs,
        idleIntervalMs: s.idleIntervalMs,
        keep: deps.store.keep,
        timer: deps.timer,
        onError: (id, e) => deps.onPollError(this.nameOf(id), e),
      },
    );
    this.subscriptions.push(
      deps.store.onDidChange(change => {
        for (const t of change.tasks) this.afterTaskChange(t.connectionId, t.taskId);
        for (const r of change.removed) {
          this.finishes.forget(r.connectionId, r.taskId);
          this.taskChanged(r);
        }
        // A connection's state (stale, error) is part of what a details panel shows for each of its tasks.
        for (const c of change.connections) {
          for (const k of deps.store.keep.all())
            if (k.connectionId === c && k.reasons.some(r => r.reason === 'panel')) this.taskChanged(k);
        }
        if (change.tasks.length || change.groups.length) this.poller.touch();
      }),
    );
  }

  /** Something a details panel of this task shows may have changed (or the task is gone). */
  protected taskChanged(_ref: TaskRef): void {}

  /** A watched task reached a final status. */
  protected watchedTaskFinished(_task: Task): void {}

  // ---- connections ----

  /**
   * Settings changed (or activation): new connections load, removed ones go, edited ones get a fresh source.
   * `refreshNew`: ask new or edited connections at once (the person just added them); at activation the poller's
   * visibility gate decides instead, so nothing touches the network before someone looks.
   */
  syncConnections(refreshNew: boolean): void {
    const list = this.deps.connections.list();
    const ids = new Set(list.map(c => c.id));
    for (const id of this.deps.store.connectionIds()) if (!ids.has(id)) this.deps.store.removeConnection(id);
    const changed = this.sources.sync(list);
    for (const c of list) this.deps.store.ensureConnection(c.id);
    this.poller.setConnections(list.map(c => c.id));
    if (refreshNew) for (const id of changed) this.refresh(id).catch(() => undefined);
  }

  /** The secret changed (Edit Connection): make the source again and ask the server. */
  reconnect(connectionId: string): Promise<void> {
    this.sources.close(connectionId);
    return this.refresh(connectionId);
  }

  nameOf(connectionId: string): string {
    return this.deps.connections.get(connectionId)?.name ?? connectionId;
  }

  consoleUrl(connectionId: string): string | undefined {
    return this.sources.consoleUrl(connectionId);
  }

  /** The TaskSource of a connection, made on first use: this is what loads its provider bundle (dist/providers/<id>.js). */
  source(connectionId: string): Promise<TaskSource> {
    return this.sources.get(connectionId);
  }

  // ---- filters ----

  getQuery(): TaskQuery {
    return { ...this.choice.query };
  }

  /** `windowMs`: a relative time window ("last 24 hours"), recomputed at every poll. */
  setQuery(query: TaskQuery, windowMs?: number): void {
    this.choice = { query, windowMs };
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : this.deps.timer ? this.deps.timer.now() : Date.now();
  }

  /** Whether the views show this task under the active filter: kept tasks obey the filter like listed ones. */
  shows(task: Task): boolean {
    return matchesQuery(task, this.effectiveQuery());
  }

  private effectiveQuery(): TaskQuery {
    return effectiveQuery(this.choice, this.now(), this.deps.settings().timeWindowDays);
  }

  isFiltered(): boolean {
    return isChoiceFiltered(this.choice);
  }

  // ---- reading from the servers ----

  refresh(connectionId?: string): Promise<void> {
    return this.poller.refreshNow(connectionId);
  }

  /**
   * One poll: the list when someone looks, then by id each watched task the list did not bring up to date and each
   * task that left the list while active (it has just finished: its final state is what the person wants to see).
   */
  private async poll(r: PollRequest): Promise<void> {
    const { store } = this.deps;
    let snapshot: TaskSnapshot | undefined;
    if (r.list) {
      store.setLoading(r.connectionId);
      const clock = this.deps.timer ?? systemTimer;
      const sent = this.now();
      const slow = clock.setTimeout(() => store.setWaiting(r.connectionId, sent), SLOW_ANSWER_MS);
      try {
        const source = await this.source(r.connectionId);
        snapshot = await source.refresh(this.effectiveQuery(), r.signal);
        // Unfiltered into the store: the views filter, so a task outside the filter is hidden, not "vanished".
        await store.applySnapshotSliced(r.connectionId, snapshot);
      } catch (e) {
        const error = asProviderError(e);
        // Nobody waits any more: the row must not keep saying so until the next answer.
        if (error.kind === 'aborted') return store.setWaiting(r.connectionId, undefined);
        store.applyError(r.connectionId, error);
        throw error;
      } finally {
        clock.clearTimeout(slow);
      }
    }
    const listed = new Set(snapshot?.tasks.map(t => t.id) ?? []);
    const lookups = new Set(r.tasks.filter(t => !listed.has(t)));
    if (snapshot) {
      // Only what the filter shows: a hidden task is not worth a request, and the cap bounds a poll's cost.
      const vanished = store.unlistedActive(r.connectionId, listed).filter(t => this.shows(t));
      for (const t of vanished.slice(0, MAX_LOOKUPS_PER_POLL)) lookups.add(t.id);
    }
    for (const taskId of lookups) {
      if (r.signal.aborted) return;
      try {
        await this.fetchTask(r.connectionId, taskId, r.signal);
      } catch (e) {
        const error = asProviderError(e);
        if (error.kind === 'not-found' || error.kind === 'unsupported') {
          store.markEnded(r.connectionId, taskId);
          store.keep.release(r.connectionId, taskId, 'canceled');
        } else if (!r.list) throw error; // lets the poller back off when only watched tasks are polled
      }
    }
  }

  /** Fetches one task (with the X-Result-TTL setting, so a finished one can still be read) into the store. */
  async fetchTask(connectionId: string, taskId: string, signal?: AbortSignal): Promise<Task> {
    const source = await this.source(connectionId);
    const known = this.deps.store.task(connectionId, taskId);
    const task = await source.getTask(taskId, {
      resultTtlSeconds: this.deps.settings().resultTtlSeconds,
      group: known?.group,
      signal,
    });
    this.deps.store.upsertTask(task, { retain: true });
    return task;
  }

  async loadMore(connectionId: string, groupId: string): Promise<void> {
    const cursor = this.deps.store.connection(connectionId)?.more[groupId];
    if (!cursor) return;
    const source = await this.source(connectionId);
    const query = this.effectiveQuery();
    const page = await source.loadMore(groupId, cursor, query);
    this.deps.store.appendPage(
      connectionId,
      groupId,
      page.tasks.filter(t => matchesQuery(t, query)),
      page.next,
    );
  }

  /** Sends one cancel request: never retried here or below (a POST). The caller has asked the person. */
  async cancel(connectionId: string, taskId: string, force: boolean): Promise<void> {
    const source = await this.source(connectionId);
    if (!source.cancelTask) throw new ProviderError('unsupported', this.deps.cannotCancel());
    await source.cancelTask(taskId, { force });
    this.deps.store.keep.keep(connectionId, taskId, 'canceled');
    this.deps.store.markCancelling(connectionId, taskId, true);
  }

  // ---- watching ----

  /** A details panel shows this task (visible) or is hidden or closed. Idempotent: one panel per task. */
  setPanelWatched(connectionId: string, taskId: string, watched: boolean): void {
    const { keep } = this.deps.store;
    if (watched) keep.keep(connectionId, taskId, 'panel');
    else keep.release(connectionId, taskId, 'panel');
    this.poller.setPanelsVisible(keep.anyWithReason('panel'));
  }

  /** Opened (a details panel exists, even hidden) or cancelled by the person: what notifications are about. */
  isWatched(connectionId: string, taskId: string): boolean {
    return (
      this.deps.store.keep.isWatched(connectionId, taskId) || (this.deps.isPanelOpen?.(connectionId, taskId) ?? false)
    );
  }

  private afterTaskChange(connectionId: string, taskId: string): void {
    this.taskChanged({ connectionId, taskId });
    const task = this.deps.store.task(connectionId, taskId);
    if (!task) return;
    if (this.finishes.justFinished(connectionId, taskId, task.status) && this.isWatched(connectionId, taskId))
      this.watchedTaskFinished(task);
    // A cancel is followed until the task ends; then the row stays for the usual reasons (retention).
    if (!isActive(task.status)) this.deps.store.keep.release(connectionId, taskId, 'canceled');
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.poller.dispose();
    this.sources.dispose();
  }
}

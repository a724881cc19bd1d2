import * as vscode from 'vscode';
import { certificateNotes } from './certificateNotes';
import type { ConnectionConfig } from '../core/connection';
import { ProviderError, asProviderError } from '../core/errors';
import { Poller, type PollRequest, type PollerTimer } from '../core/poller';
import type { TaskSource } from '../core/source';
import type { TaskStore } from '../core/store';
import { FINAL_STATUSES, isActive, type Task, type TaskQuery, type TaskSnapshot } from '../core/task';
import type { ConnectionsModel } from './connections/model';
import type { TaskLog } from './log';
import type { ProvidersModule } from './providersLoader';
import { sourceDepsFor } from './sourceDeps';
import { descriptorOf } from '../providers/registry';
import type { ExtensionSettings } from './settings';

/**
 * The glue between connections, their TaskSources, the store and the poller. Views never call a TaskSource: they
 * read the store and call this.
 */

export interface TaskServiceDeps {
  store: TaskStore;
  connections: ConnectionsModel;
  log: TaskLog;
  providers: () => ProvidersModule;
  settings: () => ExtensionSettings;
  now?: () => number;
  /** The poller's timer (tests drive it by hand). */
  timer?: PollerTimer;
  /** Whether a details panel for the task exists, visible or not. */
  isPanelOpen?: (connectionId: string, taskId: string) => boolean;
}

interface OpenSource {
  source: TaskSource;
  /** The settings entry it was made from: a different one means edit, so the source is made again. */
  key: string;
}

/** Applies a filter on our side too: providers push what their API supports, the rest is ours to do. */
export function matchesQuery(task: Task, q: TaskQuery): boolean {
  if (q.statuses?.length && !q.statuses.includes(task.status)) return false;
  if (q.types?.length && !(task.type && q.types.includes(task.type)) && !q.types.includes(task.name)) return false;
  // A task with no start time yet (queued) is current by definition, so a window never hides it.
  if (q.since !== undefined && task.startedAt !== undefined && task.startedAt < q.since) return false;
  if (q.until !== undefined && task.startedAt !== undefined && task.startedAt > q.until) return false;
  return true;
}

export function isQueryEmpty(q: TaskQuery): boolean {
  return !q.statuses?.length && !q.types?.length && q.since === undefined && q.until === undefined && !q.instanceId;
}

/** Tasks that left their list while active, looked up per poll; the rest wait for the next one. */
const MAX_LOOKUPS_PER_POLL = 10;

export class TaskService implements vscode.Disposable {
  readonly poller: Poller;
  private readonly sources = new Map<string, OpenSource>();
  private readonly configKeys = new Map<string, string>();
  private readonly consoleUrls = new Map<string, string | undefined>();
  private readonly lastStatus = new Map<string, string>();
  private readonly taskChanged = new vscode.EventEmitter<{ connectionId: string; taskId: string }>();
  readonly onDidChangeTask = this.taskChanged.event;
  private readonly finished = new vscode.EventEmitter<Task>();
  /** A watched task reached a final status. */
  readonly onDidFinishWatchedTask = this.finished.event;
  private query: TaskQuery = {};
  private subscriptions: { dispose(): void }[] = [];
  /** Windows (relative time filters) are computed at each poll, so "last hour" keeps meaning the last hour. */
  private windowMs?: number;

  constructor(private readonly deps: TaskServiceDeps) {
    const s = deps.settings();
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
        onError: (id, e) => deps.log.error(this.nameOf(id), e),
      },
    );
    this.subscriptions.push(
      deps.store.onDidChange(change => {
        for (const t of change.tasks) this.afterTaskChange(t.connectionId, t.taskId);
        for (const r of change.removed) {
          this.lastStatus.delete(key(r.connectionId, r.taskId));
          this.taskChanged.fire(r);
        }
        // A connection's state (stale, error) is part of what a details panel shows for each of its tasks.
        for (const c of change.connections) {
          for (const k of deps.store.keep.all())
            if (k.connectionId === c && k.reasons.some(r => r.reason === 'panel')) this.taskChanged.fire(k);
        }
        if (change.tasks.length || change.groups.length) this.poller.touch();
      }),
    );
  }

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
    const changed: string[] = [];
    for (const [id, open] of this.sources) {
      const c = list.find(x => x.id === id);
      if (!c || open.key !== JSON.stringify(c)) this.closeSource(id);
    }
    for (const id of [...this.configKeys.keys()]) if (!ids.has(id)) this.configKeys.delete(id);
    for (const c of list) {
      const k = JSON.stringify(c);
      if (this.configKeys.get(c.id) !== k) changed.push(c.id);
      this.configKeys.set(c.id, k);
      this.deps.store.ensureConnection(c.id);
    }
    this.poller.setConnections(list.map(c => c.id));
    if (refreshNew) for (const id of changed) this.refresh(id).catch(() => undefined);
  }

  /** The secret changed (Edit Connection): make the source again and ask the server. */
  reconnect(connectionId: string): Promise<void> {
    this.closeSource(connectionId);
    return this.refresh(connectionId);
  }

  nameOf(connectionId: string): string {
    return this.deps.connections.get(connectionId)?.name ?? connectionId;
  }

  consoleUrl(connectionId: string): string | undefined {
    return this.consoleUrls.get(connectionId);
  }

  /** The TaskSource of a connection, made on first use: this is what loads its provider bundle (dist/providers/<id>.js). */
  async source(connectionId: string): Promise<TaskSource> {
    const config = this.deps.connections.get(connectionId);
    if (!config)
      throw new ProviderError('not-found', vscode.l10n.t('The connection "{0}" no longer exists.', connectionId));
    const key = JSON.stringify(config);
    const open = this.sources.get(connectionId);
    if (open && open.key === key) return open.source;
    if (open) this.closeSource(connectionId);
    // A provider that signs in on its own (an AWS profile, the default credential chain) has no secret of ours.
    const secret =
      (await this.deps.connections.secret(connectionId)) ??
      (descriptorOf(config.provider).secret.optional && !config.user ? { secret: '' } : undefined);
    if (!secret) {
      throw new ProviderError(
        'auth',
        vscode.l10n.t('No credentials are stored for "{0}". Edit the connection to enter them.', config.name),
      );
    }
    this.deps.log.addSecret(secret.secret, config.user);
    const settings = this.deps.settings();
    const source = this.createSource(config, secret.secret, settings);
    this.sources.set(connectionId, { source, key });
    try {
      this.consoleUrls.set(connectionId, source.consoleUrl?.());
    } catch {
      this.consoleUrls.delete(connectionId);
    }
    return source;
  }

  private createSource(config: ConnectionConfig, secret: string, settings: ExtensionSettings): TaskSource {
    try {
      return this.deps
        .providers()
        .createSource(config, { secret }, sourceDepsFor(config, settings, this.deps.log, this.deps.now));
    } catch (e) {
      throw asProviderError(e);
    }
  }

  private closeSource(id: string): void {
    const open = this.sources.get(id);
    this.sources.delete(id);
    certificateNotes.delete(id);
    this.consoleUrls.delete(id);
    if (open) open.source.close().catch(() => undefined);
  }

  // ---- filters ----

  getQuery(): TaskQuery {
    return { ...this.query };
  }

  /** `windowMs`: a relative time window ("last 24 hours"), recomputed at every poll. */
  setQuery(query: TaskQuery, windowMs?: number): void {
    this.query = query;
    this.windowMs = windowMs;
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : this.deps.timer ? this.deps.timer.now() : Date.now();
  }

  /** Whether the views show this task under the active filter: kept tasks obey the filter like listed ones. */
  shows(task: Task): boolean {
    return matchesQuery(task, this.effectiveQuery());
  }

  private effectiveQuery(): TaskQuery {
    const q = { ...this.query };
    const now = this.now();
    if (this.windowMs !== undefined) q.since = now - this.windowMs;
    else if (q.since === undefined) {
      // The default window: cloud task lists are region-wide and date-bounded, so ask for a bounded recent span.
      const days = this.deps.settings().timeWindowDays;
      if (days > 0) q.since = now - days * 24 * 3600 * 1000;
    }
    return q;
  }

  isFiltered(): boolean {
    return !isQueryEmpty(this.query) || this.windowMs !== undefined;
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
      try {
        const source = await this.source(r.connectionId);
        snapshot = await source.refresh(this.effectiveQuery(), r.signal);
        // Unfiltered into the store: the views filter, so a task outside the filter is hidden, not "vanished".
        store.applySnapshot(r.connectionId, snapshot);
      } catch (e) {
        const error = asProviderError(e);
        if (error.kind === 'aborted') return;
        store.applyError(r.connectionId, error);
        throw error;
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
    if (!source.cancelTask)
      throw new ProviderError('unsupported', vscode.l10n.t('This provider has no way to cancel a task.'));
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
    this.taskChanged.fire({ connectionId, taskId });
    const task = this.deps.store.task(connectionId, taskId);
    if (!task) return;
    const k = key(connectionId, taskId);
    const before = this.lastStatus.get(k);
    this.lastStatus.set(k, task.status);
    if (
      FINAL_STATUSES.has(task.status) &&
      before !== undefined &&
      before !== task.status &&
      this.isWatched(connectionId, taskId)
    ) {
      this.finished.fire(task);
    }
    // A cancel is followed until the task ends; then the row stays for the usual reasons (retention).
    if (!isActive(task.status)) this.deps.store.keep.release(connectionId, taskId, 'canceled');
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.poller.dispose();
    for (const id of [...this.sources.keys()]) this.closeSource(id);
    this.taskChanged.dispose();
    this.finished.dispose();
  }
}

function key(connectionId: string, taskId: string): string {
  return `${connectionId}\u0000${taskId}`;
}

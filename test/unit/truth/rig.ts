import { settings } from '../extension/fakeVscode';
import type { ConnectionConfig } from '../../../src/core/connection';
import type { PollerTimer } from '../../../src/core/poller';
import type { GetTaskOptions, TaskSource } from '../../../src/core/source';
import { TaskStore } from '../../../src/core/store';
import type { Task, TaskQuery } from '../../../src/core/task';
import { ConnectionsModel } from '../../../src/extension/connections/model';
import type { ProvidersModule } from '../../../src/extension/providersLoader';
import * as statusBarModule from '../../../src/extension/statusBar';
import { TaskService } from '../../../src/extension/taskService';
import { TaskTreeProvider } from '../../../src/extension/tree/provider';
import { MemorySecrets } from '../support/memorySecrets';
import { testSettings } from '../support/serviceSettings';
import { silentLog } from '../support/silentLog';
import { FakeTreeView } from './fakeTreeView';
import { Oracle } from './oracle';

/**
 * The extension's views wired as `main.ts` wires them (store, service, tree, status bar, badge), in plain Node, on
 * one manual clock: the emulator's. Nothing here sleeps; the only waiting is for sockets of the local emulator.
 *
 * Optional pieces are looked up defensively so the same tests can be run against the code before issue 12 (which had
 * no badge and no view filter) to show that they fail there.
 */

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** setTimeout on the manual clock; `advanceTo` fires what falls due, in order. */
export class ManualTimer implements PollerTimer {
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(private readonly clock: ManualClock) {}
  now(): number {
    return this.clock.now();
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.clock.now() + Math.max(0, ms), fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter(p => p.id !== handle);
  }
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.pending[0];
      if (!next || next.at > target) break;
      this.pending.shift();
      if (next.at > this.clock.now()) this.clock.advance(next.at - this.clock.now());
      next.fn();
    }
    if (target > this.clock.now()) this.clock.advance(target - this.clock.now());
  }
}

export interface RigOptions {
  connections: { config: ConnectionConfig; secret: string }[];
  createSource: ProvidersModule['createSource'];
  clock: ManualClock;
  retentionMs: number;
  /** The default window of the service when no filter window is chosen (`redisTasks.timeWindowDays`). */
  timeWindowDays?: number;
}

export class Rig {
  readonly timer: ManualTimer;
  readonly store: TaskStore;
  readonly service: TaskService;
  readonly tree: TaskTreeProvider;
  readonly view: FakeTreeView;
  readonly oracle = new Oracle();
  readonly connections: ConnectionsModel;
  readonly badgeTarget: { badge?: { value: number } } = {};
  readonly statusBar: statusBarModule.RunningStatusBar;
  private readonly badge?: { update(): void; dispose(): void };
  readonly panels = new Set<string>();
  private query: TaskQuery = {};
  private windowMs?: number;

  constructor(readonly options: RigOptions) {
    this.timer = new ManualTimer(options.clock);
    const now = () => options.clock.now();
    settings['redisTasks.connections'] = options.connections.map(c => c.config);
    const secrets = new MemorySecrets();
    for (const c of options.connections) secrets.data.set(`redisTasks.secret.${c.config.id}`, c.secret);
    this.connections = new ConnectionsModel(secrets);
    this.store = new TaskStore(now, { retentionMs: options.retentionMs });
    const oracle = this.oracle;
    const providers = {
      createSource: (config: ConnectionConfig, secret: { secret: string }, deps: object) =>
        oracle.spy(options.createSource(config, secret, deps), now),
    } as unknown as ProvidersModule;
    this.service = new TaskService({
      store: this.store,
      connections: this.connections,
      log: silentLog(),
      providers: () => providers,
      // Automatic polling off: `step` refreshes at the poller's active interval itself, so no timer races a check.
      settings: () => testSettings({ timeWindowDays: options.timeWindowDays ?? 7, retentionMs: options.retentionMs }),
      now,
      timer: this.timer,
    });
    this.service.syncConnections(false);
    this.tree = new TaskTreeProvider({
      store: this.store,
      connections: () => this.connections.list(),
      consoleUrl: id => this.service.consoleUrl(id),
      now,
      shows: (t: Task) => this.shows(t),
      filtering: () => this.filtering(),
      timer: this.timer,
    });
    (this.tree as { setVisible?: (v: boolean) => void }).setVisible?.(true);
    this.view = new FakeTreeView(this.tree);
    const viewCounts = (statusBarModule as { viewCounts?: typeof statusBarModule.viewCounts }).viewCounts;
    const counts = viewCounts?.(this.store, this.connections, t => this.shows(t));
    this.statusBar = new statusBarModule.RunningStatusBar(this.store, id => this.service.nameOf(id), counts);
    const Badge = (statusBarModule as { RunningBadge?: typeof statusBarModule.RunningBadge }).RunningBadge;
    if (Badge) this.badge = new Badge(this.store, this.badgeTarget as never, counts);
  }

  /** The filter as a person sets it with Filter Tasks, and what the extension then does (main.ts). */
  setFilter(query: TaskQuery, windowMs?: number): void {
    this.query = query;
    this.windowMs = windowMs;
    this.service.setQuery(query, windowMs);
    this.tree.refreshAll();
    this.statusBar.update();
    this.badge?.update();
  }

  /** Whether a filter is on, as main.ts tells the tree (Filter Tasks or Hide finished, which sets statuses). */
  filtering(): boolean {
    return Boolean(this.query.statuses?.length || this.query.types?.length || this.windowMs !== undefined);
  }

  /** The query in force now, as the service computes it: what every shown row must pass. */
  effectiveQuery(): TaskQuery {
    const now = this.options.clock.now();
    const q = { ...this.query };
    if (this.windowMs !== undefined) q.since = now - this.windowMs;
    else if (q.since === undefined && (this.options.timeWindowDays ?? 7) > 0)
      q.since = now - (this.options.timeWindowDays ?? 7) * 24 * 3600_000;
    return q;
  }

  shows(t: Task): boolean {
    const service = this.service as { shows?: (t: Task) => boolean };
    return service.shows ? service.shows(t) : true;
  }

  /** What a details panel does when it opens: watch the task and fetch it by id. */
  async open(connectionId: string, taskId: string): Promise<void> {
    this.panels.add(`${connectionId}\u0000${taskId}`);
    this.service.setPanelWatched(connectionId, taskId, true);
    await this.service.fetchTask(connectionId, taskId).catch(() => undefined);
  }

  close(connectionId: string, taskId: string): void {
    this.panels.delete(`${connectionId}\u0000${taskId}`);
    this.service.setPanelWatched(connectionId, taskId, false);
  }

  /** Time passes (ticks of the tree's timer fire on the way), then one poll of every connection. */
  async step(ms: number): Promise<void> {
    this.timer.advance(ms);
    await this.service.refresh();
  }

  statusBarCount(): number {
    const item = this.statusBar.item as unknown as { text: string; visible: boolean };
    if (!item.visible) return 0;
    const m = /(\d+) running/.exec(item.text);
    return m ? Number(m[1]) : NaN;
  }

  badgeCount(): number {
    return this.badgeTarget.badge?.value ?? 0;
  }

  dispose(): void {
    this.view.dispose();
    this.tree.dispose();
    this.statusBar.dispose();
    this.badge?.dispose();
    this.service.dispose();
    delete settings['redisTasks.connections'];
  }
}

export type { GetTaskOptions, TaskSource };

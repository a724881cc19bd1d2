import { setMaxListeners } from 'node:events';
import { asProviderError, type ProviderError } from './errors';
import { backoffMs, systemClock, type Clock } from './time';
import { KeepRegistry } from './keep';
import { pollInterval } from './pollInterval';

/**
 * Decides when each connection is asked again. Servers are shared and some throttle hard, so: nothing while nobody
 * looks, fast only while something runs, one request in flight per connection, a few connections at a time, and a
 * jittered exponential backoff after failures that honours the server's own Retry-After.
 */

/** The poller's timers are the core's one clock (src/core/time.ts). */
export type PollerTimer = Clock;
export const systemTimer: PollerTimer = systemClock;

/** What a poll of one connection should do; the host (the extension) performs it and updates the store. */
export interface PollRequest {
  connectionId: string;
  /** Refresh the connection's task list (the view or a details panel is visible). */
  list: boolean;
  /** Watched tasks to fetch one by one (still active as far as the store knows). */
  tasks: string[];
  signal: AbortSignal;
}

export interface PollerHost {
  poll(request: PollRequest): Promise<void>;
  /** Whether any task of this connection is pending or running (selects the fast interval). */
  hasActive(connectionId: string): boolean;
  /** Whether a watched task is still worth asking about (it is active, or not known yet). */
  isTaskActive(connectionId: string, taskId: string): boolean;
}

export interface PollerOptions {
  /** Interval while something runs; 0 = manual only. */
  activeIntervalMs: number;
  /** Interval when nothing runs; 0 = manual only. */
  idleIntervalMs: number;
  /** Connections polled at the same time. */
  concurrency?: number;
  /** First backoff step after a failure. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  timer?: PollerTimer;
  /** 0..1; tests pin it. */
  random?: () => number;
  /** Every failed poll, for the log. */
  onError?: (connectionId: string, error: ProviderError) => void;
  /** Which tasks are watched (fetched by id while active): the store's registry, shared. */
  keep?: KeepRegistry;
}

interface ConnectionSchedule {
  id: string;
  dueAt?: number;
  inFlight?: Promise<void>;
  abort?: AbortController;
  failures: number;
  lastPollAt?: number;
  /** Set while a manual refresh waits for a free slot. */
  queued?: { resolve: () => void; promise: Promise<void> };
}

export const DEFAULT_CONCURRENCY = 4;

export class Poller {
  private readonly timer: PollerTimer;
  private readonly random: () => number;
  private readonly keep: KeepRegistry;
  private readonly keepSubscription: { dispose(): void };
  private readonly schedules = new Map<string, ConnectionSchedule>();
  private readonly waiting: string[] = [];
  private running = 0;
  private wake?: unknown;
  private wakeAt?: number;
  private disposed = false;

  private viewVisible = false;
  private panelsVisible = false;
  private focused = true;

  constructor(
    private readonly host: PollerHost,
    private options: PollerOptions,
  ) {
    this.timer = options.timer ?? systemTimer;
    this.random = options.random ?? Math.random;
    this.keep = options.keep ?? new KeepRegistry();
    // A task starts or stops being watched (a panel, a cancel): pick the right interval again.
    this.keepSubscription = this.keep.onDidChange(() => this.reschedule(false));
  }

  // ---- gates ----

  setViewVisible(visible: boolean): void {
    this.viewVisible = visible;
    this.reschedule(true);
  }
  setPanelsVisible(visible: boolean): void {
    this.panelsVisible = visible;
    this.reschedule(true);
  }
  setFocused(focused: boolean): void {
    this.focused = focused;
    this.reschedule(true);
  }

  setIntervals(activeIntervalMs: number, idleIntervalMs: number): void {
    this.options = { ...this.options, activeIntervalMs, idleIntervalMs };
    this.reschedule(true);
  }

  /** Lists are polled only while someone can see them and the window has focus. */
  get listing(): boolean {
    return (this.viewVisible || this.panelsVisible) && this.focused;
  }

  // ---- connections and watched tasks ----

  setConnections(ids: readonly string[]): void {
    const keep = new Set(ids);
    for (const [id, s] of this.schedules) {
      if (!keep.has(id)) {
        s.abort?.abort();
        this.schedules.delete(id);
      }
    }
    for (const id of ids) if (!this.schedules.has(id)) this.schedules.set(id, { id, failures: 0 });
    this.reschedule(false);
  }

  /** Someone looks at this task (a panel): shorthand for the registry's `panel` reason. */
  watch(connectionId: string, taskId: string): void {
    this.keep.keep(connectionId, taskId, 'panel');
  }

  unwatch(connectionId: string, taskId: string): void {
    this.keep.release(connectionId, taskId, 'panel');
  }

  isWatched(connectionId: string, taskId: string): boolean {
    return this.keep.isWatched(connectionId, taskId);
  }

  /** The store changed (e.g. a task started running): pick the right interval again. */
  touch(): void {
    this.reschedule(false);
  }

  /**
   * Refresh now (the Refresh command, a retry). Joins a poll already in flight instead of sending a second request,
   * and waits for a free slot like any other poll.
   */
  refreshNow(connectionId?: string): Promise<void> {
    const ids = connectionId ? [connectionId] : [...this.schedules.keys()];
    return Promise.all(ids.map(id => this.requestNow(id))).then(() => undefined);
  }

  /** When the next automatic poll of this connection is due (epoch ms), for tests and diagnostics. */
  dueAt(connectionId: string): number | undefined {
    return this.schedules.get(connectionId)?.dueAt;
  }

  inFlightCount(): number {
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.keepSubscription.dispose();
    if (this.wake !== undefined) this.timer.clearTimeout(this.wake);
    for (const s of this.schedules.values()) s.abort?.abort();
    this.schedules.clear();
  }

  // ---- scheduling ----

  private requestNow(id: string): Promise<void> {
    const s = this.schedules.get(id);
    if (!s) return Promise.resolve();
    if (s.inFlight) return s.inFlight;
    if (s.queued) return s.queued.promise;
    let resolve!: () => void;
    const promise = new Promise<void>(r => {
      resolve = r;
    });
    s.queued = { resolve, promise };
    // A person is waiting: go before automatic polls.
    this.waiting.unshift(id);
    this.pump();
    return promise;
  }

  private intervalFor(s: ConnectionSchedule): number | undefined {
    const watchedActive = this.keep.watched(s.id).some(t => this.host.isTaskActive(s.id, t));
    const gates = { listing: this.listing, focused: this.focused, hasActive: this.host.hasActive(s.id), watchedActive };
    return pollInterval(gates, this.options);
  }

  /** Recomputes every connection's due time. `gateChanged`: a gate opened, so polls due long ago run now. */
  private reschedule(gateChanged: boolean): void {
    if (this.disposed) return;
    const now = this.timer.now();
    for (const s of this.schedules.values()) {
      if (s.inFlight) continue;
      const interval = this.intervalFor(s);
      if (interval === undefined) {
        s.dueAt = undefined;
        continue;
      }
      if (s.failures > 0 && s.dueAt !== undefined) continue; // backing off: keep the backoff time
      // A gate that opens (view shown, window focused) polls at once unless the last poll is recent enough.
      const candidate =
        s.dueAt === undefined && gateChanged ? Math.max(now, (s.lastPollAt ?? -Infinity) + interval) : now + interval;
      // Never push a due time later because of a reschedule, only earlier (a task started: go fast now).
      s.dueAt = s.dueAt === undefined ? candidate : Math.min(s.dueAt, candidate);
    }
    this.arm();
  }

  private arm(): void {
    if (this.disposed) return;
    const now = this.timer.now();
    let next: number | undefined;
    for (const s of this.schedules.values()) {
      if (s.dueAt === undefined || s.inFlight || s.queued) continue;
      if (next === undefined || s.dueAt < next) next = s.dueAt;
    }
    if (next !== undefined && next <= now) {
      this.onWake();
      return;
    }
    if (next === this.wakeAt) return;
    if (this.wake !== undefined) this.timer.clearTimeout(this.wake);
    this.wake = undefined;
    this.wakeAt = next;
    if (next !== undefined)
      this.wake = this.timer.setTimeout(() => {
        this.wake = undefined;
        this.wakeAt = undefined;
        this.onWake();
      }, next - now);
  }

  private onWake(): void {
    const now = this.timer.now();
    const due = [...this.schedules.values()]
      .filter(s => s.dueAt !== undefined && s.dueAt <= now && !s.inFlight && !s.queued && !this.waiting.includes(s.id))
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
    for (const s of due) {
      s.dueAt = undefined;
      this.waiting.push(s.id);
    }
    this.pump();
    this.arm();
  }

  private pump(): void {
    const limit = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    while (this.running < limit && this.waiting.length) {
      const id = this.waiting.shift()!;
      const s = this.schedules.get(id);
      if (!s || s.inFlight) continue;
      this.start(s);
    }
  }

  private start(s: ConnectionSchedule): void {
    const queued = s.queued;
    s.queued = undefined;
    const abort = new AbortController();
    // Every request of one poll shares this signal, and a provider may fan out (AWS: each region, each service):
    // more than Node's ten listeners is expected here, not a leak (each request removes its own).
    setMaxListeners(100, abort.signal);
    s.abort = abort;
    this.running++;
    const tasks = this.keep.watched(s.id).filter(t => this.host.isTaskActive(s.id, t));
    const list = this.listing || queued !== undefined;
    s.lastPollAt = this.timer.now();
    const run = async () => {
      try {
        await this.host.poll({ connectionId: s.id, list, tasks, signal: abort.signal });
        s.failures = 0;
        s.dueAt = undefined;
      } catch (e) {
        const error = asProviderError(e);
        s.failures++;
        s.dueAt = this.timer.now() + this.backoffMs(s.failures, error);
        this.options.onError?.(s.id, error);
      }
    };
    s.inFlight = run().finally(() => {
      this.running--;
      s.inFlight = undefined;
      s.abort = undefined;
      queued?.resolve();
      this.pump();
      this.reschedule(false);
    });
  }

  /** Exponential with jitter (50-100 % of the step), capped; a throttled answer waits at least what it asked. */
  backoffMs(failures: number, error: ProviderError): number {
    const base = this.options.backoffBaseMs ?? 5_000;
    const max = this.options.backoffMaxMs ?? 5 * 60_000;
    let ms = backoffMs(failures, base, max, this.random);
    if (error.kind === 'throttled' && error.retryAfterMs !== undefined) ms = Math.max(ms, error.retryAfterMs);
    return ms;
  }
}

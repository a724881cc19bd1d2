import { isActive, type Task } from './task';

/**
 * Which tasks stay in the store beyond what the provider lists, and why. One registry instead of lists kept in step
 * by hand: the store asks it whether an unlisted task stays, the poller asks it which tasks to fetch one by one, and a
 * task is let go only when its last reason is released or has expired.
 */

export type KeepReason =
  /** A details panel shows it: the person is looking at it, so it is fetched by id while it runs. */
  | 'panel'
  /** The person canceled it: fetched by id until it is no longer active, so they see how it ended. */
  | 'canceled'
  /** The person asked to be told when it ends (Notify Me When Done): fetched by id while it runs. */
  | 'notify'
  /** Fetched by id on request (Show Task by ID, a panel's refresh): kept for the retention time. */
  | 'lookedUp'
  /** Seen by us and then left the list, finished or with its end unknown: kept for the retention time. */
  | 'finished';

/** Reasons that make the poller fetch a still active task by id at every poll. */
const WATCH_REASONS: ReadonlySet<KeepReason> = new Set(['panel', 'canceled', 'notify']);

/** Reasons are released explicitly (`undefined`) or expire at an epoch ms. */
type Reasons = Map<KeepReason, number | undefined>;

export interface KeptTask {
  connectionId: string;
  taskId: string;
  reasons: { reason: KeepReason; until?: number }[];
}

export class KeepRegistry {
  private readonly byConnection = new Map<string, Map<string, Reasons>>();
  private readonly listeners = new Set<() => void>();

  /** Adds a reason (or moves its expiry). `until`: epoch ms after which the reason no longer holds. */
  keep(connectionId: string, taskId: string, reason: KeepReason, until?: number): void {
    let tasks = this.byConnection.get(connectionId);
    if (!tasks) this.byConnection.set(connectionId, (tasks = new Map<string, Reasons>()));
    let reasons = tasks.get(taskId);
    if (!reasons) tasks.set(taskId, (reasons = new Map() as Reasons));
    const before = reasons.get(reason);
    if (reasons.has(reason) && before === until) return;
    reasons.set(reason, until);
    this.changed();
  }

  /**
   * Whether a task the latest snapshot omits stays. A finished one stays for the retention time from its end; one
   * that was active has just ended as far as we can tell (a CRDB task leaves /v1/crdb_tasks when it finishes), so it
   * stays while the host looks it up by id. Other reasons (a panel, a cancel) are kept as they are.
   */
  keepsUnlisted(connectionId: string, t: Task, now: number, retentionMs: number): boolean {
    if (!this.has(connectionId, t.id, 'finished')) {
      const from = isActive(t.status) ? now : (t.finishedAt ?? now);
      this.keep(connectionId, t.id, 'finished', Math.min(from, now) + retentionMs);
    }
    return this.isKept(connectionId, t.id, now);
  }

  release(connectionId: string, taskId: string, reason: KeepReason): void {
    const tasks = this.byConnection.get(connectionId);
    const reasons = tasks?.get(taskId);
    if (!reasons?.delete(reason)) return;
    if (reasons.size === 0) tasks!.delete(taskId);
    this.changed();
  }

  /** Every reason of one task goes (the task is gone for good: 404 after its result TTL, connection removed). */
  forget(connectionId: string, taskId?: string): void {
    const tasks = this.byConnection.get(connectionId);
    if (!tasks) return;
    if (taskId === undefined) this.byConnection.delete(connectionId);
    else if (!tasks.delete(taskId)) return;
    this.changed();
  }

  has(connectionId: string, taskId: string, reason: KeepReason, now?: number): boolean {
    const reasons = this.byConnection.get(connectionId)?.get(taskId);
    if (!reasons?.has(reason)) return false;
    return live(reasons.get(reason), now);
  }

  /** Whether any reason still holds at `now` (expired ones do not count, and are dropped). */
  isKept(connectionId: string, taskId: string, now: number): boolean {
    const reasons = this.byConnection.get(connectionId)?.get(taskId);
    if (!reasons) return false;
    for (const [reason, until] of reasons) if (!live(until, now)) reasons.delete(reason);
    if (reasons.size === 0) this.byConnection.get(connectionId)!.delete(taskId);
    return reasons.size > 0;
  }

  reasons(connectionId: string, taskId: string): KeepReason[] {
    return [...(this.byConnection.get(connectionId)?.get(taskId)?.keys() ?? [])];
  }

  /** Tasks of a connection the poller fetches by id (a panel shows them, or the person canceled them). */
  watched(connectionId: string): string[] {
    const out: string[] = [];
    for (const [taskId, reasons] of this.byConnection.get(connectionId) ?? []) {
      for (const r of reasons.keys())
        if (WATCH_REASONS.has(r)) {
          out.push(taskId);
          break;
        }
    }
    return out;
  }

  isWatched(connectionId: string, taskId: string): boolean {
    const reasons = this.byConnection.get(connectionId)?.get(taskId);
    if (!reasons) return false;
    for (const r of reasons.keys()) if (WATCH_REASONS.has(r)) return true;
    return false;
  }

  /** Whether any panel is open on any task (a gate of the poller). */
  anyWithReason(reason: KeepReason): boolean {
    for (const tasks of this.byConnection.values())
      for (const reasons of tasks.values()) if (reasons.has(reason)) return true;
    return false;
  }

  /** Reasons with an expiry, for the store's persistence: a finished task must stay after a reload too. */
  expiring(connectionId: string): { taskId: string; reason: KeepReason; until: number }[] {
    const out: { taskId: string; reason: KeepReason; until: number }[] = [];
    for (const [taskId, reasons] of this.byConnection.get(connectionId) ?? [])
      for (const [reason, until] of reasons) if (until !== undefined) out.push({ taskId, reason, until });
    return out;
  }

  all(): KeptTask[] {
    const out: KeptTask[] = [];
    for (const [connectionId, tasks] of this.byConnection)
      for (const [taskId, reasons] of tasks)
        out.push({ connectionId, taskId, reasons: [...reasons].map(([reason, until]) => ({ reason, until })) });
    return out;
  }

  /** The poller reschedules when watching starts or stops. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

function live(until: number | undefined, now: number | undefined): boolean {
  return until === undefined || now === undefined || until > now;
}

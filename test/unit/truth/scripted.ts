import { ProviderError } from '../../../src/core/errors';
import type { CancelOptions, GetTaskOptions, TaskSource } from '../../../src/core/source';
import type { Task, TaskQuery, TaskSnapshot, TaskStatus } from '../../../src/core/task';

/**
 * A provider whose tasks follow a script on the emulator's clock, for randomised scenarios: tasks queue, run, and end
 * succeeded, failed or canceled (by someone else, or by the person through the extension). How it lists and whether
 * it can be read by id are chosen per world, to cover what the four real APIs do: Redis Enterprise lists only running
 * CRDB tasks and keeps a result for a TTL; the clouds list finished tasks too; some tasks have no by-id call at all.
 */

export interface ScriptedTask {
  /** Seconds after the world's start. */
  createdAtS: number;
  queuedS: number;
  runS: number;
  outcome: 'succeeded' | 'failed' | 'canceled';
}

export interface WorldShape {
  listing: 'running-only' | 'all';
  byId: boolean;
  /** How long a finished task can still be read by id. */
  ttlS: number;
}

export class ScriptedWorld {
  /** Cancels sent through the extension: seconds after start. */
  readonly cancels = new Map<number, number>();
  failing = false;

  constructor(
    readonly startMs: number,
    readonly tasks: readonly ScriptedTask[],
    readonly shape: WorldShape,
    readonly now: () => number,
  ) {}

  private t(): number {
    return (this.now() - this.startMs) / 1000;
  }

  /** Task k as the list shows it at the current time, or undefined when it does not exist (yet). */
  taskAt(k: number, connectionId: string, byId = false): Task | undefined {
    const s = this.tasks[k];
    const t = this.t();
    if (!s || t < s.createdAtS) return undefined;
    const startS = s.createdAtS + s.queuedS;
    let endS = startS + s.runS;
    let outcome: TaskStatus = s.outcome;
    const cancel = this.cancels.get(k);
    if (cancel !== undefined && cancel < endS && cancel >= s.createdAtS) {
      endS = Math.max(cancel, s.createdAtS);
      outcome = 'canceled';
    }
    let status: TaskStatus;
    if (t >= endS) status = outcome;
    else if (t < startS) status = 'pending';
    else status = 'running';
    const ms = (sec: number) => this.startMs + Math.round(sec * 1000);
    const progress =
      status === 'running' ? Math.floor(((t - startS) / s.runS) * 100) : status === 'succeeded' ? 100 : undefined;
    const task: Task = {
      id: `task-${k}`,
      source: connectionId,
      provider: 'redis-enterprise',
      kind: 'crdb-task',
      group: 'scripted',
      name: byId ? `op_${k % 4}` : `Operation ${k % 4}`,
      type: `op_${k % 4}`,
      // The single-task call knows the target's id only, as Tencent's DescribeTaskInfo does.
      target: byId ? { id: `db-${k % 3}` } : { id: `db-${k % 3}`, name: `database ${k % 3}` },
      status,
      providerStatus: status,
      progress: byId ? undefined : progress,
      startedAt: status === 'pending' ? undefined : ms(startS),
      finishedAt: t >= endS ? ms(endS) : undefined,
      steps: [],
      shards: [],
      errors: status === 'failed' ? [{ message: 'It broke.' }] : [],
      capabilities: { cancel: true, forceCancel: false },
      raw: { k },
    };
    return task;
  }
}

export class ScriptedSource implements TaskSource {
  readonly provider = 'redis-enterprise' as const;

  constructor(
    readonly connectionId: string,
    private readonly world: ScriptedWorld,
  ) {}

  async refresh(query: TaskQuery): Promise<TaskSnapshot> {
    if (this.world.failing) throw new ProviderError('network', 'The scripted server cannot be reached.');
    const tasks: Task[] = [];
    for (let k = 0; k < this.world.tasks.length; k++) {
      const t = this.world.taskAt(k, this.connectionId);
      if (!t) continue;
      if (this.world.shape.listing === 'running-only' && !(t.status === 'pending' || t.status === 'running')) continue;
      if (query.since !== undefined && t.startedAt !== undefined && t.startedAt < query.since) continue;
      tasks.push(t);
    }
    return { groups: [{ id: 'scripted', label: 'Scripted tasks', kind: 'tasks' }], tasks, more: {} };
  }

  async loadMore(): Promise<{ tasks: Task[] }> {
    return { tasks: [] };
  }

  async getTask(id: string, _options?: GetTaskOptions): Promise<Task> {
    if (this.world.failing) throw new ProviderError('network', 'The scripted server cannot be reached.');
    if (!this.world.shape.byId) throw new ProviderError('unsupported', 'This API has no single-task call.');
    const k = Number(id.replace('task-', ''));
    const t = this.world.taskAt(k, this.connectionId, true);
    const now = this.world.now();
    if (!t || (t.finishedAt !== undefined && now >= t.finishedAt + this.world.shape.ttlS * 1000))
      throw new ProviderError('not-found', `Task ${id} not found`);
    return t;
  }

  async cancelTask(id: string, _options?: CancelOptions): Promise<void> {
    const k = Number(id.replace('task-', ''));
    const now = this.world.now();
    if (!this.world.cancels.has(k)) this.world.cancels.set(k, (now - this.world.startMs) / 1000 + 5);
  }

  async close(): Promise<void> {}
}

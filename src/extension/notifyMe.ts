import type { KeepRegistry } from '../core/keep';
import type { Task } from '../core/task';

/**
 * Notify Me When Done is one reason of the keep-registry (`notify`): while it holds, the task stays and is fetched
 * by id as it runs, like one a panel shows; when the task ends, the reason is released, and whatever else keeps the
 * task (an open panel, a cancel) goes on keeping it.
 */
export interface NotifyMeSeam {
  add(connectionId: string, taskId: string): void;
  has(connectionId: string, taskId: string): boolean;
}

export class NotifyMe implements NotifyMeSeam {
  constructor(private readonly keep: Pick<KeepRegistry, 'keep' | 'release' | 'has'>) {}

  add(connectionId: string, taskId: string): void {
    this.keep.keep(connectionId, taskId, 'notify');
  }

  has(connectionId: string, taskId: string): boolean {
    return this.keep.has(connectionId, taskId, 'notify');
  }

  /** The service announced the task's end (it already notified): the person's request is fulfilled. */
  finished(task: Pick<Task, 'source' | 'id'>): void {
    this.keep.release(task.source, task.id, 'notify');
  }
}

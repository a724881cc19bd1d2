import type { Task } from '../core/task';

/**
 * What "Notify Me When Done" needs of the watch machinery, and nothing more. Today that is the store's `retain`
 * (the task stays when a list omits it) and the poller's `watch`/`unwatch` (it is polled while it runs); the
 * service's `isWatched` asks `has` through its `isPanelOpen` hook, so its finish event covers these tasks too.
 * When watching becomes a registry of named reasons, this seam becomes one "notify" reason and callers stay as they are.
 */
export interface WatchApi {
  retain(connectionId: string, taskId: string): void;
  watch(connectionId: string, taskId: string): void;
  unwatch(connectionId: string, taskId: string): void;
  /** Watched for another reason too (an open panel, a cancel): then the poller keeps it. */
  isWatchedOtherwise(connectionId: string, taskId: string): boolean;
}

export interface NotifyMeSeam {
  add(connectionId: string, taskId: string): void;
  has(connectionId: string, taskId: string): boolean;
}

export class NotifyMe implements NotifyMeSeam {
  private readonly asked = new Set<string>();
  private api?: WatchApi;

  /** Late: the service that provides the API is made after the hook it reads `has` through. */
  bind(api: WatchApi): void {
    this.api = api;
  }

  add(connectionId: string, taskId: string): void {
    this.asked.add(key(connectionId, taskId));
    this.api?.retain(connectionId, taskId);
    this.api?.watch(connectionId, taskId);
  }

  has(connectionId: string, taskId: string): boolean {
    return this.asked.has(key(connectionId, taskId));
  }

  /** The service announced the task's end (it already notified): forget it, and stop polling it for us. */
  finished(task: Pick<Task, 'source' | 'id'>): void {
    if (!this.asked.delete(key(task.source, task.id))) return;
    if (!this.api?.isWatchedOtherwise(task.source, task.id)) this.api?.unwatch(task.source, task.id);
  }
}

function key(connectionId: string, taskId: string): string {
  return `${connectionId}\u0000${taskId}`;
}

import { FINAL_STATUSES, type TaskStatus } from './task';

/** The last status seen of each task, to tell the moment one reaches a final status (what a notification is about). */
export class FinishWatch {
  private readonly last = new Map<string, TaskStatus>();

  /** Records the status; true when it is final and differs from a status seen before (not on first sight). */
  justFinished(connectionId: string, taskId: string, status: TaskStatus): boolean {
    const k = key(connectionId, taskId);
    const before = this.last.get(k);
    this.last.set(k, status);
    return FINAL_STATUSES.has(status) && before !== undefined && before !== status;
  }

  forget(connectionId: string, taskId: string): void {
    this.last.delete(key(connectionId, taskId));
  }
}

function key(connectionId: string, taskId: string): string {
  return `${connectionId}\u0000${taskId}`;
}

import type { ProviderId, Task, TaskPage, TaskQuery, TaskSnapshot } from './task';

export interface GetTaskOptions {
  /** Redis Enterprise `X-Result-TTL`: ask the cluster to keep a finished task's result this many seconds. */
  resultTtlSeconds?: number;
  /** A hint where to look (an instance id for cloud providers whose single-task API needs one). */
  group?: string;
  signal?: AbortSignal;
}

export interface CancelOptions {
  /** Redis Enterprise `force=true`: cancel even in the commit phase. Only ever set after a typed confirmation. */
  force?: boolean;
  signal?: AbortSignal;
}

/**
 * One connection's tasks, normalised. Implemented per provider in `src/providers/<name>/`; used by the store, the CLI
 * and the benchmarks. Nothing here imports vscode.
 */
export interface TaskSource {
  readonly provider: ProviderId;
  /** The connection id stamped on every task. */
  readonly connectionId: string;

  /** Groups and the first page of each group's tasks. */
  refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot>;
  /** The next page of one group, from a cursor `refresh` or an earlier `loadMore` returned. */
  loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage>;
  getTask(id: string, options?: GetTaskOptions): Promise<Task>;
  /** Absent where the provider has no cancel. Never retried: a POST is sent at most once per call. */
  cancelTask?(id: string, options?: CancelOptions): Promise<void>;
  /** The provider's web console for the connection, where known. */
  consoleUrl?(): string | undefined;
  /** Releases sockets. */
  close(): Promise<void>;
}

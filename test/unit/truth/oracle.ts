import { isProviderError } from '../../../src/core/errors';
import type { GetTaskOptions, TaskSource } from '../../../src/core/source';
import { isActive, type Task, type TaskSnapshot, type TaskStatus } from '../../../src/core/task';

/**
 * What the providers told the extension, recorded beside it: the truth the views are checked against. It knows
 * nothing of the store; it only sees answers go by.
 */
export interface Known {
  connectionId: string;
  id: string;
  /** The latest answer about the task, list or by id. */
  latest: Task;
  /** Whether the connection's latest list had it. */
  listed: boolean;
  /** When a list first left it out (since it was last listed). */
  unlistedAt?: number;
  /** The task as last known when it left the list. */
  atUnlisting?: Task;
  /** The latest by-id call answered that the task is gone (404) or cannot be read by id. */
  gone: boolean;
  /** When a by-id call last answered with the task. */
  lastByIdAt?: number;
}

export class Oracle {
  readonly known = new Map<string, Known>();
  /** Connections whose latest list failed. */
  readonly failing = new Set<string>();

  get(connectionId: string, id: string): Known | undefined {
    return this.known.get(`${connectionId}\u0000${id}`);
  }

  /** The status the views must show for a task: its latest answer, or "ended" once it left the list and is gone. */
  expectedStatus(k: Known): TaskStatus {
    const last = k.atUnlisting ?? k.latest;
    if (!k.listed && k.gone && isActive(last.status) && isActive(k.latest.status)) return 'ended';
    return k.latest.status;
  }

  spy(source: TaskSource, now: () => number): TaskSource {
    const record = (t: Task, byId: boolean) => {
      const key = `${source.connectionId}\u0000${t.id}`;
      const k = this.known.get(key);
      if (!k) {
        this.known.set(key, { connectionId: source.connectionId, id: t.id, latest: t, listed: !byId, gone: false });
        return;
      }
      k.latest = t;
      k.gone = false;
      if (byId) k.lastByIdAt = now();
    };
    const onList = (snapshot: TaskSnapshot) => {
      const ids = new Set(snapshot.tasks.map(t => t.id));
      for (const t of snapshot.tasks) {
        record(t, false);
        const k = this.get(source.connectionId, t.id)!;
        k.listed = true;
        k.unlistedAt = undefined;
        k.atUnlisting = undefined;
      }
      for (const k of this.known.values()) {
        if (k.connectionId !== source.connectionId || ids.has(k.id) || !k.listed) continue;
        k.listed = false;
        k.unlistedAt = now();
        k.atUnlisting = k.latest;
      }
    };
    const wrapped: TaskSource = Object.create(source) as TaskSource;
    Object.assign(wrapped, {
      refresh: async (query: Parameters<TaskSource['refresh']>[0], signal?: AbortSignal) => {
        try {
          const snapshot = await source.refresh(query, signal);
          this.failing.delete(source.connectionId);
          onList(snapshot);
          return snapshot;
        } catch (e) {
          this.failing.add(source.connectionId);
          throw e;
        }
      },
      getTask: async (id: string, options?: GetTaskOptions) => {
        try {
          const t = await source.getTask(id, options);
          record(t, true);
          return t;
        } catch (e) {
          const k = this.get(source.connectionId, id);
          if (k && isProviderError(e) && (e.kind === 'not-found' || e.kind === 'unsupported')) k.gone = true;
          throw e;
        }
      },
      loadMore: source.loadMore.bind(source),
      cancelTask: source.cancelTask?.bind(source),
      consoleUrl: source.consoleUrl?.bind(source),
      close: source.close.bind(source),
    });
    return wrapped;
  }
}

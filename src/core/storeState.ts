import type { ProviderError } from './errors';
import type { GroupOrder } from './order';
import type { Task, TaskGroup } from './task';

/** What the store holds per connection, what it shows of it, and the events that say what changed. */

export type ConnectionStatus = 'loading' | 'ok' | 'error';

export interface TaskRef {
  connectionId: string;
  taskId: string;
}
export interface GroupRef {
  connectionId: string;
  groupId: string;
}

/** What one store operation changed. Lists are empty, never absent. */
export interface StoreChange {
  connections: string[];
  groups: GroupRef[];
  tasks: TaskRef[];
  /** Tasks that left the store (the tree forgets their nodes). */
  removed: TaskRef[];
}

export interface ConnectionView {
  id: string;
  status: ConnectionStatus;
  /** The tasks shown are the last good ones, not confirmed by the latest attempt. */
  stale: boolean;
  error?: ProviderError;
  /** Epoch ms of the last snapshot that answered. */
  updatedAt?: number;
  /** Epoch ms a request was sent that has not been answered for `SLOW_ANSWER_MS`; cleared by its answer. */
  waitingSince?: number;
  groups: readonly TaskGroup[];
  more: Readonly<Record<string, string>>;
}

/** The view's fields, writable, and what the store keeps besides. */
export interface ConnectionState extends Omit<ConnectionView, 'groups' | 'more'> {
  groups: TaskGroup[];
  /** Also what the next data is compared with: tasks are values, a changed task arrives as a new object. */
  tasks: Map<string, Task>;
  /** Per group, task ids in display order. */
  order: GroupOrder;
  more: Record<string, string>;
  /**
   * Accepted cancels of tasks still active, by task id: "Cancelling…" until the data says the task ended or the
   * patience runs out (`CANCEL_PATIENCE_MS`). A mark on the row, not a reason to keep it.
   */
  cancelling: Map<string, CancelMark>;
}

export interface CancelMark {
  /** When the provider accepted the cancel (the store's clock). */
  at: number;
  /** The patience ran out while the task was still active, and a change was emitted for it. */
  overdue: boolean;
}

/** What one operation changed, before anything is added to it. */
export function emptyChange(): StoreChange {
  return { connections: [], groups: [], tasks: [], removed: [] };
}

/** A connection nothing has answered for yet. */
export function freshState(id: string): ConnectionState {
  return {
    id,
    status: 'loading',
    stale: false,
    groups: [],
    tasks: new Map(),
    order: new Map(),
    more: {},
    cancelling: new Map(),
  };
}

/** What the views read of a connection: its state without the tasks, which they read by group in display order. */
export function connectionView(s: ConnectionState): ConnectionView {
  return {
    id: s.id,
    status: s.status,
    stale: s.stale,
    error: s.error,
    updatedAt: s.updatedAt,
    waitingSince: s.waitingSince,
    groups: s.groups,
    more: s.more,
  };
}

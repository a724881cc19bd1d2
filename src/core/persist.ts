import type { KeepReason } from './keep';
import { compareTasks } from './order';
import type { Task, TaskGroup } from './task';

/**
 * The store's last good data as it outlives a window reload (VS Code's workspace state): bounded, without raw
 * payloads, and read back without trusting its shape.
 */

/** At most this many tasks per connection survive a window reload. */
export const PERSISTED_TASKS_PER_CONNECTION = 200;
const PERSISTED_VERSION = 1;
/** Reasons that outlive the window: a panel or a cancel belongs to the window that had them. */
const KEPT_ON_RELOAD: ReadonlySet<KeepReason> = new Set(['finished', 'lookedUp']);

export interface KeptEntry {
  taskId: string;
  reason: KeepReason;
  until: number;
}

export interface PersistedConnection {
  id: string;
  updatedAt?: number;
  groups: TaskGroup[];
  tasks: Task[];
  /** Why unlisted tasks stay, with their expiry (finished tasks are kept for the retention time). */
  kept?: KeptEntry[];
}

export interface PersistedStore {
  version: number;
  connections: PersistedConnection[];
}

/** What the store holds of a connection, as much as is saved of it. */
export interface ConnectionData {
  id: string;
  updatedAt?: number;
  groups: TaskGroup[];
  tasks: ReadonlyMap<string, Task>;
}

/** The newest tasks of each connection that ever answered (or holds tasks), with the expiring reasons to keep them. */
export function persist(connections: Iterable<ConnectionData>, expiring: (id: string) => KeptEntry[]): PersistedStore {
  const out: PersistedConnection[] = [];
  for (const c of connections) {
    if (c.updatedAt === undefined && c.tasks.size === 0) continue;
    const tasks = [...c.tasks.values()]
      .sort(compareTasks)
      .slice(0, PERSISTED_TASKS_PER_CONNECTION)
      .map(t => ({ ...t, raw: undefined }));
    const ids = new Set(tasks.map(t => t.id));
    const kept = expiring(c.id).filter(k => ids.has(k.taskId));
    out.push({ id: c.id, updatedAt: c.updatedAt, groups: c.groups, tasks, kept });
  }
  return { version: PERSISTED_VERSION, connections: out };
}

/** A saved connection as read back: only well-formed tasks, only the reasons that outlive a window, for those tasks. */
export interface RestoredConnection {
  id: string;
  updatedAt?: number;
  groups: TaskGroup[];
  tasks: Task[];
  kept: KeptEntry[];
}

/** Saved data of another version or shape reads as nothing (never a throw); connections not in `known` are skipped. */
export function readPersisted(data: unknown, known?: ReadonlySet<string>): RestoredConnection[] {
  if (!data || typeof data !== 'object') return [];
  const d = data as Partial<PersistedStore>;
  if (d.version !== PERSISTED_VERSION || !Array.isArray(d.connections)) return [];
  const out: RestoredConnection[] = [];
  for (const c of d.connections) {
    if (!c || typeof c.id !== 'string' || !Array.isArray(c.tasks) || !Array.isArray(c.groups)) continue;
    if (known && !known.has(c.id)) continue;
    const tasks: Task[] = [];
    for (const t of c.tasks.slice(0, PERSISTED_TASKS_PER_CONNECTION)) {
      if (!t || typeof t.id !== 'string' || typeof t.group !== 'string') continue;
      tasks.push({ ...t, source: c.id, steps: t.steps ?? [], shards: t.shards ?? [], errors: t.errors ?? [] });
    }
    const ids = new Set(tasks.map(t => t.id));
    const kept = (Array.isArray(c.kept) ? c.kept : []).filter(
      k => k && ids.has(k.taskId) && typeof k.until === 'number' && KEPT_ON_RELOAD.has(k.reason),
    );
    out.push({
      id: c.id,
      updatedAt: typeof c.updatedAt === 'number' ? c.updatedAt : undefined,
      groups: c.groups,
      tasks,
      kept,
    });
  }
  return out;
}

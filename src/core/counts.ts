import type { ConnectionConfig } from './connection';
import { compareTasks } from './order';
import type { TaskStore } from './store';
import type { Task } from './task';

/**
 * What "N running" means, in one place for the status bar, the view's badge and the running-tasks pick: tasks that
 * run now (not queued), on connections whose data is current, each counted once even when two connections reach the
 * same endpoint.
 */
export interface RunningCounts {
  /** Running, current, one per task: what the count shows. */
  running: Task[];
  /** Queued or waiting to run (current, one per task): shown beside the count, not in it. */
  pending: number;
  /** Running as last known on connections in error or not confirmed since a reload: not counted, only mentioned. */
  stale: Task[];
}

export interface CountOptions {
  /** The same key for two connections that reach the same tasks. */
  endpointOf(connectionId: string): string;
  /** The active filter: what the views do not show is not counted either. */
  shows(task: Task): boolean;
}

export function countRunning(store: TaskStore, options: CountOptions): RunningCounts {
  const running = new Map<string, Task>();
  const stale = new Map<string, Task>();
  const pending = new Set<string>();
  for (const id of store.connectionIds()) {
    const view = store.connection(id);
    const current = view?.status !== 'error' && !view?.stale;
    const endpoint = options.endpointOf(id);
    for (const t of store.allTasks(id)) {
      if ((t.status !== 'running' && t.status !== 'pending') || !options.shows(t)) continue;
      const key = `${endpoint}\u0000${t.id}`;
      if (!current) {
        if (t.status === 'running') stale.set(key, t);
      } else if (t.status === 'running') running.set(key, t);
      else pending.add(key);
    }
  }
  // A task both current somewhere and stale elsewhere is current.
  for (const key of running.keys()) stale.delete(key);
  for (const key of running.keys()) pending.delete(key);
  return { running: [...running.values()].sort(compareTasks), pending: pending.size, stale: [...stale.values()] };
}

/** Two connections with this same key list the same tasks: one cluster added twice, one cloud account and region. */
export function endpointKey(config: ConnectionConfig | undefined, connectionId: string): string {
  if (!config) return `id:${connectionId}`;
  const endpoint = (config.endpoint ?? '').trim().toLowerCase().replace(/\/+$/, '');
  // Without an endpoint, a cloud connection is its account (key id) in a region.
  const who = endpoint ? '' : (config.user ?? '');
  return [config.provider, endpoint, config.region ?? '', who].join('\u0000');
}

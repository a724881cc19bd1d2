import type { Task, TaskSnapshot } from '../../../src/core/task';

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    source: 'c1',
    provider: 'redis-enterprise',
    kind: 'crdb-task',
    group: 'crdb',
    name: 'create_crdb',
    target: { id: 'guid-1', name: 'orders-db' },
    status: 'running',
    providerStatus: 'started',
    progress: undefined,
    startedAt: 1_000_000,
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: true, forceCancel: true },
    raw: { id },
    ...over,
  };
}

export function snapshot(tasks: Task[], more: Record<string, string> = {}): TaskSnapshot {
  return {
    groups: [
      { id: 'crdb', label: 'Active-Active tasks', kind: 'crdb-tasks' },
      { id: 'actions', label: 'Actions', kind: 'actions' },
    ],
    tasks,
    more,
  };
}

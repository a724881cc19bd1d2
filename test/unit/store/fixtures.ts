import type { Task, TaskSnapshot } from '../../../src/core/task';

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    source: 'c1',
    provider: 'redis-enterprise',
    kind: 'crdb-task',
    group: 'crdb',
    name: `task ${id}`,
    status: 'running',
    providerStatus: 'started',
    progress: undefined,
    startedAt: 1_700_000_000_000 + Number(id.replace(/\D/g, '') || 0) * 1000,
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

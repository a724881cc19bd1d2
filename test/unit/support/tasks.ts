import type { Task, TaskSnapshot } from '../../../src/core/task';

/**
 * A running, cancelable Redis Enterprise CRDB task of connection c1, with `over` on top. The fixture files of
 * test/unit/extension and test/unit/store start from it and add their own names and start times.
 */
export function runningCrdbTask(id: string, over: Partial<Task> & Pick<Task, 'name'>): Task {
  return {
    id,
    source: 'c1',
    provider: 'redis-enterprise',
    kind: 'crdb-task',
    group: 'crdb',
    status: 'running',
    providerStatus: 'started',
    progress: undefined,
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: true, forceCancel: true },
    raw: { id },
    ...over,
  };
}

/** A cluster's answer: its Active-Active tasks and actions groups, `tasks`, and the groups that have more. */
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

import type { Task } from '../../../src/core/task';
import { runningCrdbTask } from '../support/tasks';

export { snapshot } from '../support/tasks';

export function task(id: string, over: Partial<Task> = {}): Task {
  return runningCrdbTask(id, {
    name: 'create_crdb',
    target: { id: 'guid-1', name: 'orders-db' },
    startedAt: 1_000_000,
    ...over,
  });
}

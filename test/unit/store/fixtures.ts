import type { Task } from '../../../src/core/task';
import { runningCrdbTask } from '../support/tasks';

export { snapshot } from '../support/tasks';

/** Task "7" starts 7 s after 1_700_000_000_000 (the digits of its id, in seconds): ids order the start times. */
export function task(id: string, over: Partial<Task> = {}): Task {
  return runningCrdbTask(id, {
    name: `task ${id}`,
    startedAt: 1_700_000_000_000 + Number(id.replace(/\D/g, '') || 0) * 1000,
    ...over,
  });
}

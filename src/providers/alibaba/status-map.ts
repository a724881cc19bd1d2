import type { TaskStatus } from '../../core/task';

/** `DescribeTasks` status codes (the seed's API). There is no failure code: a task that stops is interrupted. */
export const DESCRIBE_TASKS_STATUS: Readonly<Record<string, TaskStatus>> = {
  '0': 'pending',
  '1': 'running',
  '2': 'succeeded',
  '4': 'canceled', // "closed"
  '7': 'paused',
  '8': 'interrupted',
};

/**
 * `DescribeHistoryTasks` status words. `Cancelling` is still moving (the cancel has not landed), so it counts as
 * running; the provider's own word stays beside it in `providerStatus`.
 */
export const HISTORY_TASKS_STATUS: Readonly<Record<string, TaskStatus>> = {
  Scheduled: 'pending',
  Waiting: 'pending',
  Running: 'running',
  Cancelling: 'running',
  Succeed: 'succeeded',
  Failed: 'failed',
  Canceled: 'canceled',
};

function lookup(table: Readonly<Record<string, TaskStatus>>, value: string | undefined): TaskStatus {
  const key = value?.trim();
  // Own keys only: a status such as "constructor" must not find Object's prototype.
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : 'unknown';
}

export function describeTasksStatus(code: string | undefined): TaskStatus {
  return lookup(DESCRIBE_TASKS_STATUS, code);
}

export function historyTasksStatus(word: string | undefined): TaskStatus {
  return lookup(HISTORY_TASKS_STATUS, word);
}

/** The provider values that mean any of `statuses`, for the server-side `Status` filter (empty: nothing matches). */
export function providerStatuses(
  table: Readonly<Record<string, TaskStatus>>,
  statuses: readonly TaskStatus[],
): string[] {
  return Object.keys(table).filter(k => statuses.includes(table[k]));
}

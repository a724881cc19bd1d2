import type { TaskStatus } from '../../core/task';

/** `DescribeTaskList` `Result`. 3 is not documented; it stays `unknown` with its raw value. */
export const LIST_RESULT_STATUS: Readonly<Record<string, TaskStatus>> = {
  '0': 'pending', // task initialising
  '1': 'running',
  '2': 'succeeded',
  '4': 'failed',
};

/** `DescribeTaskInfo` `Status`. */
export const INFO_STATUS: Readonly<Record<string, TaskStatus>> = {
  preparing: 'pending',
  running: 'running',
  succeed: 'succeeded',
  failed: 'failed',
  error: 'failed', // "execution error": the flow broke rather than ending in a failure verdict; both are final
};

/** Legacy `GetRedisTaskList` `status`. */
export const LEGACY_STATUS: Readonly<Record<string, TaskStatus>> = {
  '0': 'pending',
  '1': 'running',
  '2': 'succeeded',
  '3': 'failed',
  '-1': 'failed', // execution error
};

function lookup(table: Readonly<Record<string, TaskStatus>>, raw: unknown): TaskStatus {
  if (raw === undefined || raw === null) return 'unknown';
  if (typeof raw !== 'string' && typeof raw !== 'number') return 'unknown';
  const key = String(raw).trim();
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : 'unknown';
}

export const listResultStatus = (raw: unknown): TaskStatus => lookup(LIST_RESULT_STATUS, raw);
export const infoStatus = (raw: unknown): TaskStatus =>
  lookup(INFO_STATUS, typeof raw === 'string' ? raw.toLowerCase() : raw);
export const legacyStatus = (raw: unknown): TaskStatus => lookup(LEGACY_STATUS, raw);

/** Our statuses as `DescribeTaskList` `Result` filter values; statuses the API cannot express have none. */
export const RESULT_FILTER: Readonly<Partial<Record<TaskStatus, number>>> = {
  pending: 0,
  running: 1,
  succeeded: 2,
  failed: 4,
};

/** Our statuses as legacy `taskStatus.n` filter values (failed covers both the failure and the error code). */
export const LEGACY_STATUS_FILTER: Readonly<Partial<Record<TaskStatus, number[]>>> = {
  pending: [0],
  running: [1],
  succeeded: [2],
  failed: [3, -1],
};

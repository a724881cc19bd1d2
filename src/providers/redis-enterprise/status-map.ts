import type { TaskStatus } from '../../core/task';

/** `crdb_tasks[].status` (seed 000). A failed task may really be a cancelled one: see `crdbStatus`. */
export const CRDB_STATUS: Readonly<Record<string, TaskStatus>> = {
  queued: 'pending',
  started: 'running',
  finished: 'succeeded',
  failed: 'failed',
};

/**
 * Action and state-machine status words across v1, v2 and the docs' prose. `cancelling` stays running: the work has
 * not stopped yet, and the raw word (kept in providerStatus) tells the person what is happening.
 */
export const ACTION_STATUS: Readonly<Record<string, TaskStatus>> = {
  pending: 'pending',
  queued: 'pending',
  starting: 'pending',
  active: 'running',
  running: 'running',
  cancelling: 'running',
  cancelled: 'canceled',
  canceled: 'canceled',
  aborted: 'failed',
  completed: 'succeeded',
  failed: 'failed',
};

function lookup(table: Readonly<Record<string, TaskStatus>>, raw: string | undefined): TaskStatus {
  if (raw === undefined) return 'unknown';
  const key = raw.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : 'unknown';
}

/** The API has no "cancelled" status for CRDB tasks: a cancelled task ends `failed` with an error saying so. */
export function crdbStatus(raw: string | undefined, errorTexts: readonly string[] = []): TaskStatus {
  const status = lookup(CRDB_STATUS, raw);
  if (status === 'failed' && errorTexts.some(t => /cancel/i.test(t))) return 'canceled';
  return status;
}

export function actionStatus(raw: string | undefined): TaskStatus {
  return lookup(ACTION_STATUS, raw);
}

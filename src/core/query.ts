import type { Task, TaskQuery } from './task';

/**
 * What the person filtered on, applied on our side too (providers push to their API what it supports; the rest is
 * ours to do), and the time window that bounds what is asked for. Pure: the clock and the setting are arguments.
 */

const DAY_MS = 24 * 3600 * 1000;

export function matchesQuery(task: Task, q: TaskQuery): boolean {
  if (q.statuses?.length && !q.statuses.includes(task.status)) return false;
  if (q.types?.length && !(task.type && q.types.includes(task.type)) && !q.types.includes(task.name)) return false;
  // A task with no start time yet (queued) is current by definition, so a window never hides it.
  if (q.since !== undefined && task.startedAt !== undefined && task.startedAt < q.since) return false;
  if (q.until !== undefined && task.startedAt !== undefined && task.startedAt > q.until) return false;
  return true;
}

export function isQueryEmpty(q: TaskQuery): boolean {
  return !q.statuses?.length && !q.types?.length && q.since === undefined && q.until === undefined && !q.instanceId;
}

/** The filter as chosen: a query, and maybe a relative window ("last 24 hours"). */
export interface QueryChoice {
  query: TaskQuery;
  /** Recomputed at each use, so "last hour" keeps meaning the last hour. */
  windowMs?: number;
}

/**
 * The query as asked at `now`: the chosen window if any, else the query's own `since`, else the default window of
 * `defaultDays` (cloud task lists are region-wide and date-bounded, so a bounded recent span is asked for; 0 = none).
 */
export function effectiveQuery(choice: QueryChoice, now: number, defaultDays: number): TaskQuery {
  const q = { ...choice.query };
  if (choice.windowMs !== undefined) q.since = now - choice.windowMs;
  else if (q.since === undefined && defaultDays > 0) q.since = now - defaultDays * DAY_MS;
  return q;
}

/** Whether the person chose anything that hides tasks. */
export function isChoiceFiltered(choice: QueryChoice): boolean {
  return !isQueryEmpty(choice.query) || choice.windowMs !== undefined;
}

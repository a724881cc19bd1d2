import type { TaskQuery, TaskStatus } from '../../core/task';
import { LEGACY_STATUS_FILTER, RESULT_FILTER } from './status-map';
import { LEGACY_FILTERABLE, legacyTaskName } from './task-types';
import { formatTencentTime } from './time';

/** The task lists reach back 30 days; an older start would be rejected, so it is moved to the edge (plus a margin). */
export const HISTORY_MS = 30 * 24 * 3600_000;
const EDGE_MARGIN_MS = 5 * 60_000;

/** Every `DescribeTaskList` filter. */
export interface TaskListFilter {
  InstanceId?: string;
  InstanceName?: string;
  BeginTime?: string;
  EndTime?: string;
  TaskTypes?: string[];
  Result?: number[];
  OperateUin?: string[];
  Limit?: number;
  Offset?: number;
}

/** What cannot be said to the server is checked on our side, after mapping. */
export interface ServerQuery<T> {
  params: T;
  /** Nothing can match (e.g. only statuses Tencent never reports): skip the request. */
  empty: boolean;
  /** The statuses to keep when the server could not filter them (undefined: keep all). */
  statuses?: ReadonlySet<TaskStatus>;
  /** The task types (`Task.type`) to keep, when the server could not filter them. */
  types?: ReadonlySet<string>;
}

function window(query: TaskQuery, now: number): { begin?: number; end?: number } {
  const oldest = now - HISTORY_MS + EDGE_MARGIN_MS;
  return {
    begin: query.since === undefined ? undefined : Math.max(query.since, oldest),
    end: query.until,
  };
}

export function taskListFilter(
  query: TaskQuery,
  now: number,
  extra: Pick<TaskListFilter, 'OperateUin' | 'InstanceName'> = {},
): ServerQuery<TaskListFilter> {
  const params: TaskListFilter = { ...extra };
  if (query.instanceId) params.InstanceId = query.instanceId;
  const { begin, end } = window(query, now);
  if (begin !== undefined) params.BeginTime = formatTencentTime(begin);
  if (end !== undefined) params.EndTime = formatTencentTime(end);
  if (query.types?.length) params.TaskTypes = [...query.types];
  let empty = false;
  let statuses: Set<TaskStatus> | undefined;
  if (query.statuses?.length) {
    statuses = new Set(query.statuses);
    const codes = query.statuses.map(s => RESULT_FILTER[s]).filter((c): c is number => c !== undefined);
    // `unknown` covers codes outside the documented ones, which no server filter can ask for.
    if (!statuses.has('unknown')) {
      if (codes.length) params.Result = codes;
      else empty = true;
    }
  }
  if (begin !== undefined && end !== undefined && begin > end) empty = true;
  return { params, empty, statuses };
}

/** Legacy `GetRedisTaskList` parameters, flattened the 2.0 way (`taskStatus.0`). */
export function legacyTaskListParams(query: TaskQuery, now: number): ServerQuery<Record<string, string>> {
  const params: Record<string, string> = {};
  if (query.instanceId) params.redisId = query.instanceId;
  const { begin, end } = window(query, now);
  if (begin !== undefined) params.beginTime = formatTencentTime(begin);
  if (end !== undefined) params.endTime = formatTencentTime(end);
  let empty = false;
  let statuses: Set<TaskStatus> | undefined;
  if (query.statuses?.length) {
    statuses = new Set(query.statuses);
    const codes = query.statuses.flatMap(s => LEGACY_STATUS_FILTER[s] ?? []);
    if (!statuses.has('unknown')) {
      if (codes.length)
        codes.forEach((c, i) => {
          params[`taskStatus.${i}`] = String(c);
        });
      else empty = true;
    }
  }
  let types: Set<string> | undefined;
  if (query.types?.length) {
    // Accept current codes ("012") and legacy names ("backupInstance"); the server filter knows seven types only,
    // so any other type makes us filter on our side instead.
    const names = query.types.map(legacyTaskName);
    if (names.every(n => LEGACY_FILTERABLE.has(n)))
      names.forEach((n, i) => {
        params[`taskType.${i}`] = `task_${n}`;
      });
    else types = new Set(names);
  }
  return { params, empty, statuses, types };
}

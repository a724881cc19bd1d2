import { asObject, optArray, optString, reqString, shapeError, type JsonObject } from '../../core/shape';
import { toNumber } from '../../core/task';

/** The wire shapes we read, parsed in this one place; every record keeps its raw payload. */

export interface InstanceRecord {
  id: string;
  name: string;
  status?: number;
  region?: string;
  raw: JsonObject;
}

export interface TaskListRecord {
  taskId: string;
  startTime?: string;
  endTime?: string;
  taskType?: string;
  instanceId: string;
  instanceName?: string;
  projectId?: number;
  progress?: number;
  result?: string;
  raw: JsonObject;
}

export interface TaskInfoRecord {
  status?: string;
  startTime?: string;
  taskType?: string;
  instanceId?: string;
  taskMessage?: string;
  requestId?: string;
  raw: JsonObject;
}

export interface LegacyTaskRecord {
  startTime?: string;
  taskName?: string;
  redisName?: string;
  redisId: string;
  projectId?: number;
  status?: string;
  progress?: number;
  raw: JsonObject;
}

export interface Paged<T> {
  totalCount: number;
  items: T[];
  requestId?: string;
}

function optNumber(obj: JsonObject, key: string, path: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = toNumber(v);
  if (n === undefined) throw shapeError(`${path}.${key}`, 'number', v);
  return n;
}

function total(obj: JsonObject, key: string, path: string, fallback: number): number {
  return optNumber(obj, key, path) ?? fallback;
}

export function parseInstances(response: JsonObject): Paged<InstanceRecord> {
  const path = 'Response';
  const set = optArray(response.InstanceSet, `${path}.InstanceSet`);
  const items = set.map((v, i) => {
    const p = `${path}.InstanceSet[${i}]`;
    const o = asObject(v, p);
    const id = reqString(o, 'InstanceId', p);
    // The instance status only decorates its group: an undocumented value must not hide the instance's tasks.
    return {
      id,
      name: optString(o, 'InstanceName', p) || id,
      status: toNumber(o.Status),
      region: optString(o, 'Region', p),
      raw: o,
    };
  });
  return {
    totalCount: total(response, 'TotalCount', path, items.length),
    items,
    requestId: optString(response, 'RequestId', path),
  };
}

export function parseTaskList(response: JsonObject): Paged<TaskListRecord> {
  const path = 'Response';
  const tasks = optArray(response.Tasks, `${path}.Tasks`);
  const items = tasks.map((v, i) => {
    const p = `${path}.Tasks[${i}]`;
    const o = asObject(v, p);
    return {
      taskId: reqString(o, 'TaskId', p),
      startTime: optString(o, 'StartTime', p),
      endTime: optString(o, 'EndTime', p),
      taskType: optString(o, 'TaskType', p),
      instanceId: reqString(o, 'InstanceId', p),
      instanceName: optString(o, 'InstanceName', p),
      projectId: optNumber(o, 'ProjectId', p),
      progress: optNumber(o, 'Progress', p),
      result: optString(o, 'Result', p),
      raw: o,
    };
  });
  return {
    totalCount: total(response, 'TotalCount', path, items.length),
    items,
    requestId: optString(response, 'RequestId', path),
  };
}

export function parseTaskInfo(response: JsonObject): TaskInfoRecord {
  const p = 'Response';
  return {
    status: optString(response, 'Status', p),
    startTime: optString(response, 'StartTime', p),
    taskType: optString(response, 'TaskType', p),
    instanceId: optString(response, 'InstanceId', p),
    taskMessage: optString(response, 'TaskMessage', p),
    requestId: optString(response, 'RequestId', p),
    raw: response,
  };
}

/** The legacy envelope once its `code` said success. `data` may be missing when there are no tasks. */
export function parseLegacyTaskList(body: JsonObject): Paged<LegacyTaskRecord> {
  const data = body.data === undefined || body.data === null ? {} : asObject(body.data, 'data');
  const set = optArray(data.redisTaskSet, 'data.redisTaskSet');
  const items = set.map((v, i) => {
    const p = `data.redisTaskSet[${i}]`;
    const o = asObject(v, p);
    return {
      startTime: optString(o, 'startTime', p),
      taskName: optString(o, 'taskName', p),
      redisName: optString(o, 'redisName', p),
      redisId: reqString(o, 'redisId', p),
      projectId: optNumber(o, 'projectId', p),
      status: optString(o, 'status', p),
      progress: optNumber(o, 'progress', p),
      raw: o,
    };
  });
  return { totalCount: total(body, 'totalCount', '(body)', items.length), items };
}

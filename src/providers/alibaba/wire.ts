import { asObject, optArray, optString, reqString, type JsonObject } from '../../core/shape';
import { toNumber } from '../../core/task';

/** The three R-kvstore answers we read, parsed in this one place; each item keeps its raw object. */

export interface AliInstance {
  id: string;
  name?: string;
  status?: string;
  regionId?: string;
}

export interface AliPage<T> {
  requestId?: string;
  pageNumber: number;
  pageSize: number;
  total: number;
  items: T[];
}

/** One item of DescribeTasks (the seed's API). */
export interface AliLegacyTask {
  taskId: string;
  taskAction?: string;
  status?: string;
  progress?: number;
  beginTime?: string;
  finishTime?: string;
  remain?: number;
  currentStepName?: string;
  stepProgressInfo?: string;
  stepsInfo?: string;
  raw: JsonObject;
}

/** One item of DescribeHistoryTasks. */
export interface AliHistoryTask {
  taskId: string;
  taskType?: string;
  status?: string;
  progress?: number;
  remainTime?: number;
  startTime?: string;
  endTime?: string;
  currentStepName?: string;
  instanceId?: string;
  instanceName?: string;
  regionId?: string;
  actionInfo?: string;
  taskDetail?: string;
  reasonCode?: string;
  raw: JsonObject;
}

function pageOf<T>(body: JsonObject, what: string, items: T[], totalKey: string): AliPage<T> {
  return {
    requestId: optString(body, 'RequestId', what),
    pageNumber: toNumber(body.PageNumber) ?? 1,
    pageSize: toNumber(body.PageSize) ?? items.length,
    total: toNumber(body[totalKey]) ?? items.length,
    items,
  };
}

/** `Items` arrives as a flat array in the docs, and as `{Item: [...]}` in some older XML-shaped JSON: accept both. */
function itemsOf(body: JsonObject, key: string, inner: string, path: string): unknown[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  return optArray(asObject(v, path)[inner], `${path}.${inner}`);
}

export function parseInstances(value: unknown): AliPage<AliInstance> {
  const body = asObject(value, 'DescribeInstances');
  const list = itemsOf(body, 'Instances', 'KVStoreInstance', 'DescribeInstances.Instances');
  const items = list.map((raw, i) => {
    const path = `Instances.KVStoreInstance[${i}]`;
    const o = asObject(raw, path);
    return {
      id: reqString(o, 'InstanceId', path),
      name: optString(o, 'InstanceName', path) || undefined,
      status: optString(o, 'InstanceStatus', path),
      regionId: optString(o, 'RegionId', path),
    };
  });
  return pageOf(body, 'DescribeInstances', items, 'TotalCount');
}

export function parseLegacyTasks(value: unknown): AliPage<AliLegacyTask> {
  const body = asObject(value, 'DescribeTasks');
  const list = itemsOf(body, 'Items', 'Item', 'DescribeTasks.Items');
  const items = list.map((raw, i) => {
    const path = `Items[${i}]`;
    const o = asObject(raw, path);
    return {
      taskId: reqString(o, 'TaskId', path),
      taskAction: optString(o, 'TaskAction', path),
      status: optString(o, 'Status', path),
      progress: toNumber(o.Progress),
      beginTime: optString(o, 'BeginTime', path),
      finishTime: optString(o, 'FinishTime', path),
      remain: toNumber(o.Remain),
      currentStepName: optString(o, 'CurrentStepName', path),
      stepProgressInfo: optString(o, 'StepProgressInfo', path),
      stepsInfo: optString(o, 'StepsInfo', path),
      raw: o,
    };
  });
  return pageOf(body, 'DescribeTasks', items, 'TotalRecordCount');
}

export function parseHistoryTasks(value: unknown): AliPage<AliHistoryTask> {
  const body = asObject(value, 'DescribeHistoryTasks');
  const list = itemsOf(body, 'Items', 'Item', 'DescribeHistoryTasks.Items');
  const items = list.map((raw, i) => {
    const path = `Items[${i}]`;
    const o = asObject(raw, path);
    return {
      taskId: reqString(o, 'TaskId', path),
      taskType: optString(o, 'TaskType', path),
      status: optString(o, 'Status', path),
      progress: toNumber(o.Progress),
      remainTime: toNumber(o.RemainTime),
      startTime: optString(o, 'StartTime', path),
      endTime: optString(o, 'EndTime', path),
      currentStepName: optString(o, 'CurrentStepName', path),
      instanceId: optString(o, 'InstanceId', path),
      instanceName: optString(o, 'InstanceName', path),
      regionId: optString(o, 'RegionId', path),
      actionInfo: optString(o, 'ActionInfo', path),
      taskDetail: optString(o, 'TaskDetail', path),
      reasonCode: optString(o, 'ReasonCode', path),
      raw: o,
    };
  });
  return pageOf(body, 'DescribeHistoryTasks', items, 'TotalCount');
}

/** Alibaba's error body: `{RequestId, HostId, Code, Message, Recommend}`. Lenient: any of them may be missing. */
export interface AliErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
  recommend?: string;
}

export function parseErrorBody(value: unknown): AliErrorBody {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const o = value as JsonObject;
  const str = (k: string) => (typeof o[k] === 'string' ? o[k] : undefined);
  return {
    code: str('Code') ?? str('code'),
    message: str('Message') ?? str('message'),
    requestId: str('RequestId') ?? str('requestId'),
    recommend: str('Recommend'),
  };
}

import { FINAL_STATUSES, clampPercent, type Task, type TaskStatus } from '../../core/task';
import { instanceConsoleUrl } from './console';
import type { LegacyTaskRecord, TaskInfoRecord, TaskListRecord } from './parse';
import { infoStatus, legacyStatus, listResultStatus } from './status-map';
import { taskTypeName } from './task-types';
import { parseTencentTime } from './time';

export interface TaskContext {
  connectionId: string;
  region?: string;
  /** Console URLs by instance id, filled as tasks are built: one string per instance rather than one per task. */
  consoleUrls?: Map<string, string>;
}

const MAX_CACHED_CONSOLE_URLS = 1000;

function consoleUrlOf(ctx: TaskContext, instanceId: string): string | undefined {
  if (!instanceId) return undefined;
  const cache = ctx.consoleUrls;
  let url = cache?.get(instanceId);
  if (url === undefined) {
    url = instanceConsoleUrl(instanceId, ctx.region);
    if (cache) {
      // Bounded: a server inventing instance ids must not grow it forever.
      if (cache.size >= MAX_CACHED_CONSOLE_URLS) cache.clear();
      cache.set(instanceId, url);
    }
  }
  return url;
}

/**
 * `Progress` is documented only as a float, and the one example shows `1` for a finished task: so values up to 1
 * are a fraction and larger ones a percentage. (A true 1 % reads as 100 %: the lesser evil.)
 */
export function normaliseProgress(value: number | undefined): number | undefined {
  if (value === undefined || value < 0) return undefined;
  return clampPercent(value <= 1 ? Math.round(value * 10000) / 100 : value);
}

function base(
  ctx: TaskContext,
  id: string,
  instanceId: string,
  status: TaskStatus,
  providerStatus: string,
  raw: unknown,
): Task {
  return {
    id,
    source: ctx.connectionId,
    provider: 'tencent',
    kind: 'cloud-task',
    group: instanceId,
    name: 'Task',
    status,
    providerStatus,
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: false, forceCancel: false, consoleUrl: consoleUrlOf(ctx, instanceId) },
    raw,
  };
}

export function taskFromList(ctx: TaskContext, r: TaskListRecord): Task {
  const status = listResultStatus(r.result);
  // One literal, keys in the order `base` and the assignments after it gave: adding five properties one by one to
  // every task cost more than building it.
  const task: Task = {
    id: r.taskId,
    source: ctx.connectionId,
    provider: 'tencent',
    kind: 'cloud-task',
    group: r.instanceId,
    name: taskTypeName(r.taskType),
    status,
    providerStatus: r.result ?? '',
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: false, forceCancel: false, consoleUrl: consoleUrlOf(ctx, r.instanceId) },
    raw: r.raw,
    type: r.taskType,
    target: { id: r.instanceId, name: r.instanceName, type: 'instance' },
    progress: status === 'succeeded' ? 100 : normaliseProgress(r.progress),
    startedAt: parseTencentTime(r.startTime),
  };
  // Unfinished tasks carry a placeholder or a provisional end time: only a final status makes it the end.
  if (FINAL_STATUSES.has(status)) task.finishedAt = parseTencentTime(r.endTime);
  return task;
}

/** `DescribeTaskInfo` has no progress, end time or type code; its `TaskType` is free text, its `TaskMessage` the error. */
export function taskFromInfo(ctx: TaskContext, id: string, groupHint: string | undefined, r: TaskInfoRecord): Task {
  const status = infoStatus(r.status);
  const instanceId = r.instanceId || groupHint || '';
  const task = base(ctx, id, instanceId, status, r.status ?? '', r.raw);
  task.name = r.taskType || 'Task';
  if (instanceId) task.target = { id: instanceId, type: 'instance' };
  task.startedAt = parseTencentTime(r.startTime);
  if (status === 'succeeded') task.progress = 100;
  if (status === 'failed')
    task.errors = [{ message: r.taskMessage || 'The task failed without a message.', code: r.status }];
  return task;
}

/** The legacy list has no task id: one is made of the instance, the start time and the task name. */
export function legacyTaskId(r: Pick<LegacyTaskRecord, 'redisId' | 'startTime' | 'taskName'>): string {
  return [r.redisId, r.startTime ?? '', r.taskName ?? ''].join('|');
}

export function splitLegacyTaskId(id: string): { redisId: string; startTime: string; taskName: string } | undefined {
  const parts = id.split('|');
  if (parts.length !== 3 || !parts[0]) return undefined;
  return { redisId: parts[0], startTime: parts[1], taskName: parts[2] };
}

export function taskFromLegacy(ctx: TaskContext, r: LegacyTaskRecord): Task {
  const status = legacyStatus(r.status);
  const task = base(ctx, legacyTaskId(r), r.redisId, status, r.status ?? '', r.raw);
  task.name = taskTypeName(r.taskName);
  task.type = r.taskName;
  task.target = { id: r.redisId, name: r.redisName, type: 'instance' };
  // Legacy progress is a flag: 0 unfinished, 1 finished. Only "finished" says a number.
  task.progress = r.progress === 1 || status === 'succeeded' ? 100 : undefined;
  task.startedAt = parseTencentTime(r.startTime);
  if (status === 'failed')
    task.errors = [
      { message: r.status === '-1' ? 'The task stopped with an execution error.' : 'The task failed.', code: r.status },
    ];
  return task;
}

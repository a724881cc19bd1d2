import { randomUUID } from 'node:crypto';
import { formatTencentTime, parseTencentTime } from '../../providers/tencent/time';
import type { EmulatorResponse } from '../types';
import { INFO_TYPE_TEXT, PHASE_RESULT, taskState, type Account, type EmuTask } from './data';
import { ParamError, optInt, optList, optStr, type Params } from './params';

/** The service's `2018-04-12` actions over the emulated account: the real checks, paging and filters. */

export const VERSION = '2018-04-12';
export const HISTORY_MS = 30 * 24 * 3600_000;
const ZERO_TIME = '0000-00-00 00:00:00';

export function ok(body: Record<string, unknown>): EmulatorResponse {
  return { status: 200, json: { Response: { ...body, RequestId: randomUUID() } } };
}

/** Tencent answers errors with HTTP 200 and `Response.Error`. */
export function fail(code: string, message: string): EmulatorResponse {
  return { status: 200, json: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
}

function page(params: Params, defaultLimit: number, maxLimit: number): { limit: number; offset: number } {
  const limit = optInt(params, 'Limit') ?? defaultLimit;
  const offset = optInt(params, 'Offset') ?? 0;
  if (limit < 1 || limit > maxLimit)
    throw new ParamError(
      'InvalidParameterValue',
      `The value of parameter \`Limit\` must be between 1 and ${maxLimit}, got ${limit}.`,
    );
  if (offset < 0 || offset % limit !== 0)
    throw new ParamError(
      'InvalidParameterValue',
      `The value of parameter \`Offset\` must be a multiple of \`Limit\` (${limit}), got ${offset}.`,
    );
  return { limit, offset };
}

function time(params: Params, name: string, now: number): number | undefined {
  const v = optStr(params, name);
  if (v === undefined || v === '') return undefined;
  const t = parseTencentTime(v);
  if (t === undefined)
    throw new ParamError(
      'InvalidParameterValue',
      `The value of parameter \`${name}\` must look like 2021-12-30 00:00:00, got "${v}".`,
    );
  if (t < now - HISTORY_MS)
    throw new ParamError('InvalidParameterValue', `The parameter \`${name}\` must be within the last 30 days.`);
  return t;
}

function instanceRow(i: Account['instances'][number]) {
  return {
    InstanceId: i.id,
    InstanceName: i.name,
    Status: i.status,
    Region: i.region,
    ProjectId: i.projectId,
    Engine: 'Redis',
    Type: 8,
    Port: 6379,
    Size: 1024,
    Createtime: '2024-01-01 10:00:00',
  };
}

function taskRow(account: Account, t: EmuTask, now: number) {
  const s = taskState(t, now);
  return {
    TaskId: t.id,
    StartTime: formatTencentTime(t.createdAt),
    EndTime: s.endedAt === undefined ? ZERO_TIME : formatTencentTime(s.endedAt),
    TaskType: t.type,
    InstanceName: account.instances.find(i => i.id === t.instanceId)?.name ?? '',
    InstanceId: t.instanceId,
    ProjectId: account.instances.find(i => i.id === t.instanceId)?.projectId ?? 0,
    Progress: s.progress,
    Result: PHASE_RESULT[s.phase],
  };
}

export function describeInstances(account: Account, region: string, params: Params): EmulatorResponse {
  const { limit, offset } = page(params, 20, 1000);
  const id = optStr(params, 'InstanceId');
  const ids = optList(params, 'InstanceIds');
  const name = optStr(params, 'InstanceName');
  const rows = account.instances
    .filter(i => i.region === region)
    .filter(i => (!id || i.id === id) && (!ids?.length || ids.includes(i.id)) && (!name || i.name === name));
  return ok({ TotalCount: rows.length, InstanceSet: rows.slice(offset, offset + limit).map(instanceRow) });
}

export function visibleTasks(account: Account, region: string, now: number): EmuTask[] {
  const inRegion = new Set(account.instances.filter(i => i.region === region).map(i => i.id));
  // Newest first, as the console shows them; a task exists from its submission on.
  return account.tasks
    .filter(t => inRegion.has(t.instanceId) && t.createdAt <= now)
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

export function describeTaskList(account: Account, region: string, params: Params, now: number): EmulatorResponse {
  const { limit, offset } = page(params, 20, 100);
  const instanceId = optStr(params, 'InstanceId');
  const instanceName = optStr(params, 'InstanceName');
  const begin = time(params, 'BeginTime', now) ?? now - HISTORY_MS;
  const end = time(params, 'EndTime', now);
  const types = optList(params, 'TaskTypes');
  for (const t of types ?? [])
    if (!/^\d{3}$/.test(t))
      throw new ParamError(
        'InvalidParameterValue',
        `The value "${t}" of parameter \`TaskTypes\` is not a task type code.`,
      );
  const results = optList(params, 'Result')?.map(Number);
  for (const r of results ?? [])
    if (![0, 1, 2, 4].includes(r))
      throw new ParamError('InvalidParameterValue', `The value ${r} of parameter \`Result\` must be 0, 1, 2 or 4.`);
  const uins = optList(params, 'OperateUin');
  const names = new Map(account.instances.map(i => [i.id, i.name]));
  const rows = visibleTasks(account, region, now).filter(t => {
    if (instanceId && t.instanceId !== instanceId) return false;
    if (instanceName && names.get(t.instanceId) !== instanceName) return false;
    // Times have second precision on the wire: a task started within the end second is inside.
    if (t.createdAt < begin || (end !== undefined && t.createdAt >= end + 1000)) return false;
    if (types?.length && !types.includes(t.type)) return false;
    if (results?.length && !results.includes(PHASE_RESULT[taskState(t, now).phase])) return false;
    if (uins?.length && !uins.includes(t.operateUin)) return false;
    return true;
  });
  return ok({ TotalCount: rows.length, Tasks: rows.slice(offset, offset + limit).map(t => taskRow(account, t, now)) });
}

export function describeTaskInfo(account: Account, region: string, params: Params, now: number): EmulatorResponse {
  if (params.TaskId === undefined || params.TaskId === null || params.TaskId === '')
    throw new ParamError('MissingParameter', 'The request is missing a required parameter `TaskId`.');
  const id = optInt(params, 'TaskId')!;
  const task = visibleTasks(account, region, now).find(t => t.id === id);
  if (!task) return fail('ResourceNotFound', `The task ${id} does not exist in region ${region}.`);
  const s = taskState(task, now);
  return ok({
    Status: s.phase,
    StartTime: formatTencentTime(task.createdAt),
    TaskType: INFO_TYPE_TEXT[task.type] ?? `Flow ${task.type}`,
    InstanceId: task.instanceId,
    TaskMessage: s.phase === 'failed' || s.phase === 'error' ? (task.message ?? 'failed') : '',
  });
}

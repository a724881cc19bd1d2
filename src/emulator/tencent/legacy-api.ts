import { formatTencentTime, parseTencentTime } from '../../providers/tencent/time';
import type { EmulatorResponse } from '../types';
import { PHASE_LEGACY, legacyName, taskState, type Account } from './data';

/** API 2.0 `GetRedisTaskList` (seed 002): `{code, message, codeDesc, totalCount, data: {redisTaskSet}}`. */

const FILTERABLE_TYPES = new Set([
  'task_importRdb',
  'task_exportBackup',
  'task_restoreBackup',
  'task_restoreStream',
  'task_backupInstance',
  'task_cleanInstance',
  'task_resizeInstance',
]);

export function legacyFail(code: number, codeDesc: string, message: string): EmulatorResponse {
  return { status: 200, json: { code, message, codeDesc } };
}

function list(params: Record<string, string>, prefix: string): string[] {
  return Object.keys(params)
    .filter(k => k.startsWith(`${prefix}.`))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(k => params[k]);
}

export function getRedisTaskList(
  account: Account,
  region: string,
  params: Record<string, string>,
  now: number,
): EmulatorResponse {
  for (const p of ['limit', 'offset']) {
    if (params[p] === undefined) return legacyFail(11201, 'InvalidParameter', `The parameter ${p} is required.`);
    if (!/^\d+$/.test(params[p]))
      return legacyFail(11201, 'InvalidParameter', `The parameter ${p} must be a non-negative integer.`);
  }
  const limit = Number(params.limit);
  const offset = Number(params.offset);
  if (limit < 1 || limit > 100)
    return legacyFail(11201, 'InvalidParameter', 'The parameter limit must be between 1 and 100.');
  const times: Record<string, number | undefined> = {};
  for (const p of ['beginTime', 'endTime']) {
    if (!params[p]) continue;
    times[p] = parseTencentTime(params[p]);
    if (times[p] === undefined)
      return legacyFail(11201, 'InvalidParameter', `The parameter ${p} must look like 2017-02-08 16:46:34.`);
  }
  const statuses = list(params, 'taskStatus').map(Number);
  if (statuses.some(s => ![0, 1, 2, 3, -1].includes(s)))
    return legacyFail(11201, 'InvalidParameter', 'The parameter taskStatus.n must be 0, 1, 2, 3 or -1.');
  const types = list(params, 'taskType');
  const badType = types.find(t => !FILTERABLE_TYPES.has(t));
  if (badType) return legacyFail(11201, 'InvalidParameter', `The parameter taskType.n does not accept ${badType}.`);
  const names = new Map(account.instances.map(i => [i.id, i]));
  const rows = account.tasks
    .filter(t => names.get(t.instanceId)?.region === region && t.createdAt <= now)
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .filter(t => {
      const phase = taskState(t, now).phase;
      if (params.redisId && t.instanceId !== params.redisId) return false;
      if (params.redisName && names.get(t.instanceId)?.name !== params.redisName) return false;
      if (times.beginTime !== undefined && t.createdAt < times.beginTime) return false;
      // Times have second precision on the wire: a task started within the end second is inside.
      if (times.endTime !== undefined && t.createdAt >= times.endTime + 1000) return false;
      if (statuses.length && !statuses.includes(PHASE_LEGACY[phase])) return false;
      if (types.length && !types.includes(`task_${legacyName(t.type)}`)) return false;
      return true;
    });
  const set = rows.slice(offset, offset + limit).map(t => {
    const s = taskState(t, now);
    return {
      startTime: formatTencentTime(t.createdAt),
      taskName: legacyName(t.type),
      redisName: names.get(t.instanceId)?.name ?? '',
      redisId: t.instanceId,
      projectId: names.get(t.instanceId)?.projectId ?? 0,
      status: PHASE_LEGACY[s.phase],
      progress: s.endedAt === undefined ? 0 : 1,
    };
  });
  return {
    status: 200,
    json: { code: 0, message: '', codeDesc: 'Success', totalCount: rows.length, data: { redisTaskSet: set } },
  };
}

import type { Params } from '../../providers/alibaba/signer';
import { taskState, type EmuInstance, type EmuTask, type Phase, type TaskState } from './scenario';
import type { AliFailure } from './verify';

/** The R-kvstore actions the emulator serves, with the parameter checks of the real service. */

export interface Account {
  instances: EmuInstance[];
  tasks: EmuTask[];
}

type Answer = { ok: unknown } | AliFailure;

const SECONDS_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MINUTES_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;
const DAY_MS = 86_400_000;

const LEGACY_CODE: Record<Phase, string> = {
  pending: '0',
  running: '1',
  succeeded: '2',
  canceled: '4',
  paused: '7',
  interrupted: '8',
  failed: '8',
};
const HISTORY_WORD: Record<Phase, string> = {
  pending: 'Scheduled',
  running: 'Running',
  succeeded: 'Succeed',
  canceled: 'Canceled',
  paused: 'Waiting',
  interrupted: 'Failed',
  failed: 'Failed',
};
const HISTORY_WORDS = new Set(['Scheduled', 'Running', 'Succeed', 'Failed', 'Cancelling', 'Canceled', 'Waiting']);

export function missing(name: string): AliFailure {
  return {
    status: 400,
    code: 'MissingParameter',
    message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  };
}

function invalid(name: string, why = 'is not valid'): AliFailure {
  return { status: 400, code: 'InvalidParameter', message: `The specified parameter "${name}" ${why}.` };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function intParam(params: Params, name: string, fallback: number, ok: (n: number) => boolean): number | AliFailure {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && ok(n) ? n : invalid(name);
}

function page<T>(items: T[], pageNumber: number, pageSize: number): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

function list(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    : [];
}

function stepsInfo(t: EmuTask, st: TaskState): string {
  const json = JSON.stringify(st.steps.map(s => ({ remain: s.remain, name: s.name, progress: s.progress })));
  if (t.stepsInfoStyle === 'malformed') return json.slice(0, Math.max(1, json.length - 7));
  if (t.stepsInfoStyle === 'double-escaped') return json.replace(/"/g, '\\"');
  return json;
}

export function describeInstances(acc: Account, params: Params): Answer {
  if (!params.RegionId) return missing('RegionId');
  const size = intParam(params, 'PageSize', 30, n => n >= 1 && n <= 50);
  if (typeof size !== 'number') return size;
  const num = intParam(params, 'PageNumber', 1, n => n >= 1);
  if (typeof num !== 'number') return num;
  const ids = list(params.InstanceIds);
  const all = acc.instances.filter(i => i.regionId === params.RegionId && (!ids.length || ids.includes(i.id)));
  return {
    ok: {
      PageNumber: num,
      PageSize: size,
      TotalCount: all.length,
      Instances: {
        KVStoreInstance: page(all, num, size).map(i => ({
          InstanceId: i.id,
          InstanceName: i.name,
          InstanceStatus: i.status,
          RegionId: i.regionId,
          InstanceType: 'Redis',
          EngineVersion: '7.0',
        })),
      },
    },
  };
}

export function describeTasks(acc: Account, params: Params, now: number): Answer {
  for (const p of ['InstanceId', 'StartTime', 'EndTime', 'Status']) if (!params[p]) return missing(p);
  if (!MINUTES_FORMAT.test(params.StartTime)) return invalid('StartTime', 'must be in the yyyy-MM-ddTHH:mmZ format');
  if (!MINUTES_FORMAT.test(params.EndTime)) return invalid('EndTime', 'must be in the yyyy-MM-ddTHH:mmZ format');
  const from = Date.parse(params.StartTime);
  const to = Date.parse(params.EndTime);
  if (from > to) return invalid('EndTime', 'must not be earlier than StartTime');
  const codes = list(params.Status);
  if (codes.some(c => !['0', '1', '2', '4', '7', '8'].includes(c))) return invalid('Status');
  const size = intParam(params, 'PageSize', 30, n => n === 30 || n === 50 || n === 100);
  if (typeof size !== 'number') return size;
  const num = intParam(params, 'PageNumber', 1, n => n >= 1);
  if (typeof num !== 'number') return num;
  if (!acc.instances.some(i => i.id === params.InstanceId)) {
    return { status: 404, code: 'InvalidInstanceId.NotFound', message: 'The specified instance is not found.' };
  }
  const rows = acc.tasks
    .filter(t => t.instanceId === params.InstanceId && t.createdAt >= from && t.createdAt <= to)
    .sort((x, y) => y.createdAt - x.createdAt)
    .map(t => ({ t, st: taskState(t, now) }))
    .filter(r => codes.includes(LEGACY_CODE[r.st.phase]));
  return {
    ok: {
      PageNumber: num,
      PageSize: size,
      TotalRecordCount: rows.length,
      Items: page(rows, num, size).map(({ t, st }) => ({
        Status: LEGACY_CODE[st.phase],
        TaskId: t.id,
        TaskAction: t.action,
        Progress: st.progress,
        BeginTime: iso(t.startAt),
        ...(st.finishedAt !== undefined ? { FinishTime: iso(st.finishedAt) } : {}),
        Remain: st.remain,
        ...(st.currentStep ? { CurrentStepName: st.currentStep } : {}),
        ...(t.steps.length > 1
          ? { StepProgressInfo: `${Math.max(st.stepIndex + 1, 0)}/${t.steps.length}`, StepsInfo: stepsInfo(t, st) }
          : {}),
      })),
    },
  };
}

export function describeHistoryTasks(acc: Account, params: Params, now: number): Answer {
  for (const p of ['FromStartTime', 'ToStartTime']) if (!params[p]) return missing(p);
  if (!SECONDS_FORMAT.test(params.FromStartTime))
    return invalid('FromStartTime', 'must be in the yyyy-MM-ddTHH:mm:ssZ format');
  if (!SECONDS_FORMAT.test(params.ToStartTime))
    return invalid('ToStartTime', 'must be in the yyyy-MM-ddTHH:mm:ssZ format');
  const from = Date.parse(params.FromStartTime);
  const to = Date.parse(params.ToStartTime);
  if (from < now - 30 * DAY_MS) return invalid('FromStartTime', 'must be within the last 30 days');
  if (from > to) return invalid('ToStartTime', 'must not be earlier than FromStartTime');
  const size = intParam(params, 'PageSize', 10, n => n >= 10 && n <= 100);
  if (typeof size !== 'number') return size;
  const num = intParam(params, 'PageNumber', 1, n => n >= 1);
  if (typeof num !== 'number') return num;
  const instanceIds = list(params.InstanceId);
  if (instanceIds.length > 30) return invalid('InstanceId', 'may name at most 30 instances');
  const taskIds = list(params.TaskId);
  const statuses = list(params.Status);
  if (statuses.some(s => !HISTORY_WORDS.has(s))) return invalid('Status');
  const types = list(params.TaskType);
  const region = params.RegionId;
  const byId = new Map(acc.instances.map(i => [i.id, i]));
  const rows = acc.tasks
    .filter(t => t.createdAt >= from && t.createdAt <= to)
    .filter(t => !region || byId.get(t.instanceId)?.regionId === region)
    .filter(
      t => (!instanceIds.length || instanceIds.includes(t.instanceId)) && (!taskIds.length || taskIds.includes(t.id)),
    )
    .filter(t => !types.length || types.includes(t.type))
    .sort((x, y) => y.createdAt - x.createdAt)
    .map(t => ({ t, st: taskState(t, now) }))
    .filter(r => !statuses.length || statuses.includes(HISTORY_WORD[r.st.phase]));
  return {
    ok: {
      PageNumber: num,
      PageSize: size,
      TotalCount: rows.length,
      Items: page(rows, num, size).map(({ t, st }) => {
        const inst = byId.get(t.instanceId);
        return {
          TaskId: t.id,
          TaskType: t.type,
          Status: HISTORY_WORD[st.phase],
          Progress: st.progress,
          RemainTime: st.remain,
          StartTime: iso(st.phase === 'pending' ? t.createdAt : t.startAt),
          ...(st.finishedAt !== undefined ? { EndTime: iso(st.finishedAt) } : {}),
          CurrentStepName: st.currentStep ?? '',
          InstanceId: t.instanceId,
          InstanceName: inst?.name,
          RegionId: inst?.regionId,
          InstanceType: 'Instance',
          DbType: 'redis',
          Product: 'kvstore',
          CallerSource: 'User',
          CallerUid: '1413459060060000',
          ActionInfo:
            st.phase === 'paused'
              ? JSON.stringify({
                  steps: [{ action_info: { Waiting: ['modifySwitchTime'] }, step_name: st.currentStep }],
                })
              : '{}',
          TaskDetail: JSON.stringify({ steps: st.steps }),
          // Why the task was started, whatever its outcome; it never says why a task failed.
          ...(t.reason !== undefined ? { ReasonCode: t.reason } : {}),
        };
      }),
    },
  };
}

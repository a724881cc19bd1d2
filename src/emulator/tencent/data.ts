import { LEGACY_NAME_BY_CODE } from '../../providers/tencent/task-types';

/**
 * The emulated account: instances and tasks defined relative to the moment of reset, so a task's state is a pure
 * function of the clock (tests advance it; nothing runs in the background).
 */

export interface EmuInstance {
  id: string;
  name: string;
  region: string;
  status: number;
  projectId: number;
}

export type Outcome = 'succeed' | 'failed' | 'error';

export interface EmuTask {
  id: number;
  instanceId: string;
  type: string;
  operateUin: string;
  /** Epoch ms: when the task was submitted (its `StartTime`). */
  createdAt: number;
  /** When it leaves the initialising state. */
  runAt: number;
  /** When it ends. */
  endAt: number;
  outcome: Outcome;
  /** The error text of a failed task. */
  message?: string;
  /** Fraction reached when it failed. */
  failedAt?: number;
}

export type Phase = 'preparing' | 'running' | Outcome;

export interface TaskState {
  phase: Phase;
  /** 0-1, as the real list's one example suggests (`Progress: 1` for a finished task). */
  progress: number;
  endedAt?: number;
}

export function taskState(task: EmuTask, now: number): TaskState {
  if (now < task.runAt) return { phase: 'preparing', progress: 0 };
  if (now < task.endAt)
    return { phase: 'running', progress: Math.round(((now - task.runAt) / (task.endAt - task.runAt)) * 100) / 100 };
  if (task.outcome === 'succeed') return { phase: 'succeed', progress: 1, endedAt: task.endAt };
  return { phase: task.outcome, progress: task.failedAt ?? 0.5, endedAt: task.endAt };
}

/** `DescribeTaskList` `Result`. */
export const PHASE_RESULT: Record<Phase, number> = { preparing: 0, running: 1, succeed: 2, failed: 4, error: 4 };
/** Legacy `status`. */
export const PHASE_LEGACY: Record<Phase, number> = { preparing: 0, running: 1, succeed: 2, failed: 3, error: -1 };
/** `DescribeTaskInfo` `TaskType` is free text; the real service answers in Chinese flow names, we answer in English. */
export const INFO_TYPE_TEXT: Record<string, string> = {
  '001': 'Create instance flow',
  '002': 'Resize flow',
  '004': 'Clear instance flow',
  '009': 'Export backup flow',
  '010': 'Restore backup flow',
  '012': 'Backup flow',
  '017': 'Automatic backup flow',
  '034': 'Modify parameters flow',
};

export function legacyName(type: string): string {
  return LEGACY_NAME_BY_CODE[type] ?? (type === '017' ? 'backupInstance' : `flow${type}`);
}

export const DEMO_SECRET_ID = 'AKIDemuTencentRedisTasks0000000000000';
export const DEMO_SECRET_KEY = 'emulatorTencentSecretKey0000000000';
export const DEMO_REGION = 'ap-guangzhou';
/** The demo connection names two regions, as AWS's does: Shanghai holds an instance and a task of its own. */
export const DEMO_REGIONS = [DEMO_REGION, 'ap-shanghai'] as const;
export const OPERATOR = '100000000001';
export const OTHER_OPERATOR = '100000000002';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface Account {
  instances: EmuInstance[];
  tasks: EmuTask[];
}

export function seedAccount(t0: number): Account {
  const instances: EmuInstance[] = [
    { id: 'crs-gz000001', name: 'orders-cache', region: 'ap-guangzhou', status: 2, projectId: 0 },
    { id: 'crs-gz000002', name: 'sessions', region: 'ap-guangzhou', status: 1, projectId: 0 },
    { id: 'crs-gz000003', name: 'analytics', region: 'ap-guangzhou', status: 2, projectId: 1 },
    { id: 'crs-sh000001', name: 'shanghai-cache', region: 'ap-shanghai', status: 2, projectId: 0 },
  ];
  const tasks: EmuTask[] = [];
  let id = 1000;
  const add = (
    instanceId: string,
    type: string,
    createdAt: number,
    runAfterMs: number,
    durationMs: number,
    outcome: Outcome,
    extra: Partial<EmuTask> = {},
  ) => {
    tasks.push({
      id: ++id,
      instanceId,
      type,
      operateUin: OPERATOR,
      createdAt,
      runAt: createdAt + runAfterMs,
      endAt: createdAt + runAfterMs + durationMs,
      outcome,
      ...extra,
    });
  };
  add('crs-gz000001', '001', t0 - 10 * DAY, 5_000, 5 * MIN, 'succeed'); // 1001
  add('crs-gz000001', '012', t0 - 2 * DAY, 1_000, 10 * MIN, 'succeed'); // 1002
  add('crs-gz000002', '002', t0 - 60_000, 0, 10 * MIN, 'succeed'); // 1003: running, 10 % done at t0
  add('crs-gz000003', '009', t0 - HOUR, 2_000, 2 * MIN, 'failed', {
    message: 'Export failed: the COS bucket refused the upload.',
    failedAt: 0.4,
  }); // 1004
  add('crs-gz000002', '034', t0 - 30_000, 150_000, MIN, 'succeed', { operateUin: OTHER_OPERATOR }); // 1005: initialising for 2 minutes
  add('crs-gz000003', '010', t0 - 40 * DAY, 0, MIN, 'succeed'); // 1006: older than 30 days
  add('crs-gz000001', '004', t0 - 3 * DAY, 0, MIN, 'error', {
    message: 'Flow aborted: a node did not answer.',
    failedAt: 0.2,
    operateUin: OTHER_OPERATOR,
  }); // 1007
  add('crs-sh000001', '012', t0 - DAY, 0, 5 * MIN, 'succeed'); // 1008, another region
  // A daily automatic backup of the analytics instance: enough tasks to page through.
  for (let d = 1; d <= 25; d++) add('crs-gz000003', '017', t0 - d * DAY - 3 * HOUR, 0, 4 * MIN, 'succeed');
  return { instances, tasks };
}

/**
 * `scale:N` (benchmarks): N finished backups of one instance spread over the last 29 days, newest first, plus the
 * demo's other instances without tasks. Enough for 100 pages of 100 through one instance's list.
 */
export function seedScale(t0: number, count: number): Account {
  const instances: EmuInstance[] = [
    { id: 'crs-gz000001', name: 'orders-cache', region: 'ap-guangzhou', status: 2, projectId: 0 },
    { id: 'crs-gz000002', name: 'sessions', region: 'ap-guangzhou', status: 2, projectId: 0 },
  ];
  const tasks: EmuTask[] = [];
  const spacing = Math.max(1, Math.floor((29 * DAY) / Math.max(count, 1)));
  for (let i = 0; i < count; i++) {
    const createdAt = t0 - MIN - i * spacing;
    tasks.push({
      id: 100_000 + i,
      instanceId: 'crs-gz000001',
      type: '012',
      operateUin: OPERATOR,
      createdAt,
      runAt: createdAt,
      endAt: createdAt + MIN,
      outcome: 'succeed',
    });
  }
  return { instances, tasks };
}

/**
 * The emulated account: instances and tasks whose state is computed from the emulator clock, so tests advance the
 * clock and see steps progress, pause, get interrupted, fail or finish. Nothing here reads real time.
 */

export interface EmuInstance {
  id: string;
  name: string;
  regionId: string;
  status: string;
}

export type TaskStop = { atSeconds: number; as: 'paused' | 'interrupted' | 'failed' | 'canceled' };

export interface EmuTask {
  id: string;
  instanceId: string;
  /** DescribeHistoryTasks TaskType. */
  type: string;
  /** DescribeTasks TaskAction. */
  action: string;
  /** When the task was created (what the time filters match on). */
  createdAt: number;
  startAt: number;
  steps: { name: string; seconds: number }[];
  stop?: TaskStop;
  /** DescribeHistoryTasks `ReasonCode`: why the task was started (the SDK's example: 小版本升级, a minor upgrade). */
  reason?: string;
  /** How StepsInfo is written: as the service does, escaped once more (Alibaba's doc example), or broken. */
  stepsInfoStyle?: 'json' | 'double-escaped' | 'malformed';
}

export type Phase = 'pending' | 'running' | 'succeeded' | 'paused' | 'interrupted' | 'failed' | 'canceled';

export interface TaskState {
  phase: Phase;
  progress: number;
  remain: number;
  currentStep?: string;
  stepIndex: number;
  steps: { name: string; progress: number; remain: number }[];
  finishedAt?: number;
}

export const REGION = 'cn-hangzhou';
/** The demo connection names two regions, as AWS's does: Shanghai holds an instance and a task of its own. */
export const DEMO_REGIONS = [REGION, 'cn-shanghai'] as const;

export interface ScenarioOptions {
  /** Extra idle instances, to exercise DescribeInstances paging. */
  extraInstances?: number;
  /** How many finished parameter changes the first instance has (paging of the task lists). */
  bulkTasks?: number;
}

export function buildScenario(
  t0: number,
  options: ScenarioOptions = {},
): { instances: EmuInstance[]; tasks: EmuTask[] } {
  const instances: EmuInstance[] = [
    { id: 'r-bp1emu00000000001', name: 'orders-cache', regionId: REGION, status: 'Changing' },
    { id: 'r-bp1emu00000000002', name: 'session-store', regionId: REGION, status: 'Normal' },
    { id: 'r-bp1emu00000000003', name: 'analytics-tair', regionId: REGION, status: 'Normal' },
    { id: 'r-uf6emu00000000009', name: 'shanghai-cache', regionId: 'cn-shanghai', status: 'Normal' },
  ];
  for (let i = 0; i < (options.extraInstances ?? 0); i++) {
    instances.push({
      id: `r-bp1idle${String(i).padStart(11, '0')}`,
      name: `idle-${i}`,
      regionId: REGION,
      status: 'Normal',
    });
  }
  const [a, b, c] = instances;
  const s = 1000;
  const task = (t: Omit<EmuTask, 'createdAt'> & { createdAt?: number }): EmuTask => ({
    ...t,
    createdAt: t.createdAt ?? t.startAt,
  });
  const tasks: EmuTask[] = [
    task({
      id: 't-emu0000000000001',
      instanceId: a.id,
      type: 'ModifyInsSpec',
      action: 'ModifyInstanceSpec',
      startAt: t0 - 60 * s,
      steps: [
        { name: 'init_instance', seconds: 30 },
        { name: 'migrate_data', seconds: 300 },
        { name: 'switch_over', seconds: 60 },
      ],
    }),
    task({
      id: 't-emu0000000000002',
      instanceId: a.id,
      type: 'ModifyInsConfig',
      action: 'ModifyDBInstanceParameter',
      startAt: t0 - 2 * 3600 * s,
      steps: [
        { name: 'apply_config', seconds: 20 },
        { name: 'restart_redis', seconds: 40 },
      ],
      stepsInfoStyle: 'double-escaped',
    }),
    task({
      id: 't-emu0000000000003',
      instanceId: b.id,
      type: 'RestartIns',
      action: 'RestartInstance',
      startAt: t0 - 30 * s,
      steps: [
        { name: 'prepare', seconds: 20 },
        { name: 'restart_node', seconds: 60 },
        { name: 'verify', seconds: 30 },
      ],
      stop: { atSeconds: 50, as: 'paused' },
      // A minor version upgrade restarts the instance and waits for its switch window: paused, Waiting modifySwitchTime.
      reason: '小版本升级',
    }),
    task({
      id: 't-emu0000000000004',
      instanceId: b.id,
      type: 'AddInsNode',
      action: 'AddShardingNode',
      startAt: t0 - 600 * s,
      steps: [
        { name: 'create_node', seconds: 120 },
        { name: 'rebalance', seconds: 900 },
        { name: 'finish', seconds: 60 },
      ],
      stop: { atSeconds: 700, as: 'interrupted' },
    }),
    task({
      id: 't-emu0000000000005',
      instanceId: c.id,
      type: 'HaSwitch',
      action: 'SwitchInstanceHA',
      createdAt: t0 - 60 * s,
      startAt: t0 + 300 * s,
      steps: [{ name: 'switch', seconds: 30 }],
    }),
    task({
      id: 't-emu0000000000006',
      instanceId: c.id,
      type: 'CreateIns',
      action: 'CreateInstance',
      startAt: t0 - 3 * 86400 * s,
      steps: [
        { name: 'init_instance', seconds: 60 },
        { name: 'init_redis', seconds: 60 },
      ],
      stop: { atSeconds: 90, as: 'failed' },
    }),
    task({
      id: 't-emu0000000000007',
      instanceId: c.id,
      type: 'ModifyInsConfig',
      action: 'ModifyInstanceConfig',
      startAt: t0 - 86400 * s,
      steps: [
        { name: 'apply_config', seconds: 100 },
        { name: 'restart_redis', seconds: 50 },
      ],
      stop: { atSeconds: 10, as: 'canceled' },
      stepsInfoStyle: 'malformed',
    }),
    task({
      id: 't-emu0000000000008',
      instanceId: instances[3].id,
      type: 'RestartIns',
      action: 'RestartInstance',
      startAt: t0 - 3600 * s,
      steps: [{ name: 'restart_node', seconds: 60 }],
      reason: '小版本升级',
    }),
  ];
  const bulk = options.bulkTasks ?? 40;
  // Spread over the last six days so they all sit inside the client's default seven-day window.
  const spacing = Math.floor((6 * 86400 * s) / Math.max(bulk, 1));
  for (let i = 0; i < bulk; i++) {
    tasks.push(
      task({
        id: `t-emubulk${String(i).padStart(10, '0')}`,
        instanceId: a.id,
        type: 'ModifyInsConfig',
        action: 'ModifyDBInstanceParameter',
        startAt: t0 - 3 * 3600 * s - i * spacing,
        steps: [{ name: 'apply_config', seconds: 30 }],
      }),
    );
  }
  return { instances, tasks };
}

export function taskState(t: EmuTask, now: number): TaskState {
  const total = t.steps.reduce((n, st) => n + st.seconds, 0);
  if (now < t.startAt) {
    return {
      phase: 'pending',
      progress: 0,
      remain: total,
      stepIndex: -1,
      steps: t.steps.map(st => ({ name: st.name, progress: 0, remain: st.seconds })),
    };
  }
  const elapsed = (now - t.startAt) / 1000;
  const stopped = t.stop && elapsed >= t.stop.atSeconds ? t.stop : undefined;
  const effective = Math.min(stopped ? stopped.atSeconds : elapsed, total);
  let before = 0;
  let stepIndex = t.steps.length - 1;
  const steps = t.steps.map(st => {
    const done = Math.min(Math.max(effective - before, 0), st.seconds);
    before += st.seconds;
    return { name: st.name, progress: round1((done / st.seconds) * 100), remain: Math.round(st.seconds - done) };
  });
  if (effective < total) stepIndex = steps.findIndex(st => st.progress < 100);
  const finished = !stopped && effective >= total;
  const phase: Phase = stopped ? stopped.as : finished ? 'succeeded' : 'running';
  const ended = phase === 'succeeded' || phase === 'failed' || phase === 'canceled' || phase === 'interrupted';
  return {
    phase,
    progress: round1((effective / total) * 100),
    remain: phase === 'running' ? Math.round(total - effective) : 0,
    currentStep: t.steps[stepIndex]?.name,
    stepIndex,
    steps,
    finishedAt: ended ? t.startAt + effective * 1000 : undefined,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

import { sequenceId, sequenceIndex } from './catalog';

/**
 * Actions and state machines as a pure function of time, like the CRDB tasks: action k is created `PERIOD_S` after
 * action k-1 and runs its template. Shards (pending_ops) progress at their own speeds and send heartbeats while they
 * move. `scale:N` swaps the stream for N fixed actions.
 */

const FAMILY = 'action';
const PERIOD_S = 40;
const HEAD_START = 4;
const QUEUED_S = 3;
/** Finished actions stay in the list (and readable) this long. */
export const KEEP_FINISHED_S = 600;
const SAMPLE_S = 5;

type ActionType = 'task' | 'state-machine' | 'other';

interface ActionTemplate {
  name: string;
  type: ActionType;
  bdb?: number;
  node?: number;
  /** v1 does not show import, export and backup. */
  v2Only?: boolean;
  /** Percent per second, one per shard; none means a plain timed action. */
  shardSpeeds?: number[];
  durationS?: number;
  opName?: string;
  states?: string[];
  /** Real state machines sometimes carry no progress in v1. */
  v1WithoutProgress?: boolean;
  fail?: { afterS: number; code: string; message: string };
  description: string;
}

const TEMPLATES: readonly ActionTemplate[] = [
  {
    name: 'SMCreateBDB',
    type: 'state-machine',
    bdb: 2,
    shardSpeeds: [5, 3.5, 2.5],
    opName: 'create_shard',
    states: ['create_shards', 'wait_for_shards', 'configure_proxy', 'finalize'],
    description: 'Create database sessions',
  },
  {
    name: 'retry_bdb',
    type: 'task',
    node: 2,
    durationS: 20,
    description: 'Retry the last failed operation on a database',
  },
  {
    name: 'SMUpdateBDB',
    type: 'state-machine',
    bdb: 1,
    shardSpeeds: [2, 1.2, 0.8, 1.6],
    opName: 'reshard',
    states: ['prepare', 'reshard', 'rebind_endpoints', 'finalize'],
    v1WithoutProgress: true,
    description: 'Update database orders',
  },
  {
    name: 'backup_bdb',
    type: 'task',
    bdb: 3,
    v2Only: true,
    shardSpeeds: [2.5, 1.7],
    opName: 'backup_shard',
    description: 'Back up database leaderboard',
  },
  {
    name: 'SMUpgradeBDB',
    type: 'state-machine',
    bdb: 3,
    shardSpeeds: [2, 1],
    opName: 'upgrade_shard',
    states: ['prepare', 'upgrade_shards', 'finalize'],
    fail: {
      afterS: 35,
      code: 'insufficient_resources',
      message: 'Not enough free memory on node 3 to upgrade the shard.',
    },
    description: 'Upgrade database leaderboard',
  },
  { name: 'export_bdb', type: 'task', bdb: 1, v2Only: true, durationS: 30, description: 'Export database orders' },
  {
    name: 'maintenance_mode_on',
    type: 'other',
    node: 3,
    durationS: 25,
    description: 'Turn maintenance mode on for node 3',
  },
];

export interface ActionsPlan {
  /** `scale:N`: exactly N actions, all created before the start. */
  count?: number;
}

export interface ActionState {
  uid: string;
  k: number;
  listed: boolean;
  v1: Record<string, unknown>;
  v2: Record<string, unknown>;
  v1Family: 'actions' | 'state-machines';
  v2Only: boolean;
}

export function actionUid(k: number): string {
  return sequenceId(FAMILY, k);
}

export function actionIndex(uid: string): number | undefined {
  return sequenceIndex(FAMILY, uid);
}

function createdAt(k: number, plan: ActionsPlan): number {
  return plan.count !== undefined ? (k - plan.count) * 30 : (k - HEAD_START) * PERIOD_S;
}

/** The indexes that may be listed at t. */
export function listedRange(t: number, plan: ActionsPlan): { from: number; to: number } {
  if (plan.count !== undefined) return { from: 0, to: plan.count - 1 };
  const to = Math.floor(t / PERIOD_S) + HEAD_START;
  return { from: Math.max(0, to - 20), to };
}

export function actionAt(k: number, t: number, startMs: number, plan: ActionsPlan): ActionState | undefined {
  if (k < 0 || (plan.count !== undefined && k >= plan.count)) return undefined;
  const created = createdAt(k, plan);
  if (created > t) return undefined;
  // At scale only the last few are still running: they move ten times slower.
  const slow = plan.count !== undefined && k >= plan.count - 5 ? 0.1 : 1;
  const tpl = TEMPLATES[k % TEMPLATES.length];
  const run = created + QUEUED_S;
  const speeds = tpl.shardSpeeds?.map(s => s * slow);
  const naturalEnd = run + (speeds ? 100 / Math.min(...speeds) : (tpl.durationS ?? 10) / slow);
  const failAt = tpl.fail ? run + tpl.fail.afterS / slow : undefined;
  const endAt = failAt !== undefined ? Math.min(failAt, naturalEnd) : naturalEnd;
  const failed = failAt !== undefined && failAt <= naturalEnd && t >= failAt;
  const phase: 'queued' | 'running' | 'completed' | 'failed' =
    t < run ? 'queued' : failed ? 'failed' : t >= endAt ? 'completed' : 'running';
  const x = Math.min(t, endAt);
  const sec = (s: number) => Math.floor((startMs + s * 1000) / 1000);

  const shardProgress = speeds?.map(s => round1(Math.min(100, Math.max(0, (x - run) * s))));
  let progress: number;
  if (phase === 'completed') progress = 100;
  else if (phase === 'queued') progress = 0;
  else if (shardProgress) progress = round1(shardProgress.reduce((a, b) => a + b, 0) / shardProgress.length);
  else progress = round1(Math.min(100, ((x - run) / (naturalEnd - run)) * 100));

  let pendingOps: Record<string, unknown> | undefined;
  if (speeds && shardProgress && (phase === 'running' || phase === 'failed')) {
    pendingOps = {};
    speeds.forEach((s, i) => {
      const p = shardProgress[i];
      const doneAt = run + 100 / s;
      const moving = p < 100 && phase === 'running';
      const shardId = String((tpl.bdb ?? 1) * 10 + i + 1);
      pendingOps![shardId] = {
        heartbeat: moving ? sec(Math.floor(x / SAMPLE_S) * SAMPLE_S) : sec(Math.min(doneAt, x)),
        snapshot: { attempt: 1, shard: shardId },
        last_sample_time: sec(Math.floor(x / SAMPLE_S) * SAMPLE_S),
        op_name: tpl.opName ?? tpl.name,
        status_code: phase === 'failed' && p < 100 ? 'error' : p >= 100 ? 'done' : 'running',
        status_description:
          phase === 'failed' && p < 100
            ? 'Stopped: the action failed'
            : p >= 100
              ? 'Finished'
              : `${tpl.opName ?? 'operation'} in progress`,
        progress: p,
      };
    });
  }

  const states = tpl.states;
  const state = states
    ? phase === 'completed'
      ? states[states.length - 1]
      : states[Math.min(states.length - 1, Math.floor((progress / 100) * states.length))]
    : undefined;
  const uid = actionUid(k);
  const isSm = tpl.type === 'state-machine';
  // The action object (tasks) says queued/running; the state-machine object and every v2 record say
  // pending/active/completed/failed.
  const v1Status = isSm ? v2StatusOf(phase) : phase;
  const v2Status = v2StatusOf(phase);
  const error = phase === 'failed' && tpl.fail ? tpl.fail : undefined;

  const v1: Record<string, unknown> = {
    action_uid: uid,
    name: tpl.name,
    status: v1Status,
    creation_time: String(sec(created)),
  };
  if (isSm) {
    if (!tpl.v1WithoutProgress) v1.progress = progress;
    v1.heartbeat = sec(Math.floor(x / SAMPLE_S) * SAMPLE_S);
    if (state) v1.state = state;
  } else {
    v1.progress = String(progress);
    v1.task_id = uid;
  }
  if (tpl.node !== undefined) v1.node_uid = String(tpl.node);
  if (tpl.bdb !== undefined) v1.object_name = `bdb:${tpl.bdb}`;
  if (pendingOps) v1.pending_ops = pendingOps;
  if (error) {
    // The state-machine object has only a text `error`; the action object has `error_code` and `error_message`.
    if (isSm) v1.error = error.message;
    else {
      v1.error_code = error.code;
      v1.error_message = error.message;
    }
  }

  const info: Record<string, unknown> = { description: tpl.description };
  if (error) info.error = error.message;
  if (tpl.bdb !== undefined) {
    info.object_type = 'bdb';
    info.object_uid = String(tpl.bdb);
  } else if (tpl.node !== undefined) {
    info.object_type = 'node';
    info.object_uid = String(tpl.node);
  }
  if (pendingOps) info.pending_ops = pendingOps;
  const v2: Record<string, unknown> = {
    action_uid: uid,
    action_type: tpl.type,
    creation_time: sec(created),
    name: tpl.name,
    progress,
    status: v2Status,
    additional_info: info,
  };

  const listed = plan.count !== undefined || phase === 'queued' || phase === 'running' || t < endAt + KEEP_FINISHED_S;
  return { uid, k, listed, v1, v2, v1Family: isSm ? 'state-machines' : 'actions', v2Only: tpl.v2Only === true };
}

function v2StatusOf(phase: 'queued' | 'running' | 'completed' | 'failed'): string {
  return phase === 'queued' ? 'pending' : phase === 'running' ? 'active' : phase;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

import { CRDBS, PARTICIPATING_CLUSTERS, sequenceId, sequenceIndex } from './catalog';

/**
 * CRDB tasks as a pure function of time. Task k is created `PERIOD_S` seconds after task k-1 (the first few before
 * the scenario's start, so something is already running); its state at time t follows its template's timeline,
 * unless a cancel recorded for it changes the ending. Nothing is stored but cancels and requested result TTLs.
 */

const FAMILY = 'crdb-task';
export const PERIOD_S = 60;
/** Tasks created before the start, so the first look already shows work in every phase. */
const HEAD_START = 3;
export const DEFAULT_RESULT_TTL_S = 500;
const STEPS = ['validating', 'preparing_local_bdb', 'configuring_replication', 'syncing'] as const;

interface CrdbTemplate {
  operation: string;
  crdb: number;
  queuedS: number;
  stepS: number;
  /** Each participating cluster starts this much after the previous one. */
  clusterLagS: number;
  commitS: number;
  fail?: { clusterIndex: number; step: number; code: string; description: string };
}

const TEMPLATES: readonly CrdbTemplate[] = [
  { operation: 'create_crdb', crdb: 0, queuedS: 10, stepS: 15, clusterLagS: 5, commitS: 10 },
  {
    operation: 'update_crdb',
    crdb: 1,
    queuedS: 5,
    stepS: 12,
    clusterLagS: 4,
    commitS: 8,
    fail: {
      clusterIndex: 1,
      step: 2,
      code: 'insufficient_resources',
      description: 'Not enough memory on the cluster to grow the database replica.',
    },
  },
  // Sits in its commit phase for ten minutes: the task a plain cancel answers 406 for.
  { operation: 'update_crdb_config', crdb: 0, queuedS: 10, stepS: 15, clusterLagS: 5, commitS: 600 },
  { operation: 'flush_crdb', crdb: 1, queuedS: 20, stepS: 10, clusterLagS: 3, commitS: 6 },
  { operation: 'add_participating_cluster', crdb: 1, queuedS: 10, stepS: 20, clusterLagS: 6, commitS: 12 },
];

export interface CancelEvent {
  at: number;
  force: boolean;
}

export type CrdbPhase = 'queued' | 'running' | 'commit' | 'finished' | 'failed';

export interface CrdbTaskState {
  id: string;
  k: number;
  phase: CrdbPhase;
  /** Seconds since the scenario start. */
  endedAt?: number;
  payload: Record<string, unknown>;
}

export function crdbTaskId(k: number): string {
  return sequenceId(FAMILY, k);
}

export function crdbTaskIndex(id: string): number | undefined {
  return sequenceIndex(FAMILY, id);
}

export function createdAt(k: number): number {
  return (k - HEAD_START) * PERIOD_S;
}

/** The newest task index that exists at t (seconds since start). */
export function newestIndex(t: number): number {
  return Math.floor(t / PERIOD_S) + HEAD_START;
}

interface Timeline {
  created: number;
  started: number;
  commitAt: number;
  endAt: number;
  failAt?: number;
}

function timeline(k: number, tpl: CrdbTemplate): Timeline {
  const created = createdAt(k);
  const started = created + tpl.queuedS;
  const lastCluster = PARTICIPATING_CLUSTERS.length - 1;
  const commitAt = started + lastCluster * tpl.clusterLagS + STEPS.length * tpl.stepS;
  const failAt = tpl.fail ? started + tpl.fail.clusterIndex * tpl.clusterLagS + tpl.fail.step * tpl.stepS : undefined;
  return { created, started, commitAt, endAt: commitAt + tpl.commitS, failAt };
}

/** The step each cluster reports at time x. */
function clusterSteps(
  tl: Timeline,
  tpl: CrdbTemplate,
  x: number,
  finished: boolean,
): { name: string; progress: string }[] {
  return PARTICIPATING_CLUSTERS.map((name, i) => {
    if (finished) return { name, progress: 'done' };
    const s = tl.started + i * tpl.clusterLagS;
    if (x < s) return { name, progress: 'waiting' };
    const idx = Math.floor((x - s) / tpl.stepS);
    if (idx < STEPS.length) return { name, progress: STEPS[idx] };
    return { name, progress: x >= tl.commitAt ? 'committing' : 'ready_to_commit' };
  });
}

/** Task k at t, or undefined when it does not exist yet. `startMs` turns scenario seconds into wall-clock times. */
export function crdbTaskAt(
  k: number,
  t: number,
  startMs: number,
  cancel: CancelEvent | undefined,
  verbose: boolean,
): CrdbTaskState | undefined {
  if (k < 0 || createdAt(k) > t) return undefined;
  const tpl = TEMPLATES[k % TEMPLATES.length];
  const tl = timeline(k, tpl);
  const iso = (s: number) => new Date(startMs + s * 1000).toISOString();
  let phase: CrdbPhase;
  let endedAt: number | undefined;
  const errors: Record<string, unknown>[] = [];
  if (cancel && cancel.at <= t) {
    phase = 'failed';
    endedAt = cancel.at;
    errors.push({
      description: cancel.force
        ? 'Task was cancelled by user request (forced).'
        : 'Task was cancelled by user request.',
      error_code: 'task_cancelled',
    });
  } else if (tl.failAt !== undefined && tpl.fail && t >= tl.failAt) {
    phase = 'failed';
    endedAt = tl.failAt;
    errors.push({
      cluster_name: PARTICIPATING_CLUSTERS[tpl.fail.clusterIndex],
      description: tpl.fail.description,
      error_code: tpl.fail.code,
    });
  } else if (t >= tl.endAt) {
    phase = 'finished';
    endedAt = tl.endAt;
  } else if (t < tl.started) {
    phase = 'queued';
  } else {
    phase = t >= tl.commitAt ? 'commit' : 'running';
  }
  const status = phase === 'queued' ? 'queued' : phase === 'running' || phase === 'commit' ? 'started' : phase;
  const frozenAt = endedAt ?? t;
  const payload: Record<string, unknown> = {
    id: crdbTaskId(k),
    crdb_guid: CRDBS[tpl.crdb].guid,
    operation: tpl.operation,
    status,
    errors,
    progress: {
      clusters: phase === 'queued' ? [] : clusterSteps(tl, tpl, frozenAt, phase === 'finished'),
      ...(verbose ? { worker: `crdb_worker:${(k % 2) + 1}` } : {}),
    },
  };
  if (phase !== 'queued') payload.started = iso(tl.started);
  if (endedAt !== undefined) payload.ended = iso(endedAt);
  if (verbose) payload.worker_name = `crdb_worker:${(k % 2) + 1}`;
  return { id: crdbTaskId(k), k, phase, endedAt, payload };
}

export function isRunning(phase: CrdbPhase): boolean {
  return phase === 'queued' || phase === 'running' || phase === 'commit';
}

/** How far back the list looks: longer than any template's life. */
export const LIST_WINDOW = 20;

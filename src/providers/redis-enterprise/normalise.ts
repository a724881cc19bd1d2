import { clampPercent, toEpochMs, type Task, type TaskProblem, type TaskTarget } from '../../core/task';
import { actionLabel, crdbOperationLabel } from './labels';
import { actionStatus, crdbStatus } from './status-map';
import type { ActionWire, CrdbTaskWire } from './wire';

/** What normalisation needs from the source: who the tasks belong to and how to name things. */
export interface NormaliseContext {
  connectionId: string;
  consoleUrl?: string;
  bdbName?(uid: string): string | undefined;
  crdbName?(guid: string): string | undefined;
}

export const GROUP_CRDB = 'crdb-tasks';
export const GROUP_ACTIONS = 'actions';
export const GROUP_STATE_MACHINES = 'state-machines';

export function crdbTaskToTask(w: CrdbTaskWire, ctx: NormaliseContext): Task {
  const errors: TaskProblem[] = w.errors.map(e => ({
    message: e.description ?? e.errorCode ?? 'Unknown error',
    code: e.errorCode,
    where: e.clusterName,
  }));
  const status = crdbStatus(
    w.status,
    w.errors.flatMap(e => [e.description ?? '', e.errorCode ?? '']),
  );
  const cancelable = status === 'pending' || status === 'running';
  const target: TaskTarget | undefined = w.crdbGuid
    ? { id: w.crdbGuid, name: ctx.crdbName?.(w.crdbGuid), type: 'crdb' }
    : undefined;
  return {
    id: w.id,
    source: ctx.connectionId,
    provider: 'redis-enterprise',
    kind: 'crdb-task',
    group: GROUP_CRDB,
    name: crdbOperationLabel(w.operation),
    type: w.operation,
    target,
    status,
    providerStatus: w.status ?? '',
    // Cluster progress values are step names, not percentages: there is no honest number to show.
    progress: undefined,
    startedAt: toEpochMs(w.started),
    finishedAt: toEpochMs(w.ended),
    steps: w.clusters.map(c => ({ name: c.progress ?? 'no step reported', detail: c.name })),
    shards: [],
    errors,
    capabilities: { cancel: cancelable, forceCancel: cancelable, consoleUrl: ctx.consoleUrl },
    raw: w.raw,
  };
}

export function actionToTask(w: ActionWire, ctx: NormaliseContext): Task {
  const errors: TaskProblem[] = [];
  if (w.errorCode !== undefined || w.errorMessage !== undefined) {
    errors.push({ message: w.errorMessage ?? w.errorCode!, code: w.errorCode });
  }
  return {
    id: w.uid,
    source: ctx.connectionId,
    provider: 'redis-enterprise',
    kind: w.kind,
    group: w.kind === 'state-machine' ? GROUP_STATE_MACHINES : GROUP_ACTIONS,
    name: w.name ? actionLabel(w.name) : (w.description ?? 'Cluster action'),
    type: w.name || undefined,
    target: actionTarget(w, ctx),
    status: actionStatus(w.status),
    providerStatus: w.status ?? '',
    progress: clampPercent(w.progress),
    startedAt: w.creationTime,
    currentStep: w.state,
    steps: [],
    shards: w.shards,
    errors,
    // The actions API has no cancel.
    capabilities: { cancel: false, forceCancel: false, consoleUrl: ctx.consoleUrl },
    raw: w.raw,
  };
}

/** `bdb:1` → the database named through `/v1/bdbs`; an action bound only to a node targets the node. */
function actionTarget(w: ActionWire, ctx: NormaliseContext): TaskTarget | undefined {
  if (w.objectName) {
    const colon = w.objectName.indexOf(':');
    const type = colon > 0 ? w.objectName.slice(0, colon) : undefined;
    const uid = colon > 0 ? w.objectName.slice(colon + 1) : w.objectName;
    const name = type === 'bdb' ? ctx.bdbName?.(uid) : type === 'node' ? `Node ${uid}` : undefined;
    return { id: w.objectName, type, name };
  }
  if (w.nodeUid) return { id: `node:${w.nodeUid}`, type: 'node', name: `Node ${w.nodeUid}` };
  return undefined;
}

/** The database uid an action refers to, for the name cache. */
export function bdbUidOf(w: ActionWire): string | undefined {
  return w.objectName?.startsWith('bdb:') ? w.objectName.slice(4) : undefined;
}

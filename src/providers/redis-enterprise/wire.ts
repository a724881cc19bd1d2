import { asArray, asObject, optArray, optString, reqString, shapeError, type JsonObject } from '../../core/shape';
import { mapSliced } from '../../core/slices';
import { toEpochMs, toNumber, type ShardOperation } from '../../core/task';

/**
 * The cluster's payloads, read into typed records in one place. Lenient where the docs and real clusters disagree
 * (numbers as strings, `/v1/crdbs` as an array or an object), strict where a wrong shape would mislead.
 */

export interface CrdbTaskError {
  clusterName?: string;
  description?: string;
  errorCode?: string;
}

export interface CrdbTaskCluster {
  name?: string;
  /** A step name, not a percentage. */
  progress?: string;
}

export interface CrdbTaskWire {
  id: string;
  crdbGuid?: string;
  operation?: string;
  status?: string;
  started?: string;
  ended?: string;
  workerName?: string;
  errors: CrdbTaskError[];
  clusters: CrdbTaskCluster[];
  raw: JsonObject;
}

export type ActionKind = 'action' | 'state-machine';

export interface ActionWire {
  uid: string;
  name: string;
  kind: ActionKind;
  status?: string;
  progress?: number;
  nodeUid?: string;
  /** `bdb:1` in v1; built from `object_type` and `object_uid` in v2. */
  objectName?: string;
  state?: string;
  taskId?: string;
  /** Epoch milliseconds. */
  creationTime?: number;
  heartbeat?: number;
  description?: string;
  errorCode?: string;
  errorMessage?: string;
  shards: ShardOperation[];
  raw: JsonObject;
}

/** Lists are read in slices between which the event loop runs (a cluster lists thousands of actions at once). */
export async function parseCrdbTaskList(value: unknown): Promise<CrdbTaskWire[]> {
  return mapSliced(asArray(value, 'crdb_tasks'), (t, i) => parseCrdbTask(t, `crdb_tasks[${i}]`));
}

export function parseCrdbTask(value: unknown, path = 'crdb_task'): CrdbTaskWire {
  const o = asObject(value, path);
  const errors = optArray(o.errors, `${path}.errors`).map((e, i) => {
    const p = `${path}.errors[${i}]`;
    const eo = asObject(e, p);
    return {
      clusterName: optString(eo, 'cluster_name', p),
      description: optString(eo, 'description', p),
      errorCode: optString(eo, 'error_code', p),
    };
  });
  let clusters: CrdbTaskCluster[] = [];
  if (o.progress !== undefined && o.progress !== null) {
    const progress = asObject(o.progress, `${path}.progress`);
    if (progress.clusters !== undefined && progress.clusters !== null) {
      clusters = asArray(progress.clusters, `${path}.progress.clusters`).map((c, i) => {
        const p = `${path}.progress.clusters[${i}]`;
        const co = asObject(c, p);
        return { name: optString(co, 'name', p), progress: optString(co, 'progress', p) };
      });
    }
  }
  return {
    id: reqString(o, 'id', path),
    crdbGuid: optString(o, 'crdb_guid', path),
    operation: optString(o, 'operation', path),
    status: optString(o, 'status', path),
    started: optString(o, 'started', path),
    ended: optString(o, 'ended', path),
    workerName: optString(o, 'worker_name', path),
    errors,
    clusters,
    raw: o,
  };
}

/** `GET /v1/actions`: `{actions: [...], "state-machines": [...]}`; which array a record sits in gives its kind. */
export async function parseV1Actions(value: unknown): Promise<ActionWire[]> {
  const o = asObject(value, 'actions response');
  const list = (key: string, kind: ActionKind) =>
    o[key] === undefined || o[key] === null
      ? []
      : mapSliced(asArray(o[key], key), (a, i) => parseV1Action(a, `${key}[${i}]`, kind));
  return [...(await list('actions', 'action')), ...(await list('state-machines', 'state-machine'))];
}

/**
 * One v1 action. A single `GET /v1/actions/{uid}` does not say which family it belongs to: state machines are named
 * `SM…` and carry a `state`, which is the best evidence there is.
 */
export function parseV1Action(value: unknown, path = 'action', kind?: ActionKind): ActionWire {
  const o = asObject(value, path);
  const name = optString(o, 'name', path) ?? '';
  const state = optString(o, 'state', path);
  // Tasks (the action object) describe a failure in `error_code`/`error_message`; state machines (the state-machine
  // object) in a text field `error`. Either may appear on either record, so all three are read.
  const error = readErrorField(o.error, `${path}.error`);
  return {
    uid: reqString(o, 'action_uid', path),
    name,
    kind: kind ?? (/^SM[A-Z]/.test(name) || state !== undefined ? 'state-machine' : 'action'),
    status: optString(o, 'status', path),
    progress: toNumber(o.progress),
    nodeUid: optString(o, 'node_uid', path),
    objectName: optString(o, 'object_name', path),
    state,
    taskId: optString(o, 'task_id', path),
    creationTime: toEpochMs(o.creation_time),
    heartbeat: toEpochMs(o.heartbeat),
    description: optString(o, 'description', path),
    errorCode: optString(o, 'error_code', path) ?? error.code,
    errorMessage: optString(o, 'error_message', path) ?? error.message,
    shards: parsePendingOps(o.pending_ops, `${path}.pending_ops`),
    raw: o,
  };
}

export async function parseV2Actions(value: unknown): Promise<ActionWire[]> {
  return mapSliced(asArray(value, 'actions'), (a, i) => parseV2Action(a, `actions[${i}]`));
}

export function parseV2Action(value: unknown, path = 'action'): ActionWire {
  const o = asObject(value, path);
  const info =
    o.additional_info === undefined || o.additional_info === null
      ? {}
      : asObject(o.additional_info, `${path}.additional_info`);
  const ip = `${path}.additional_info`;
  const objectType = optString(info, 'object_type', ip);
  const objectUid = optString(info, 'object_uid', ip);
  const error = readErrorField(info.error, `${ip}.error`);
  const actionType = optString(o, 'action_type', path);
  return {
    uid: reqString(o, 'action_uid', path),
    name: optString(o, 'name', path) ?? '',
    kind: actionType === 'state-machine' ? 'state-machine' : 'action',
    status: optString(o, 'status', path),
    progress: toNumber(o.progress),
    nodeUid: optString(o, 'node_uid', path),
    objectName: objectUid !== undefined ? `${objectType ?? 'object'}:${objectUid}` : optString(o, 'object_name', path),
    state: optString(o, 'state', path),
    taskId: optString(o, 'task_id', path),
    creationTime: toEpochMs(o.creation_time),
    heartbeat: toEpochMs(o.heartbeat),
    description: optString(info, 'description', ip),
    errorCode: error.code ?? optString(o, 'error_code', path),
    errorMessage: error.message ?? optString(o, 'error_message', path),
    shards: parsePendingOps(info.pending_ops ?? o.pending_ops, `${ip}.pending_ops`),
    raw: o,
  };
}

/**
 * v2's `additional_info.error` and a v1 state machine's `error` are described as text; accept an object with a code
 * and message as well.
 */
function readErrorField(value: unknown, path: string): { code?: string; message?: string } {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') return { message: value };
  const o = asObject(value, path);
  return {
    code: optString(o, 'error_code', path) ?? optString(o, 'code', path),
    message: optString(o, 'message', path) ?? optString(o, 'description', path),
  };
}

/** `pending_ops`: shard id → operation; times are epoch seconds (maybe strings), turned into milliseconds. */
export function parsePendingOps(value: unknown, path: string): ShardOperation[] {
  if (value === undefined || value === null) return [];
  const o = asObject(value, path);
  return Object.keys(o).map(shardId => {
    const p = `${path}.${shardId}`;
    const op = asObject(o[shardId], p);
    return {
      shardId,
      opName: optString(op, 'op_name', p),
      statusCode: optString(op, 'status_code', p),
      statusDescription: optString(op, 'status_description', p),
      progress: toNumber(op.progress),
      heartbeatAt: toEpochMs(op.heartbeat),
      lastSampleAt: toEpochMs(op.last_sample_time),
    };
  });
}

export interface NamedUid {
  uid: string;
  name: string;
}

/** `GET /v1/bdbs?fields=uid,name`. */
export function parseBdbNames(value: unknown): NamedUid[] {
  return asArray(value, 'bdbs').flatMap((b, i) => {
    const o = asObject(b, `bdbs[${i}]`);
    const uid = optString(o, 'uid', `bdbs[${i}]`);
    const name = optString(o, 'name', `bdbs[${i}]`);
    return uid !== undefined && name !== undefined ? [{ uid, name }] : [];
  });
}

/** `GET /v1/crdbs`: documented as an array, seen as `{crdbs: [...]}`. Keyed by `guid`. */
export function parseCrdbNames(value: unknown): NamedUid[] {
  const list = Array.isArray(value) ? value : asObject(value, 'crdbs response').crdbs;
  if (!Array.isArray(list)) throw shapeError('crdbs', 'array', list);
  return list.flatMap((c, i) => {
    const o = asObject(c, `crdbs[${i}]`);
    const uid = optString(o, 'guid', `crdbs[${i}]`);
    const name = optString(o, 'name', `crdbs[${i}]`);
    return uid !== undefined && name !== undefined ? [{ uid, name }] : [];
  });
}

export function parseClusterName(value: unknown): string | undefined {
  return optString(asObject(value, 'cluster'), 'name', 'cluster');
}

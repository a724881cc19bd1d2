import type { TaskStatus } from '../../core/task';
import { fill } from '../../shared/format';
import { AWS_TASK_NAMES } from './descriptor';

/**
 * AWS's status words, one table per field, each row tested with the values the API reference documents.
 * A resource status says whether a modification is under way and what it is; `null` means "no operation".
 */
export interface ResourceState {
  status: TaskStatus | null;
  name: string;
}

/**
 * `ReplicationGroup.Status`, `CacheCluster.CacheClusterStatus`, `ServerlessCache.Status`,
 * `GlobalReplicationGroup.Status` and MemoryDB `Cluster.Status` share one vocabulary.
 */
export const RESOURCE_STATUS: Readonly<Record<string, ResourceState>> = {
  creating: { status: 'running', name: 'Create' },
  modifying: { status: 'running', name: 'Modify' },
  deleting: { status: 'running', name: 'Delete' },
  snapshotting: { status: 'running', name: 'Take a snapshot' },
  'rebooting cluster nodes': { status: 'running', name: 'Reboot cluster nodes' },
  updating: { status: 'running', name: 'Update' },
  'create-failed': { status: 'failed', name: 'Create' },
  'restore-failed': { status: 'failed', name: 'Restore from backup' },
  'incompatible-network': { status: 'failed', name: 'Network configuration' },
  deleted: { status: 'succeeded', name: 'Delete' },
  available: { status: null, name: 'Available' },
  'primary-only': { status: null, name: 'Primary only' },
};

/** `UpdateAction.UpdateActionStatus`. `not-applicable` is no operation at all and is left out of the tree. */
export const UPDATE_ACTION_STATUS: Readonly<Record<string, TaskStatus>> = {
  'not-applied': 'pending',
  'waiting-to-start': 'pending',
  scheduling: 'pending',
  scheduled: 'pending',
  'in-progress': 'running',
  stopping: 'running',
  stopped: 'canceled',
  complete: 'succeeded',
};

/** Which update actions BatchStopUpdateAction can still stop. */
export const STOPPABLE_UPDATE_STATUSES: ReadonlySet<string> = new Set([
  'waiting-to-start',
  'scheduling',
  'scheduled',
  'in-progress',
]);

/** The update action statuses asked for: what is happening, about to, or recently ended. */
export const LISTED_UPDATE_STATUSES = [
  'waiting-to-start',
  'in-progress',
  'stopping',
  'stopped',
  'complete',
  'scheduling',
  'scheduled',
];

/**
 * MemoryDB `ServiceUpdate.Status` (the ServiceUpdateStatus enum of @aws-sdk/client-memorydb: `available` is its
 * NOT_APPLIED). MemoryDB has no call to stop one, so there is no stopping or stopped.
 */
export const SERVICE_UPDATE_STATUS: Readonly<Record<string, TaskStatus>> = {
  available: 'pending',
  scheduled: 'pending',
  'in-progress': 'running',
  complete: 'succeeded',
};

/** The MemoryDB service update statuses asked for: all four (`complete` is kept only when recent, see region.ts). */
export const LISTED_SERVICE_UPDATE_STATUSES = ['available', 'in-progress', 'scheduled', 'complete'];

/** `NodeGroupMemberUpdateStatus.NodeUpdateStatus` / `CacheNodeUpdateStatus.NodeUpdateStatus`, as step progress. */
export const NODE_UPDATE_PROGRESS: Readonly<Record<string, number>> = {
  'not-applied': 0,
  'waiting-to-start': 0,
  'in-progress': 50,
  stopping: 50,
  stopped: 0,
  complete: 100,
};

/** `Snapshot.SnapshotStatus`, `ServerlessCacheSnapshot.Status`, MemoryDB `Snapshot.Status`. */
export const SNAPSHOT_STATUS: Readonly<Record<string, TaskStatus>> = {
  creating: 'running',
  copying: 'running',
  exporting: 'running',
  restoring: 'running',
  deleting: 'running',
  available: 'succeeded',
  failed: 'failed',
};

function lookup<T>(table: Readonly<Record<string, T>>, value: string | undefined): T | undefined {
  const key = value?.trim().toLowerCase();
  // Own keys only: a status such as "constructor" must not find Object's prototype.
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

export function resourceState(word: string | undefined): ResourceState {
  // A word this table does not know is named with it, in a template the extension translates (AWS_TASK_NAMES).
  return (
    lookup(RESOURCE_STATUS, word) ?? {
      status: 'unknown',
      name: word === undefined ? AWS_TASK_NAMES.noStatus : fill(AWS_TASK_NAMES.unknownStatus, word),
    }
  );
}

export function updateActionStatus(word: string | undefined): TaskStatus | undefined {
  if (word?.trim().toLowerCase() === 'not-applicable') return undefined;
  return lookup(UPDATE_ACTION_STATUS, word) ?? 'unknown';
}

export function serviceUpdateStatus(word: string | undefined): TaskStatus {
  return lookup(SERVICE_UPDATE_STATUS, word) ?? 'unknown';
}

export function nodeUpdateProgress(word: string | undefined): number | undefined {
  return lookup(NODE_UPDATE_PROGRESS, word);
}

export function snapshotStatus(word: string | undefined): TaskStatus {
  return lookup(SNAPSHOT_STATUS, word) ?? 'unknown';
}

/** `NodesUpdated` ("2/6") as a percentage; anything else is no progress. */
/**
 * A service update's progress (ElastiCache's update actions and MemoryDB's service updates alike): its nodes updated,
 * 100 for a complete one that gives no count, and none for a pending one no node of which is updated yet (AWS sends
 * "0/6", and "Pending 0%" says nothing "Pending" does not).
 */
export function serviceUpdateProgress(nodesUpdated: string | undefined, status: TaskStatus): number | undefined {
  const percent = nodesUpdatedPercent(nodesUpdated) ?? (status === 'succeeded' ? 100 : undefined);
  return status === 'pending' && percent === 0 ? undefined : percent;
}

export function nodesUpdatedPercent(text: string | undefined): number | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text ?? '');
  if (!m || Number(m[2]) === 0) return undefined;
  return Math.min(100, Math.round((Number(m[1]) / Number(m[2])) * 1000) / 10);
}

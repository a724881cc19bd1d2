import type { JsonObject } from '../../core/shape';
import { clampPercent, type Task, type TaskProblem, type TaskStep } from '../../core/task';
import { runningSteps, type AwsEvent } from './events';
import { obj, str, time } from './fields';
import { taskId } from './ids';
import { pendingSteps } from './pending';
import { RESOURCE_SHAPES, type Resource } from './resources';
import {
  STOPPABLE_UPDATE_STATUSES,
  nodeUpdateProgress,
  serviceUpdateProgress,
  resourceState,
  snapshotStatus,
  updateActionStatus,
} from './status-map';
import { xmlList } from './xml';
import { fill } from '../../shared/format';
import { AWS_STEP_TEXTS, AWS_TASK_NAMES } from './descriptor';

/** Names of modifications that no resource status names (the l10n bundle carries them, scripts/l10nBundle.ts). */
export const MODIFICATION_NAMES = {
  members: 'Modify member clusters',
  pending: 'Pending modifications (next maintenance window)',
  resharding: 'Online resharding',
  /** A modification looked up by id whose resource is idle again, with no event saying how it ended (lookup.ts). */
  ended: 'Modification ended',
} as const;

export interface TaskContext {
  connectionId: string;
  region: string;
  group: string;
  consoleUrl?: string;
}

/** The capabilities of an AWS task that cannot be stopped: only its console link. */
export const noCancel = (consoleUrl?: string) => ({ cancel: false, forceCancel: false, consoleUrl });

/**
 * A resource's modification as a task, or undefined when nothing is happening to it. An `available` resource with
 * pending values waits for its maintenance window: a pending task. Member clusters of a replication group add their
 * own status and pending values (a node type change shows there) as steps.
 */
export function modificationTask(
  r: Resource,
  ctx: TaskContext,
  members: Resource[] = [],
  events: AwsEvent[] = [],
): Task | undefined {
  const state = resourceState(r.status);
  const own = pendingSteps(r.pending, r.raw);
  const steps: TaskStep[] = [...own.steps];
  for (const m of members) {
    const ms = resourceState(m.status);
    const mp = pendingSteps(m.pending, m.raw);
    // A member in the group's own state says nothing new; one that differs (rebooting, failed) is worth a line.
    if (ms.status !== null && m.status !== r.status)
      steps.push({
        name: fill(AWS_STEP_TEXTS.ofMember, m.id, m.status ?? AWS_STEP_TEXTS.unknown),
        detail: AWS_STEP_TEXTS.memberCluster,
      });
    for (const s of mp.steps) steps.push({ ...s, name: fill(AWS_STEP_TEXTS.ofMember, m.id, s.name) });
  }
  const busyMember = members.some(m => resourceState(m.status).status === 'running');
  let status = state.status;
  let name = state.name;
  if (status === null) {
    if (busyMember) {
      status = 'running';
      name = MODIFICATION_NAMES.members;
    } else if (steps.length) {
      status = 'pending';
      name = MODIFICATION_NAMES.pending;
    } else return undefined;
  }
  const history = status === 'running' ? runningSteps(events) : { steps: [], startedAt: undefined };
  const errors: TaskProblem[] = [];
  if (status === 'failed')
    errors.push({ message: fill(AWS_STEP_TEXTS.failed[r.rtype], r.status ?? ''), code: r.status });
  const progress = own.reshardingPercent;
  return {
    id: taskId({ kind: 'mod', region: r.region, rtype: r.rtype, resource: r.id }),
    source: ctx.connectionId,
    provider: 'aws',
    kind: 'cloud-task',
    group: ctx.group,
    name: progress !== undefined && status === 'running' ? MODIFICATION_NAMES.resharding : name,
    type: `${r.rtype}:${r.status ?? ''}`,
    target: { id: r.id, type: RESOURCE_SHAPES[r.rtype].noun },
    status,
    providerStatus: r.status ?? '',
    progress: clampPercent(progress),
    startedAt: history.startedAt ?? (r.status === 'creating' ? r.createdAt : undefined),
    currentStep: steps.find(s => s.progress === undefined || s.progress < 100)?.name,
    steps: [...history.steps, ...steps],
    shards: [],
    errors,
    capabilities: noCancel(ctx.consoleUrl),
    raw: members.length ? { resource: r.raw, members: members.map(m => m.raw) } : r.raw,
  };
}

function nodeStep(o: JsonObject, where?: string): TaskStep {
  const node =
    [where, str(o, 'CacheClusterId'), str(o, 'CacheNodeId')].filter(Boolean).join(' / ') || AWS_STEP_TEXTS.node;
  const status = str(o, 'NodeUpdateStatus');
  const step: TaskStep = {
    name: fill(AWS_STEP_TEXTS.ofMember, node, status ?? AWS_STEP_TEXTS.unknown),
    progress: nodeUpdateProgress(status),
  };
  const started = time(o, 'NodeUpdateStartDate');
  const ended = time(o, 'NodeUpdateEndDate');
  if (started) step.startedAt = started;
  if (ended) step.finishedAt = ended;
  return step;
}

/** A service update action; undefined for `not-applicable` (no operation) and for records without their ids. */
export function updateActionTask(value: unknown, ctx: TaskContext): Task | undefined {
  const o = obj(value);
  const update = str(o, 'ServiceUpdateName');
  const rg = str(o, 'ReplicationGroupId');
  const cc = str(o, 'CacheClusterId');
  const resource = rg ?? cc;
  const word = str(o, 'UpdateActionStatus');
  const status = updateActionStatus(word);
  if (!o || !update || !resource || status === undefined) return undefined;
  const steps: TaskStep[] = [];
  for (const g of xmlList(o.NodeGroupUpdateStatus, 'NodeGroupUpdateStatus')) {
    const group = obj(g);
    const gid = str(group, 'NodeGroupId');
    for (const m of xmlList(group?.NodeGroupMemberUpdateStatus, 'NodeGroupMemberUpdateStatus')) {
      const member = obj(m);
      if (member) steps.push(nodeStep(member, gid ? fill(AWS_STEP_TEXTS.shard, gid) : undefined));
    }
  }
  for (const n of xmlList(o.CacheNodeUpdateStatus, 'CacheNodeUpdateStatus')) {
    const node = obj(n);
    if (node) steps.push(nodeStep(node, cc));
  }
  const nodeTimes = [
    ...xmlList(o.NodeGroupUpdateStatus, 'NodeGroupUpdateStatus').flatMap(g =>
      xmlList(obj(g)?.NodeGroupMemberUpdateStatus, 'NodeGroupMemberUpdateStatus'),
    ),
    ...xmlList(o.CacheNodeUpdateStatus, 'CacheNodeUpdateStatus'),
  ].map(obj);
  const startTimes = nodeTimes.map(n => time(n, 'NodeUpdateStartDate')).filter((t): t is number => t !== undefined);
  const endTimes = nodeTimes.map(n => time(n, 'NodeUpdateEndDate')).filter((t): t is number => t !== undefined);
  const finished = status === 'succeeded' || status === 'canceled';
  const severity = str(o, 'ServiceUpdateSeverity');
  const type = str(o, 'ServiceUpdateType');
  return {
    id: taskId({ kind: 'upd', region: ctx.region, rtype: rg ? 'rg' : 'cc', resource, update }),
    source: ctx.connectionId,
    provider: 'aws',
    kind: 'cloud-task',
    group: ctx.group,
    name: fill(AWS_TASK_NAMES.serviceUpdate, `${update}${type ? ` (${type}${severity ? `, ${severity}` : ''})` : ''}`),
    type: 'service-update',
    target: { id: resource, type: rg ? 'replication group' : 'cache cluster' },
    status,
    providerStatus: word ?? '',
    progress: clampPercent(serviceUpdateProgress(str(o, 'NodesUpdated'), status)),
    startedAt: startTimes.length ? Math.min(...startTimes) : undefined,
    finishedAt: finished
      ? (time(o, 'UpdateActionStatusModifiedDate') ?? (endTimes.length ? Math.max(...endTimes) : undefined))
      : undefined,
    currentStep: str(o, 'NodesUpdated') ? fill(AWS_STEP_TEXTS.nodesUpdated, str(o, 'NodesUpdated')!) : undefined,
    steps,
    shards: [],
    errors: [],
    capabilities: {
      cancel: word !== undefined && STOPPABLE_UPDATE_STATUSES.has(word.trim().toLowerCase()),
      forceCancel: false,
      consoleUrl: ctx.consoleUrl,
    },
    raw: o,
  };
}

export type SnapshotKind = 'snap' | 'ssnap' | 'msnap';

const SNAPSHOT_FIELDS: Record<SnapshotKind, { name: string; status: string }> = {
  snap: { name: 'SnapshotName', status: 'SnapshotStatus' },
  ssnap: { name: 'ServerlessCacheSnapshotName', status: 'Status' },
  msnap: { name: 'Name', status: 'Status' },
};

/** When a snapshot was taken: the earliest node snapshot time (ElastiCache), or its CreateTime (serverless). */
function snapshotTime(o: JsonObject): number | undefined {
  const created = time(o, 'CreateTime');
  if (created !== undefined) return created;
  const nodes = xmlList(o.NodeSnapshots, 'NodeSnapshot').map(n => time(obj(n), 'SnapshotCreateTime'));
  // MemoryDB: ClusterConfiguration.Shards[].SnapshotCreationTime.
  const shards = obj(o.ClusterConfiguration)?.Shards;
  const shardTimes = Array.isArray(shards) ? shards.map(s => time(obj(s), 'SnapshotCreationTime')) : [];
  const times = [...nodes, ...shardTimes].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

/** A backup being created, copied or exported, or one that ended after `since` (older ones are not operations). */
export function snapshotTask(kind: SnapshotKind, value: unknown, ctx: TaskContext, since: number): Task | undefined {
  const o = obj(value);
  const f = SNAPSHOT_FIELDS[kind];
  const name = str(o, f.name);
  if (!o || !name) return undefined;
  const word = str(o, f.status);
  const status = snapshotStatus(word);
  const at = snapshotTime(o);
  if ((status === 'succeeded' || status === 'failed') && (at === undefined || at < since)) return undefined;
  const source = str(o, 'SnapshotSource') ?? str(o, 'SnapshotType') ?? str(o, 'Source');
  const verb =
    word === 'copying'
      ? 'Copy'
      : word === 'exporting'
        ? 'Export'
        : word === 'restoring'
          ? 'Restore'
          : word === 'deleting'
            ? 'Delete'
            : 'Create';
  const target =
    str(o, 'ReplicationGroupId') ??
    str(o, 'CacheClusterId') ??
    str(obj(o.ServerlessCacheConfiguration), 'ServerlessCacheName') ??
    str(obj(o.ClusterConfiguration), 'Name');
  return {
    id: taskId({ kind, region: ctx.region, name }),
    source: ctx.connectionId,
    provider: 'aws',
    kind: 'cloud-task',
    group: ctx.group,
    name: fill(AWS_TASK_NAMES[kind][verb], `${name}${source ? ` (${source})` : ''}`),
    type: `snapshot:${word ?? ''}`,
    target: target ? { id: target, type: 'snapshot source' } : undefined,
    status,
    providerStatus: word ?? '',
    startedAt: at,
    finishedAt: status === 'succeeded' ? at : undefined,
    steps: xmlList(o.NodeSnapshots, 'NodeSnapshot').map(n => {
      const node = obj(n);
      return {
        name: fill(
          AWS_STEP_TEXTS.nodeIds,
          [str(node, 'NodeGroupId'), str(node, 'CacheClusterId'), str(node, 'CacheNodeId')].filter(Boolean).join(' / '),
        ),
        detail: str(node, 'CacheSize'),
      };
    }),
    shards: [],
    errors: status === 'failed' ? [{ message: fill(AWS_STEP_TEXTS.snapshotFailed, name) }] : [],
    capabilities: noCancel(ctx.consoleUrl),
    raw: o,
  };
}

import { clampPercent, type Task, type TaskStep } from '../../core/task';
import { fill } from '../../shared/format';
import { AWS_STEP_TEXTS, AWS_TASK_NAMES } from './descriptor';
import { arr, obj, str, time } from './fields';
import { taskId } from './ids';
import { RESOURCE_SHAPES, type Resource } from './resources';
import { serviceUpdateProgress, serviceUpdateStatus } from './status-map';
import { noCancel, type TaskContext } from './tasks';

/**
 * MemoryDB service updates (`DescribeServiceUpdates`): one record per cluster and update, with `Status`
 * (available | scheduled | in-progress | complete) and `NodesUpdated` ("2/6"). MemoryDB has no call that stops one,
 * so these tasks are never cancellable. AWS gives no start or end time of the update itself: only when it was
 * released and when AWS applies it on its own.
 */

/**
 * The record as a task, or undefined without its cluster or update name. A `complete` update is shown only when
 * it was released at or after `since`: AWS says not when it completed, and an update released in the window
 * certainly completed in it, whereas the list of every update a cluster ever had is years long.
 */
export function serviceUpdateTask(value: unknown, ctx: TaskContext, since: number): Task | undefined {
  const o = obj(value);
  const cluster = str(o, 'ClusterName');
  const update = str(o, 'ServiceUpdateName');
  if (!o || !cluster || !update) return undefined;
  const word = str(o, 'Status');
  const status = serviceUpdateStatus(word);
  const released = time(o, 'ReleaseDate');
  if (status === 'succeeded' && (released === undefined || released < since)) return undefined;
  const autoStart = time(o, 'AutoUpdateStartDate');
  const nodes = str(o, 'NodesUpdated');
  const type = str(o, 'Type');
  const steps: TaskStep[] = [];
  if (released !== undefined) steps.push({ name: AWS_STEP_TEXTS.releaseDate, at: released });
  if (autoStart !== undefined) steps.push({ name: AWS_STEP_TEXTS.autoUpdateStart, at: autoStart });
  return {
    id: taskId({ kind: 'mupd', region: ctx.region, cluster, update }),
    source: ctx.connectionId,
    provider: 'aws',
    kind: 'cloud-task',
    group: ctx.group,
    name: fill(AWS_TASK_NAMES.mupd, `${update}${type ? ` (${type})` : ''}`),
    // The same type as ElastiCache's update actions: a filter on service updates finds both.
    type: 'service-update',
    target: { id: cluster, type: RESOURCE_SHAPES.mdb.noun },
    status,
    providerStatus: word ?? '',
    progress: clampPercent(serviceUpdateProgress(nodes, status)),
    currentStep: nodes ? fill(AWS_STEP_TEXTS.nodesUpdated, nodes) : undefined,
    reason: str(o, 'Description'),
    steps,
    shards: [],
    errors: [],
    capabilities: noCancel(ctx.consoleUrl),
    raw: o,
  };
}

/** Statuses in which a listed update is still to happen or happening: the ones a cluster's pending list repeats. */
const ACTIVE = new Set(['available', 'scheduled', 'in-progress']);

/** Per cluster, the updates DescribeServiceUpdates lists as not yet complete, with their status word. */
export function activeUpdatesByCluster(records: unknown[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const v of records) {
    const o = obj(v);
    const cluster = str(o, 'ClusterName');
    const update = str(o, 'ServiceUpdateName');
    const word = str(o, 'Status')?.trim().toLowerCase();
    if (!cluster || !update || !word || !ACTIVE.has(word)) continue;
    out.set(cluster, (out.get(cluster) ?? new Map<string, string>()).set(update, word));
  }
  return out;
}

/**
 * One operation, one row. A cluster's `PendingUpdates.ServiceUpdates` names the same updates that have tasks of
 * their own, so those entries are dropped from the cluster before its modification task is built: an `available`
 * cluster whose only pending thing is a service update then has no "pending modifications" row beside the update's
 * row. A cluster that is `updating` with nothing left pending while one of its updates is in progress is that
 * update being applied (MemoryDB runs one change at a time): undefined, no modification row. When the service
 * updates could not be read (`active` undefined) the cluster keeps its pending steps, the only place they show.
 */
export function withoutListedUpdates(r: Resource, active: Map<string, string> | undefined): Resource | undefined {
  const pending = obj(r.pending);
  if (r.rtype !== 'mdb' || !active?.size || !pending) return r;
  const kept = arr(pending, 'ServiceUpdates').filter(u => {
    const name = str(obj(u), 'ServiceUpdateName');
    return !name || !active.has(name);
  });
  const rest: Record<string, unknown> = { ...pending };
  if (kept.length) rest.ServiceUpdates = kept;
  else delete rest.ServiceUpdates;
  const nothingElse = Object.values(rest).every(v => v === undefined || v === null);
  if (r.status?.trim().toLowerCase() === 'updating' && nothingElse && [...active.values()].includes('in-progress'))
    return undefined;
  return { ...r, pending: rest };
}

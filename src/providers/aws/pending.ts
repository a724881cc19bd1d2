import type { JsonObject } from '../../core/shape';
import type { TaskStep } from '../../core/task';
import { bool, num, obj, str } from './fields';
import { xmlList } from './xml';
import { fill } from '../../shared/format';
import { AWS_STEP_TEXTS as W } from './descriptor';

/**
 * `PendingModifiedValues` (replication groups, cache clusters) and MemoryDB's `PendingUpdates`, as steps a person
 * reads ("node type cache.r6g.large → cache.r6g.xlarge", filled from the templates the extension translates,
 * `AWS_STEP_TEXTS`). Each field is read on its own: one odd value drops that step only. `current` holds the
 * resource's present values, for the "from" half of each change.
 */
export interface PendingResult {
  steps: TaskStep[];
  /** `Resharding.SlotMigration.ProgressPercentage`: the one real progress figure AWS gives. */
  reshardingPercent?: number;
}

/** "node type a → b", or "node type → b" when the present value is not known. */
const arrow = (change: string, toOnly: string, from: string | undefined, to: string) =>
  from ? fill(change, from, to) : fill(toOnly, to);

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  // Query XML: <CacheNodeIdsToRemove><CacheNodeId>0002</CacheNodeId></CacheNodeIdsToRemove>.
  const o = obj(value);
  if (!o) return [];
  return Object.values(o)
    .flatMap((v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]))
    .filter((v): v is string => typeof v === 'string');
}

function resharding(o: JsonObject | undefined): number | undefined {
  const p = num(obj(obj(o?.Resharding)?.SlotMigration), 'ProgressPercentage');
  return p === undefined ? undefined : Math.min(100, Math.max(0, p));
}

export function pendingSteps(pmv: unknown, current: JsonObject = {}): PendingResult {
  const o = obj(pmv);
  const steps: TaskStep[] = [];
  if (!o) return { steps };
  const push = (name: string | undefined) => name && steps.push({ name });
  const nodeType = str(o, 'CacheNodeType');
  if (nodeType) push(arrow(W.nodeType, W.nodeTypeTo, str(current, 'CacheNodeType'), nodeType));
  const version = str(o, 'EngineVersion');
  if (version) push(arrow(W.engineVersion, W.engineVersionTo, str(current, 'EngineVersion'), version));
  const nodes = num(o, 'NumCacheNodes');
  if (nodes !== undefined) push(arrow(W.nodeCount, W.nodeCountTo, str(current, 'NumCacheNodes'), String(nodes)));
  const remove = list(o.CacheNodeIdsToRemove);
  if (remove.length) push(fill(W.removeNodes, remove.join(', ')));
  const primary = str(o, 'PrimaryClusterId');
  if (primary) push(fill(W.primaryCluster, primary));
  const failover = str(o, 'AutomaticFailoverStatus');
  if (failover) push(fill(W.failover, failover));
  const auth = str(o, 'AuthTokenStatus');
  if (auth) push(fill(W.authToken, auth.toLowerCase()));
  const transit = bool(o, 'TransitEncryptionEnabled');
  if (transit !== undefined) push(transit ? W.transitOn : W.transitOff);
  const transitMode = str(o, 'TransitEncryptionMode');
  if (transitMode) push(fill(W.transitMode, transitMode));
  const clusterMode = str(o, 'ClusterMode');
  if (clusterMode) push(fill(W.clusterMode, clusterMode));
  const users = obj(o.UserGroups);
  if (users) {
    const add = list(users.UserGroupIdsToAdd);
    const del = list(users.UserGroupIdsToRemove);
    if (add.length) push(fill(W.addUserGroups, add.join(', ')));
    if (del.length) push(fill(W.removeUserGroups, del.join(', ')));
  }
  const logs = xmlList(o.LogDeliveryConfigurations, 'PendingLogDeliveryConfiguration');
  if (logs.length) push(logs.length > 1 ? fill(W.logDelivery, logs.length) : W.logDeliveryOne);
  const scale = obj(o.ScaleConfig);
  if (scale) push(fill(W.scaling, num(scale, 'ScalePercentage') ?? '?', num(scale, 'ScaleIntervalMinutes') ?? '?'));
  // MemoryDB PendingUpdates.
  const acl = str(obj(o.ACLs), 'ACLToApply');
  if (acl) push(fill(W.acl, acl));
  if (Array.isArray(o.ServiceUpdates))
    for (const u of o.ServiceUpdates) {
      const name = str(obj(u), 'ServiceUpdateName');
      const status = str(obj(u), 'Status');
      if (name) push(status ? fill(W.serviceUpdate, name, status) : fill(W.serviceUpdatePending, name));
    }
  const percent = resharding(o);
  if (percent !== undefined || obj(o.Resharding)) steps.push({ name: W.resharding, progress: percent });
  return { steps, reshardingPercent: percent };
}

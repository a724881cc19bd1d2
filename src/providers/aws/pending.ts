import type { JsonObject } from '../../core/shape';
import type { TaskStep } from '../../core/task';
import { bool, num, obj, str } from './fields';
import { xmlList } from './xml';

/**
 * `PendingModifiedValues` (replication groups, cache clusters) and MemoryDB's `PendingUpdates`, as steps a person
 * reads ("node type cache.r6g.large → cache.r6g.xlarge"). Each field is read on its own: one odd value drops that
 * step only. `current` holds the resource's present values, for the "from" half of each change.
 */
export interface PendingResult {
  steps: TaskStep[];
  /** `Resharding.SlotMigration.ProgressPercentage`: the one real progress figure AWS gives. */
  reshardingPercent?: number;
}

const arrow = (what: string, from: string | undefined, to: string) =>
  from ? `${what} ${from} → ${to}` : `${what} → ${to}`;

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
  if (nodeType) push(arrow('node type', str(current, 'CacheNodeType'), nodeType));
  const version = str(o, 'EngineVersion');
  if (version) push(arrow('engine version', str(current, 'EngineVersion'), version));
  const nodes = num(o, 'NumCacheNodes');
  if (nodes !== undefined) push(arrow('number of nodes', str(current, 'NumCacheNodes'), String(nodes)));
  const remove = list(o.CacheNodeIdsToRemove);
  if (remove.length) push(`remove nodes ${remove.join(', ')}`);
  const primary = str(o, 'PrimaryClusterId');
  if (primary) push(`primary cluster → ${primary}`);
  const failover = str(o, 'AutomaticFailoverStatus');
  if (failover) push(`automatic failover → ${failover}`);
  const auth = str(o, 'AuthTokenStatus');
  if (auth) push(`auth token ${auth.toLowerCase()}`);
  const transit = bool(o, 'TransitEncryptionEnabled');
  if (transit !== undefined) push(`in-transit encryption → ${transit ? 'enabled' : 'disabled'}`);
  const transitMode = str(o, 'TransitEncryptionMode');
  if (transitMode) push(`in-transit encryption mode → ${transitMode}`);
  const clusterMode = str(o, 'ClusterMode');
  if (clusterMode) push(`cluster mode → ${clusterMode}`);
  const users = obj(o.UserGroups);
  if (users) {
    const add = list(users.UserGroupIdsToAdd);
    const del = list(users.UserGroupIdsToRemove);
    if (add.length) push(`add user groups ${add.join(', ')}`);
    if (del.length) push(`remove user groups ${del.join(', ')}`);
  }
  const logs = xmlList(o.LogDeliveryConfigurations, 'PendingLogDeliveryConfiguration');
  if (logs.length) push(`log delivery (${logs.length} change${logs.length > 1 ? 's' : ''})`);
  const scale = obj(o.ScaleConfig);
  if (scale)
    push(`scaling: ${num(scale, 'ScalePercentage') ?? '?'}% over ${num(scale, 'ScaleIntervalMinutes') ?? '?'} min`);
  // MemoryDB PendingUpdates.
  const acl = str(obj(o.ACLs), 'ACLToApply');
  if (acl) push(`access control list → ${acl}`);
  if (Array.isArray(o.ServiceUpdates))
    for (const u of o.ServiceUpdates) {
      const name = str(obj(u), 'ServiceUpdateName');
      if (name) push(`service update ${name} (${str(obj(u), 'Status') ?? 'pending'})`);
    }
  const percent = resharding(o);
  if (percent !== undefined || obj(o.Resharding))
    steps.push({ name: 'online resharding (slot migration)', progress: percent });
  return { steps, reshardingPercent: percent };
}

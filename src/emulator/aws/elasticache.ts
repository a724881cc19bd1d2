import { regionResources } from './resources';
import { UPDATE, events, isStoppable, updateState, type ScenarioState } from './scenario';
import { xlist } from './xml-out';

export type Params = Record<string, string>;

export interface ActionError {
  status: number;
  code: string;
  message: string;
}

export type ActionResult = { ok: Record<string, unknown> } | ActionError;

/** `Name.member.1`, `Name.member.2`, … as a list (the query protocol's flattening of string lists). */
export function memberList(params: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params[`${name}.member.${i}`] !== undefined; i++) out.push(params[`${name}.member.${i}`]);
  return out;
}

const invalid = (message: string): ActionError => ({ status: 400, code: 'InvalidParameterValue', message });

/** MaxRecords 20-100 (default 100) and an opaque Marker that only this emulator issued, as the service checks. */
function page<T>(
  items: T[],
  params: Params,
  limit = 100,
  token = false,
): { items: T[]; marker?: string } | ActionError {
  const [sizeKey, markerKey] = token ? ['MaxResults', 'NextToken'] : ['MaxRecords', 'Marker'];
  const max = params[sizeKey] === undefined ? limit : Number(params[sizeKey]);
  if (!Number.isInteger(max) || max < (token ? 1 : 20) || max > limit)
    return invalid(`${sizeKey} must be between ${token ? 1 : 20} and ${limit}.`);
  let offset = 0;
  const marker = params[markerKey];
  if (marker !== undefined) {
    const m = /^emu-(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!m) return invalid('Invalid Marker.');
    offset = Number(m[1]);
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max < items.length ? Buffer.from(`emu-${offset + max}`).toString('base64') : undefined;
  return { items: slice, marker: next };
}

function listed(key: string, member: string, items: object[], params: Params, limit = 100): ActionResult {
  const p = page(items, params, limit);
  if ('code' in p) return p;
  return { ok: { Marker: p.marker, [key]: xlist(member, p.items) } };
}

function byId<T extends object>(
  items: T[],
  key: string,
  id: string | undefined,
  fault: string,
  what: string,
): T[] | ActionError {
  if (id === undefined) return items;
  const found = items.filter(i => (i as Record<string, unknown>)[key] === id);
  return found.length ? found : { status: 404, code: fault, message: `${what} ${id} not found.` };
}

function updateAction(st: ScenarioState, now: number, nodeLevel: boolean) {
  const u = updateState(st, now);
  const date = (ms?: number) => (ms === undefined ? undefined : new Date(ms));
  const groups = ['0001', '0002'].map(g => ({
    NodeGroupId: g,
    NodeGroupMemberUpdateStatus: xlist(
      'NodeGroupMemberUpdateStatus',
      u.nodes
        .filter(n => n.group === g)
        .map(n => ({
          CacheClusterId: n.cluster,
          CacheNodeId: '0001',
          NodeUpdateStatus: n.status,
          NodeUpdateStartDate: date(n.startedAt),
          NodeUpdateEndDate: date(n.endedAt),
          NodeUpdateInitiatedBy: 'customer',
          NodeUpdateInitiatedDate: new Date(st.t0 + UPDATE.start),
        })),
    ),
  }));
  return {
    ReplicationGroupId: UPDATE.rg,
    ServiceUpdateName: UPDATE.name,
    ServiceUpdateReleaseDate: new Date(Date.UTC(2026, 10, 15)),
    ServiceUpdateSeverity: 'important',
    ServiceUpdateStatus: 'available',
    ServiceUpdateRecommendedApplyByDate: new Date(Date.UTC(2026, 11, 15)),
    ServiceUpdateType: 'security-update',
    UpdateActionAvailableDate: new Date(Date.UTC(2026, 10, 15)),
    UpdateActionStatus: u.status,
    NodesUpdated: `${u.updated}/${u.nodes.length}`,
    UpdateActionStatusModifiedDate: new Date(u.modifiedAt),
    SlaMet: 'n/a',
    NodeGroupUpdateStatus: nodeLevel ? xlist('NodeGroupUpdateStatus', groups) : undefined,
    EstimatedUpdateTime: '12 minutes',
    Engine: 'valkey',
  };
}

/** One ElastiCache action against the emulated account. */
export function elastiCacheAction(
  st: ScenarioState,
  region: string,
  action: string,
  params: Params,
  now: number,
): ActionResult {
  const r = regionResources(st, region, now);
  switch (action) {
    case 'DescribeReplicationGroups': {
      const items = byId(
        r.replicationGroups,
        'ReplicationGroupId',
        params.ReplicationGroupId,
        'ReplicationGroupNotFoundFault',
        'Replication group',
      );
      return 'code' in items ? items : listed('ReplicationGroups', 'ReplicationGroup', items, params);
    }
    case 'DescribeCacheClusters': {
      const items = byId(
        r.cacheClusters,
        'CacheClusterId',
        params.CacheClusterId,
        'CacheClusterNotFound',
        'Cache cluster',
      );
      return 'code' in items ? items : listed('CacheClusters', 'CacheCluster', items, params);
    }
    case 'DescribeServerlessCaches': {
      const items = byId(
        r.serverlessCaches,
        'ServerlessCacheName',
        params.ServerlessCacheName,
        'ServerlessCacheNotFoundFault',
        'Serverless cache',
      );
      if ('code' in items) return items;
      const p = page(items, params, 100, true);
      if ('code' in p) return p;
      return { ok: { NextToken: p.marker, ServerlessCaches: xlist('member', p.items) } };
    }
    case 'DescribeGlobalReplicationGroups':
      return listed('GlobalReplicationGroups', 'GlobalReplicationGroup', r.globalDatastores, params);
    case 'DescribeSnapshots': {
      let items = r.snapshots as Record<string, unknown>[];
      if (params.SnapshotName) items = items.filter(s => s.SnapshotName === params.SnapshotName);
      if (params.ReplicationGroupId) items = items.filter(s => s.ReplicationGroupId === params.ReplicationGroupId);
      if (params.SnapshotName && !items.length)
        return { status: 404, code: 'SnapshotNotFoundFault', message: `Snapshot ${params.SnapshotName} not found.` };
      return listed('Snapshots', 'Snapshot', items, params, 50);
    }
    case 'DescribeServerlessCacheSnapshots': {
      let items = r.serverlessSnapshots as Record<string, unknown>[];
      if (params.ServerlessCacheSnapshotName)
        items = items.filter(s => s.ServerlessCacheSnapshotName === params.ServerlessCacheSnapshotName);
      const p = page(items, params, 50, true);
      if ('code' in p) return p;
      return { ok: { NextToken: p.marker, ServerlessCacheSnapshots: xlist('ServerlessCacheSnapshot', p.items) } };
    }
    case 'DescribeUpdateActions': {
      const statuses = memberList(params, 'UpdateActionStatus');
      const rgs = memberList(params, 'ReplicationGroupIds');
      const items = region === 'us-east-1' ? [updateAction(st, now, params.ShowNodeLevelUpdateStatus === 'true')] : [];
      const kept = items.filter(
        a =>
          (!statuses.length || statuses.includes(a.UpdateActionStatus)) &&
          (!rgs.length || rgs.includes(a.ReplicationGroupId)) &&
          (!params.ServiceUpdateName || params.ServiceUpdateName === a.ServiceUpdateName),
      );
      return listed('UpdateActions', 'UpdateAction', kept, params);
    }
    case 'DescribeEvents': {
      const start = params.StartTime ? Date.parse(params.StartTime) : now - Number(params.Duration ?? 60) * 60_000;
      if (Number.isNaN(start)) return invalid('StartTime is not a valid ISO 8601 time.');
      if (params.Duration !== undefined && (Number(params.Duration) < 0 || Number(params.Duration) > 20160))
        return invalid('Duration must be between 0 and 20160 minutes (14 days).');
      const items = events(st, now)
        .filter(e => e.service === 'elasticache' && e.region === region && e.at >= start)
        .filter(e => !params.SourceType || e.sourceType === params.SourceType)
        .filter(e => !params.SourceIdentifier || e.sourceId === params.SourceIdentifier)
        .reverse() // newest first, as the service lists them
        .map(e => ({
          SourceIdentifier: e.sourceId,
          SourceType: e.sourceType,
          Message: e.message,
          Date: new Date(e.at),
        }));
      return listed('Events', 'Event', items, params);
    }
    case 'BatchStopUpdateAction': {
      if (!params.ServiceUpdateName)
        return {
          status: 400,
          code: 'MissingParameter',
          message: 'The request must contain the parameter ServiceUpdateName.',
        };
      const processed: object[] = [];
      const unprocessed: object[] = [];
      for (const rg of memberList(params, 'ReplicationGroupIds')) {
        if (
          region === 'us-east-1' &&
          rg === UPDATE.rg &&
          params.ServiceUpdateName === UPDATE.name &&
          isStoppable(st, now)
        ) {
          st.stops.set(`${rg}|${UPDATE.name}`, now);
          processed.push({ ReplicationGroupId: rg, ServiceUpdateName: UPDATE.name, UpdateActionStatus: 'stopping' });
        } else
          unprocessed.push({
            ReplicationGroupId: rg,
            ServiceUpdateName: params.ServiceUpdateName,
            ErrorType: 'InvalidUpdateActionState',
            ErrorMessage: 'The update action is not in a state that can be stopped.',
          });
      }
      return {
        ok: {
          ProcessedUpdateActions: xlist('ProcessedUpdateAction', processed),
          UnprocessedUpdateActions: xlist('UnprocessedUpdateAction', unprocessed),
        },
      };
    }
    default:
      return {
        status: 400,
        code: 'InvalidAction',
        message: `Could not find operation ${action} for version 2015-02-02`,
      };
  }
}

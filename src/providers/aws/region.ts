import * as say from '../../core/say';
import { ProviderError } from '../../core/errors';
import type { Task, TaskGroup } from '../../core/task';
import { groupConsoleUrl } from './endpoints';
import { finishedFromEvents, readEvent, type AwsEvent } from './events';
import { obj, str } from './fields';
import { groupId, regionGroupId, type ResourceType } from './ids';
import { resourceOperations } from './operations';
import { AWS_GROUP_TEXTS, AWS_NOT_SHOWN } from './descriptor';
import { fill } from '../../shared/format';
import type { MemoryDbApi } from './json-api';
import { allJsonPages, allQueryPages, type Paging } from './lists';
import type { ElastiCacheApi } from './query-api';
import { readResource, type Resource } from './resources';
import { activeUpdatesByCluster, serviceUpdateTask, withoutListedUpdates } from './memorydb-updates';
import { LISTED_SERVICE_UPDATE_STATUSES, LISTED_UPDATE_STATUSES } from './status-map';
import { modificationTask, snapshotTask, updateActionTask, type TaskContext } from './tasks';

export interface RegionApis {
  connectionId: string;
  elasticache: ElastiCacheApi;
  memorydb?: MemoryDbApi;
}

export interface RegionWindow {
  /** Epoch ms: events and finished backups from here on. */
  since: number;
  until: number;
}

/** DescribeEvents goes back 14 days at most. */
export const EVENTS_MAX_AGE_MS = 14 * 86_400_000;

/** Calls a region may not offer (serverless and global datastores are not everywhere) or a policy may not allow. */
export const OPTIONAL_KINDS: ReadonlySet<string> = new Set(['forbidden', 'unsupported', 'bad-request', 'not-found']);

/** What a region did not show: the entries of AWS_NOT_SHOWN. */
type NotShown = Set<string>;

async function optional<T>(p: Promise<T>, fallback: T, notes: NotShown, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ProviderError && OPTIONAL_KINDS.has(e.kind)) {
      notes.add(what);
      return fallback;
    }
    throw e;
  }
}

/** ElastiCache's `SourceType` and MemoryDB's, to the resource type whose group an event belongs to. */
const SOURCE_RTYPE: Record<string, ResourceType> = {
  'replication-group': 'rg',
  'cache-cluster': 'cc',
  'serverless-cache': 'sc',
  cluster: 'mdb',
};

export interface RegionSnapshot {
  groups: TaskGroup[];
  tasks: Task[];
}

/** Everything one region says about operations, from the ElastiCache and MemoryDB Describe* calls. */
export async function regionSnapshot(
  apis: RegionApis,
  region: string,
  window: RegionWindow,
  signal?: AbortSignal,
): Promise<RegionSnapshot> {
  const ec = apis.elasticache;
  const notes: NotShown = new Set();
  const page = (
    action: string,
    params: Record<string, string>,
    key: string,
    member: string,
    what: say.Said,
    paging?: Paging,
  ) => allQueryPages(ec, region, action, params, { key, member, paging }, say.t('{0} in {1}', what, region), signal);
  const serverless: Paging = { size: 50, style: 'token' };
  // All 14 days whatever the window: a modification's id is the end of the operation before it (operations.ts), and
  // an id that changed with the filter would make its row a new one.
  const eventsFrom = new Date(window.until - EVENTS_MAX_AGE_MS + 60_000).toISOString();
  const [rgs, ccs, scs, gdss, actions, snaps, ssnaps, events] = await Promise.all([
    page('DescribeReplicationGroups', {}, 'ReplicationGroups', 'ReplicationGroup', say.t('the replication groups')),
    page('DescribeCacheClusters', {}, 'CacheClusters', 'CacheCluster', say.t('the cache clusters')),
    optional(
      page('DescribeServerlessCaches', {}, 'ServerlessCaches', 'member', say.t('the serverless caches'), serverless),
      [],
      notes,
      AWS_NOT_SHOWN.serverlessCaches,
    ),
    optional(
      page(
        'DescribeGlobalReplicationGroups',
        {},
        'GlobalReplicationGroups',
        'GlobalReplicationGroup',
        say.t('the global datastores'),
      ),
      [],
      notes,
      AWS_NOT_SHOWN.globalDatastores,
    ),
    page(
      'DescribeUpdateActions',
      {
        ShowNodeLevelUpdateStatus: 'true',
        ...Object.fromEntries(LISTED_UPDATE_STATUSES.map((s, i) => [`UpdateActionStatus.member.${i + 1}`, s])),
      },
      'UpdateActions',
      'UpdateAction',
      say.t('the service update actions'),
    ),
    page('DescribeSnapshots', {}, 'Snapshots', 'Snapshot', say.t('the backups'), { size: 50, style: 'marker' }),
    optional(
      page(
        'DescribeServerlessCacheSnapshots',
        {},
        'ServerlessCacheSnapshots',
        'ServerlessCacheSnapshot',
        say.t('the serverless backups'),
        serverless,
      ),
      [],
      notes,
      AWS_NOT_SHOWN.serverlessBackups,
    ),
    page('DescribeEvents', { StartTime: eventsFrom }, 'Events', 'Event', say.t('the events')),
  ]);
  const mdb = apis.memorydb ? await memoryDb(apis.memorydb, region, eventsFrom, notes, signal) : undefined;

  const groups = new Map<string, TaskGroup>();
  const regionGroup: TaskGroup = {
    id: regionGroupId(region),
    label: region,
    kind: 'tasks',
    description: AWS_GROUP_TEXTS.region,
  };
  groups.set(regionGroup.id, regionGroup);
  const ctxFor = (group: string): TaskContext => ({
    connectionId: apis.connectionId,
    region,
    group,
    consoleUrl: groupConsoleUrl(group, region),
  });
  const resources: Resource[] = [];
  const add = (rtype: ResourceType, list: unknown[]) => {
    for (const v of list) {
      const r = readResource(rtype, v, region);
      if (r) resources.push(r);
    }
  };
  add('rg', rgs);
  add('cc', ccs);
  add('sc', scs);
  add('gds', gdss);
  add('mdb', mdb?.clusters ?? []);
  const rgIds = new Set(resources.filter(r => r.rtype === 'rg').map(r => r.id));
  // A member cluster's group is its replication group's.
  const groupOf = (rtype: ResourceType, id: string): string => {
    if (rtype === 'cc') {
      const member = resources.find(r => r.rtype === 'cc' && r.id === id)?.replicationGroupId;
      if (member && rgIds.has(member)) return groupId(region, 'rg', member);
    }
    return groupId(region, rtype, id);
  };
  for (const r of resources) {
    if (r.rtype === 'cc' && r.replicationGroupId && rgIds.has(r.replicationGroupId)) continue;
    const id = groupId(region, r.rtype, r.id);
    groups.set(id, {
      id,
      label: r.id,
      kind: 'instance',
      description: fill(AWS_GROUP_TEXTS[r.rtype], r.status ?? 'unknown'),
      parent: regionGroup.id,
    });
  }

  const allEvents = [...events, ...(mdb?.events ?? [])].map(readEvent).filter((e): e is AwsEvent => !!e);
  const eventsByGroup = new Map<string, AwsEvent[]>();
  for (const e of allEvents) {
    const rtype = SOURCE_RTYPE[e.sourceType];
    const g = rtype && groups.has(groupOf(rtype, e.sourceId)) ? groupOf(rtype, e.sourceId) : regionGroup.id;
    eventsByGroup.set(g, [...(eventsByGroup.get(g) ?? []), e]);
  }

  const tasks: Task[] = [];
  // A group that is `snapshotting` shows its backup as a backup task (below); a second task would say the same.
  const backingUp = new Set(
    snaps
      .map(obj)
      .filter(s => str(s, 'SnapshotStatus') === 'creating')
      .map(s => str(s, 'ReplicationGroupId') ?? str(s, 'CacheClusterId')),
  );
  // A MemoryDB cluster's pending service updates that have rows of their own are not repeated in its modification.
  const mdbActive = mdb?.serviceUpdates && activeUpdatesByCluster(mdb.serviceUpdates);
  const shown = (t: Task) => (t.finishedAt ?? 0) >= window.since;
  for (const [g, list] of eventsByGroup)
    if (g === regionGroup.id) tasks.push(...finishedFromEvents(list, ctxFor(g)).filter(shown));
  for (const listed of resources) {
    if (listed.rtype === 'cc' && listed.replicationGroupId && rgIds.has(listed.replicationGroupId)) continue;
    const g = groupId(region, listed.rtype, listed.id);
    const ctx = ctxFor(g);
    const events = eventsByGroup.get(g) ?? [];
    // A backup that runs is shown as its backup task (below); a modification row would say the same.
    const r =
      listed.status === 'snapshotting' && backingUp.has(listed.id)
        ? undefined
        : mdbActive
          ? withoutListedUpdates(listed, mdbActive.get(listed.id))
          : listed;
    const members = r?.rtype === 'rg' ? resources.filter(m => m.rtype === 'cc' && m.replicationGroupId === r.id) : [];
    const ops = resourceOperations(listed, ctx, events, r && modificationTask(r, ctx, members, events));
    tasks.push(...ops.finished.filter(shown));
    if (ops.running) tasks.push(ops.running);
  }
  for (const a of actions) {
    const o = obj(a);
    const rg = str(o, 'ReplicationGroupId');
    const cc = str(o, 'CacheClusterId');
    const g = rg ? groupOf('rg', rg) : cc ? groupOf('cc', cc) : regionGroup.id;
    const t = updateActionTask(a, ctxFor(groups.has(g) ? g : regionGroup.id));
    if (t) tasks.push(t);
  }
  const snapGroup = (rtype: ResourceType, id: string | undefined) => {
    const g = id ? groupOf(rtype, id) : regionGroup.id;
    return groups.has(g) ? g : regionGroup.id;
  };
  for (const s of snaps) {
    const o = obj(s);
    const rg = str(o, 'ReplicationGroupId');
    const g = rg ? snapGroup('rg', rg) : snapGroup('cc', str(o, 'CacheClusterId'));
    const t = snapshotTask('snap', s, ctxFor(g), window.since);
    if (t) tasks.push(t);
  }
  for (const s of ssnaps) {
    const g = snapGroup('sc', str(obj(obj(s)?.ServerlessCacheConfiguration), 'ServerlessCacheName'));
    const t = snapshotTask('ssnap', s, ctxFor(g), window.since);
    if (t) tasks.push(t);
  }
  for (const u of mdb?.serviceUpdates ?? []) {
    const g = snapGroup('mdb', str(obj(u), 'ClusterName'));
    const t = serviceUpdateTask(u, ctxFor(g), window.since);
    if (t) tasks.push(t);
  }
  for (const s of mdb?.snapshots ?? []) {
    const g = snapGroup('mdb', str(obj(obj(s)?.ClusterConfiguration), 'Name'));
    const t = snapshotTask('msnap', s, ctxFor(g), window.since);
    if (t) tasks.push(t);
  }
  // In one fixed order: the calls end in any order, and a description that changes with it would redraw the row.
  const notShown = Object.values(AWS_NOT_SHOWN).filter(w => notes.has(w));
  if (notShown.length) regionGroup.description = fill(AWS_GROUP_TEXTS.regionNotShown, notShown.join(', '));
  return { groups: [...groups.values()], tasks };
}

async function memoryDb(api: MemoryDbApi, region: string, from: string, notes: NotShown, signal?: AbortSignal) {
  const what = (w: say.Said) => say.t('{0} in {1}', w, region);
  // Regions without MemoryDB have no endpoint at all: a DNS failure there means "not offered", not an outage.
  const guard = async <T>(p: Promise<T>, label: string): Promise<T | undefined> => {
    try {
      return await p;
    } catch (e) {
      if (
        e instanceof ProviderError &&
        (OPTIONAL_KINDS.has(e.kind) || (e.kind === 'network' && e.code === 'ENOTFOUND'))
      ) {
        notes.add(label);
        return undefined;
      }
      throw e;
    }
  };
  const clusters = await guard(
    allJsonPages(
      api,
      region,
      'DescribeClusters',
      { ShowShardDetails: false },
      'Clusters',
      what(say.t('the MemoryDB clusters')),
      signal,
    ),
    AWS_NOT_SHOWN.memoryDbClusters,
  );
  if (!clusters) return undefined;
  const [snapshots, events, serviceUpdates] = await Promise.all([
    guard(
      allJsonPages(api, region, 'DescribeSnapshots', {}, 'Snapshots', what(say.t('the MemoryDB snapshots')), signal),
      AWS_NOT_SHOWN.memoryDbSnapshots,
    ),
    guard(
      allJsonPages(
        api,
        region,
        'DescribeEvents',
        { StartTime: Date.parse(from) / 1000 },
        'Events',
        what(say.t('the MemoryDB events')),
        signal,
      ),
      AWS_NOT_SHOWN.memoryDbEvents,
    ),
    guard(
      allJsonPages(
        api,
        region,
        'DescribeServiceUpdates',
        { Status: LISTED_SERVICE_UPDATE_STATUSES },
        'ServiceUpdates',
        what(say.t('the MemoryDB service updates')),
        signal,
      ),
      AWS_NOT_SHOWN.memoryDbServiceUpdates,
    ),
  ]);
  // serviceUpdates stays undefined when not read: then the clusters' pending steps are the only place updates show.
  return { clusters, snapshots: snapshots ?? [], events: events ?? [], serviceUpdates };
}

import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { Task } from '../../core/task';
import { groupConsoleUrl } from './endpoints';
import { readEvent, type AwsEvent } from './events';
import { obj, str } from './fields';
import { groupId, taskId, type TaskKey } from './ids';
import { allJsonPages, allQueryPages, type Paging } from './lists';
import { activeUpdatesByCluster, serviceUpdateTask, withoutListedUpdates } from './memorydb-updates';
import { resourceOperations } from './operations';
import { EVENTS_MAX_AGE_MS, OPTIONAL_KINDS, type RegionApis } from './region';
import { RESOURCE_SHAPES, readResource, resourceWords, type Resource } from './resources';
import { MODIFICATION_NAMES, modificationTask, snapshotTask, updateActionTask, type TaskContext } from './tasks';

/**
 * One task read with the fewest calls that rebuild it as a refresh would (`wait` polls this every few seconds, and
 * AWS throttles per account and region): the resource, its member clusters and the region's events for a
 * modification (and, for a MemoryDB cluster, its service updates); the one update action, MemoryDB service update
 * or backup otherwise. Finished tasks from events are not looked up here.
 */

type Key<K extends TaskKey['kind']> = Extract<TaskKey, { kind: K }>;

const DESCRIBE_ONE: Record<string, { action: string; param: string; list: string; member: string; paging?: Paging }> = {
  rg: {
    action: 'DescribeReplicationGroups',
    param: 'ReplicationGroupId',
    list: 'ReplicationGroups',
    member: 'ReplicationGroup',
  },
  cc: { action: 'DescribeCacheClusters', param: 'CacheClusterId', list: 'CacheClusters', member: 'CacheCluster' },
  sc: {
    action: 'DescribeServerlessCaches',
    param: 'ServerlessCacheName',
    list: 'ServerlessCaches',
    member: 'member',
    paging: { size: 50, style: 'token' },
  },
  gds: {
    action: 'DescribeGlobalReplicationGroups',
    param: 'GlobalReplicationGroupId',
    list: 'GlobalReplicationGroups',
    member: 'GlobalReplicationGroup',
  },
};

export class TaskLookup {
  constructor(
    private readonly apis: RegionApis,
    private readonly now: () => number,
  ) {}

  private ctx(region: string, group: string): TaskContext {
    return { connectionId: this.apis.connectionId, region, group, consoleUrl: groupConsoleUrl(group, region) };
  }

  private query(
    region: string,
    action: string,
    params: Record<string, string>,
    list: { key: string; member: string; paging?: Paging },
    what: say.Words,
    signal?: AbortSignal,
  ) {
    return allQueryPages(this.apis.elasticache, region, action, params, list, what, signal);
  }

  /** The task, or undefined when this key's kind is not looked up one by one (the caller reads the region). */
  async find(key: TaskKey, signal?: AbortSignal): Promise<Task | undefined> {
    switch (key.kind) {
      case 'upd':
        return this.updateAction(key, signal);
      case 'mupd':
        return this.serviceUpdate(key, signal);
      case 'mod':
        return this.modification(key, signal);
      case 'evt':
        return undefined;
      default:
        return this.snapshot(key, signal);
    }
  }

  /** One update action in any status (the refresh lists only the statuses worth showing). */
  private async updateAction(key: Key<'upd'>, signal?: AbortSignal): Promise<Task> {
    const list = await this.query(
      key.region,
      'DescribeUpdateActions',
      {
        ServiceUpdateName: key.update,
        [key.rtype === 'rg' ? 'ReplicationGroupIds.member.1' : 'CacheClusterIds.member.1']: key.resource,
        ShowNodeLevelUpdateStatus: 'true',
      },
      { key: 'UpdateActions', member: 'UpdateAction' },
      say.t('service update {0} of {1}', key.update, key.resource),
      signal,
    );
    const ctx = this.ctx(key.region, groupId(key.region, key.rtype, key.resource));
    for (const a of list) {
      const t = updateActionTask(a, ctx);
      if (t) return t;
    }
    throw new ProviderError('not-found', say.t('AWS lists no service update {0} for {1}.', key.update, key.resource));
  }

  /** A MemoryDB cluster's service updates in any status (no `Status` filter), or only `update`. */
  private async serviceUpdates(region: string, cluster: string, update?: string, signal?: AbortSignal) {
    if (!this.apis.memorydb) throw new ProviderError('not-found', say.t('MemoryDB is off for this connection.'));
    const list = await allJsonPages(
      this.apis.memorydb,
      region,
      'DescribeServiceUpdates',
      { ClusterNames: [cluster], ...(update ? { ServiceUpdateName: update } : {}) },
      'ServiceUpdates',
      update
        ? say.t('service update {0} of {1}', update, cluster)
        : say.t('the service updates of {0}', resourceWords('mdb', cluster)),
      signal,
    );
    // AWS filters by these too; checked again so a record of another cluster is never taken for this one.
    return list.filter(u => str(obj(u), 'ClusterName') === cluster);
  }

  /** One MemoryDB service update in any status: looked up by name, a complete one is still the task asked for. */
  private async serviceUpdate(key: Key<'mupd'>, signal?: AbortSignal): Promise<Task> {
    const list = await this.serviceUpdates(key.region, key.cluster, key.update, signal);
    const ctx = this.ctx(key.region, groupId(key.region, 'mdb', key.cluster));
    for (const u of list) {
      const t = serviceUpdateTask(u, ctx, 0);
      if (t?.id === taskId(key)) return t;
    }
    throw new ProviderError('not-found', say.t('AWS lists no service update {0} for {1}.', key.update, key.cluster));
  }

  private async snapshot(key: Key<'snap' | 'ssnap' | 'msnap'>, signal?: AbortSignal): Promise<Task> {
    const what = say.t('backup {0}', key.name);
    let items: unknown[];
    if (key.kind === 'snap')
      items = await this.query(
        key.region,
        'DescribeSnapshots',
        { SnapshotName: key.name },
        { key: 'Snapshots', member: 'Snapshot', paging: { size: 50, style: 'marker' } },
        what,
        signal,
      );
    else if (key.kind === 'ssnap')
      items = await this.query(
        key.region,
        'DescribeServerlessCacheSnapshots',
        { ServerlessCacheSnapshotName: key.name },
        { key: 'ServerlessCacheSnapshots', member: 'ServerlessCacheSnapshot', paging: { size: 50, style: 'token' } },
        what,
        signal,
      );
    else {
      if (!this.apis.memorydb) throw new ProviderError('not-found', say.t('MemoryDB is off for this connection.'));
      items = await allJsonPages(
        this.apis.memorydb,
        key.region,
        'DescribeSnapshots',
        { SnapshotName: key.name },
        'Snapshots',
        what,
        signal,
      );
    }
    const o = obj(items[0]);
    const rg = str(o, 'ReplicationGroupId');
    const cc = str(o, 'CacheClusterId');
    const sc = str(obj(o?.ServerlessCacheConfiguration), 'ServerlessCacheName');
    const mdb = str(obj(o?.ClusterConfiguration), 'Name');
    const group = rg
      ? groupId(key.region, 'rg', rg)
      : cc
        ? groupId(key.region, 'cc', cc)
        : sc
          ? groupId(key.region, 'sc', sc)
          : mdb
            ? groupId(key.region, 'mdb', mdb)
            : key.region;
    // Looked up by name: a finished backup is still the task the caller asked for, however old.
    const t = o && snapshotTask(key.kind, o, this.ctx(key.region, group), 0);
    if (!t || t.id !== taskId(key))
      throw new ProviderError('not-found', say.t('AWS lists no backup {0} in {1}.', key.name, key.region));
    return t;
  }

  private async modification(key: Key<'mod'>, signal?: AbortSignal): Promise<Task> {
    const label = resourceWords(key.rtype, key.resource);
    const group = groupId(key.region, key.rtype, key.resource);
    let raw: unknown[];
    if (key.rtype === 'mdb') {
      if (!this.apis.memorydb) throw new ProviderError('not-found', say.t('MemoryDB is off for this connection.'));
      raw = await allJsonPages(
        this.apis.memorydb,
        key.region,
        'DescribeClusters',
        { ClusterName: key.resource },
        'Clusters',
        label,
        signal,
      );
    } else {
      const d = DESCRIBE_ONE[key.rtype];
      // A resource that is gone answers NotFound, which is what the caller should see.
      raw = await this.query(
        key.region,
        d.action,
        { [d.param]: key.resource },
        { key: d.list, member: d.member, paging: d.paging },
        label,
        signal,
      );
    }
    const listed = readResource(key.rtype, raw[0], key.region);
    if (!listed || listed.id !== key.resource) throw new ProviderError('not-found', say.t('{0} was not found.', label));
    const members = key.rtype === 'rg' ? await this.members(listed, signal) : [];
    const events = await this.events(key, [listed.id, ...members.map(m => m.id)], signal);
    // As the refresh does: a MemoryDB cluster's pending service updates that have rows of their own are not repeated.
    const r = key.rtype === 'mdb' ? await this.withoutUpdateRows(listed, signal) : listed;
    const ctx = this.ctx(key.region, group);
    const url = ctx.consoleUrl!;
    const ops = resourceOperations(listed, ctx, events, r && modificationTask(r, ctx, members, events));
    const id = taskId(key);
    if (ops.running && id === ops.nextId) return ops.running;
    const done = ops.finished.find(t => t.id === id);
    if (done) return done;
    // The modification asked for has ended without an event that says how.
    if (!ops.running && id === ops.nextId) return settled(listed, id, group, this.apis.connectionId, url);
    throw new ProviderError(
      'not-found',
      say.t('AWS lists no such modification of {0} in the last 14 days of events.', label),
    );
  }

  private async withoutUpdateRows(r: Resource, signal?: AbortSignal): Promise<Resource | undefined> {
    let list: unknown[];
    try {
      list = await this.serviceUpdates(r.region, r.id, undefined, signal);
    } catch (e) {
      // Refused or not offered: the refresh keeps the pending steps then, and so does this.
      if (e instanceof ProviderError && OPTIONAL_KINDS.has(e.kind)) return r;
      throw e;
    }
    return withoutListedUpdates(r, activeUpdatesByCluster(list).get(r.id) ?? new Map<string, string>());
  }

  private async members(rg: Resource, signal?: AbortSignal): Promise<Resource[]> {
    const all = await this.query(
      rg.region,
      'DescribeCacheClusters',
      {},
      { key: 'CacheClusters', member: 'CacheCluster' },
      say.t('the cache clusters in {0}', rg.region),
      signal,
    );
    return all
      .map(v => readResource('cc', v, rg.region))
      .filter((m): m is Resource => !!m && m.replicationGroupId === rg.id);
  }

  /** The events a refresh would put in this resource's group: its own, and (for a group) its member clusters'. */
  private async events(key: Key<'mod'>, sources: string[], signal?: AbortSignal): Promise<AwsEvent[]> {
    const from = this.now() - EVENTS_MAX_AGE_MS + 60_000;
    const list =
      key.rtype === 'mdb'
        ? this.apis.memorydb
          ? await allJsonPages(
              this.apis.memorydb,
              key.region,
              'DescribeEvents',
              { StartTime: Math.floor(from / 1000), SourceName: key.resource, SourceType: 'cluster' },
              'Events',
              say.t('the events of {0}', key.resource),
              signal,
            )
          : []
        : await this.query(
            key.region,
            'DescribeEvents',
            { StartTime: new Date(from).toISOString() },
            { key: 'Events', member: 'Event' },
            say.t('the events in {0}', key.region),
            signal,
          );
    return list.map(readEvent).filter((e): e is AwsEvent => !!e && sources.includes(e.sourceId));
  }
}

/**
 * The resource exists, nothing is happening to it and no event says how its last modification ended: it ended well
 * as far as AWS tells (a failed modification leaves the resource `available`, but its event says it failed).
 */
function settled(r: Resource, id: string, group: string, connectionId: string, consoleUrl: string): Task {
  return {
    id,
    source: connectionId,
    provider: 'aws',
    kind: 'cloud-task',
    group,
    name: MODIFICATION_NAMES.ended,
    type: `${r.rtype}:${r.status ?? ''}`,
    target: { id: r.id, type: RESOURCE_SHAPES[r.rtype].noun },
    status: 'succeeded',
    providerStatus: r.status ?? '',
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: false, forceCancel: false, consoleUrl },
    raw: r.raw,
  };
}

import * as assert from 'node:assert/strict';
import {
  BatchStopUpdateActionCommand,
  DescribeCacheClustersCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeServerlessCachesCommand,
  DescribeSnapshotsCommand,
  DescribeUpdateActionsCommand,
  ElastiCacheClient,
  paginateDescribeReplicationGroups,
} from '@aws-sdk/client-elasticache';
import {
  DescribeClustersCommand,
  DescribeEventsCommand as MdbEvents,
  DescribeServiceUpdatesCommand,
  MemoryDBClient,
  paginateDescribeServiceUpdates,
} from '@aws-sdk/client-memorydb';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_SESSION_KEY_ID,
  DEMO_SESSION_SECRET,
  DEMO_SESSION_TOKEN,
  createModule,
  type AwsModule,
} from '../../../src/emulator/aws';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';

/**
 * The official AWS SDK clients as independent callers: they sign with their own SigV4, serialise with their own query
 * and JSON 1.1 protocols and parse with their own XML deserialiser. If they accept the emulator's answers, the
 * emulator speaks the real protocol (and its verifier accepts a signature it did not compute itself).
 */
describe('aws official SDK clients against the emulator', () => {
  let emu: RunningEmulator;
  let mod: AwsModule;
  before(async () => {
    mod = createModule({ extraReplicationGroups: 130 });
    emu = await startEmulator({ modules: [mod], http: true, clock: 'manual' });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  const credentials = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };
  type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  const ec = (creds: Creds = credentials, region = 'us-east-1') =>
    new ElastiCacheClient({ region, endpoint: emu.url, credentials: creds, maxAttempts: 1 });
  const advance = (seconds: number) => emu.context.clock.advance(seconds * 1000);

  it('DescribeReplicationGroups: the resharding progress and member clusters parse', async () => {
    const out = await ec().send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
    const rg = out.ReplicationGroups?.[0];
    assert.equal(rg?.Status, 'modifying');
    assert.equal(rg?.PendingModifiedValues?.Resharding?.SlotMigration?.ProgressPercentage, 10);
    assert.deepEqual(rg?.MemberClusters?.slice(0, 2), ['orders-cache-0001-001', 'orders-cache-0001-002']);
    assert.ok(rg?.ReplicationGroupCreateTime instanceof Date);
  });

  it('DescribeReplicationGroups pages with Marker through all 134 groups, 20 at a time', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeReplicationGroups({ client: ec(), pageSize: 20 }, {}))
      ids.push(...(page.ReplicationGroups ?? []).map(g => g.ReplicationGroupId!));
    assert.equal(ids.length, 134);
    assert.equal(new Set(ids).size, 134);
  });

  it('an unknown replication group is the SDK’s ReplicationGroupNotFoundFault', async () => {
    await assert.rejects(ec().send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'nope' })), {
      name: 'ReplicationGroupNotFoundFault',
    });
  });

  it('DescribeCacheClusters: a pending node type change parses', async () => {
    const out = await ec().send(new DescribeCacheClustersCommand({ CacheClusterId: 'catalog-0001-001' }));
    assert.equal(out.CacheClusters?.[0].PendingModifiedValues?.CacheNodeType, 'cache.r6g.xlarge');
  });

  it('DescribeUpdateActions with node-level status, then BatchStopUpdateAction stops it', async () => {
    const describe = () =>
      ec().send(
        new DescribeUpdateActionsCommand({ ShowNodeLevelUpdateStatus: true, ReplicationGroupIds: ['sessions'] }),
      );
    let a = (await describe()).UpdateActions?.[0];
    assert.equal(a?.UpdateActionStatus, 'in-progress');
    assert.equal(a?.NodesUpdated, '0/6');
    const members = a?.NodeGroupUpdateStatus?.flatMap(g => g.NodeGroupMemberUpdateStatus ?? []) ?? [];
    assert.equal(members.length, 6);
    assert.equal(members[0].NodeUpdateStatus, 'in-progress');
    assert.ok(members[0].NodeUpdateStartDate instanceof Date);
    advance(30);
    a = (await describe()).UpdateActions?.[0];
    assert.equal(a?.NodesUpdated, '1/6');
    const stop = await ec().send(
      new BatchStopUpdateActionCommand({ ServiceUpdateName: a.ServiceUpdateName, ReplicationGroupIds: ['sessions'] }),
    );
    assert.equal(stop.ProcessedUpdateActions?.[0].UpdateActionStatus, 'stopping');
    assert.deepEqual(stop.UnprocessedUpdateActions, []);
    advance(200);
    assert.equal((await describe()).UpdateActions?.[0].UpdateActionStatus, 'stopped');
    const again = await ec().send(
      new BatchStopUpdateActionCommand({ ServiceUpdateName: a.ServiceUpdateName, ReplicationGroupIds: ['sessions'] }),
    );
    assert.equal(again.UnprocessedUpdateActions?.[0].ErrorType, 'InvalidUpdateActionState');
  });

  it('DescribeSnapshots, DescribeServerlessCaches and DescribeServerlessCacheSnapshots parse', async () => {
    const snaps = await ec().send(new DescribeSnapshotsCommand({}));
    const backup = snaps.Snapshots?.find(s => s.SnapshotName === 'sessions-before-upgrade');
    assert.equal(backup?.SnapshotStatus, 'creating');
    assert.ok(backup?.NodeSnapshots?.[0].SnapshotCreateTime instanceof Date);
    const caches = await ec().send(new DescribeServerlessCachesCommand({}));
    assert.equal(caches.ServerlessCaches?.[0].ServerlessCacheName, 'carts');
    const ss = await ec().send(new DescribeServerlessCacheSnapshotsCommand({}));
    assert.equal(ss.ServerlessCacheSnapshots?.[0].Status, 'creating');
  });

  it('DescribeEvents with StartTime: newest first, dates as Dates', async () => {
    advance(600);
    const out = await ec().send(new DescribeEventsCommand({ StartTime: new Date(Date.now() - 14 * 86_400_000) }));
    const dates = (out.Events ?? []).map(e => e.Date!.getTime());
    assert.ok(dates.length >= 5);
    assert.deepEqual(
      dates,
      [...dates].sort((x, y) => y - x),
    );
    assert.ok(out.Events?.some(e => e.Message?.startsWith('Finished modifying number of node groups')));
  });

  it('temporary credentials need their session token', async () => {
    const temp = { accessKeyId: DEMO_SESSION_KEY_ID, secretAccessKey: DEMO_SESSION_SECRET };
    const ok = await ec({ ...temp, sessionToken: DEMO_SESSION_TOKEN }).send(new DescribeServerlessCachesCommand({}));
    assert.equal(ok.ServerlessCaches?.length, 1);
    await assert.rejects(ec(temp).send(new DescribeServerlessCachesCommand({})), { name: 'InvalidClientTokenId' });
  });

  it('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId', async () => {
    await assert.rejects(ec({ ...credentials, secretAccessKey: 'wrong' }).send(new DescribeSnapshotsCommand({})), {
      name: 'SignatureDoesNotMatch',
    });
    await assert.rejects(
      ec({ ...credentials, accessKeyId: 'AKIAUNKNOWN000000000' }).send(new DescribeSnapshotsCommand({})),
      {
        name: 'InvalidClientTokenId',
      },
    );
  });

  it('Throttling is an error the SDK retries: one throttled answer, then the data', async () => {
    mod.throttleNext(1);
    const client = new ElastiCacheClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 2 });
    const out = await client.send(new DescribeServerlessCachesCommand({}));
    assert.equal(out.ServerlessCaches?.length, 1);
    assert.equal(mod.calls.DescribeServerlessCaches, 2);
  });

  describe('MemoryDB (JSON 1.1)', () => {
    const mdb = (secret = DEMO_SECRET_ACCESS_KEY) =>
      new MemoryDBClient({
        region: 'us-east-1',
        endpoint: emu.url,
        credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: secret },
        maxAttempts: 1,
      });

    it('DescribeClusters: PendingUpdates.Resharding progress, advancing with the clock', async () => {
      const first = await mdb().send(new DescribeClustersCommand({}));
      const p0 = first.Clusters?.[0].PendingUpdates?.Resharding?.SlotMigration?.ProgressPercentage;
      assert.equal(first.Clusters?.[0].Status, 'updating');
      advance(300);
      const later = await mdb().send(new DescribeClustersCommand({}));
      const p1 = later.Clusters?.[0].PendingUpdates?.Resharding?.SlotMigration?.ProgressPercentage;
      assert.ok(p0 !== undefined && p1 !== undefined && p1 > p0, `${p0} then ${p1}`);
    });

    it('DescribeEvents: epoch-second dates parse as Dates', async () => {
      const out = await mdb().send(new MdbEvents({ Duration: 60 * 24 }));
      assert.equal(out.Events?.[0].Message, 'Cluster resharding started: 2 to 4 shards');
      assert.ok(out.Events?.[0].Date instanceof Date);
    });

    it('DescribeServiceUpdates: the filters, Dates, and NodesUpdated advancing to complete with the clock', async () => {
      const audit = () =>
        mdb().send(new DescribeServiceUpdatesCommand({ ClusterNames: ['audit-log'], Status: ['in-progress'] }));
      let out = await audit();
      assert.equal(out.ServiceUpdates?.length, 1);
      const u = out.ServiceUpdates[0];
      assert.equal(u.ClusterName, 'audit-log');
      assert.equal(u.ServiceUpdateName, 'memorydb-20261120-001');
      assert.equal(u.Status, 'in-progress');
      assert.equal(u.Type, 'security-update');
      assert.equal(u.NodesUpdated, '0/3');
      assert.ok(u.ReleaseDate instanceof Date && u.AutoUpdateStartDate instanceof Date);
      assert.ok(u.ReleaseDate.getTime() < u.AutoUpdateStartDate.getTime());
      advance(90);
      assert.equal((await audit()).ServiceUpdates?.[0].NodesUpdated, '1/3');
      advance(240);
      out = await audit();
      assert.deepEqual(out.ServiceUpdates, [], 'no longer in progress');
      const done = await mdb().send(
        new DescribeServiceUpdatesCommand({ ServiceUpdateName: 'memorydb-20261120-001', ClusterNames: ['audit-log'] }),
      );
      assert.equal(done.ServiceUpdates?.[0].Status, 'complete');
      assert.equal(done.ServiceUpdates?.[0].NodesUpdated, '3/3');
      const ledger = await mdb().send(new DescribeServiceUpdatesCommand({ ClusterNames: ['ledger'] }));
      assert.deepEqual(ledger.ServiceUpdates?.map(x => x.Status).sort(), ['available', 'complete']);
      const none = await mdb().send(new DescribeServiceUpdatesCommand({ ClusterNames: ['nope'] }));
      assert.deepEqual(none.ServiceUpdates, []);
    });

    it('DescribeServiceUpdates pages with NextToken (the SDK paginator, one at a time)', async () => {
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateDescribeServiceUpdates({ client: mdb(), pageSize: 1 }, {})) {
        pages++;
        names.push(...(page.ServiceUpdates ?? []).map(x => `${x.ClusterName}/${x.ServiceUpdateName}`));
      }
      assert.equal(pages, 3);
      assert.equal(new Set(names).size, 3);
      assert.equal(mod.calls.DescribeServiceUpdates, 3);
    });

    it('errors: ClusterNotFoundFault by name, a wrong secret InvalidSignatureException', async () => {
      await assert.rejects(mdb().send(new DescribeClustersCommand({ ClusterName: 'nope' })), {
        name: 'ClusterNotFoundFault',
      });
      await assert.rejects(mdb('wrong').send(new DescribeClustersCommand({})), { name: 'InvalidSignatureException' });
    });
  });
});

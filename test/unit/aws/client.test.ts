import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import type { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import type { Task } from '../../../src/core/task';
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
import { HttpClient, type RequestLogEntry } from '../../../src/http/client';
import { create } from '../../../src/providers/aws';
import { ElastiCacheApi } from '../../../src/providers/aws/query-api';
import { AwsTransport } from '../../../src/providers/aws/transport';

const UPDATE_ID = 'upd:us-east-1:rg:sessions:elasticache-20261115-001';
const MDB_UPDATE_ID = 'mupd:us-east-1:audit-log:memorydb-20261120-001';

describe('aws client against the emulator', () => {
  let emu: RunningEmulator;
  let mod: AwsModule;
  const sources: TaskSource[] = [];
  before(async () => {
    mod = createModule();
    emu = await startEmulator({ modules: [mod], http: true, clock: 'manual' });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());
  afterEach(async () => {
    for (const s of sources.splice(0)) await s.close();
  });

  const advance = (seconds: number) => emu.context.clock.advance(seconds * 1000);
  function source(
    over: Partial<ConnectionConfig> = {},
    secret = DEMO_SECRET_ACCESS_KEY,
    log?: (e: RequestLogEntry) => void,
  ) {
    const s = create(
      {
        id: 'aws1',
        name: 'aws',
        provider: 'aws',
        endpoint: emu.url,
        user: DEMO_ACCESS_KEY_ID,
        region: 'us-east-1,eu-west-1',
        ...over,
      },
      { secret },
      { now: () => emu.context.clock.now(), log },
    );
    sources.push(s);
    return s;
  }
  const emuConsole = 'https://console.aws.amazon.com';
  const byId = (tasks: Task[], id: string) => {
    const t = tasks.find(x => x.id === id);
    assert.ok(t, `task ${id} among ${tasks.map(x => x.id).join(', ')}`);
    return t;
  };

  it('groups by region, then by replication group, cluster, serverless cache and MemoryDB cluster', async () => {
    const snap = await source().refresh({});
    const ids = snap.groups.map(g => g.id);
    assert.deepEqual(ids.slice(0, 2), ['us-east-1', 'us-east-1/rg/orders-cache']);
    assert.ok(ids.includes('us-east-1/cc/memcached-legacy') && ids.includes('us-east-1/sc/carts'));
    assert.ok(ids.includes('us-east-1/mdb/ledger') && ids.includes('eu-west-1/rg/eu-sessions'));
    // Member clusters of a replication group are not groups of their own.
    assert.ok(!ids.some(i => i.includes('orders-cache-0001')));
    for (const g of snap.groups.filter(x => x.kind === 'instance')) assert.equal(g.parent, g.id.split('/')[0]);
    for (const t of snap.tasks) assert.ok(ids.includes(t.group), `${t.id} in a listed group`);
    // Both regions list the global datastore: it is shown once, under the first region.
    assert.deepEqual(
      ids.filter(i => i.includes('/gds/')),
      ['us-east-1/gds/ldgnf-orders-global'],
    );
    assert.deepEqual(snap.more, {});
  });

  it('an online resharding progresses with the clock, then ends as a finished task from the events', async () => {
    const s = source();
    const reshard = byId((await s.refresh({})).tasks, 'mod:us-east-1:rg:orders-cache');
    assert.equal(reshard.status, 'running');
    assert.equal(reshard.name, 'Online resharding');
    assert.equal(reshard.progress, 10);
    assert.ok(
      reshard.steps.some(x => x.name.startsWith('Modification started')),
      'the start event is a step',
    );
    advance(300);
    assert.equal(byId((await s.refresh({})).tasks, 'mod:us-east-1:rg:orders-cache').progress, 60);
    advance(300);
    const after = await s.refresh({});
    // The row that ran ends in place: the finished operation from the events takes the modification's id, and no
    // second row says the same (deliberate change: it was an event task beside the running one's leftover).
    const done = byId(after.tasks, 'mod:us-east-1:rg:orders-cache');
    assert.match(done.name, /^Finished modifying/);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.steps.length, 3, 'start, node group added, finish');
    assert.ok(done.startedAt! < done.finishedAt!);
    assert.deepEqual(
      after.tasks.filter(t => t.group === 'us-east-1/rg/orders-cache' && /^Finished modifying/.test(t.name)).length,
      1,
      'one row for the one operation',
    );
    assert.equal(
      done.capabilities.consoleUrl,
      `${emuConsole}/elasticache/home?region=us-east-1#/redis/orders-cache`,
      "the console opens the replication group's page",
    );
    const settled = await s.getTask('mod:us-east-1:rg:orders-cache');
    assert.deepEqual({ ...settled, raw: undefined }, { ...done, raw: undefined }, 'by id, the task the refresh shows');
  });

  it('a service update across six nodes: steps per node, NodesUpdated as progress, stoppable while in progress', async () => {
    const s = source();
    let t = byId((await s.refresh({})).tasks, UPDATE_ID);
    assert.equal(t.status, 'running');
    assert.equal(t.steps.length, 6);
    assert.equal(t.steps[0].progress, 50);
    assert.ok(t.capabilities.cancel);
    advance(30);
    t = await s.getTask(UPDATE_ID);
    assert.equal(t.currentStep, '1/6 nodes updated');
    assert.equal(t.progress, 16.7);
    assert.equal(t.steps[0].progress, 100);
    // A node's start and end are times of its step, for each view to write in its reader's form, not ISO text.
    assert.ok(t.steps[0].startedAt! > 0 && t.steps[0].finishedAt! > t.steps[0].startedAt!, JSON.stringify(t.steps[0]));
    assert.equal(t.steps[0].detail, undefined);
    await s.cancelTask!(UPDATE_ID);
    assert.equal(mod.calls.BatchStopUpdateAction, 1);
    t = await s.getTask(UPDATE_ID);
    assert.equal(t.providerStatus, 'stopping');
    assert.equal(t.status, 'running');
    assert.equal(t.capabilities.cancel, false);
    await assert.rejects(s.cancelTask!(UPDATE_ID), (e: ProviderError) => e.kind === 'not-cancelable');
    assert.equal(mod.calls.BatchStopUpdateAction, 1, 'a refused stop is not sent');
    advance(200);
    t = await s.getTask(UPDATE_ID);
    assert.equal(t.status, 'canceled');
    assert.equal(t.progress, 33.3);
    assert.ok(t.finishedAt);
  });

  it('only service updates can be stopped', async () => {
    await assert.rejects(
      source().cancelTask!('mod:us-east-1:rg:orders-cache'),
      (e: ProviderError) => e.kind === 'not-cancelable',
    );
    assert.equal(mod.calls.BatchStopUpdateAction, undefined);
  });

  it('a backup being created finishes; the serverless backup too', async () => {
    const s = source();
    let snap = await s.refresh({});
    assert.equal(byId(snap.tasks, 'snap:us-east-1:sessions-before-upgrade').status, 'running');
    assert.equal(byId(snap.tasks, 'snap:us-east-1:sessions-before-upgrade').group, 'us-east-1/rg/sessions');
    assert.equal(byId(snap.tasks, 'ssnap:us-east-1:carts-before-migration').group, 'us-east-1/sc/carts');
    assert.ok(!snap.tasks.some(t => t.id === 'mod:us-east-1:rg:sessions'), 'snapshotting is shown once, as the backup');
    assert.ok(
      !snap.tasks.some(t => t.id.includes('automatic.catalog')),
      'a backup of 20 days ago is outside the window',
    );
    advance(300);
    snap = await s.refresh({});
    assert.equal(byId(snap.tasks, 'snap:us-east-1:sessions-before-upgrade').status, 'succeeded');
    assert.equal(byId(snap.tasks, 'ssnap:us-east-1:carts-before-migration').status, 'succeeded');
  });

  it('a failing modification: running, then a failed task with the reason', async () => {
    const s = source();
    const running = byId((await s.refresh({})).tasks, 'mod:us-east-1:rg:reports-cache');
    assert.equal(running.status, 'running');
    assert.ok(running.steps.some(x => x.name === 'reports-cache-0001-001: engine version 7.0 → 7.1'));
    advance(120);
    const snap = await s.refresh({});
    const failed = snap.tasks.find(t => t.group === 'us-east-1/rg/reports-cache' && t.status === 'failed');
    assert.ok(failed);
    assert.match(failed.errors[0].message, /InsufficientCacheClusterCapacity/);
    assert.equal(failed.steps.length, 2);
  });

  // The id of a finished modification was given to the next modification of the same resource: the failed row turned
  // into the running retry, and the failure came back as a new row under an event id.
  it('a second modification of the same resource is a row of its own; the first stays as it ended', async () => {
    const s = source();
    const id = 'mod:us-east-1:rg:reports-cache';
    advance(120);
    const failed = byId((await s.refresh({})).tasks, id);
    assert.equal(failed.status, 'failed');
    const retryId = `${id}:${failed.finishedAt}`;
    // Half an hour later the same upgrade is tried again.
    advance(30 * 60);
    let snap = await s.refresh({});
    assert.equal(byId(snap.tasks, id).status, 'failed', 'the failed row stays failed');
    const retry = byId(snap.tasks, retryId);
    assert.equal(retry.status, 'running');
    assert.deepEqual(
      retry.steps.filter(x => x.progress === 100).map(x => x.name),
      ['Modification started: engine version 7.0 to 7.1'],
      "only the retry's own events are its steps",
    );
    assert.deepEqual(await s.getTask(retryId), { ...retry }, 'by id, as the refresh shows it');
    assert.equal((await s.getTask(id)).status, 'failed', 'the first one by id is still the failure');
    advance(300);
    snap = await s.refresh({});
    const group = snap.tasks.filter(t => t.group === 'us-east-1/rg/reports-cache');
    assert.deepEqual(
      group.map(t => [t.id, t.status]),
      [
        [id, 'failed'],
        [retryId, 'succeeded'],
      ],
      'two operations, two rows, each ended in place',
    );
    // A narrower window shows fewer rows, never other ids.
    const lastHour = await s.refresh({ since: emu.context.clock.now() - 10 * 60_000 });
    assert.deepEqual(
      lastHour.tasks.filter(t => t.group === 'us-east-1/rg/reports-cache').map(t => t.id),
      [retryId],
    );
  });

  // What the extension asks when a running modification leaves the list (the keep-registry's by-id lookup): a
  // failed modification leaves the group `available`, and only its event says it failed. It read "Succeeded".
  it('getTask of a modification that has ended says how it ended, from its events', async () => {
    const s = source();
    assert.equal((await s.getTask('mod:us-east-1:rg:reports-cache')).status, 'running');
    advance(120);
    const failed = await s.getTask('mod:us-east-1:rg:reports-cache');
    assert.equal(failed.status, 'failed');
    assert.match(failed.errors[0]?.message ?? '', /Failed to modify engine version.*InsufficientCacheClusterCapacity/);
    assert.ok(failed.finishedAt !== undefined && failed.finishedAt <= emu.context.clock.now());
    // The reboot of memcached-legacy ends well: its "restarted" event.
    advance(60);
    const rebooted = await s.getTask('mod:us-east-1:cc:memcached-legacy');
    assert.equal(rebooted.status, 'succeeded');
    assert.deepEqual(rebooted.errors, []);
  });

  it('pending values waiting for the maintenance window are a pending task', async () => {
    const tasks = (await source().refresh({})).tasks;
    // catalog was modified 26 hours ago: that operation is the first in the events, the pending one comes after it.
    const before = byId(tasks, 'mod:us-east-1:rg:catalog');
    assert.equal(before.status, 'succeeded');
    const t = byId(tasks, `mod:us-east-1:rg:catalog:${before.finishedAt}`);
    assert.equal(t.status, 'pending');
    assert.deepEqual(
      t.steps.map(x => x.name),
      [
        'catalog-0001-001: node type cache.r6g.large → cache.r6g.xlarge',
        'catalog-0001-002: node type cache.r6g.large → cache.r6g.xlarge',
      ],
    );
  });

  it('MemoryDB resharding progress; MemoryDB off by option', async () => {
    const t = byId((await source().refresh({})).tasks, 'mod:us-east-1:mdb:ledger');
    assert.equal(t.progress, 13.3);
    const off = await source({ options: { memorydb: false } }).refresh({});
    assert.ok(!off.groups.some(g => g.id.includes('/mdb/')));
  });

  it('a MemoryDB service update across three nodes: NodesUpdated as progress, one row, never stoppable, then complete', async () => {
    const s = source();
    const rowsOf = (tasks: Task[]) => tasks.filter(t => t.group === 'us-east-1/mdb/audit-log').map(t => t.id);
    let snap = await s.refresh({});
    let t = byId(snap.tasks, MDB_UPDATE_ID);
    assert.equal(t.status, 'running');
    assert.equal(t.progress, 0);
    assert.equal(t.currentStep, '0/3 nodes updated');
    assert.equal(t.capabilities.cancel, false);
    // The cluster is `updating` and lists the update as pending: still one row for the one operation.
    assert.deepEqual(rowsOf(snap.tasks), [MDB_UPDATE_ID]);
    advance(90);
    t = byId((await s.refresh({})).tasks, MDB_UPDATE_ID);
    assert.equal(t.progress, 33.3);
    await assert.rejects(
      s.cancelTask!(MDB_UPDATE_ID),
      (e: ProviderError) =>
        e.kind === 'not-cancelable' && /MemoryDB has no call to stop a service update/.test(e.message),
    );
    assert.ok(!Object.keys(mod.calls).some(c => c.startsWith('Batch')), 'nothing is sent to stop it');
    advance(240);
    snap = await s.refresh({});
    t = byId(snap.tasks, MDB_UPDATE_ID);
    assert.equal(t.status, 'succeeded');
    assert.equal(t.providerStatus, 'complete');
    assert.equal(t.progress, 100);
    assert.deepEqual(rowsOf(snap.tasks), [MDB_UPDATE_ID]);
    const byIdNow = await s.getTask(MDB_UPDATE_ID);
    assert.deepEqual({ ...byIdNow, raw: undefined }, { ...t, raw: undefined }, 'by id, the task the refresh shows');
    // Released 90 days ago and complete: AWS lists it, but it is no operation of this window.
    assert.ok(!snap.tasks.some(x => x.id.includes('memorydb-20260901-001')));
  });

  it('a MemoryDB update not applied yet is a pending row; the cluster’s pending step does not repeat it', async () => {
    const s = source();
    const offered = byId((await s.refresh({})).tasks, 'mupd:us-east-1:ledger:memorydb-20261201-002');
    assert.equal(offered.status, 'pending');
    assert.equal(offered.providerStatus, 'available');
    assert.equal(offered.capabilities.cancel, false);
    const ledger = byId((await s.refresh({})).tasks, 'mod:us-east-1:mdb:ledger');
    assert.ok(!ledger.steps.some(x => x.name.startsWith('service update')), ledger.steps.map(x => x.name).join(', '));
    // After the resharding the cluster's only pending thing is that update: no "pending modifications" row.
    advance(900);
    const after = await s.refresh({});
    assert.ok(
      !after.tasks.some(x => x.group === 'us-east-1/mdb/ledger' && x.status === 'pending' && x.id.startsWith('mod:')),
    );
    assert.equal(byId(after.tasks, 'mupd:us-east-1:ledger:memorydb-20261201-002').status, 'pending');
  });

  it('filters: statuses, and one resource with instanceId', async () => {
    const s = source();
    const running = await s.refresh({ statuses: ['running'] });
    assert.ok(running.tasks.length > 3 && running.tasks.every(t => t.status === 'running'));
    const one = await s.refresh({ instanceId: 'catalog' });
    assert.deepEqual([...new Set(one.tasks.map(t => t.group))], ['us-east-1/rg/catalog']);
  });

  // One region refusing failed the whole refresh: every region's rows went stale with it.
  it('one region failing: its row says why over what it last showed, the other stays current; all failing fails', async () => {
    const s = source();
    const before = await s.refresh({});
    const euTasks = before.tasks.filter(t => t.id.includes(':eu-west-1:')).map(t => t.id);
    assert.ok(euTasks.length > 0, 'eu-west-1 has tasks to keep');
    emu.context.faults.set([{ mode: 'unauthorized', provider: 'aws', region: 'eu-west-1' }]);
    advance(300);
    const partial = await s.refresh({});
    const eu = partial.groups.find(g => g.id === 'eu-west-1');
    assert.equal(eu?.failure?.kind, 'auth', 'the region row carries the failure');
    assert.equal(partial.groups.find(g => g.id === 'us-east-1')?.failure, undefined);
    assert.deepEqual(
      partial.tasks.filter(t => t.id.includes(':eu-west-1:')).map(t => t.id),
      euTasks,
      'the failing region keeps what it last showed',
    );
    assert.equal(
      byId(partial.tasks, 'mod:us-east-1:rg:orders-cache').progress,
      60,
      'the other region moved on with the clock',
    );
    assert.ok(
      partial.groups.some(g => g.id === 'eu-west-1/rg/eu-sessions'),
      'its instance rows stay',
    );
    emu.context.faults.set([{ mode: 'unauthorized', provider: 'aws' }]);
    await assert.rejects(s.refresh({}), (e: ProviderError) => e.kind === 'auth');
  });

  it('throttling is kind throttled with a wait, and the read is not retried on a 400', async () => {
    mod.throttleNext(100);
    await assert.rejects(source({ region: 'us-east-1' }).refresh({}), (e: ProviderError) => {
      assert.equal(e.kind, 'throttled');
      assert.equal(e.code, 'Throttling');
      assert.ok((e.retryAfterMs ?? 0) >= 1000);
      return true;
    });
    assert.equal(mod.calls.DescribeReplicationGroups, 1);
  });

  it('a wrong secret is kind auth, and the secret is in no message or log line', async () => {
    const lines: string[] = [];
    const wrong = 'WrongSecretAwsDemo000000000000000000000099';
    await assert.rejects(source({}, wrong, e => lines.push(JSON.stringify(e))).refresh({}), (e: ProviderError) => {
      assert.equal(e.kind, 'auth');
      assert.equal(e.code, 'SignatureDoesNotMatch');
      assert.match(e.message, /secret access key/);
      assert.ok(!e.message.includes(wrong));
      return true;
    });
    assert.ok(lines.length > 0 && lines.every(l => !l.includes(wrong)));
  });

  it('temporary keys sign with their session token', async () => {
    const s = create(
      { id: 't', name: 't', provider: 'aws', endpoint: emu.url, user: DEMO_SESSION_KEY_ID, region: 'eu-west-1' },
      { secret: DEMO_SESSION_SECRET, sessionToken: DEMO_SESSION_TOKEN },
      { now: () => emu.context.clock.now() },
    );
    sources.push(s);
    const snap = await s.refresh({});
    assert.ok(snap.groups.some(g => g.id === 'eu-west-1/rg/eu-sessions'));
  });

  it('getTask rebuilds each listed task as the refresh shows it, with a few calls', async () => {
    const s = source();
    const listed = (await s.refresh({})).tasks;
    for (const t of listed) {
      const one = await s.getTask(t.id);
      assert.deepEqual(
        { status: one.status, progress: one.progress, group: one.group, name: one.name, steps: one.steps },
        { status: t.status, progress: t.progress, group: t.group, name: t.name, steps: t.steps },
        t.id,
      );
    }
    emu.reset();
    await s.getTask(UPDATE_ID);
    assert.deepEqual(mod.calls, { DescribeUpdateActions: 1 }, 'one update action is one call');
    emu.reset();
    await s.getTask(MDB_UPDATE_ID);
    assert.deepEqual(mod.calls, { DescribeServiceUpdates: 1 }, 'one MemoryDB service update is one call');
    emu.reset();
    await s.getTask('mod:us-east-1:rg:orders-cache');
    assert.deepEqual(
      Object.keys(mod.calls).sort(),
      ['DescribeCacheClusters', 'DescribeEvents', 'DescribeReplicationGroups'],
      'a modification is the group, its members and the events',
    );
  });

  it('getTask of an unknown or malformed id is not-found', async () => {
    const s = source();
    await assert.rejects(s.getTask('snap:us-east-1:nope'), (e: ProviderError) => e.kind === 'not-found');
    await assert.rejects(s.getTask('whatever'), (e: ProviderError) => e.kind === 'not-found');
    await assert.rejects(s.getTask('snap:ap-south-1:x'), (e: ProviderError) => e.kind === 'not-found');
  });

  it('BatchStopUpdateAction is sent once even on a 503, while a read is retried', async () => {
    const http = new HttpClient({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const transport = new AwsTransport({
      http,
      credentials: () => Promise.resolve({ accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }),
    });
    const api = new ElastiCacheApi(transport, () => emu.url);
    try {
      emu.context.faults.set([{ mode: 'status-503', provider: 'aws', count: 2 }]);
      await assert.rejects(
        api.call(
          'us-east-1',
          'BatchStopUpdateAction',
          { ServiceUpdateName: 'elasticache-20261115-001', 'ReplicationGroupIds.member.1': 'sessions' },
          'stop',
          { idempotent: false },
        ),
        (e: ProviderError) => e.kind === 'server',
      );
      assert.equal(mod.calls.BatchStopUpdateAction, 1);
      emu.context.faults.set([{ mode: 'status-503', provider: 'aws', count: 1 }]);
      const result = await api.call('us-east-1', 'DescribeServerlessCaches', {}, 'caches');
      assert.ok(result.ServerlessCaches);
      assert.equal(mod.calls.DescribeServerlessCaches, 2);
    } finally {
      await http.close();
    }
  });
});

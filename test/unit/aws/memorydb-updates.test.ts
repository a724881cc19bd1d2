import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import * as say from '../../../src/core/say';
import type { MemoryDbApi } from '../../../src/providers/aws/json-api';
import {
  activeUpdatesByCluster,
  serviceUpdateTask,
  withoutListedUpdates,
} from '../../../src/providers/aws/memorydb-updates';
import type { ElastiCacheApi } from '../../../src/providers/aws/query-api';
import { regionSnapshot } from '../../../src/providers/aws/region';
import { readResource, type Resource } from '../../../src/providers/aws/resources';
import { modificationTask, type TaskContext } from '../../../src/providers/aws/tasks';

/**
 * MemoryDB `DescribeServiceUpdates` records as tasks, and the one-row rule against a cluster's
 * `PendingUpdates.ServiceUpdates`. Timestamps are epoch seconds, as JSON 1.1 sends them.
 */
describe('aws MemoryDB service updates as tasks', () => {
  const ctx: TaskContext = {
    connectionId: 'c1',
    region: 'us-east-1',
    group: 'us-east-1/mdb/audit-log',
    consoleUrl: 'https://console.example/memorydb',
  };
  const DAY = 86_400;
  const since = Date.parse('2026-11-25T00:00:00Z');
  const sec = (iso: string) => Date.parse(iso) / 1000;
  const record = (over: Record<string, unknown> = {}) => ({
    ClusterName: 'audit-log',
    ServiceUpdateName: 'memorydb-20261120-001',
    ReleaseDate: sec('2026-11-30T00:00:00Z'),
    Description: 'Valkey 7.3 security patch',
    Status: 'in-progress',
    Type: 'security-update',
    Engine: 'valkey',
    NodesUpdated: '2/6',
    AutoUpdateStartDate: sec('2026-11-30T00:00:00Z') + 14 * DAY,
    ...over,
  });

  it('a record becomes one task of its cluster: name, progress from NodesUpdated, dates as steps, not cancellable', () => {
    const t = serviceUpdateTask(record(), ctx, since)!;
    assert.equal(t.id, 'mupd:us-east-1:audit-log:memorydb-20261120-001');
    assert.equal(t.group, ctx.group);
    assert.equal(t.name, 'MemoryDB service update memorydb-20261120-001 (security-update)');
    assert.equal(t.type, 'service-update');
    assert.deepEqual(t.target, { id: 'audit-log', type: 'MemoryDB cluster' });
    assert.equal(t.status, 'running');
    assert.equal(t.providerStatus, 'in-progress');
    assert.equal(t.progress, 33.3);
    assert.equal(t.currentStep, '2/6 nodes updated');
    assert.equal(t.reason, 'Valkey 7.3 security patch');
    assert.deepEqual(t.steps, [
      { name: 'release date', at: Date.parse('2026-11-30T00:00:00.000Z') },
      { name: 'auto-update start date', at: Date.parse('2026-12-14T00:00:00.000Z') },
    ]);
    assert.deepEqual(t.capabilities, { cancel: false, forceCancel: false, consoleUrl: ctx.consoleUrl });
  });

  it('each status of the API as a task status; every one of them is not cancellable', () => {
    for (const [word, status] of [
      ['available', 'pending'],
      ['scheduled', 'pending'],
      ['in-progress', 'running'],
      ['complete', 'succeeded'],
      ['melting', 'unknown'],
    ]) {
      const t = serviceUpdateTask(record({ Status: word }), ctx, since)!;
      assert.equal(t.status, status, word);
      assert.equal(t.providerStatus, word);
      assert.equal(t.capabilities.cancel, false, word);
    }
  });

  it('NodesUpdated that is not "n/m" costs the progress only; a complete update is 100% without it', () => {
    const base = serviceUpdateTask(record(), ctx, since)!;
    for (const garbage of ['x/0', '3/0', 'two of six', '', 42, { n: 2 }, null, '-1/3']) {
      const t = serviceUpdateTask(record({ NodesUpdated: garbage }), ctx, since)!;
      assert.equal(t.progress, undefined, JSON.stringify(garbage));
      assert.deepEqual(
        { ...t, progress: undefined, currentStep: undefined, raw: undefined },
        { ...base, progress: undefined, currentStep: undefined, raw: undefined },
        `${JSON.stringify(garbage)}: nothing else changes`,
      );
    }
    assert.equal(serviceUpdateTask(record({ NodesUpdated: '9/6' }), ctx, since)!.progress, 100);
    assert.equal(serviceUpdateTask(record({ Status: 'complete', NodesUpdated: 'x/0' }), ctx, since)!.progress, 100);
  });

  it('one bad field degrades only that field', () => {
    const base = serviceUpdateTask(record(), ctx, since)!;
    const noRelease = serviceUpdateTask(record({ ReleaseDate: 'soon' }), ctx, since)!;
    assert.deepEqual(
      noRelease.steps.map(s => s.name),
      ['auto-update start date'],
    );
    assert.deepEqual({ ...noRelease, steps: [], raw: undefined }, { ...base, steps: [], raw: undefined });
    const noType = serviceUpdateTask(record({ Type: { odd: true } }), ctx, since)!;
    assert.equal(noType.name, 'MemoryDB service update memorydb-20261120-001');
    assert.equal(noType.progress, base.progress);
    const noDescription = serviceUpdateTask(record({ Description: ['a'] }), ctx, since)!;
    assert.equal(noDescription.reason, undefined);
    assert.equal(noDescription.name, base.name);
    const noStatus = serviceUpdateTask(record({ Status: 7 }), ctx, since)!;
    assert.equal(noStatus.status, 'unknown');
    assert.equal(noStatus.progress, base.progress);
  });

  it('without its cluster or update name a record is no task', () => {
    assert.equal(serviceUpdateTask(record({ ClusterName: undefined }), ctx, since), undefined);
    assert.equal(serviceUpdateTask(record({ ServiceUpdateName: '' }), ctx, since), undefined);
    assert.equal(serviceUpdateTask('not an object', ctx, since), undefined);
    assert.equal(serviceUpdateTask(null, ctx, since), undefined);
  });

  it('a complete update is shown only when released in the window (AWS gives no completion date)', () => {
    const complete = (released: unknown) =>
      serviceUpdateTask(record({ Status: 'complete', ReleaseDate: released }), ctx, since);
    assert.equal(complete(sec('2026-11-30T00:00:00Z'))?.status, 'succeeded');
    assert.equal(complete(sec('2026-09-01T00:00:00Z')), undefined, 'released before the window');
    assert.equal(complete(undefined), undefined, 'no release date: cannot tell');
    assert.equal(complete('garbage'), undefined);
    // Looked up by id (since 0), an old complete update is still the task asked for.
    assert.equal(
      serviceUpdateTask(record({ Status: 'complete', ReleaseDate: sec('2026-09-01T00:00:00Z') }), ctx, 0)?.status,
      'succeeded',
    );
    // An update still to come is shown however old its release.
    assert.equal(
      serviceUpdateTask(record({ Status: 'available', ReleaseDate: sec('2026-09-01T00:00:00Z') }), ctx, since)?.status,
      'pending',
    );
  });

  describe('one operation, one row: a cluster’s pending service updates', () => {
    const cluster = (status: string, pending: object): Resource =>
      readResource('mdb', { Name: 'audit-log', Status: status, PendingUpdates: pending }, 'us-east-1')!;
    const mod = (r: Resource | undefined) => r && modificationTask(r, ctx);
    const listed = activeUpdatesByCluster([
      record({ Status: 'in-progress' }),
      record({ ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' }),
      record({ ServiceUpdateName: 'memorydb-20260901-001', Status: 'complete' }),
      record({ ClusterName: 'ledger', Status: 'scheduled' }),
      { ClusterName: 'audit-log' },
      'garbage',
    ]);
    const mine = listed.get('audit-log');

    it('the listed updates not complete, per cluster', () => {
      assert.deepEqual(
        [...(mine ?? [])],
        [
          ['memorydb-20261120-001', 'in-progress'],
          ['memorydb-20261201-002', 'available'],
        ],
      );
      assert.deepEqual([...(listed.get('ledger') ?? [])], [['memorydb-20261120-001', 'scheduled']]);
    });

    it('before: an available cluster whose only pending thing is a service update is a pending task', () => {
      const t = mod(
        cluster('available', { ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' }] }),
      );
      assert.equal(t?.status, 'pending');
      assert.deepEqual(
        t?.steps.map(s => s.name),
        ['service update memorydb-20261201-002 (available)'],
      );
    });

    it('with the update listed as a task of its own, that cluster has no second row', () => {
      const r = cluster('available', {
        ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' }],
      });
      assert.equal(mod(withoutListedUpdates(r, mine)), undefined);
    });

    it('other pending changes stay, and so does a pending update that has no task', () => {
      const r = cluster('available', {
        ACLs: { ACLToApply: 'auditors' },
        ServiceUpdates: [
          { ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' },
          { ServiceUpdateName: 'memorydb-20261215-009', Status: 'available' },
        ],
      });
      assert.deepEqual(
        mod(withoutListedUpdates(r, mine))?.steps.map(s => s.name),
        ['access control list → auditors', 'service update memorydb-20261215-009 (available)'],
      );
    });

    it('an updating cluster with nothing else pending while its update is in progress is that update: one row', () => {
      const r = cluster('updating', {
        ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261120-001', Status: 'in-progress' }],
      });
      assert.equal(withoutListedUpdates(r, mine), undefined);
      // With a resharding as well, the cluster's own operation stays.
      const resharding = cluster('updating', {
        Resharding: { SlotMigration: { ProgressPercentage: 40 } },
        ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261120-001', Status: 'in-progress' }],
      });
      const t = mod(withoutListedUpdates(resharding, mine));
      assert.equal(t?.name, 'Online resharding');
      assert.deepEqual(
        t?.steps.map(s => s.name),
        ['online resharding (slot migration)'],
      );
      // Updating while no update of it is in progress: something else is happening; the row stays.
      const other = new Map([['memorydb-20261201-002', 'available']]);
      assert.equal(mod(withoutListedUpdates(cluster('updating', {}), other))?.status, 'running');
    });

    it('when the updates could not be read, the pending steps are where they show: kept', () => {
      const r = cluster('available', {
        ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' }],
      });
      assert.equal(withoutListedUpdates(r, undefined), r);
      assert.equal(withoutListedUpdates(r, new Map()), r);
      const rg = readResource('rg', { ReplicationGroupId: 'x', Status: 'available' }, 'us-east-1')!;
      assert.equal(withoutListedUpdates(rg, mine), rg, 'ElastiCache resources are untouched');
    });
  });

  it('a region that refuses DescribeServiceUpdates says so and keeps the pending step', async () => {
    const ec = { call: () => Promise.resolve({}) } as unknown as ElastiCacheApi;
    const calls: string[] = [];
    const memorydb = {
      call: (_region: string, operation: string) => {
        calls.push(operation);
        if (operation === 'DescribeServiceUpdates')
          return Promise.reject(new ProviderError('forbidden', say.t('Forbidden by a policy')));
        if (operation === 'DescribeClusters')
          return Promise.resolve({
            Clusters: [
              {
                Name: 'ledger',
                Status: 'available',
                PendingUpdates: {
                  ServiceUpdates: [{ ServiceUpdateName: 'memorydb-20261201-002', Status: 'available' }],
                },
              },
            ],
          });
        return Promise.resolve({});
      },
    } as unknown as MemoryDbApi;
    const snap = await regionSnapshot({ connectionId: 'c', elasticache: ec, memorydb }, 'us-east-1', {
      since: 0,
      until: Date.parse('2026-12-01T00:00:00Z'),
    });
    assert.ok(calls.includes('DescribeServiceUpdates'));
    assert.equal(
      snap.groups.find(g => g.id === 'us-east-1')?.description,
      'AWS region · not shown: MemoryDB service updates',
    );
    const t = snap.tasks.find(x => x.id === 'mod:us-east-1:mdb:ledger');
    assert.equal(t?.status, 'pending');
    assert.deepEqual(
      t?.steps.map(s => s.name),
      ['service update memorydb-20261201-002 (available)'],
    );
    assert.ok(!snap.tasks.some(x => x.id.startsWith('mupd:')));
  });
});

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import type { Task, TaskSnapshot } from '../../../src/core/task';
import {
  createModule,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  type AlibabaModule,
} from '../../../src/emulator/alibaba';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { create } from '../../../src/providers/alibaba';

delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

async function rejects(p: Promise<unknown>, check: (e: ProviderError) => void): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError, `expected a ProviderError, got ${String(e)}`);
    check(e);
    return;
  }
  assert.fail('expected a rejection');
}

const byId = (snap: { tasks: Task[] }, id: string) => {
  const t = snap.tasks.find(x => x.id === id);
  assert.ok(t, `task ${id} listed`);
  return t;
};

describe('alibaba client against the emulator', () => {
  let emu: RunningEmulator;
  let mod: AlibabaModule;
  const sources: TaskSource[] = [];

  const source = (
    options: Record<string, string> = {},
    secret = DEMO_ACCESS_KEY_SECRET,
    user = DEMO_ACCESS_KEY_ID,
    tls?: { mode: 'pinned'; fingerprint256: string },
  ) => {
    const s = create(
      { id: 'ali', name: 'ali', provider: 'alibaba', endpoint: emu.url, user, region: 'cn-hangzhou', options, tls },
      { secret },
      { now: () => emu.context.clock.now() },
    );
    sources.push(s);
    return s;
  };

  before(async () => {
    mod = createModule({ bulkTasks: 130 });
    emu = await startEmulator({ modules: [mod], http: true, clock: 'manual' });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    for (const s of sources) await s.close();
    await emu.close();
  });

  it("lists the region's instances as groups and their tasks with one region-wide request per page (ACS3)", async () => {
    const s = source();
    const snap = await s.refresh({});
    assert.deepEqual(
      snap.groups.map(g => [g.id, g.label, g.kind, g.description]),
      [
        ['r-bp1emu00000000001', 'orders-cache', 'instance', 'r-bp1emu00000000001'],
        ['r-bp1emu00000000002', 'session-store', 'instance', 'r-bp1emu00000000002'],
        ['r-bp1emu00000000003', 'analytics-tair', 'instance', 'r-bp1emu00000000003'],
      ],
    );
    // 7 scenario tasks in the region and 130 bulk ones; the 3-day-old creation fails inside the window.
    assert.equal(mod.calls.DescribeInstances, 1);
    assert.equal(mod.calls.DescribeHistoryTasks, 1);
    assert.ok(snap.more['r-bp1emu00000000001'], 'the region-wide list was cut at 100: Load more offered');
    const running = byId(snap, 't-emu0000000000001');
    assert.equal(running.status, 'running');
    assert.equal(running.group, 'r-bp1emu00000000001');
    assert.equal(running.name, 'Change instance specification');
    assert.equal(running.currentStep, 'migrate_data');
    assert.equal(running.remainingSeconds, 330);
    assert.equal(running.capabilities.cancel, false);
    assert.equal(running.capabilities.forceCancel, false);
    assert.match(
      running.capabilities.consoleUrl ?? '',
      /kvstore\.console\.aliyun\.com\/Redis\/instance\/cn-hangzhou\/r-bp1emu00000000001/,
    );
    assert.deepEqual(
      running.steps.map(st => st.name),
      ['init_instance', 'migrate_data', 'switch_over'],
    );
    assert.equal(byId(snap, 't-emu0000000000006').status, 'failed');
    assert.equal(byId(snap, 't-emu0000000000007').status, 'canceled');
    assert.equal(byId(snap, 't-emu0000000000005').status, 'pending');
    assert.ok(!snap.tasks.some(t => t.id === 't-emu0000000000008'), 'a task of another region is not listed');
    assert.equal(s.consoleUrl?.(), 'https://kvstore.console.aliyun.com/Redis/instance/cn-hangzhou');
  });

  it('follows "Load more" cursors per instance until the list is complete', async () => {
    const s = source();
    const snap = await s.refresh({ since: emu.context.clock.now() - 29 * 86_400_000 });
    const group = 'r-bp1emu00000000001';
    let cursor: string | undefined = snap.more[group];
    assert.ok(cursor, 'the first instance has more tasks');
    const ids = new Set(snap.tasks.filter(t => t.group === group).map(t => t.id));
    while (cursor) {
      const page = await s.loadMore(group, cursor, { since: emu.context.clock.now() - 29 * 86_400_000 });
      for (const t of page.tasks) {
        assert.equal(t.group, group);
        assert.ok(!ids.has(t.id), `${t.id} not repeated`);
        ids.add(t.id);
      }
      cursor = page.next;
    }
    assert.equal(ids.size, 132);
  });

  it('pushes every filter to the server: status, type, instance, time window', async () => {
    const s = source();
    const now = emu.context.clock.now();
    const running = await s.refresh({ statuses: ['running'] });
    assert.deepEqual(running.tasks.map(t => t.id).sort(), [
      't-emu0000000000001',
      't-emu0000000000003',
      't-emu0000000000004',
    ]);
    const types = await s.refresh({ types: ['RestartIns', 'HaSwitch'] });
    assert.deepEqual(types.tasks.map(t => t.id).sort(), ['t-emu0000000000003', 't-emu0000000000005']);
    const inst = await s.refresh({ instanceId: 'r-bp1emu00000000003' });
    assert.deepEqual(
      inst.groups.map(g => g.id),
      ['r-bp1emu00000000003'],
    );
    assert.ok(inst.tasks.every(t => t.group === 'r-bp1emu00000000003'));
    const recent = await s.refresh({ since: now - 3 * 3600_000, until: now });
    assert.deepEqual(recent.tasks.map(t => t.id).sort(), [
      't-emu0000000000001',
      't-emu0000000000002',
      't-emu0000000000003',
      't-emu0000000000004',
      't-emu0000000000005',
      't-emubulk0000000000',
    ]);
    const none = await s.refresh({ statuses: ['interrupted', 'paused'] });
    assert.deepEqual(none.tasks, [], 'DescribeHistoryTasks has no paused/interrupted words');
  });

  it('shows tasks progressing, pausing and failing as the clock advances', async () => {
    const s = source();
    let snap: TaskSnapshot = await s.refresh({});
    assert.equal(byId(snap, 't-emu0000000000003').status, 'running');
    emu.context.clock.advance(30_000);
    snap = await s.refresh({});
    const paused = byId(snap, 't-emu0000000000003');
    assert.equal(paused.status, 'pending', 'History says Waiting for a paused task');
    assert.equal(paused.providerStatus, 'Waiting');
    const spec = byId(snap, 't-emu0000000000001');
    assert.equal(spec.progress, Math.round((90 / 390) * 1000) / 10);
    assert.equal(byId(snap, 't-emu0000000000004').providerStatus, 'Running');
    emu.context.clock.advance(400_000);
    snap = await s.refresh({});
    assert.equal(byId(snap, 't-emu0000000000004').providerStatus, 'Failed', 'interrupted: History says Failed');
    assert.equal(byId(snap, 't-emu0000000000004').status, 'failed');
    // The emulator serves ReasonCode as the service does: why a task started, on any task, never a failure.
    assert.deepEqual(byId(snap, 't-emu0000000000004').errors, []);
    assert.equal(byId(snap, 't-emu0000000000004').reason, undefined);
    assert.equal(byId(snap, 't-emu0000000000003').reason, '小版本升级');
    assert.equal(byId(snap, 't-emu0000000000001').status, 'succeeded');
    assert.equal(byId(snap, 't-emu0000000000005').status, 'succeeded', 'the scheduled switchover ran');
    const got = await s.getTask('t-emu0000000000001', { group: 'r-bp1emu00000000001' });
    assert.equal(got.status, 'succeeded');
    assert.equal(got.progress, 100);
  });

  it('speaks DescribeTasks (seed API) with RPC v1 signatures: paging, statuses, steps', async () => {
    const s = source({ taskApi: 'DescribeTasks', signatureVersion: 'v1' });
    let snap = await s.refresh({});
    assert.equal(mod.calls.DescribeTasks, 3, 'one request per instance');
    const group = 'r-bp1emu00000000001';
    assert.ok(snap.more[group], 'more than 30 tasks on the first instance');
    assert.equal(snap.tasks.filter(t => t.group === group).length, 30);
    const page2 = await s.loadMore(group, snap.more[group], {});
    assert.ok(page2.tasks.length > 0);
    const doubled = byId(snap, 't-emu0000000000002');
    assert.equal(doubled.status, 'succeeded');
    assert.deepEqual(
      doubled.steps.map(st => [st.name, st.progress]),
      [
        ['apply_config', 100],
        ['restart_redis', 100],
      ],
    );
    emu.context.clock.advance(100_000);
    snap = await s.refresh({});
    assert.equal(byId(snap, 't-emu0000000000003').status, 'paused');
    assert.equal(byId(snap, 't-emu0000000000003').providerStatus, '7');
    assert.equal(byId(snap, 't-emu0000000000004').status, 'interrupted');
    const running = byId(snap, 't-emu0000000000001');
    assert.match(running.currentStep ?? '', /^migrate_data \(2\/3\)$/);
    assert.equal(running.steps[1].progress, Math.round((130 / 300) * 1000) / 10);
    const only = await s.refresh({ statuses: ['paused'], instanceId: 'r-bp1emu00000000002' });
    assert.deepEqual(
      only.tasks.map(t => t.id),
      ['t-emu0000000000003'],
    );
    const typed = await s.refresh({ types: ['RestartInstance'] });
    assert.deepEqual(
      typed.tasks.map(t => t.id),
      ['t-emu0000000000003'],
    );
    const got = await s.getTask('t-emu0000000000004', { group: 'r-bp1emu00000000002' });
    assert.equal(got.status, 'interrupted');
    await rejects(s.getTask('t-emu0000000000004'), e => assert.equal(e.kind, 'bad-request'));
  });

  it('keeps a task with malformed StepsInfo and shows the raw text', async () => {
    const s = source({ taskApi: 'DescribeTasks' });
    const snap = await s.refresh({
      instanceId: 'r-bp1emu00000000003',
      since: emu.context.clock.now() - 2 * 86_400_000,
    });
    const t = byId(snap, 't-emu0000000000007');
    assert.equal(t.status, 'canceled');
    assert.deepEqual(t.steps, []);
    assert.match(t.errors[0]?.message ?? '', /Steps could not be read/);
  });

  it('a wrong secret is an auth error naming SignatureDoesNotMatch, in both schemes, without the secret', async () => {
    for (const signatureVersion of ['acs3', 'v1']) {
      await rejects(source({ signatureVersion }, 'not-the-secret-value').refresh({}), e => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.code, 'SignatureDoesNotMatch');
        assert.match(e.requestId ?? '', /^EMU/);
        assert.match(e.message, /secret/);
        assert.ok(!e.describe().includes('not-the-secret-value'));
      });
    }
    await rejects(source({}, DEMO_ACCESS_KEY_SECRET, 'LTAIunknown').refresh({}), e => {
      assert.equal(e.kind, 'auth');
      assert.equal(e.code, 'InvalidAccessKeyId.NotFound');
    });
  });

  it("throttling is `throttled` with the server's retry-after", async () => {
    mod.throttleNext(1, 2500);
    await rejects(source().refresh({}), e => {
      assert.equal(e.kind, 'throttled');
      assert.equal(e.code, 'Throttling.User');
      assert.equal(e.retryAfterMs, 2500);
    });
    const snap = await source().refresh({});
    assert.ok(snap.tasks.length > 0, 'works again once the throttle is gone');
  });

  it('suggests the other task API when the server lacks one', async () => {
    const legacy = createModule({ unsupported: ['DescribeHistoryTasks'] });
    const other = await startEmulator({ modules: [legacy], http: true, clock: 'manual' });
    try {
      const s = create(
        {
          id: 'x',
          name: 'x',
          provider: 'alibaba',
          endpoint: other.url,
          user: DEMO_ACCESS_KEY_ID,
          region: 'cn-hangzhou',
        },
        { secret: DEMO_ACCESS_KEY_SECRET },
        {},
      );
      sources.push(s);
      await rejects(s.refresh({}), e => {
        assert.equal(e.kind, 'unsupported');
        assert.equal(e.code, 'InvalidAction.NotFound');
        assert.match(e.message, /taskApi=DescribeTasks/);
      });
    } finally {
      await other.close();
    }
  });

  it('works over HTTPS with a pinned certificate', async () => {
    const secure = createModule();
    const tlsEmu = await startEmulator({ modules: [secure], clock: 'manual' });
    try {
      const s = create(
        {
          id: 'y',
          name: 'y',
          provider: 'alibaba',
          endpoint: tlsEmu.url,
          user: DEMO_ACCESS_KEY_ID,
          region: 'cn-hangzhou',
          tls: { mode: 'pinned', fingerprint256: tlsEmu.certificate!.fingerprint256 },
        },
        { secret: DEMO_ACCESS_KEY_SECRET },
        { now: () => tlsEmu.context.clock.now() },
      );
      sources.push(s);
      const snap = await s.refresh({});
      assert.equal(snap.groups.length, 3);
      assert.ok(snap.tasks.some(t => t.id === 't-emu0000000000001'));
    } finally {
      await tlsEmu.close();
    }
  });

  it('validates the connection before any request', () => {
    assert.throws(() => create({ id: 'z', name: 'z', provider: 'alibaba', user: 'k' }, { secret: 's' }, {}), /region/);
    assert.throws(
      () =>
        create(
          { id: 'z', name: 'z', provider: 'alibaba', user: 'k', region: 'cn-hangzhou', options: { taskApi: 'Nope' } },
          { secret: 's' },
          {},
        ),
      /taskApi/,
    );
  });
});

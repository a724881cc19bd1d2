import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createModule, DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../../src/emulator/tencent';
import { ProviderError } from '../../../src/core/errors';
import type { ConnectionConfig } from '../../../src/core/connection';
import type { TaskSource } from '../../../src/core/source';
import type { Task } from '../../../src/core/task';
import { create } from '../../../src/providers/tencent';
import { TencentApi } from '../../../src/providers/tencent/api';
import { TencentTaskSource } from '../../../src/providers/tencent/source';
import { HttpClient } from '../../../src/http/client';

delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

async function rejects(p: Promise<unknown>, kind: string, code?: string | RegExp): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError, `expected a ProviderError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (typeof code === 'string') assert.equal(e.code, code);
    else if (code) assert.match(e.message, code);
    return e;
  }
  assert.fail('expected a rejection');
}

const byId = (tasks: Task[], id: string) => {
  const t = tasks.find(x => x.id === id);
  assert.ok(t, `task ${id} missing`);
  return t;
};

describe('tencent client against the emulator (HTTP, manual clock)', () => {
  let emu: RunningEmulator;
  const sources: TaskSource[] = [];
  const now = () => emu.context.clock.now();
  const config = (extra: Partial<ConnectionConfig> = {}): ConnectionConfig => ({
    id: 'tc',
    name: 'Tencent',
    provider: 'tencent',
    endpoint: emu.url,
    user: DEMO_SECRET_ID,
    region: 'ap-guangzhou',
    ...extra,
  });
  const source = (extra: Partial<ConnectionConfig> = {}, secret = DEMO_SECRET_KEY, clockSkewMs = 0) => {
    const s = create(config(extra), { secret }, { now: () => now() + clockSkewMs });
    sources.push(s);
    return s;
  };

  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    await Promise.all(sources.map(s => s.close()));
    await emu.close();
  });

  it("lists the region's instances as groups and their tasks", async () => {
    const snap = await source().refresh({});
    assert.deepEqual(snap.groups.map(g => g.id).sort(), ['crs-gz000001', 'crs-gz000002', 'crs-gz000003']);
    const g = snap.groups.find(x => x.id === 'crs-gz000001')!;
    assert.deepEqual(g, { id: 'crs-gz000001', label: 'orders-cache', kind: 'instance', description: 'crs-gz000001' });
    assert.equal(snap.tasks.length, 31); // 32 in the region, one older than 30 days
    assert.ok(!snap.tasks.some(t => t.id === '1006'));
    assert.ok(!snap.tasks.some(t => t.id === '1008'), "another region's task leaked in");
    assert.deepEqual(snap.more, {});
    const running = byId(snap.tasks, '1003');
    assert.equal(running.status, 'running');
    assert.equal(running.progress, 10);
    assert.equal(running.group, 'crs-gz000002');
    assert.equal(running.name, 'Change configuration');
    assert.equal(byId(snap.tasks, '1005').status, 'pending');
    assert.equal(byId(snap.tasks, '1004').status, 'failed');
    assert.equal(running.capabilities.cancel, false);
  });

  it('shows tasks progressing as the clock advances', async () => {
    const s = source();
    emu.context.clock.advance(150_000);
    let snap = await s.refresh({});
    assert.equal(byId(snap.tasks, '1003').progress, 35);
    assert.equal(byId(snap.tasks, '1005').status, 'running');
    emu.context.clock.advance(450_000);
    snap = await s.refresh({});
    const done = byId(snap.tasks, '1003');
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, 100);
    assert.ok(done.finishedAt! > done.startedAt!);
    assert.equal(byId(snap.tasks, '1005').status, 'succeeded');
    assert.equal((await s.getTask('1003')).status, 'succeeded');
  });

  it('pages: a cut region-wide list gives cursors, and Load more continues without repeats', async () => {
    const http = new HttpClient();
    const api = new TencentApi({
      http,
      endpoint: emu.url,
      secretId: DEMO_SECRET_ID,
      secretKey: DEMO_SECRET_KEY,
      region: 'ap-guangzhou',
      now,
    });
    const s = new TencentTaskSource(
      { connectionId: 'tc', region: 'ap-guangzhou', http, now, pageSizes: { tasks: 10, instances: 2 } },
      api,
    );
    sources.push(s);
    const snap = await s.refresh({});
    assert.equal(snap.groups.length, 3, 'instances paged by 2');
    assert.equal(snap.tasks.length, 10);
    assert.deepEqual(Object.keys(snap.more).sort(), ['crs-gz000001', 'crs-gz000002', 'crs-gz000003']);
    const seen = new Set(snap.tasks.map(t => t.id));
    for (const group of Object.keys(snap.more)) {
      let cursor: string | undefined = snap.more[group];
      while (cursor) {
        const page = await s.loadMore(group, cursor, {});
        for (const t of page.tasks) {
          assert.equal(t.group, group);
          assert.ok(!seen.has(t.id), `task ${t.id} repeated`);
          seen.add(t.id);
        }
        cursor = page.next;
      }
    }
    assert.equal(seen.size, 31);
  });

  it('filters by status, type, instance, time window and operator on the server', async () => {
    const s = source();
    assert.deepEqual((await s.refresh({ statuses: ['failed'] })).tasks.map(t => t.id).sort(), ['1004', '1007']);
    assert.deepEqual(
      (await s.refresh({ statuses: ['pending'] })).tasks.map(t => t.id),
      ['1005'],
    );
    assert.equal((await s.refresh({ types: ['017'] })).tasks.length, 25);
    const one = await s.refresh({ instanceId: 'crs-gz000001' });
    assert.deepEqual(
      one.groups.map(g => g.id),
      ['crs-gz000001'],
    );
    assert.deepEqual(one.tasks.map(t => t.id).sort(), ['1001', '1002', '1007']);
    const recent = await s.refresh({ since: now() - 2 * 3600_000 });
    assert.deepEqual(recent.tasks.map(t => t.id).sort(), ['1003', '1004', '1005']);
    const older = await s.refresh({ since: now() - 4 * 86400_000, until: now() - 86400_000 });
    assert.deepEqual(older.tasks.map(t => t.id).sort(), ['1002', '1007', '1009', '1010', '1011']);
    assert.equal((await s.refresh({ statuses: ['canceled'] })).tasks.length, 0);
    const other = source({ options: { operateUin: '100000000002' } });
    assert.deepEqual((await other.refresh({})).tasks.map(t => t.id).sort(), ['1005', '1007']);
  });

  it('gets one task with its error message', async () => {
    const t = await source().getTask('1004', { group: 'crs-gz000003' });
    assert.equal(t.status, 'failed');
    assert.equal(t.providerStatus, 'failed');
    assert.equal(t.group, 'crs-gz000003');
    assert.match(t.errors[0].message, /COS bucket/);
    assert.equal((await source().getTask('1007')).providerStatus, 'error');
  });

  it('maps not found, bad secret, unknown id and a stale clock', async () => {
    await rejects(source().getTask('999999'), 'not-found', 'ResourceNotFound');
    await rejects(source().getTask('abc'), 'not-found');
    const e = await rejects(source({}, 'wrong-secret').refresh({}), 'auth', 'AuthFailure.SignatureFailure');
    assert.ok(e.requestId, 'the RequestId rides along');
    assert.ok(!e.message.includes('wrong-secret') && !e.describe().includes('wrong-secret'));
    await rejects(source({ user: 'AKIDnobody' }).refresh({}), 'auth', 'AuthFailure.SecretIdNotFound');
    await rejects(source({}, DEMO_SECRET_KEY, 10 * 60_000).refresh({}), 'auth', 'AuthFailure.SignatureExpire');
  });

  it('names the parameter the server rejected', async () => {
    const http = new HttpClient();
    const api = new TencentApi({
      http,
      endpoint: emu.url,
      secretId: DEMO_SECRET_ID,
      secretKey: DEMO_SECRET_KEY,
      region: 'ap-guangzhou',
      now,
    });
    try {
      await rejects(api.call('DescribeTaskInfo', {}, 'a task'), 'bad-request', /`TaskId`/);
      await rejects(api.call('DescribeTaskList', { Limit: 10, Offset: 5 }, 'the task list'), 'bad-request', /`Offset`/);
      await rejects(api.call('DescribeTaskList', { Limit: 500 }, 'the task list'), 'bad-request', /`Limit`/);
      await rejects(api.call('DescribeTaskList', { Result: [3] }, 'the task list'), 'bad-request', /`Result`/);
      await rejects(
        api.call('DescribeTaskList', { BeginTime: '2020-01-01' }, 'the task list'),
        'bad-request',
        /`BeginTime`/,
      );
      await rejects(api.call('CancelTask', {}, 'x'), 'bad-request', 'InvalidAction');
      // InstanceName and OperateUin exist on the API even though TaskQuery has no field for them.
      const r = await api.call('DescribeTaskList', { InstanceName: 'sessions' }, 'the task list');
      assert.equal(r.TotalCount, 2);
    } finally {
      await http.close();
    }
  });

  it('reports throttling with a wait, and recovers the next second', async () => {
    const s = source();
    for (let i = 0; i < 20; i++) await s.getTask('1001');
    const e = await rejects(s.getTask('1001'), 'throttled', 'RequestLimitExceeded');
    assert.equal(e.retryAfterMs, 1000);
    emu.context.clock.advance(1000);
    assert.equal((await s.getTask('1001')).status, 'succeeded');
  });

  it('speaks the legacy API when asked', async () => {
    const s = source({ options: { legacyApi: true } });
    const snap = await s.refresh({});
    assert.equal(snap.tasks.length, 32, 'the legacy list has no 30-day limit');
    assert.deepEqual(snap.groups.map(g => g.id).sort(), ['crs-gz000001', 'crs-gz000002', 'crs-gz000003']);
    assert.equal(snap.groups.find(g => g.id === 'crs-gz000002')!.label, 'sessions');
    const resize = snap.tasks.find(t => t.type === 'resizeInstance')!;
    assert.equal(resize.status, 'running');
    assert.equal(resize.progress, undefined, 'legacy progress is only a finished flag');
    const failed = await s.refresh({ statuses: ['failed'] });
    assert.deepEqual(failed.tasks.map(t => t.providerStatus).sort(), ['-1', '3']);
    // The legacy names do not tell manual from automatic backups: both are backupInstance.
    assert.equal((await s.refresh({ types: ['012'] })).tasks.length, 26);
    assert.equal((await s.refresh({ types: ['restoreBackup'] })).tasks.length, 1, 'the 40-day-old restore');
    emu.context.clock.advance(600_000);
    const again = await s.getTask(resize.id);
    assert.equal(again.status, 'succeeded');
    assert.equal(again.progress, 100);
    await rejects(s.getTask('crs-gz000002|2000-01-01 00:00:00|newInstance'), 'not-found');
  });

  it('pages the legacy list', async () => {
    const { LegacyTencentApi } = await import('../../../src/providers/tencent/legacy-api');
    const { LegacyTencentTaskSource } = await import('../../../src/providers/tencent/source');
    const http = new HttpClient();
    const api = new LegacyTencentApi({
      http,
      endpoint: emu.url,
      secretId: DEMO_SECRET_ID,
      secretKey: DEMO_SECRET_KEY,
      region: 'ap-guangzhou',
      signatureMethod: 'HmacSHA1',
      now,
    });
    const s = new LegacyTencentTaskSource(
      { connectionId: 'tc', region: 'ap-guangzhou', http, now, pageSizes: { tasks: 10 } },
      api,
    );
    sources.push(s);
    const snap = await s.refresh({});
    const seen = new Set(snap.tasks.map(t => t.id));
    for (const [group, first] of Object.entries(snap.more)) {
      let cursor: string | undefined = first;
      while (cursor) {
        const page = await s.loadMore(group, cursor, {});
        for (const t of page.tasks) {
          assert.ok(!seen.has(t.id), `repeated ${t.id}`);
          seen.add(t.id);
        }
        cursor = page.next;
      }
    }
    assert.equal(seen.size, 32);
  });

  it('maps legacy auth errors', async () => {
    const bad = await rejects(source({ options: { legacyApi: true } }, 'bad').refresh({}), 'auth');
    assert.equal(bad.code, '4100 AuthFailure.SignatureFailure');
    const stale = await rejects(
      source({ options: { legacyApi: true } }, DEMO_SECRET_KEY, -3600_000).refresh({}),
      'auth',
    );
    assert.equal(stale.code, '4200 AuthFailure.SignatureExpire');
    // An unknown SecretId is 4104 "the key does not exist" on the legacy API, as the legacy code table says.
    const unknown = await rejects(
      source({ user: 'AKIDunknownEXAMPLE', options: { legacyApi: true } }).refresh({}),
      'auth',
    );
    assert.equal(unknown.code, '4104 AuthFailure.SecretIdNotFound');
    assert.match(unknown.message, /Check the SecretId of the connection/);
  });

  it('exposes a console URL and no cancel', () => {
    const s = source();
    assert.equal(s.consoleUrl?.(), 'https://console.cloud.tencent.com/redis/instance?rid=1');
    assert.equal(s.cancelTask, undefined);
  });
});

describe('tencent client over HTTPS', () => {
  let emu: RunningEmulator;
  let dir: string;
  const opened: TaskSource[] = [];
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], clock: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'tencent-ca-'));
    writeFileSync(join(dir, 'ca.pem'), emu.certificate!.cert);
  });
  after(async () => {
    await Promise.all(opened.map(s => s.close()));
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (tls: ConnectionConfig['tls']) => {
    const s = create(
      {
        id: 'tc',
        name: 'T',
        provider: 'tencent',
        endpoint: emu.url,
        user: DEMO_SECRET_ID,
        region: 'ap-guangzhou',
        tls,
      },
      { secret: DEMO_SECRET_KEY },
      { now: () => emu.context.clock.now() },
    );
    opened.push(s);
    return s;
  };

  it('lists tasks trusting the emulator certificate as a CA file', async () => {
    const snap = await open({ mode: 'ca-file', caFile: join(dir, 'ca.pem') }).refresh({});
    assert.equal(snap.groups.length, 3);
    assert.equal(snap.tasks.length, 31);
  });

  it('refuses the self-signed certificate with system trust', async () => {
    await rejects(open({ mode: 'system' }).refresh({}), 'tls');
  });

  it('lists tasks with a pinned certificate', async () => {
    const snap = await open({ mode: 'pinned', fingerprint256: emu.certificate!.fingerprint256 }).refresh({});
    assert.equal(snap.tasks.length, 31);
  });
});

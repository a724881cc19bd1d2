import { strict as assert } from 'node:assert';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createModule, DEMO_ACCOUNT_KEY, DEMO_SECRET_KEY } from '../../../src/emulator/redis-cloud';
import { type ProviderError } from '../../../src/core/errors';
import type { TlsTrust } from '../../../src/core/connection';
import { HttpClient } from '../../../src/http/client';
import { RedisCloudApi } from '../../../src/providers/redis-cloud/api';
import { RateLimiter } from '../../../src/providers/redis-cloud/rate-limiter';
import { RedisCloudTaskSource } from '../../../src/providers/redis-cloud/source';
import { create } from '../../../src/providers/redis-cloud';

delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

const T = (n: number) => `e02b40d6-8f4c-4a1b-9c35-2f1d7c1a000${n}`;

interface Built {
  source: RedisCloudTaskSource;
  api: RedisCloudApi;
  limiter: RateLimiter;
  http: HttpClient;
}

function build(
  emu: RunningEmulator,
  opts: { secret?: string; tls?: TlsTrust; pageSize?: number; rpm?: number; now?: () => number } = {},
): Built {
  // One attempt: the tests see each server answer as it is, not after the HTTP layer's retries.
  const http = new HttpClient({ tls: opts.tls, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  const limiter = new RateLimiter(
    { requestsPerMinute: opts.rpm ?? 400, steadyShare: 1, burst: 1000 },
    {
      now: () => emu.context.clock.now(),
      sleep: async () => {
        throw new Error('the limiter should not wait in this test');
      },
    },
  );
  const api = new RedisCloudApi({
    http,
    endpoint: `${emu.url}/cloud/v1`,
    accountKey: DEMO_ACCOUNT_KEY,
    secretKey: opts.secret ?? DEMO_SECRET_KEY,
    limiter,
  });
  const source = new RedisCloudTaskSource({
    connectionId: 'rc',
    api,
    now: opts.now ?? (() => emu.context.clock.now()),
    pageSize: opts.pageSize ?? 100,
    namesTtlMs: 300_000,
    databasePageSize: 2,
    close: () => http.close(),
  });
  return { source, api, limiter, http };
}

describe('redis-cloud client against the emulator', () => {
  let emu: RunningEmulator;
  const open: Built[] = [];
  const make = (opts?: Parameters<typeof build>[1]) => {
    const b = build(emu, opts);
    open.push(b);
    return b;
  };

  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  beforeEach(() => emu.reset());
  afterEach(async () => {
    for (const b of open.splice(0)) await b.source.close();
  });
  after(() => emu.close());

  it('lists tasks grouped by subscription, with names', async () => {
    const { source } = make();
    const snap = await source.refresh({});
    assert.deepEqual(
      snap.groups.map(g => [g.id, g.label, g.kind]),
      [
        ['1207', 'analytics-eu', 'subscription'],
        ['151367', 'dev-cache', 'subscription'],
        ['1206', 'payments-prod', 'subscription'],
        ['other', 'Other tasks', 'tasks'],
      ],
    );
    assert.equal(snap.groups[1].description, 'Essentials · 151367');
    const byId = new Map(snap.tasks.map(t => [t.id, t]));
    assert.equal(snap.tasks.length, 6, 'the future task is not there yet');
    assert.equal(byId.get(T(1))!.status, 'pending');
    assert.equal(byId.get(T(1))!.providerStatus, 'received');
    // A failed task has no resource id or link: the real API leaves it unplaced too.
    assert.equal(byId.get(T(3))!.group, 'other');
    assert.deepEqual(byId.get(T(3))!.errors, [
      { message: 'Invalid number of shards for this database', code: 'DATABASE_INVALID_SHARDS_COUNT' },
    ]);
    // No resource link: found through the Essentials subscription's database list.
    assert.equal(byId.get(T(4))!.group, '151367');
    assert.deepEqual(byId.get(T(4))!.target, { id: '51324587', name: 'bdb-dev', type: 'database' });
    assert.equal(byId.get(T(5))!.group, 'other');
    assert.deepEqual(snap.more, {});
    assert.ok(snap.tasks.every(t => !t.capabilities.cancel && !t.capabilities.forceCancel));
    assert.equal(source.consoleUrl(), 'https://cloud.redis.io/#/subscriptions');
  });

  it('costs one request per refresh once names are known', async () => {
    const { source, limiter } = make();
    let calls = 0;
    const acquire = limiter.acquire.bind(limiter);
    limiter.acquire = async s => {
      calls++;
      return acquire(s);
    };
    await source.refresh({});
    const first = calls;
    assert.ok(first >= 3);
    await source.refresh({});
    assert.equal(calls - first, 1);
  });

  it('follows tasks over time on the manual clock', async () => {
    const { source } = make();
    assert.equal((await source.getTask(T(1))).status, 'pending');
    emu.context.clock.advance(20_000);
    const running = await source.getTask(T(1));
    assert.equal(running.status, 'running');
    emu.context.clock.advance(60_000);
    // Processing completed at 72 s, but the database provisions for 45 s more: not done, not 100 % (this read
    // "succeeded" before, which the API's lifecycle page says is wrong: "a resource is not available until both
    // phases are complete").
    const provisioning = await source.getTask(T(1));
    assert.equal(provisioning.providerStatus, 'processing-completed');
    assert.equal(provisioning.status, 'running');
    assert.equal(provisioning.progress, undefined);
    assert.equal(provisioning.currentStep, 'Provisioning');
    assert.equal(provisioning.finishedAt, undefined);
    assert.deepEqual(provisioning.steps, [
      { name: 'Processing', progress: 100 },
      { name: 'Provisioning', detail: 'database 51002: pending' },
    ]);
    emu.context.clock.advance(40_000);
    const done = await source.getTask(T(1));
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, 100);
    assert.equal(done.finishedAt, emu.context.clock.now(), 'seen pending, then active: it became active since');
    assert.deepEqual(done.target, { id: '51002', name: 'sessions', type: 'database' });
    assert.equal(done.group, '1206');
    // The subscription created later appears, grouped under its id until the names are fetched again.
    emu.context.clock.advance(300_000);
    const snap = await source.refresh({});
    const created = snap.tasks.find(t => t.id === T(6))!;
    assert.equal(created.status, 'succeeded');
    assert.equal(created.group, '1208');
    assert.ok(snap.groups.some(g => g.id === '1208' && g.label === 'Subscription 1208'));
  });

  it('a processed delete stays running while the database is deleting, and is done once it is gone', async () => {
    const { source } = make();
    emu.context.clock.advance(125_000); // T(7) processed at 121 s; de-provisioning takes 30 s
    let t = (await source.refresh({})).tasks.find(x => x.id === T(7))!;
    assert.equal(t.providerStatus, 'processing-completed');
    assert.equal(t.status, 'running');
    assert.equal(t.steps[1].detail, 'database 51012: deleting');
    emu.context.clock.advance(30_000);
    t = (await source.refresh({})).tasks.find(x => x.id === T(7))!;
    assert.equal(t.status, 'succeeded');
  });

  it('asks for a resource only while it provisions: never for old tasks, never again once active', async () => {
    const { source, api } = make();
    const asked: string[] = [];
    const original = api.getResourceStatus.bind(api);
    api.getResourceStatus = async (ref, signal) => {
      asked.push(`${ref.subscriptionId}/${ref.databaseId ?? ''}`);
      return original(ref, signal);
    };
    await source.refresh({});
    assert.deepEqual(asked, [], 'T(2) and T(4) finished processing long ago: taken as provisioned');
    emu.context.clock.advance(80_000);
    await source.refresh({});
    assert.deepEqual(asked, ['1206/51002']);
    await source.refresh({});
    assert.deepEqual(asked, ['1206/51002'], 'not again within the recheck interval');
    emu.context.clock.advance(40_000);
    await source.refresh({});
    await source.refresh({});
    emu.context.clock.advance(60_000);
    await source.refresh({});
    assert.equal(asked.filter(a => a === '1206/51002').length, 2, 'once active, never asked again');
  });

  it('filters by status, type, time and subscription', async () => {
    const { source } = make();
    const failed = await source.refresh({ statuses: ['failed'] });
    assert.deepEqual(failed.tasks.map(t => t.id).sort(), [T(3), T(5)]);
    const types = await source.refresh({ types: ['fixedDatabaseBackupRequest'] });
    assert.deepEqual(
      types.tasks.map(t => t.id),
      [T(4)],
    );
    const now = emu.context.clock.now();
    const recent = await source.refresh({ since: now - 120_000 });
    assert.deepEqual(recent.tasks.map(t => t.id).sort(), [T(1), T(7)]);
    const old = await source.refresh({ until: now - 3_000_000 });
    assert.deepEqual(old.tasks.map(t => t.id).sort(), [T(2), T(4)]);
    const one = await source.refresh({ instanceId: '1207' });
    assert.deepEqual(
      one.groups.map(g => g.id),
      ['1207'],
    );
    assert.deepEqual(
      one.tasks.map(t => t.id),
      [T(2)],
    );
  });

  it('pages a group with "Load more"', async () => {
    const { source } = make({ pageSize: 2 });
    const snap = await source.refresh({});
    assert.equal(snap.tasks.filter(t => t.group === 'other').length, 2);
    assert.equal(snap.more.other, '2');
    assert.equal(snap.more['1207'], undefined);
    const page = await source.loadMore('other', snap.more.other, {});
    assert.equal(page.tasks.length, 2);
    assert.equal(page.next, undefined);
    const all = [...snap.tasks.filter(t => t.group === 'other'), ...page.tasks].map(t => t.id).sort();
    assert.deepEqual(all, [T(1), T(3), T(5), T(7)]);
    await assert.rejects(source.loadMore('other', 'x', {}), (e: ProviderError) => e.kind === 'bad-request');
  });

  it('reports a wrong secret as auth, without the secret', async () => {
    const { source } = make({ secret: 'wrong-secret-value' });
    await assert.rejects(source.refresh({}), (e: ProviderError) => {
      assert.equal(e.kind, 'auth');
      assert.equal(e.status, 401);
      assert.equal(e.code, 'UNAUTHORIZED');
      assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(!e.describe().includes('wrong-secret-value'));
      assert.ok(!e.describe().includes(DEMO_SECRET_KEY));
      return true;
    });
  });

  it('reports an unknown task as not-found and a bad parameter as bad-request', async () => {
    const { source, api } = make();
    await assert.rejects(
      source.getTask('no-such-task'),
      (e: ProviderError) => e.kind === 'not-found' && e.code === 'TASK_NOT_FOUND',
    );
    await assert.rejects(
      api.listDatabases({ id: 'abc', plan: 'pro' }, 0, 10),
      (e: ProviderError) => e.kind === 'bad-request' && /subscriptionId/.test(e.message),
    );
    await assert.rejects(
      api.listDatabases({ id: '1206', plan: 'pro' }, -1, 10),
      (e: ProviderError) => e.kind === 'bad-request' && /offset/.test(e.message),
    );
  });

  it("maps the server's 429 to throttled with its delay, and pauses the limiter", async () => {
    const { source, limiter } = make();
    for (let i = 0; i < 400; i++)
      await fetch(`${emu.url}/cloud/v1/tasks`, {
        headers: { 'x-api-key': DEMO_ACCOUNT_KEY, 'x-api-secret-key': DEMO_SECRET_KEY },
      });
    await assert.rejects(source.getTask(T(1)), (e: ProviderError) => {
      assert.equal(e.kind, 'throttled');
      assert.equal(e.retryAfterMs, 60_000);
      return true;
    });
    assert.equal(limiter.delayMs(), 60_000);
    emu.context.clock.advance(60_000);
    assert.equal((await source.getTask(T(1))).id, T(1));
  });

  it('slows down on a low X-Rate-Limit-Remaining before the quota runs out', async () => {
    const { source, limiter } = make();
    for (let i = 0; i < 360; i++)
      await fetch(`${emu.url}/cloud/v1/tasks`, {
        headers: { 'x-api-key': DEMO_ACCOUNT_KEY, 'x-api-secret-key': DEMO_SECRET_KEY },
      });
    assert.equal(limiter.delayMs(), 0);
    await source.getTask(T(1));
    assert.ok(limiter.delayMs() > 0, 'the next request waits');
  });

  it('works over HTTPS with a pinned certificate, built by the factory', async () => {
    const tlsEmu = await startEmulator({ modules: [createModule()], clock: 'manual' });
    try {
      const info = tlsEmu.connections()[0];
      const source = create(
        {
          id: 'rc-tls',
          name: 'tls',
          provider: 'redis-cloud',
          endpoint: info.endpoint,
          user: info.user,
          tls: { mode: 'pinned', fingerprint256: tlsEmu.certificate!.fingerprint256 },
        },
        { secret: info.secret },
        {},
      );
      try {
        const snap = await source.refresh({ statuses: ['pending'] });
        assert.deepEqual(snap.tasks.map(t => t.id).sort(), [T(1), T(7)]);
      } finally {
        await source.close();
      }
    } finally {
      await tlsEmu.close();
    }
  });

  it('refuses a connection without keys', () => {
    assert.throws(
      () => create({ id: 'x', name: 'x', provider: 'redis-cloud' }, { secret: 's' }, {}),
      (e: ProviderError) => e.kind === 'auth',
    );
    assert.throws(
      () =>
        create(
          { id: 'x', name: 'x', provider: 'redis-cloud', user: 'k', options: { pageSize: 'many' } },
          { secret: 's' },
          {},
        ),
      (e: ProviderError) => e.kind === 'bad-request',
    );
  });
});

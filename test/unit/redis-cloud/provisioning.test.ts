import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/errors';
import { Clock } from '../../../src/emulator/clock';
import { FaultInjector } from '../../../src/emulator/faults';
import { createModule, DEMO_ACCOUNT_KEY, DEMO_SECRET_KEY } from '../../../src/emulator/redis-cloud';
import type { EmulatorContext } from '../../../src/emulator/types';
import type { RedisCloudApi, ResourceRef } from '../../../src/providers/redis-cloud/api';
import { RedisCloudTaskSource } from '../../../src/providers/redis-cloud/source';
import { parseTask, type WireTask } from '../../../src/providers/redis-cloud/wire';

/**
 * The getTaskStatusUpdates example of Redis Cloud's "Manage API tasks" page: a subscription create whose processing
 * completed ("its resources are now being provisioned"), with the resource link to follow.
 */
const DOCS_TASK = {
  taskId: '36d4b04d-72d4-4404-8600-a223120a553e',
  commandType: 'subscriptionCreateRequest',
  status: 'processing-completed',
  description:
    'Request processing completed successfully and its resources are now being provisioned / de-provisioned.',
  timestamp: '2019-08-08T06:49:15.929Z',
  response: { resourceId: 77899 },
  _links: {
    resource: {
      href: 'https://api.redislabs.com/v1/subscriptions/77899',
      title: 'getSubscriptionInformation',
      type: 'GET',
    },
    self: { href: 'https://api.redislabs.com/v1/tasks/36d4b04d-72d4-4404-8600-a223120a553e', type: 'GET' },
  },
};
const COMPLETED_AT = Date.parse(DOCS_TASK.timestamp);

/** An API that answers from memory: what the source asks for, and how often, is what the tests look at. */
class FakeApi {
  tasks: unknown[] = [DOCS_TASK];
  /** The `status` of `GET /subscriptions/{id}` (the lifecycle page's provisioning states), or an error. */
  resource: string | ProviderError = 'pending';
  spare = true;
  asked: ResourceRef[] = [];

  async listTasks(): Promise<WireTask[]> {
    return this.tasks.map((t, i) => parseTask(t, `tasks[${i}]`));
  }
  async getTask(id: string): Promise<WireTask> {
    const t = this.tasks.find(x => (x as { taskId: string }).taskId === id);
    if (!t) throw new ProviderError('not-found', `no task ${id}`);
    return parseTask(t, 'task');
  }
  async listSubscriptions() {
    return [{ id: '77899', name: 'new-sub', status: 'pending', plan: 'pro' as const }];
  }
  async listFixedSubscriptions() {
    return [];
  }
  async listDatabases() {
    return { databases: [] };
  }
  hasSpareCapacity(): boolean {
    return this.spare;
  }
  async getResourceStatus(ref: ResourceRef) {
    this.asked.push(ref);
    if (this.resource instanceof ProviderError) throw this.resource;
    return { status: this.resource, raw: { id: Number(ref.subscriptionId), status: this.resource } };
  }
}

describe('redis-cloud: following a processed task through provisioning', () => {
  let now = COMPLETED_AT + 60_000;
  const make = (api: FakeApi) =>
    new RedisCloudTaskSource({
      connectionId: 'rc',
      api: api as unknown as RedisCloudApi,
      now: () => now,
      pageSize: 100,
      namesTtlMs: 300_000,
      databasePageSize: 100,
      close: async () => {},
    });
  beforeEach(() => {
    now = COMPLETED_AT + 60_000;
  });

  it("the docs' processing-completed task is running (provisioning, not 100 %) while its subscription is pending", async () => {
    const api = new FakeApi();
    const source = make(api);
    const [t] = (await source.refresh({})).tasks;
    assert.deepEqual(api.asked, [{ plan: 'pro', subscriptionId: '77899' }], 'GET /v1/subscriptions/77899');
    assert.equal(t.providerStatus, 'processing-completed');
    assert.equal(t.status, 'running');
    assert.equal(t.progress, undefined);
    assert.equal(t.finishedAt, undefined);
    assert.equal(t.currentStep, 'Provisioning');
    assert.deepEqual(t.steps, [
      { name: 'Processing', progress: 100 },
      { name: 'Provisioning', detail: 'subscription 77899: pending' },
    ]);
    assert.deepEqual(t.errors, []);

    now += 120_000;
    api.resource = 'active';
    const [done] = (await source.refresh({})).tasks;
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, 100);
    assert.equal(done.finishedAt, now);
    assert.deepEqual(done.steps, []);

    now += 60_000;
    await source.refresh({});
    await source.getTask(DOCS_TASK.taskId);
    assert.equal(api.asked.length, 2, 'an active subscription is not asked for again');
  });

  it('already active at the first look: done, finished when processing completed', async () => {
    const api = new FakeApi();
    api.resource = 'active';
    const t = await make(api).getTask(DOCS_TASK.taskId);
    assert.equal(t.status, 'succeeded');
    assert.equal(t.finishedAt, COMPLETED_AT);
  });

  it('a subscription in status error fails the task with a provisioning error', async () => {
    const api = new FakeApi();
    api.resource = 'error';
    const [t] = (await make(api).refresh({})).tasks;
    assert.equal(t.status, 'failed');
    assert.equal(t.finishedAt, now);
    assert.deepEqual(t.errors, [
      {
        message: 'Provisioning failed: the subscription 77899 reports status "error".',
        code: 'error',
        where: 'Provisioning',
      },
    ]);
  });

  it('a status that cannot be read degrades this task only: still provisioning, with the reason', async () => {
    const api = new FakeApi();
    api.resource = new ProviderError('forbidden', 'Redis Cloud refused subscription 77899 (HTTP 403).');
    const snap = await make(api).refresh({});
    assert.equal(snap.tasks[0].status, 'running');
    assert.match(snap.tasks[0].errors[0].message, /status could not be read: Redis Cloud refused subscription 77899/);
  });

  it('asks nothing for tasks processed before the window, nor while the rate limiter has no room', async () => {
    const api = new FakeApi();
    now = COMPLETED_AT + 31 * 60_000;
    const [old] = (await make(api).refresh({})).tasks;
    assert.deepEqual(api.asked, []);
    assert.equal(old.status, 'succeeded', 'processed half an hour ago: taken as provisioned');

    const busy = new FakeApi();
    busy.spare = false;
    now = COMPLETED_AT + 60_000;
    const [waiting] = (await make(busy).refresh({})).tasks;
    assert.deepEqual(busy.asked, []);
    assert.equal(waiting.status, 'running', 'not yet looked at: not called done either');
  });

  it('asks for at most five resources per refresh, newest first', async () => {
    const api = new FakeApi();
    api.tasks = Array.from({ length: 8 }, (_, i) => ({
      ...DOCS_TASK,
      taskId: `t-${i}`,
      timestamp: new Date(COMPLETED_AT + i * 1000).toISOString(),
      response: { resourceId: 100 + i },
      _links: undefined,
    }));
    await make(api).refresh({});
    assert.deepEqual(
      api.asked.map(r => r.subscriptionId),
      ['107', '106', '105', '104', '103'],
    );
  });

  it('gives up after six hours of pending: unknown, not running forever', async () => {
    const api = new FakeApi();
    const source = make(api);
    await source.refresh({});
    now = COMPLETED_AT + 6 * 3600_000 + 1;
    const [t] = (await source.refresh({})).tasks;
    assert.equal(t.status, 'unknown');
    assert.match(t.errors[0].message, /still not active/);
    const asked = api.asked.length;
    now += 60_000;
    await source.refresh({});
    assert.equal(api.asked.length, asked);
  });
});

describe('redis-cloud emulator: provisioning status of subscriptions and databases', () => {
  const headers = { 'x-api-key': DEMO_ACCOUNT_KEY, 'x-api-secret-key': DEMO_SECRET_KEY };
  const get = async (m: ReturnType<typeof createModule>, c: EmulatorContext, path: string) =>
    (await m.handle(
      {
        method: 'GET',
        url: new URL(`http://127.0.0.1:1/cloud/v1${path}`),
        headers,
        body: Buffer.alloc(0),
        host: '127.0.0.1:1',
      },
      c,
    ))!;

  it('a created subscription is absent, then pending after processing, then active', async () => {
    const m = createModule();
    const c: EmulatorContext = { clock: new Clock('manual'), scenario: 'demo', faults: new FaultInjector() };
    m.reset(c);
    assert.equal((await get(m, c, '/subscriptions/1208')).status, 404);
    c.clock.advance(202_000); // processing-completed at 202 s
    const pending = await get(m, c, '/subscriptions/1208');
    assert.equal(pending.status, 200);
    assert.equal((pending.json as { status: string }).status, 'pending');
    c.clock.advance(100_000);
    assert.equal(((await get(m, c, '/subscriptions/1208')).json as { status: string }).status, 'active');
    assert.equal(((await get(m, c, '/subscriptions/1206')).json as { status: string }).status, 'active');
    assert.equal((await get(m, c, '/fixed/subscriptions/1206')).status, 404, 'a Pro subscription is not under /fixed');
    assert.equal((await get(m, c, '/subscriptions/abc')).status, 400);
  });

  it('a deleted database is deleting, then gone from its endpoint and from the list', async () => {
    const m = createModule();
    const c: EmulatorContext = { clock: new Clock('manual'), scenario: 'demo', faults: new FaultInjector() };
    m.reset(c);
    const db = () => get(m, c, '/subscriptions/1207/databases/51012');
    assert.equal(((await db()).json as { status: string }).status, 'active');
    c.clock.advance(125_000);
    assert.equal(((await db()).json as { status: string }).status, 'deleting');
    c.clock.advance(30_000);
    assert.equal((await db()).status, 404);
    const list = (await get(m, c, '/subscriptions/1207/databases')).json as {
      subscription: { databases: { databaseId: number }[] }[];
    };
    assert.deepEqual(
      list.subscription[0].databases.map(d => d.databaseId),
      [51010, 51011],
    );
    const essentials = await get(m, c, '/fixed/subscriptions/151367/databases/51324587');
    assert.equal((essentials.json as { status: string }).status, 'active');
  });
});

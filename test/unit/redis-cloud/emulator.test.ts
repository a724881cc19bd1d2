import { strict as assert } from 'node:assert';
import { Clock } from '../../../src/emulator/clock';
import { FaultInjector } from '../../../src/emulator/faults';
import { createModule, DEMO_ACCOUNT_KEY, DEMO_SECRET_KEY } from '../../../src/emulator/redis-cloud';
import type { EmulatorContext, EmulatorRequest } from '../../../src/emulator/types';

function req(
  path: string,
  headers: Record<string, string> = { 'x-api-key': DEMO_ACCOUNT_KEY, 'x-api-secret-key': DEMO_SECRET_KEY },
  method = 'GET',
): EmulatorRequest {
  return { method, url: new URL(`http://127.0.0.1:1${path}`), headers, body: Buffer.alloc(0), host: '127.0.0.1:1' };
}

describe('redis-cloud emulator module', () => {
  const ctx = (scenario = 'demo'): EmulatorContext => ({
    clock: new Clock('manual'),
    scenario,
    faults: new FaultInjector(),
  });

  it('claims only /cloud/v1 paths', async () => {
    const m = createModule();
    const c = ctx();
    m.reset(c);
    assert.equal(await m.handle(req('/v1/bdbs'), c), undefined);
    assert.equal(await m.handle(req('/cloud/v10/tasks'), c), undefined);
    assert.equal((await m.handle(req('/cloud/v1/tasks'), c))!.status, 200);
  });

  it("rejects missing keys with the API's error shape", async () => {
    const m = createModule();
    const c = ctx();
    m.reset(c);
    const res = (await m.handle(req('/cloud/v1/tasks', { 'x-api-key': DEMO_ACCOUNT_KEY }), c))!;
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, {
      error: {
        type: 'UNAUTHORIZED',
        status: '401 UNAUTHORIZED',
        description: 'Authentication failed for requested resource',
      },
    });
  });

  it('throttles in the throttled scenario until the minute passes', async () => {
    const m = createModule();
    const c = ctx('throttled');
    m.reset(c);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await m.handle(req('/cloud/v1/tasks'), c))!.status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    c.clock.advance(60_000);
    const res = (await m.handle(req('/cloud/v1/tasks'), c))!;
    assert.equal(res.status, 200);
    assert.equal(res.headers!['x-rate-limit-remaining'], '4');
  });

  it('can answer GET /tasks with a bare array', async () => {
    const m = createModule({ bareTaskArray: true });
    const c = ctx();
    m.reset(c);
    assert.ok(Array.isArray((await m.handle(req('/cloud/v1/tasks'), c))!.json));
  });

  it('pages databases with offset and limit', async () => {
    const m = createModule();
    const c = ctx();
    m.reset(c);
    const page = (await m.handle(req('/cloud/v1/subscriptions/1207/databases?offset=2&limit=2'), c))!.json as {
      subscription: { numberOfDatabases: number; databases: { databaseId: number }[] }[];
    };
    assert.equal(page.subscription[0].numberOfDatabases, 3);
    assert.deepEqual(
      page.subscription[0].databases.map(d => d.databaseId),
      [51012],
    );
    assert.equal((await m.handle(req('/cloud/v1/subscriptions/999/databases'), c))!.status, 404);
    assert.equal((await m.handle(req('/cloud/v1/tasks', undefined, 'DELETE'), c))!.status, 405);
  });
});

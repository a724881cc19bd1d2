import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/errors';
import type { Task } from '../../../src/core/task';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createModule, type RedisEnterpriseEmulator } from '../../../src/emulator/redis-enterprise';
import { crdbTaskId } from '../../../src/emulator/redis-enterprise/crdb-tasks';
import { RedisEnterpriseSource } from '../../../src/providers/redis-enterprise';

const isKind = (kind: string, text?: string) => (e: unknown) => {
  assert.ok(e instanceof ProviderError, `expected a ProviderError, got ${String(e)}`);
  assert.equal(e.kind, kind, e.message);
  if (text) assert.ok(e.message.includes(text), e.message);
  return true;
};

describe('redis-enterprise client against the emulator (HTTPS, pinned)', () => {
  let emu: RunningEmulator;
  let mod: RedisEnterpriseEmulator;
  const sources: RedisEnterpriseSource[] = [];

  before(async () => {
    mod = createModule();
    emu = await startEmulator({ modules: [mod], clock: 'manual' });
  });
  after(async () => {
    await Promise.all(sources.map(s => s.close()));
    await emu.close();
  });

  function scenario(name: string): void {
    emu.context.scenario = name;
    emu.reset();
  }

  function source(password = 'demo-password', options?: Record<string, string>): RedisEnterpriseSource {
    const s = new RedisEnterpriseSource(
      {
        id: 'demo',
        name: 'Demo',
        provider: 'redis-enterprise',
        endpoint: emu.url,
        user: 'demo@redis.example',
        tls: { mode: 'pinned', fingerprint256: emu.certificate!.fingerprint256 },
        options,
      },
      { secret: password },
      {},
    );
    sources.push(s);
    return s;
  }

  const advance = (seconds: number) => emu.context.clock.advance(seconds * 1000);
  const byType = (tasks: Task[], type: string) => {
    const t = tasks.find(x => x.type === type);
    assert.ok(t, `no ${type} task in ${tasks.map(x => x.type).join(', ')}`);
    return t;
  };

  beforeEach(() => scenario('demo'));

  it('refresh: three groups, named targets, v2 actions with shards', async () => {
    const s = source();
    const snap = await s.refresh({});
    assert.deepEqual(
      snap.groups.map(g => [g.id, g.label, g.unsupportedReason]),
      [
        ['crdb-tasks', 'Active-Active tasks', undefined],
        ['actions', 'Actions', undefined],
        ['state-machines', 'State machines', undefined],
      ],
    );
    assert.equal(snap.groups[0].description, 'demo-cluster.redis.example');
    assert.deepEqual(snap.more, {});
    assert.equal(s.actionsApiVersion, 'v2');
    const crdb = byType(snap.tasks, 'update_crdb_config');
    assert.equal(crdb.kind, 'crdb-task');
    assert.equal(crdb.status, 'running');
    assert.equal(crdb.target?.name, 'global-cart');
    assert.equal(crdb.steps.length, 3);
    assert.equal(crdb.steps[0].detail, 'paris.demo.redis.example');
    assert.equal(crdb.progress, undefined);
    const backup = byType(snap.tasks, 'backup_bdb'); // only v2 shows backups
    assert.equal(backup.kind, 'action');
    assert.equal(backup.target?.name, 'leaderboard');
    assert.equal(backup.status, 'running');
    assert.equal(backup.shards.length, 2);
    assert.ok(backup.shards[0].heartbeatAt! > 1e12, 'heartbeat in ms');
    const sm = byType(snap.tasks, 'SMUpdateBDB');
    assert.equal(sm.group, 'state-machines');
    assert.equal(sm.target?.name, 'orders');
    assert.equal(sm.capabilities.consoleUrl, 'https://127.0.0.1:8443/');
    assert.equal(s.consoleUrl(), 'https://127.0.0.1:8443/');
  });

  it('query filters apply client-side', async () => {
    const snap = await source().refresh({ statuses: ['pending'], types: ['flush_crdb'] });
    assert.equal(snap.tasks.length, 1);
    assert.equal(snap.tasks[0].type, 'flush_crdb');
  });

  it('the demo keeps starting tasks: an hour later something still runs', async () => {
    advance(3600);
    const snap = await source().refresh({ statuses: ['pending', 'running'] });
    assert.ok(snap.tasks.some(t => t.kind === 'crdb-task'));
    assert.ok(snap.tasks.some(t => t.kind !== 'crdb-task'));
  });

  it('a failing CRDB task reports its cluster error', async () => {
    // Task 1 of the demo stream is the failing template; it failed before the start and is still readable.
    const failing = await source().getTask(crdbTaskId(1));
    assert.equal(failing.type, 'update_crdb');
    assert.equal(failing.status, 'failed');
    assert.equal(failing.errors[0].where, 'virginia.demo.redis.example');
    assert.equal(failing.errors[0].code, 'insufficient_resources');
  });

  it('getTask with a result TTL: readable within it, 404 after', async () => {
    const s = source();
    const flush = byType((await s.refresh({})).tasks, 'flush_crdb');
    const first = await s.getTask(flush.id, { resultTtlSeconds: 30 });
    assert.equal(first.status, 'pending');
    assert.ok(mod.requests.some(r => r.path === `/v1/crdb_tasks/${flush.id}?verbose=true`));
    advance(80); // it finishes at 72 s
    const done = await s.getTask(flush.id, { resultTtlSeconds: 30 });
    assert.equal(done.status, 'succeeded');
    assert.ok(done.finishedAt);
    assert.ok(!(await s.refresh({})).tasks.some(t => t.id === flush.id), 'finished tasks leave the list');
    advance(30);
    await assert.rejects(s.getTask(flush.id, { group: 'crdb-tasks' }), isKind('not-found', flush.id));
  });

  it('without a TTL a finished task stays readable for 500 s', async () => {
    const s = source();
    const flush = byType((await s.refresh({})).tasks, 'flush_crdb');
    advance(72 + 499);
    assert.equal((await s.getTask(flush.id)).status, 'succeeded');
    advance(2);
    await assert.rejects(s.getTask(flush.id), isKind('not-found'));
  });

  it('cancel before the commit phase: 200, then the task reports canceled', async () => {
    const s = source();
    const flush = byType((await s.refresh({})).tasks, 'flush_crdb');
    assert.deepEqual([flush.capabilities.cancel, flush.capabilities.forceCancel], [true, true]);
    await s.cancelTask(flush.id);
    const after = await s.getTask(flush.id);
    assert.equal(after.status, 'canceled');
    assert.equal(after.providerStatus, 'failed');
    assert.match(after.errors[0].message, /cancelled/);
  });

  it('cancel in the commit phase: 406 not-cancelable, then a forced cancel succeeds', async () => {
    const s = source();
    const commit = byType((await s.refresh({})).tasks, 'update_crdb_config');
    advance(30); // its commit phase starts at 20 s and lasts ten minutes
    await assert.rejects(s.cancelTask(commit.id), isKind('not-cancelable', 'commit phase'));
    await s.cancelTask(commit.id, { force: true });
    assert.ok(mod.requests.some(r => r.method === 'POST' && r.path.endsWith('/actions/cancel?force=true')));
    assert.equal((await s.getTask(commit.id)).status, 'canceled');
  });

  it('cancel of an unknown task: 404 with its own message', async () => {
    await assert.rejects(
      source().cancelTask('no-such-task'),
      isKind('not-found', 'Task no-such-task no longer exists on the cluster.'),
    );
  });

  it('conflict scenario: 409 carries the server message', async () => {
    scenario('conflict');
    const s = source();
    const flush = byType((await s.refresh({})).tasks, 'flush_crdb');
    await assert.rejects(s.cancelTask(flush.id), isKind('conflict', 'did not acknowledge'));
  });

  it('a cancel is sent exactly once even when the server answers 503', async () => {
    const s = source();
    const flush = byType((await s.refresh({})).tasks, 'flush_crdb');
    emu.context.faults.set([{ mode: 'status-503', pathPrefix: `/v1/crdb_tasks/${flush.id}/actions/cancel` }]);
    const before = mod.requests.length;
    await assert.rejects(s.cancelTask(flush.id), isKind('server', 'not responding'));
    assert.equal(mod.requests.slice(before).filter(r => r.method === 'POST').length, 1);
  });

  it('wrong password: auth error without the password in it', async () => {
    await assert.rejects(source('hunter2').refresh({}), (e: unknown) => {
      isKind('auth', 'rejected the user name or password')(e);
      assert.ok(!(e as Error).message.includes('hunter2'));
      return true;
    });
  });

  it('old cluster: crdb list unsupported without error, v1 actions remembered, numbers from strings', async () => {
    scenario('old-cluster');
    const s = source();
    const snap = await s.refresh({});
    assert.match(snap.groups[0].unsupportedReason ?? '', /cannot list Active-Active tasks/);
    assert.equal(snap.groups[1].unsupportedReason, undefined);
    assert.equal(s.actionsApiVersion, 'v1');
    assert.ok(!snap.tasks.some(t => t.type === 'backup_bdb'), 'v1 has no backups');
    const retry = byType(snap.tasks, 'retry_bdb');
    const raw = retry.raw as { progress: unknown; node_uid: unknown; creation_time: unknown };
    assert.equal(typeof raw.progress, 'string');
    assert.equal(typeof raw.node_uid, 'string');
    assert.equal(typeof raw.creation_time, 'string');
    assert.equal(retry.progress, Number(raw.progress));
    assert.equal(retry.startedAt, Number(raw.creation_time) * 1000);
    assert.equal(retry.target?.id, `node:${String(raw.node_uid)}`);
    assert.equal(byType(snap.tasks, 'SMCreateBDB').target?.name, 'sessions'); // names from {crdbs} / bdbs still work
    const before = mod.requests.length;
    await s.refresh({});
    assert.ok(!mod.requests.slice(before).some(r => r.path.startsWith('/v2/')), 'the v1 choice is remembered');
    // A single action is still readable, through v1.
    assert.equal((await s.getTask(retry.id)).id, retry.id);
  });

  it('a failed state machine: v1 serves its reason in `error` (no error_code), v2 in additional_info.error', async () => {
    // Demo action 4 is SMUpgradeBDB, created at 0, failing 35 s after it starts running.
    advance(60);
    const v2 = (await askModule('/v2/actions')).json as { name: string; status: string; additional_info: unknown }[];
    assert.ok(v2.length > 0);
    assert.ok(
      v2.every(a => ['pending', 'active', 'completed', 'failed'].includes(a.status)),
      v2.map(a => a.status).join(', '),
    );
    const failedV2 = v2.find(a => a.name === 'SMUpgradeBDB');
    assert.equal(failedV2?.status, 'failed');
    assert.deepEqual(
      (failedV2?.additional_info as { error?: string }).error,
      'Not enough free memory on node 3 to upgrade the shard.',
    );
    const v1 = (await askModule('/v1/actions')).json as { 'state-machines': Record<string, unknown>[] };
    const failedV1 = v1['state-machines'].find(a => a.name === 'SMUpgradeBDB');
    assert.equal(failedV1?.status, 'failed');
    assert.equal(failedV1?.error, 'Not enough free memory on node 3 to upgrade the shard.');
    assert.equal(failedV1?.error_code, undefined);
    assert.equal(failedV1?.error_message, undefined);

    scenario('old-cluster');
    advance(60);
    const s = source();
    const sm = byType((await s.refresh({})).tasks, 'SMUpgradeBDB');
    assert.equal(s.actionsApiVersion, 'v1');
    assert.equal(sm.status, 'failed');
    assert.deepEqual(sm.errors, [
      { message: 'Not enough free memory on node 3 to upgrade the shard.', code: undefined },
    ]);
  });

  it('getTask of an action with a group hint, and 404 everywhere → not-found', async () => {
    const s = source();
    const sm = byType((await s.refresh({})).tasks, 'SMUpdateBDB');
    const got = await s.getTask(sm.id, { group: 'state-machines' });
    assert.equal(got.kind, 'state-machine');
    assert.equal(got.target?.name, 'orders');
    await assert.rejects(s.getTask('missing-id'), isKind('not-found', 'missing-id'));
  });

  it('scale:1000 serves 1000 actions, mostly completed, a few running', async () => {
    scenario('scale:1000');
    const snap = await source().refresh({});
    const actions = snap.tasks.filter(t => t.kind !== 'crdb-task');
    assert.equal(actions.length, 1000);
    const running = actions.filter(t => t.status === 'running').length;
    assert.ok(running > 0 && running <= 10, `running: ${running}`);
  });

  it('the emulator answers 401 to wrong credentials with the documented body', async () => {
    const res = await askModuleWithoutCredentials('/v1/crdb_tasks');
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, { error_code: 'unauthorized', message: 'Unauthorized request. Invalid credentials.' });
  });

  async function askModuleWithoutCredentials(path: string): Promise<{ status: number; json: unknown }> {
    return askModule(path, {});
  }

  async function askModule(
    path: string,
    headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from('demo@redis.example:demo-password').toString('base64')}`,
    },
  ): Promise<{ status: number; json: unknown }> {
    const answer = await mod.handle(
      {
        method: 'GET',
        url: new URL(path, emu.url),
        headers,
        body: Buffer.alloc(0),
        host: '127.0.0.1',
      },
      emu.context,
    );
    return { status: answer!.status, json: answer!.json };
  }
});

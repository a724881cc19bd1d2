import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_SESSION_KEY_ID,
  DEMO_SESSION_SECRET,
  DEMO_SESSION_TOKEN,
  type AwsModule,
} from '../../../src/emulator/aws';
import { allModules } from '../../../src/emulator/modules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { fakeIo } from '../cli/fakes';

interface Listed {
  id: string;
  group: string;
  provider: string;
  status: string;
  name: string;
}

const UPDATE_ID = 'upd:us-east-1:rg:sessions:elasticache-20261115-001';

/**
 * `redis-tasks … --provider aws` against the whole emulator (every module, HTTPS, a pinned certificate), signing in
 * by a profile of a fake shared credentials file, as `aws configure` writes it, or by typed keys.
 */
describe('cli --provider aws against the emulated ElastiCache and MemoryDB', () => {
  let emu: RunningEmulator;
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_PROFILE'];

  before(async () => {
    emu = await startEmulator({ modules: allModules(), clock: 'manual' });
    dir = mkdtempSync(path.join(tmpdir(), 'aws-cli-'));
    for (const k of ENV) saved[k] = process.env[k];
    writeFileSync(
      path.join(dir, 'credentials'),
      `[emu]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n` +
        `[emu-temp]\naws_access_key_id = ${DEMO_SESSION_KEY_ID}\naws_secret_access_key = ${DEMO_SESSION_SECRET}\n` +
        `aws_session_token = ${DEMO_SESSION_TOKEN}\n`,
    );
    writeFileSync(path.join(dir, 'config'), '');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    delete process.env.AWS_PROFILE;
  });
  after(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dir, { recursive: true, force: true });
    await emu.close();
  });
  beforeEach(() => emu.reset());

  const aws = () => emu.modules.find(m => m.provider === 'aws') as AwsModule;

  async function run(argv: string[], env: Record<string, string> = {}, login: string[] = ['--profile', 'emu']) {
    const io = fakeIo({ env });
    const code = await runCli(
      [
        ...argv,
        '--provider',
        'aws',
        ...login,
        '--region',
        'us-east-1',
        '--endpoint',
        emu.url,
        '--fingerprint',
        emu.certificate!.fingerprint256,
      ],
      io,
      {
        // wait's pauses move the emulator's clock instead of real time.
        sleep: ms => {
          emu.context.clock.advance(ms);
          return Promise.resolve();
        },
        now: () => emu.context.clock.now(),
      },
    );
    return { code, out: io.out, err: io.err };
  }

  it('list --json by profile: the operations of the region, all of provider aws', async () => {
    const r = await run(['list', '--json']);
    assert.equal(r.code, 0, r.err);
    const tasks = JSON.parse(r.out) as Listed[];
    assert.ok(tasks.every(t => t.provider === 'aws'));
    for (const id of [
      'mod:us-east-1:rg:orders-cache',
      UPDATE_ID,
      'snap:us-east-1:sessions-before-upgrade',
      'mod:us-east-1:mdb:ledger',
    ])
      assert.ok(
        tasks.some(t => t.id === id),
        id,
      );
  });

  it('list --status running keeps exactly the running ones', async () => {
    const all = JSON.parse((await run(['list', '--json'])).out) as Listed[];
    const running = JSON.parse((await run(['list', '--json', '--status', 'running'])).out) as Listed[];
    assert.ok(all.some(t => t.status !== 'running'));
    assert.deepEqual(
      running.map(t => t.id).sort(),
      all
        .filter(t => t.status === 'running')
        .map(t => t.id)
        .sort(),
    );
  });

  it('get by id, with typed temporary keys (the secret and token from the environment)', async () => {
    const r = await run(
      ['get', UPDATE_ID, '--json'],
      { REDIS_TASKS_SECRET_KEY: DEMO_SESSION_SECRET, REDIS_TASKS_SESSION_TOKEN: DEMO_SESSION_TOKEN },
      ['--access-key-id', DEMO_SESSION_KEY_ID],
    );
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as Listed).status, 'running');
  });

  it('cancel stops the service update, sending BatchStopUpdateAction once', async () => {
    const r = await run(['cancel', UPDATE_ID]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Cancel requested/);
    assert.equal(aws().calls.BatchStopUpdateAction, 1);
    const again = await run(['cancel', UPDATE_ID]);
    assert.equal(again.code, 5, again.err);
    assert.equal(aws().calls.BatchStopUpdateAction, 1);
  });

  it('wait follows a stopped update to canceled (exit 1) and the resharding to its end (exit 0)', async () => {
    await run(['cancel', UPDATE_ID]);
    const stopped = await run(['wait', UPDATE_ID, '--interval', '60']);
    assert.equal(stopped.code, 1, stopped.err);
    assert.match(stopped.err, / {2}canceled {2}/);
    const done = await run(['wait', 'mod:us-east-1:rg:orders-cache', '--interval', '120']);
    assert.equal(done.code, 0, done.err);
    assert.match(done.err, /running +\d+%/);
    assert.match(done.err, / {2}succeeded$/m);
  });

  it('a MemoryDB service update: listed, not cancellable (exit 5, nothing sent), and wait follows it to complete', async () => {
    const id = 'mupd:us-east-1:audit-log:memorydb-20261120-001';
    const listed = JSON.parse((await run(['list', '--json'])).out) as Listed[];
    assert.equal(listed.find(t => t.id === id)?.status, 'running');
    const cancel = await run(['cancel', id]);
    assert.equal(cancel.code, 5, cancel.err);
    assert.match(cancel.err, /MemoryDB has no call to stop a service update/);
    assert.ok(!Object.keys(aws().calls).some(c => c.startsWith('Batch')), 'nothing sent to stop it');
    const done = await run(['wait', id, '--interval', '120']);
    assert.equal(done.code, 0, done.err);
    assert.match(done.err, /running +33% +1\/3 nodes updated/);
    assert.match(done.err, / {2}succeeded +100% +3\/3 nodes updated$/m);
  });

  it('an unknown profile is exit 3 naming the profile; a wrong typed secret is exit 3 without echoing it', async () => {
    const r = await run(['list'], {}, ['--profile', 'nobody']);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /profile "nobody"/);
    const wrong = 'Wr0ngAwsSecretKeyForTheTest0000000000000';
    const w = await run(['list'], { REDIS_TASKS_SECRET_KEY: wrong }, ['--access-key-id', DEMO_ACCESS_KEY_ID]);
    assert.equal(w.code, 3, w.err);
    assert.doesNotMatch(w.err + w.out, new RegExp(wrong));
  });

  it('--profile belongs to aws; aws needs a region', async () => {
    const io = fakeIo({ env: {} });
    assert.equal(await runCli(['list', '--provider', 'tencent', '--profile', 'x'], io), 2);
    assert.match(io.err, /--profile is an option of --provider aws, not of tencent/);
    const io2 = fakeIo({ env: {} });
    assert.equal(await runCli(['list', '--provider', 'aws', '--profile', 'emu'], io2), 2);
    assert.match(io2.err, /aws needs --region/);
  });
});

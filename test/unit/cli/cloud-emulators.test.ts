import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import type { ProviderId } from '../../../src/core/task';
import { allModules } from '../../../src/emulator/modules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import type { EmulatorConnectionInfo } from '../../../src/emulator/types';
import { fakeIo } from './fakes';

interface ListedTask {
  id: string;
  group: string;
  provider: string;
  status: string;
  name: string;
}

/** The flag each platform's users know for their key id (all map to the same connection field). */
// AWS has its own CLI suite (test/unit/aws/cli.test.ts): it signs in by profile as well as by key.
const KEY_FLAG: Record<Exclude<ProviderId, 'redis-enterprise' | 'aws'>, string> = {
  tencent: '--secret-id',
  alibaba: '--access-key-id',
  'redis-cloud': '--account-key',
};

for (const provider of Object.keys(KEY_FLAG)) {
  describe(`cli --provider ${provider} against the emulated API`, () => {
    let emu: RunningEmulator;
    let info: EmulatorConnectionInfo;
    let conn: string[];

    before(async () => {
      emu = await startEmulator({ modules: allModules(), clock: 'manual' });
      const found = emu.connections().find(c => c.provider === provider);
      assert.ok(found, `the emulator serves ${provider}`);
      info = found;
      conn = [
        '--provider',
        provider,
        '--endpoint',
        info.endpoint,
        KEY_FLAG[provider],
        info.user,
        '--fingerprint',
        emu.certificate!.fingerprint256,
        ...(info.region ? ['--region', info.region] : []),
      ];
    });
    after(() => emu.close());
    beforeEach(() => emu.reset());

    async function run(argv: string[], secret = info.secret) {
      const io = fakeIo({ env: { REDIS_TASKS_SECRET_KEY: secret } });
      // The emulator's clock is frozen; signed requests must carry its time, not the wall clock's.
      const code = await runCli([...argv, ...conn], io, {
        sleep: async () => undefined,
        now: () => emu.context.clock.now(),
      });
      return { code, out: io.out, err: io.err };
    }

    it("lists the account's tasks as JSON, with the secret key taken from REDIS_TASKS_SECRET_KEY", async () => {
      const r = await run(['list', '--json']);
      assert.equal(r.code, 0, r.err);
      const tasks = JSON.parse(r.out) as ListedTask[];
      assert.ok(tasks.length > 0, 'the demo account has tasks');
      assert.ok(tasks.every(t => t.provider === provider));
      assert.ok(
        tasks.every(t => typeof t.name === 'string' && t.name.length > 0),
        'every task has a readable name',
      );
    });

    it('filters by status: exactly the running tasks of the unfiltered list', async () => {
      const all = JSON.parse((await run(['list', '--json'])).out) as ListedTask[];
      const r = await run(['list', '--json', '--status', 'running']);
      assert.equal(r.code, 0, r.err);
      const running = JSON.parse(r.out) as ListedTask[];
      assert.ok(
        all.some(t => t.status !== 'running'),
        'the demo has tasks the filter must drop',
      );
      assert.deepEqual(
        running.map(t => t.id).sort(),
        all
          .filter(t => t.status === 'running')
          .map(t => t.id)
          .sort(),
      );
    });

    it('gets one listed task by id', async () => {
      const listed = JSON.parse((await run(['list', '--json'])).out) as ListedTask[];
      const first = listed[0];
      const r = await run(['get', first.id, '--json', '--instance', first.group]);
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as ListedTask).id, first.id);
    });

    it('refuses a wrong secret key with exit 3, without echoing it', async () => {
      const r = await run(['list'], 'Wr0ngSecretKeyForTheTest');
      assert.equal(r.code, 3, r.err);
      assert.match(r.err, /^redis-tasks: /);
      assert.doesNotMatch(r.err + r.out, /Wr0ngSecretKeyForTheTest/);
    });

    it('says the platform has no cancel, and sends nothing', async () => {
      const listed = JSON.parse((await run(['list', '--json'])).out) as ListedTask[];
      const r = await run(['cancel', listed[0].id]);
      assert.notEqual(r.code, 0);
      assert.match(r.err, /no API to cancel/);
    });
  });
}

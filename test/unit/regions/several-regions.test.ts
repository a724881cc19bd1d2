import { strict as assert } from 'node:assert';
import { runCli } from '../../../src/cli/run';
import { ProviderError } from '../../../src/core/errors';
import type { ConnectionConfig } from '../../../src/core/connection';
import type { TaskSource } from '../../../src/core/source';
import type { TaskGroup, TaskSnapshot } from '../../../src/core/task';
import * as alibabaEmu from '../../../src/emulator/alibaba';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import * as tencentEmu from '../../../src/emulator/tencent';
import { create as createAlibaba } from '../../../src/providers/alibaba';
import { create as createTencent } from '../../../src/providers/tencent';
import { regionIds } from '../../../src/core/connection';
import { fakeIo } from '../cli/fakes';

delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

/** Each cloud with its two emulated regions, one task known to live in the second. */
const CLOUDS = [
  {
    provider: 'tencent',
    create: createTencent,
    user: tencentEmu.DEMO_SECRET_ID,
    secret: tencentEmu.DEMO_SECRET_KEY,
    regions: ['ap-guangzhou', 'ap-shanghai'],
    regionText: 'Tencent Cloud region',
    // 1003 runs on crs-gz000002 in Guangzhou; 1008 is the one task of crs-sh000001 in Shanghai.
    first: { task: '1003', group: 'crs-gz000002' },
    second: { task: '1008', group: 'crs-sh000001' },
    options: {},
  },
  {
    provider: 'alibaba',
    create: createAlibaba,
    user: alibabaEmu.DEMO_ACCESS_KEY_ID,
    secret: alibabaEmu.DEMO_ACCESS_KEY_SECRET,
    regions: ['cn-hangzhou', 'cn-shanghai'],
    regionText: 'Alibaba Cloud region',
    first: { task: 't-emu0000000000001', group: 'r-bp1emu00000000001' },
    second: { task: 't-emu0000000000008', group: 'r-uf6emu00000000009' },
    options: { taskApi: 'DescribeHistoryTasks' },
  },
] as const;

async function faults(emu: RunningEmulator, rules: unknown[]): Promise<void> {
  const r = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(rules) });
  assert.equal(r.status, 200, await r.text());
}

const group = (s: TaskSnapshot, id: string): TaskGroup => {
  const g = s.groups.find(x => x.id === id);
  assert.ok(g, `group ${id} missing from ${s.groups.map(x => x.id).join(', ')}`);
  return g;
};

describe('regionIds: the one region field read as a list', () => {
  it('splits on commas and spaces, in order, each once', () => {
    assert.deepEqual(regionIds(' ap-guangzhou, ap-shanghai,,ap-guangzhou ap-beijing'), [
      'ap-guangzhou',
      'ap-shanghai',
      'ap-beijing',
    ]);
    assert.deepEqual(regionIds(undefined), []);
  });
});

for (const cloud of CLOUDS) {
  describe(`${cloud.provider}: a connection of several regions against the emulator`, () => {
    let emu: RunningEmulator;
    const sources: TaskSource[] = [];
    const [a, b] = cloud.regions;
    const source = (region: string) => {
      const config: ConnectionConfig = {
        id: 'multi',
        name: 'Multi',
        provider: cloud.provider,
        endpoint: emu.url,
        user: cloud.user,
        region,
        options: { ...cloud.options },
      };
      const s = cloud.create(config, { secret: cloud.secret }, { now: () => emu.context.clock.now() });
      sources.push(s);
      return s;
    };

    before(async () => {
      emu = await startEmulator({
        modules: [cloud.provider === 'tencent' ? tencentEmu.createModule() : alibabaEmu.createModule()],
        http: true,
        clock: 'manual',
      });
    });
    beforeEach(() => emu.reset());
    after(async () => {
      await Promise.all(sources.map(s => s.close()));
      await emu.close();
    });

    it('reads every region, each signed for its own: a region row over its instances, ids prefixed', async () => {
      const snap = await source(`${a},${b}`).refresh({});
      for (const region of [a, b]) {
        assert.deepEqual(group(snap, region), {
          id: region,
          label: region,
          kind: 'tasks',
          description: cloud.regionText,
        });
      }
      const first = group(snap, `${a}/${cloud.first.group}`);
      const second = group(snap, `${b}/${cloud.second.group}`);
      assert.equal(first.parent, a);
      assert.equal(second.parent, b);
      // The emulator answers each region with its own instances only: Shanghai's instance is under Shanghai alone.
      assert.ok(!snap.groups.some(g => g.id === `${a}/${cloud.second.group}`));
      assert.ok(!snap.groups.some(g => g.id === `${b}/${cloud.first.group}`));
      const t1 = snap.tasks.find(t => t.id === `${a}/${cloud.first.task}`);
      const t2 = snap.tasks.find(t => t.id === `${b}/${cloud.second.task}`);
      assert.ok(t1 && t2, 'tasks of both regions');
      assert.equal(t1.group, first.id);
      assert.equal(t2.group, second.id);
      assert.ok(
        snap.tasks.every(t => snap.groups.some(g => g.id === t.group)),
        'every task has its group',
      );
    });

    it('finds a task by its prefixed id in its region, and a bare id in whichever region has it', async () => {
      const s = source(`${a},${b}`);
      const snap = await s.refresh({});
      const listed = snap.tasks.find(t => t.id === `${b}/${cloud.second.task}`)!;
      const byPrefixed = await s.getTask(listed.id, { group: listed.group });
      assert.equal(byPrefixed.id, listed.id);
      assert.equal(byPrefixed.group, listed.group);
      const bare = await s.getTask(cloud.second.task);
      assert.equal(bare.id, listed.id);
      await assert.rejects(s.getTask(`${a}/${cloud.second.task}`), (e: unknown) => {
        assert.ok(e instanceof ProviderError);
        assert.equal(e.kind, 'not-found');
        return true;
      });
    });

    it('one region failing keeps the others current and its own last tasks, its error on its region row', async () => {
      const s = source(`${a},${b}`);
      // As the extension asks: the last seven days from now, a window that moves with every poll.
      const week = () => ({ since: emu.context.clock.now() - 7 * 86_400_000 });
      const good = await s.refresh(week());
      await faults(emu, [{ mode: 'unauthorized', provider: cloud.provider, region: b }]);
      await fetch(`${emu.url}/__emulator/clock/advance?seconds=30`, { method: 'POST' });
      const snap = await s.refresh(week());
      assert.equal(group(snap, a).failure, undefined);
      const failure = group(snap, b).failure;
      assert.ok(failure, 'the failing region says so');
      assert.equal(failure.kind, 'auth');
      assert.ok(failure.message.length > 0);
      // The other region is still read: the clock moved, so its running task moved too.
      assert.ok(snap.tasks.some(t => t.id === `${a}/${cloud.first.task}`));
      // The failing region's tasks are those it last showed.
      assert.deepEqual(
        snap.tasks.filter(t => t.id.startsWith(`${b}/`)),
        good.tasks.filter(t => t.id.startsWith(`${b}/`)),
      );
      assert.ok(snap.tasks.some(t => t.id === `${b}/${cloud.second.task}`));
      // Another filter: what the region last read does not answer it, so nothing of it is shown.
      const filtered = await s.refresh({ ...week(), statuses: ['succeeded'] });
      assert.ok(!filtered.tasks.some(t => t.id.startsWith(`${b}/`)));
      assert.ok(group(filtered, b).failure);
      await faults(emu, []);
      const again = await s.refresh({});
      assert.equal(group(again, b).failure, undefined, 'the row recovers when the region answers again');
    });

    it('a region failing on the first read shows its row and error alone; every region failing fails the refresh', async () => {
      await faults(emu, [{ mode: 'unauthorized', provider: cloud.provider, region: b }]);
      const snap = await source(`${a},${b}`).refresh({});
      assert.equal(group(snap, b).failure?.kind, 'auth');
      assert.ok(!snap.tasks.some(t => t.id.startsWith(`${b}/`)));
      assert.ok(!snap.groups.some(g => g.parent === b));
      assert.ok(snap.tasks.some(t => t.id.startsWith(`${a}/`)));
      await faults(emu, [{ mode: 'unauthorized', provider: cloud.provider }]);
      await assert.rejects(source(`${a},${b}`).refresh({}), (e: unknown) => {
        assert.ok(e instanceof ProviderError);
        assert.equal(e.kind, 'auth');
        return true;
      });
    });

    it('a connection of one region looks exactly as before: no region row, ids unprefixed', async () => {
      const snap = await source(a).refresh({});
      assert.ok(!snap.groups.some(g => g.id === a || g.parent !== undefined));
      assert.ok(snap.groups.some(g => g.id === cloud.first.group));
      assert.ok(snap.tasks.some(t => t.id === cloud.first.task && t.group === cloud.first.group));
      assert.ok(!snap.tasks.some(t => t.id.includes('/')));
    });
  });
}

describe('cli: --region a,b for Tencent and Alibaba', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ modules: [tencentEmu.createModule(), alibabaEmu.createModule()], clock: 'manual' });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  for (const cloud of CLOUDS) {
    const [a, b] = cloud.regions;
    const run = async (argv: string[]) => {
      const io = fakeIo({ env: { REDIS_TASKS_SECRET_KEY: cloud.secret } });
      const code = await runCli(
        [
          ...argv,
          '--provider',
          cloud.provider,
          '--endpoint',
          emu.url,
          cloud.provider === 'tencent' ? '--secret-id' : '--access-key-id',
          cloud.user,
          '--fingerprint',
          emu.certificate!.fingerprint256,
          '--region',
          `${a},${b}`,
        ],
        io,
        { sleep: async () => undefined, now: () => emu.context.clock.now() },
      );
      return { code, out: io.out, err: io.err };
    };

    it(`${cloud.provider}: lists both regions, gets a bare id, and a failing region exits with its error's code`, async () => {
      const all = await run(['list', '--json']);
      assert.equal(all.code, 0, all.err);
      const ids = (JSON.parse(all.out) as { id: string }[]).map(t => t.id);
      assert.ok(ids.includes(`${a}/${cloud.first.task}`) && ids.includes(`${b}/${cloud.second.task}`), ids.join(' '));

      const got = await run(['get', cloud.second.task, '--json']);
      assert.equal(got.code, 0, got.err);
      assert.equal((JSON.parse(got.out) as { id: string }).id, `${b}/${cloud.second.task}`);

      emu.context.faults.set([{ mode: 'unauthorized', provider: cloud.provider, region: b }]);
      const partial = await run(['list', '--json']);
      assert.equal(partial.code, 3, 'the exit code of the failing region (auth)');
      assert.match(partial.err, new RegExp(`^redis-tasks: ${b}: `, 'm'));
      const shown = (JSON.parse(partial.out) as { id: string }[]).map(t => t.id);
      assert.ok(shown.includes(`${a}/${cloud.first.task}`), 'the other region is listed');
      assert.ok(!shown.some(id => id.startsWith(`${b}/`)), 'nothing invented for the failing region');
    });
  }
});

import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, createModule } from '../../../src/emulator/aws';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { displayGroup, displayName } from '../../../src/extension/displayNames';
import { create } from '../../../src/providers/aws';

const ROOT = path.resolve(__dirname, '../../..');
const ZH = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

function chineseT(message: string, ...args: unknown[]): string {
  const found = (ZH as Record<string, unknown>)[message] ?? message;
  if (!args.length) return found as string;
  return String(found).replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

describe('AWS task names in Simplified Chinese', () => {
  let emu: RunningEmulator;
  const englishT = fake.l10n.t;
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
    fake.l10n.t = chineseT;
  });
  after(async () => {
    fake.l10n.t = englishT;
    await emu.close();
  });

  it('every name the provider writes itself is Chinese, with its ids kept; event messages (server text) stay', async () => {
    const source = create(
      {
        id: 'aws1',
        name: 'aws',
        provider: 'aws',
        endpoint: emu.url,
        user: DEMO_ACCESS_KEY_ID,
        region: 'us-east-1,eu-west-1',
      },
      { secret: DEMO_SECRET_ACCESS_KEY },
      { now: () => emu.context.clock.now() },
    );
    try {
      const { tasks, groups } = await source.refresh({});
      const own = tasks.filter(t => !t.id.startsWith('evt:'));
      assert.ok(own.length >= 5, `the demo's operations (${own.length})`);
      const shown = own.map(t => displayName(t.name));
      // No English word left once the ids and the names AWS gives (MemoryDB) are taken out.
      const leftover = shown.filter(s =>
        /[A-Za-z]{3,}/.test(s.replace(/MemoryDB|\([^)]*\)|[\w.-]*\d[\w.-]*|[a-z]+-[a-z-]+/g, '')),
      );
      assert.deepEqual(leftover, []);
      const update = shown.find(s => s.startsWith('服务更新 elasticache-20261115-001'));
      assert.ok(update, `a service update keeps its update name: ${shown.join(' | ')}`);
      assert.ok(
        shown.some(s => /^创建备份 sessions-before-upgrade/.test(s)),
        shown.join(' | '),
      );
      // Group descriptions: the kind of resource in Chinese, AWS's own status word after it.
      const descriptions = groups.map(g => displayGroup(g).description ?? '');
      assert.ok(descriptions.includes('AWS 区域'), descriptions.join(' | '));
      assert.ok(descriptions.includes('复制组 · modifying'), descriptions.join(' | '));
      assert.deepEqual(
        descriptions.filter(d => /[A-Za-z]{3,}/.test(d.replace(/AWS|MemoryDB|· [a-z -]+$/g, ''))),
        [],
      );
      // Not a template's match by accident: a server text that only looks similar is left alone.
      assert.equal(displayName('Service update'), 'Service update');
    } finally {
      await source.close();
    }
  });
});

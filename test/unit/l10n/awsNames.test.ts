import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, createModule } from '../../../src/emulator/aws';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { displayGroup, displayName } from '../../../src/extension/displayNames';
import { create } from '../../../src/providers/aws';
import { ProviderError } from '../../../src/core/errors';
import * as say from '../../../src/core/say';
import { errorText } from '../../../src/extension/errorText';
import type { ElastiCacheApi } from '../../../src/providers/aws/query-api';
import type { MemoryDbApi } from '../../../src/providers/aws/json-api';
import { regionSnapshot } from '../../../src/providers/aws/region';
import { resourceWords } from '../../../src/providers/aws/resources';

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
      // Tasks from events carry AWS's message as their name (an ended modification too): server text.
      const own = tasks.filter(t => t.type !== 'event');
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

  // Issue 17: "AWS 区域 · 未显示：serverless caches, global datastores" kept our own words in English.
  it('a region that does not offer some calls lists them in Chinese, in one order whichever call failed first', async () => {
    const refusedAfter = (ticks: number, e: ProviderError) =>
      new Promise<never>((_, reject) => {
        let n = ticks;
        const step = () => (n-- > 0 ? setImmediate(step) : reject(e));
        step();
      });
    const forbidden = () => new ProviderError('forbidden', say.t('Forbidden by a policy'));
    const describe = async (globalFirst: boolean) => {
      const ec = {
        call: (_region: string, action: string) => {
          if (action === 'DescribeServerlessCaches') return refusedAfter(globalFirst ? 5 : 0, forbidden());
          if (action === 'DescribeGlobalReplicationGroups') return refusedAfter(globalFirst ? 0 : 5, forbidden());
          return Promise.resolve({});
        },
      } as unknown as ElastiCacheApi;
      const memorydb = {
        call: () => Promise.reject(new ProviderError('network', say.t('Host not found'), { code: 'ENOTFOUND' })),
      } as unknown as MemoryDbApi;
      const snap = await regionSnapshot({ connectionId: 'c', elasticache: ec, memorydb }, 'ap-south-2', {
        since: 0,
        until: Date.parse('2026-12-01T00:00:00Z'),
      });
      return snap.groups.find(g => g.id === 'ap-south-2')!;
    };
    const a = await describe(false);
    const b = await describe(true);
    assert.equal(a.description, 'AWS region · not shown: serverless caches, global datastores, MemoryDB clusters');
    assert.equal(b.description, a.description, 'the same words whichever call ended first');
    assert.equal(displayGroup(a).description, 'AWS 区域 · 未显示：无服务器缓存、全局数据存储、MemoryDB 集群');
    // Data that is not made only of our words stays as it is.
    const odd = { ...a, description: 'AWS region · not shown: serverless caches, something else' };
    assert.equal(displayGroup(odd).description, 'AWS 区域 · 未显示：serverless caches, something else');
  });

  it('AWS resources inside translated errors are named in Chinese, their ids kept', () => {
    const e = new ProviderError('not-found', say.t('{0} was not found.', resourceWords('rg', 'rg-1')));
    assert.equal(e.message, 'replication group rg-1 was not found.');
    const shown = errorText(e);
    assert.match(shown, /复制组 rg-1/);
    assert.doesNotMatch(shown, /replication group/);
    for (const [rtype, word] of [
      ['cc', '缓存集群'],
      ['sc', '无服务器缓存'],
      ['gds', '全局数据存储'],
      ['mdb', 'MemoryDB 集群'],
    ] as const)
      assert.equal(errorText(new ProviderError('not-found', resourceWords(rtype, 'x-1'))), `${word} x-1`);
  });
});

import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, createModule } from '../../../src/emulator/aws';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { displayGroup, displayName, displayStep, displayTask } from '../../../src/extension/displayNames';
import type { Task } from '../../../src/core/task';
import { modificationTask, snapshotTask, updateActionTask } from '../../../src/providers/aws/tasks';
import { resourceState } from '../../../src/providers/aws/status-map';
import { create } from '../../../src/providers/aws';
import { ProviderError } from '../../../src/core/errors';
import * as say from '../../../src/core/say';
import { errorText } from '../../../src/extension/errorText';
import type { ElastiCacheApi } from '../../../src/providers/aws/query-api';
import type { MemoryDbApi } from '../../../src/providers/aws/json-api';
import { regionSnapshot } from '../../../src/providers/aws/region';
import { readResource, resourceWords } from '../../../src/providers/aws/resources';

/** Every string value in an AWS answer: ids, values, AWS's own status words and event messages, all data. */
function awsValues(raw: unknown, out: string[] = []): string[] {
  if (typeof raw === 'string') out.push(raw);
  else if (Array.isArray(raw)) for (const v of raw) awsValues(v, out);
  else if (raw && typeof raw === 'object') for (const v of Object.values(raw)) awsValues(v, out);
  return out;
}

/** What a view shows of a task's steps, their details, its current step and its errors, as displayTask gives it. */
function shownTexts(task: Task): string[] {
  const t = displayTask(task);
  return [
    ...t.steps.flatMap(s => [s.name, s.detail ?? '']),
    t.currentStep ?? '',
    ...t.errors.map(e => e.message),
  ].filter(Boolean);
}

/**
 * The English words of ours left in texts, once AWS's own text (every value of the task's raw answer, any case) and
 * ids, numbers and times are taken out. "MemoryDB" is a product name.
 */
function englishOfOurs(texts: string[], raw: unknown): string[] {
  const data = [...new Set(awsValues(raw))].filter(v => v.trim()).sort((a, b) => b.length - a.length);
  return texts.filter(text => {
    let rest = text;
    for (const v of data)
      rest = rest
        .split(v)
        .join(' ')
        .replace(new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ');
    rest = rest.replace(/MemoryDB|\d{4}-\d\d-\d\dT[\d:.]+Z|[\w.-]*\d[\w.-]*/g, ' ');
    return /[A-Za-z]{3,}/.test(rest);
  });
}

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

  // Issue 17: "2/6 nodes updated", "node type a → b", "member cluster", "The replication group is create-failed."
  // stayed English in a Chinese VS Code.
  it('the steps, current steps and errors our AWS code writes read in Chinese over the demo; AWS’s own text stays', async () => {
    const source = create(
      { id: 'aws1', name: 'aws', provider: 'aws', endpoint: emu.url, user: DEMO_ACCESS_KEY_ID, region: 'us-east-1' },
      { secret: DEMO_SECRET_ACCESS_KEY },
      { now: () => emu.context.clock.now() },
    );
    try {
      const seen: { task: Task; texts: string[] }[] = [];
      // Before, during and after the demo's operations: pending values, node-level update states, then their ends.
      for (const seconds of [0, 600, 1800]) {
        emu.context.clock.advance(seconds * 1000);
        const { tasks } = await source.refresh({});
        for (const t of tasks) {
          seen.push({ task: t, texts: shownTexts(t) });
          // An event's steps are AWS's messages, even those with a colon: not one character changes.
          if (t.type === 'event') {
            assert.deepEqual(displayTask(t).steps, t.steps);
            // No status word of AWS's, so no "Provider status" line: it read "event", our English.
            assert.equal(t.providerStatus, '');
          }
        }
      }
      // A running modification's first steps are its events so far: AWS's messages, as the finished tasks carry them.
      const events = seen.filter(s => s.task.type === 'event').map(s => s.task.raw);
      for (const { task, texts } of seen)
        assert.deepEqual(englishOfOurs(texts, [task.raw, events]), [], `${task.name}: ${texts.join(' | ')}`);
      const all = seen.flatMap(s => s.texts);
      assert.ok(
        all.some(s => /^已更新 \d\/6 个节点$/.test(s)),
        'the update’s nodes count',
      );
      assert.ok(all.includes('catalog-0001-001: 节点类型 cache.r6g.large → cache.r6g.xlarge'), 'a member’s change');
      assert.ok(
        all.some(s => /^分片 0001 \/ sessions-0001-001 \/ 0001: (in-progress|complete)$/.test(s)),
        'a node’s state: our word for the shard, AWS’s for its state',
      );
      // A node's times are times of its step, which the details view writes in the reader's locale: no ISO text.
      assert.ok(!all.some(s => /\d{4}-\d\d-\d\dT\d\d:/.test(s)), 'a node’s times are not text');
      assert.ok(all.includes('在线重新分片（槽迁移）'));
      assert.ok(all.includes('节点 0001'), 'a backup’s node');
    } finally {
      await source.close();
    }
  });

  it('every pending change, a member’s state, a failed resource and a failed backup read in Chinese', () => {
    const ctx = { connectionId: 'c', region: 'us-east-1', group: 'g' };
    const rg = readResource(
      'rg',
      {
        ReplicationGroupId: 'orders',
        Status: 'modifying',
        PendingModifiedValues: {
          PrimaryClusterId: 'orders-002',
          AutomaticFailoverStatus: 'enabled',
          AuthTokenStatus: 'SETTING',
          TransitEncryptionEnabled: 'false',
          TransitEncryptionMode: 'preferred',
          ClusterMode: 'compatible',
          UserGroups: { UserGroupIdsToAdd: { member: 'ug-1' }, UserGroupIdsToRemove: { member: 'ug-2' } },
          LogDeliveryConfigurations: {
            PendingLogDeliveryConfiguration: [{ LogType: 'slow-log' }, { LogType: 'engine-log' }],
          },
          Resharding: { SlotMigration: { ProgressPercentage: '10' } },
        },
      },
      'us-east-1',
    )!;
    const member = readResource(
      'cc',
      {
        CacheClusterId: 'orders-001',
        CacheClusterStatus: 'rebooting cluster nodes',
        ReplicationGroupId: 'orders',
        CacheNodeType: 'cache.r6g.large',
        NumCacheNodes: '1',
        EngineVersion: '7.0',
        PendingModifiedValues: {
          CacheNodeType: 'cache.r6g.xlarge',
          NumCacheNodes: '2',
          EngineVersion: '7.1',
          CacheNodeIdsToRemove: { CacheNodeId: ['0002'] },
          LogDeliveryConfigurations: { PendingLogDeliveryConfiguration: { LogType: 'slow-log' } },
        },
      },
      'us-east-1',
    )!;
    const mdb = readResource(
      'mdb',
      {
        Name: 'ledger',
        Status: 'updating',
        PendingUpdates: {
          ACLs: { ACLToApply: 'open-access' },
          ServiceUpdates: [
            { ServiceUpdateName: 'memorydb-001', Status: 'available' },
            { ServiceUpdateName: 'memorydb-002' },
          ],
        },
      },
      'us-east-1',
    )!;
    const sc = readResource(
      'sc',
      { ServerlessCacheName: 'carts', Status: 'available', PendingModifiedValues: {} },
      'us-east-1',
    )!;
    const tasks = [
      modificationTask(rg, ctx, [member]),
      modificationTask(mdb, ctx),
      modificationTask(
        readResource('rg', { ReplicationGroupId: 'orders', Status: 'create-failed' }, 'us-east-1')!,
        ctx,
      ),
      modificationTask({ ...sc, status: 'create-failed', raw: { ...sc.raw, Status: 'create-failed' } }, ctx),
      snapshotTask(
        'snap',
        {
          SnapshotName: 'nightly',
          SnapshotStatus: 'failed',
          CacheClusterId: 'orders-001',
          NodeSnapshots: { NodeSnapshot: [{ CacheNodeId: '0001', SnapshotCreateTime: '2026-12-01T00:00:00Z' }] },
        },
        ctx,
        0,
      ),
      updateActionTask(
        {
          ServiceUpdateName: 'elasticache-001',
          CacheClusterId: 'solo',
          UpdateActionStatus: 'in-progress',
          NodesUpdated: '0/1',
          CacheNodeUpdateStatus: { CacheNodeUpdateStatus: [{ NodeUpdateEndDate: '2026-12-01T00:00:00Z' }] },
        },
        ctx,
      ),
    ].map(t => t!);
    for (const t of tasks) {
      const texts = shownTexts(t);
      assert.ok(texts.length > 0, t.name);
      assert.deepEqual(englishOfOurs(texts, t.raw), [], `${t.name}: ${texts.join(' | ')}`);
    }
    const all = tasks.flatMap(shownTexts);
    for (const expected of [
      '主集群 → orders-002',
      '自动故障转移 → enabled',
      '身份验证令牌 setting',
      '传输中加密 → 停用',
      '传输中加密模式 → preferred',
      '集群模式 → compatible',
      '添加用户组 ug-1',
      '移除用户组 ug-2',
      '日志传输（2 项更改）',
      'orders-001: 日志传输（1 项更改）',
      'orders-001: rebooting cluster nodes',
      '成员集群',
      'orders-001: 节点类型 cache.r6g.large → cache.r6g.xlarge',
      'orders-001: 节点数 1 → 2',
      'orders-001: 引擎版本 7.0 → 7.1',
      'orders-001: 移除节点 0002',
      '访问控制列表 → open-access',
      '服务更新 memorydb-001（available）',
      '服务更新 memorydb-002（待应用）',
      '复制组处于 create-failed 状态。',
      '无服务器缓存处于 create-failed 状态。',
      '快照 nightly 失败。',
      'solo: 未知',
    ])
      assert.ok(all.includes(expected), `${expected} in ${all.join(' | ')}`);
    assert.ok(!all.some(s => /\d{4}-\d\d-\d\dT\d\d:/.test(s)), `no ISO time as text: ${all.join(' | ')}`);
    // The English the CLI prints is unchanged by all this.
    assert.equal(tasks[2].errors[0].message, 'The replication group is create-failed.');
    assert.equal(tasks[0].steps.find(s => s.detail)?.detail, 'member cluster');
    // A status word no table knows names the task with it; AWS's word stays.
    assert.equal(displayName(resourceState('melting').name), '未知状态 melting');
    assert.equal(displayName(resourceState(undefined).name), '未报告状态');
  });

  it('only AWS tasks and only our texts: another provider’s step, or server text that looks alike, stays as sent', () => {
    assert.equal(displayStep('node type a → b', 'redis-enterprise'), 'node type a → b');
    assert.equal(displayStep('node type a → b', 'aws'), '节点类型 a → b');
    // An event message with a colon goes through "{0}: {1}" unchanged: neither part is ours.
    const event = 'Failed to modify engine version of replication group rg: InsufficientCacheClusterCapacity';
    assert.equal(displayStep(event, 'aws'), event);
    assert.equal(displayStep('Node type changed', 'aws'), 'Node type changed');
    // A long text is a server's: not matched at all, however it reads (and not walked colon by colon).
    const hostile = `${'x: '.repeat(20_000)}node type a → b`;
    assert.equal(displayStep(hostile, 'aws'), hostile);
    assert.equal(displayStep(`${'x'.repeat(480)}: node type a → b`, 'aws'), `${'x'.repeat(480)}: 节点类型 a → b`);
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

import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TaskStore } from '../../../src/core/store';
import { demoName } from '../../../src/extension/demo';
import { buildDetailsModel } from '../../../src/extension/details/model';
import { displayName, displayTask, groupDisplayName } from '../../../src/extension/displayNames';
import { RunningStatusBar } from '../../../src/extension/statusBar';
import { GroupNode, TaskNode } from '../../../src/extension/tree/nodes';
import { taskLabel } from '../../../src/extension/tree/format';
import { crdbOperationLabel } from '../../../src/providers/redis-enterprise/labels';
import { taskTypeName as tencentTypeName } from '../../../src/providers/tencent/task-types';
import { englishDetailsLabels } from '../details/fixtures';
import { snapshot, task } from '../extension/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const ZH = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/**
 * VS Code's `l10n.t` as the extension host implements it: a plain-object lookup (so `bundle['constructor']` is a
 * function), then `{n}` substitution only when there are arguments.
 */
function chineseT(message: string, ...args: unknown[]): string {
  const found = (ZH as Record<string, unknown>)[message] ?? message;
  if (!args.length) return found as string;
  return String(found).replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

describe('provider names shown in the display language', () => {
  const englishT = fake.l10n.t;
  before(() => {
    fake.l10n.t = chineseT;
  });
  after(() => {
    fake.l10n.t = englishT;
  });

  const state = { cancelling: false, stale: false, now: 2_000_000, connectionName: 'Prod' };

  it('translates a provider table name and leaves unknown names, codes and server text as they are', () => {
    assert.equal(displayName(crdbOperationLabel('create_crdb')), '创建 Active-Active 数据库');
    assert.equal(displayName(tencentTypeName('028')), '扩缩容');
    assert.equal(displayName('resync_crdb_peer'), 'resync_crdb_peer');
    assert.equal(displayName(''), '');
  });

  it('a server name that is an Object.prototype member comes back unchanged, not as a function', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      assert.equal(displayName(name), name);
  });

  it('tree: task rows, their accessible names and the provider-named groups; instance names stay untouched', () => {
    const t = task('7', { name: 'Create Active-Active database' });
    const node = new TaskNode(t, state);
    assert.equal(node.label, '运行中 · 创建 Active-Active 数据库');
    assert.match(String(node.description), /^orders-db · /);
    assert.match(node.accessibilityInformation!.label, /^orders-db 上的任务 创建 Active-Active 数据库, 运行中/);
    assert.match((node.tooltip as { value: string }).value, /\*\*创建 Active\\-Active 数据库\*\*/);
    const group = new GroupNode('c1', { id: 'crdb', label: 'Active-Active tasks', kind: 'crdb-tasks' }, [t]);
    assert.equal(group.label, 'Active-Active 任务');
    assert.match(group.accessibilityInformation!.label, /^Active-Active 任务, 1 个运行中$/);
    assert.equal(
      groupDisplayName({ id: 'r-1', label: 'Actions', kind: 'instance' }),
      'Actions',
      'an instance named "Actions" keeps its name',
    );
    assert.equal(groupDisplayName({ id: 'other', label: 'Other tasks', kind: 'tasks' }), '其他任务');
  });

  it("the demo's connections are named in the display language; a name the extension does not know stays", () => {
    assert.equal(demoName('Demo cluster'), '演示集群');
    assert.equal(demoName('Redis Cloud (emulated)'), 'Redis Cloud（模拟）');
    assert.equal(demoName('Tencent Cloud Redis (emulated)'), '腾讯云 Redis（模拟）');
    assert.equal(demoName('Alibaba Cloud (emulated)'), '阿里云（模拟）');
    assert.equal(demoName('AWS ElastiCache (emulated)'), 'AWS ElastiCache（模拟）');
    assert.equal(demoName('Someone else (emulated)'), 'Someone else (emulated)');
    // Every demo connection an emulator module names (src/emulator/<provider>/index.ts) is one of them.
    const dir = path.join(ROOT, 'src/emulator');
    const named = readdirSync(dir, { withFileTypes: true })
      .filter(d => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.ts')))
      .flatMap(d =>
        [...readFileSync(path.join(dir, d.name, 'index.ts'), 'utf8').matchAll(/\bname: '([^']+)'/g)].map(m => m[1]),
      );
    assert.ok(named.length >= 5, named.join(', '));
    for (const n of named) assert.notEqual(demoName(n), n, `the demo name "${n}" is translated`);
  });

  it('status bar tooltip lists running tasks by their translated name', () => {
    const store = new TaskStore();
    const bar = new RunningStatusBar(store, () => 'Prod');
    store.applySnapshot('c1', snapshot([task('1', { name: 'Migrate shards', target: undefined })]));
    const item = bar.item as unknown as { text: string; tooltip: { value: string } };
    assert.match(item.tooltip.value, /- 迁移分片 · 运行中 · Prod/);
    assert.equal(item.text, '$(sync~spin) 1 个运行中');
    bar.dispose();
  });

  it("Redis Cloud's own phase names are translated in the row, tooltip and details; a server's step name is not", () => {
    const provisioning = task('11', {
      provider: 'redis-cloud',
      name: 'Create subscription',
      progress: undefined,
      currentStep: 'Provisioning',
      steps: [
        { name: 'Processing', progress: 100 },
        { name: 'Provisioning', detail: 'subscription 1208: pending' },
      ],
    });
    const node = new TaskNode(provisioning, state);
    assert.match(String(node.label), /^运行中 · /);
    assert.match(String(node.description), / · 资源开通 · /);
    assert.match((node.tooltip as { value: string }).value, /资源开通/);
    const shown = displayTask(provisioning);
    assert.deepEqual(
      shown.steps.map(s => s.name),
      ['请求处理', '资源开通'],
    );
    assert.equal(shown.currentStep, '资源开通');
    assert.equal(provisioning.currentStep, 'Provisioning', 'the stored task is not changed');
    const serverStep = task('12', { currentStep: 'Started', progress: undefined, steps: [{ name: 'Started' }] });
    assert.equal(displayTask(serverStep).currentStep, 'Started', 'a step a server named keeps its text');
  });

  it('details model: the title and heading are translated, the raw payload and type code are not', () => {
    const t = task('9', {
      name: 'Restart instance',
      type: 'RestartIns',
      raw: { TaskType: 'RestartIns', name: 'Restart instance' },
    });
    const model = buildDetailsModel(
      displayTask(t),
      { connectionName: 'Prod', stale: false, cancelling: false },
      englishDetailsLabels(),
      2_000_000,
    );
    assert.equal(model.name, '重启实例');
    assert.equal(model.title, '重启实例 · orders-db');
    assert.ok(model.fields.some(f => f.value === 'RestartIns'));
    assert.match(model.raw!.text, /"name": "Restart instance"/);
    assert.equal(t.name, 'Restart instance', 'the stored task is not changed');
    assert.equal(taskLabel(t), '重启实例 · orders-db');
  });
});

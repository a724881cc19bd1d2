import './fakeVscode';
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { CANCEL_PATIENCE_MS, TaskStore } from '../../../src/core/store';
import type { ConnectionConfig } from '../../../src/core/connection';
import { TaskTreeProvider } from '../../../src/extension/tree/provider';
import {
  type ConnectionNode,
  ErrorNode,
  FoldNode,
  GroupNode,
  LoadMoreNode,
  MessageNode,
  TaskNode,
  type TreeNode,
} from '../../../src/extension/tree/nodes';
import { relativeTime, taskContextValue } from '../../../src/extension/tree/format';
import { snapshot, task } from './fixtures';

const NOW = 1_000_000 + 3 * 60_000;
const conns: ConnectionConfig[] = [
  {
    id: 'c1',
    name: 'Prod cluster',
    provider: 'redis-enterprise',
    endpoint: 'https://prod:9443',
    user: 'admin@example.com',
  },
  { id: 'c2', name: 'Cloud', provider: 'redis-cloud', endpoint: 'https://api.redislabs.com/v1' },
];

function setup() {
  const store = new TaskStore(() => NOW);
  const tree = new TaskTreeProvider({ store, connections: () => conns, consoleUrl: () => undefined, now: () => NOW });
  const fired: (TreeNode | TreeNode[] | undefined)[] = [];
  tree.onDidChangeTreeData(e => fired.push(e));
  return { store, tree, fired };
}

function expandAll(tree: TaskTreeProvider): {
  connection: ConnectionNode;
  groups: GroupNode[];
  children: Map<string, TreeNode[]>;
} {
  const [connection] = tree.getChildren() as ConnectionNode[];
  const children = new Map<string, TreeNode[]>();
  const top = tree.getChildren(connection);
  children.set(connection.id!, top);
  const groups = top.filter((n): n is GroupNode => n instanceof GroupNode);
  for (const g of groups) children.set(g.id!, tree.getChildren(g));
  return { connection, groups, children };
}

describe('TaskTreeProvider', () => {
  it('shows connection → groups → tasks, running first then newest', () => {
    const { store, tree } = setup();
    store.applySnapshot(
      'c1',
      snapshot([
        task('1', { status: 'succeeded', startedAt: 900_000, finishedAt: 950_000 }),
        task('2', { status: 'running', startedAt: 500_000 }),
        task('3', { status: 'failed', startedAt: 990_000 }),
        task('4', { status: 'running', startedAt: 800_000, progress: 45 }),
      ]),
    );
    const { connection, groups, children } = expandAll(tree);
    assert.equal(connection.label, 'Prod cluster');
    assert.deepEqual(
      groups.map(g => g.label),
      ['Active-Active tasks', 'Actions'],
    );
    const rows = children.get(groups[0].id!)!.filter((n): n is TaskNode => n instanceof TaskNode);
    assert.deepEqual(
      rows.map(r => r.taskId),
      ['4', '2', '3', '1'],
    );
  });

  it('a task row: readable label, status text + progress + relative time, spinning coloured icon, tooltip, a11y', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', snapshot([task('7', { status: 'running', progress: 45, providerStatus: 'started' })]));
    const { groups, children } = expandAll(tree);
    const row = children.get(groups[0].id!)![0] as TaskNode;
    // Status and progress first: at the 300 px default sidebar the name may be cut, the status must not be.
    assert.equal(row.label, 'Running 45% · create_crdb');
    assert.equal(row.description, 'orders-db · started 3 min. ago');
    const icon = row.iconPath as { id: string; color?: { id: string } };
    assert.equal(icon.id, 'sync~spin');
    assert.equal(icon.color?.id, 'charts.blue');
    const tip = (row.tooltip as { value: string }).value;
    // The provider's own word is labelled as such, once, and only when it says more than ours.
    assert.match(tip, /Status: Running {2}\nProvider status: started/);
    assert.doesNotMatch(tip, /Status: [^\n]*\(/);
    assert.match(tip, /Task ID: 7/);
    assert.match(tip, /Prod cluster/);
    assert.match(row.accessibilityInformation!.label, /Task create_crdb on orders-db, Running, 45%/);
    assert.equal(row.id, 't/c1/7');
    assert.equal(row.command?.command, 'redisTasks.openTaskDetails');
  });

  it('a pending task at 0% reads "Pending", not "Pending 0%"; a running one at 0% keeps its 0%', () => {
    const { store, tree } = setup();
    store.applySnapshot(
      'c1',
      snapshot([
        task('1', { status: 'pending', progress: 0, startedAt: 3 }),
        task('2', { status: 'running', progress: 0, startedAt: 2 }),
        task('3', { status: 'pending', progress: 20, startedAt: 1 }),
      ]),
    );
    const { groups, children } = expandAll(tree);
    const rows = children.get(groups[0].id!)! as TaskNode[];
    assert.deepEqual(Object.fromEntries(rows.map(r => [r.taskId, r.label])), {
      '1': 'Pending · create_crdb',
      '2': 'Running 0% · create_crdb',
      '3': 'Pending 20% · create_crdb',
    });
    assert.doesNotMatch(rows.find(r => r.taskId === '1')!.accessibilityInformation!.label, /0%/);
  });

  it('finished tasks say so in words, not only colour', () => {
    const { store, tree } = setup();
    store.applySnapshot(
      'c1',
      snapshot([
        task('1', { status: 'failed', finishedAt: NOW - 2 * 3600_000 }),
        task('2', { status: 'succeeded', finishedAt: NOW - 10_000 }),
      ]),
    );
    const { groups, children } = expandAll(tree);
    const rows = children.get(groups[0].id!) as TaskNode[];
    const byId = new Map(rows.map(r => [r.taskId, r]));
    assert.match(String(byId.get('1')!.label), /^Failed · /);
    assert.match(String(byId.get('1')!.description), /finished 2 hr\. ago$/);
    assert.equal((byId.get('1')!.iconPath as { color: { id: string } }).color.id, 'testing.iconFailed');
    assert.match(String(byId.get('2')!.label), /^Succeeded · /);
    assert.equal((byId.get('2')!.iconPath as { color: { id: string } }).color.id, 'testing.iconPassed');
  });

  it('escapes markdown in server text shown in tooltips', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1', { name: '[click](command:evil)' })]));
    const { groups, children } = expandAll(tree);
    const tip = ((children.get(groups[0].id!)![0] as TaskNode).tooltip as { value: string }).value;
    assert.ok(!tip.includes('[click](command:evil)'));
    assert.ok(tip.includes('\\[click\\]\\(command:evil\\)'));
  });

  it('a failing connection shows one error row with a retry, and keeps its last tasks, marked stale once', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1')]));
    store.applyError('c1', new ProviderError('network', 'Cannot reach prod:9443.'));
    const { connection, groups, children } = expandAll(tree);
    const top = children.get(connection.id!)!;
    const errors = top.filter((n): n is ErrorNode => n instanceof ErrorNode);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].label, 'Cannot reach prod:9443.');
    assert.equal(errors[0].command?.command, 'redisTasks.refreshConnection');
    assert.equal(errors[0].contextValue, 'connectionError');
    assert.match(String(connection.description), /stale/);
    // Said on the connection row, in each row's tooltip and spoken label: not appended to every row's text.
    const row = children.get(groups[0].id!)![0] as TaskNode;
    assert.doesNotMatch(String(row.description), /stale/);
    assert.match((row.tooltip as { value: string }).value, /Last known data/);
    assert.match(row.accessibilityInformation!.label, /stale$/);
  });

  it('shows a Load more row when a group has more than a page', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1')], { crdb: 'cursor-2' }));
    const { groups, children } = expandAll(tree);
    const last = children.get(groups[0].id!)!.at(-1)!;
    assert.ok(last instanceof LoadMoreNode);
    assert.equal(last.command?.command, 'redisTasks.loadMore');
    assert.deepEqual(last.command?.arguments, [{ connectionId: 'c1', groupId: 'crdb' }]);
    assert.ok(!children.get(groups[1].id!)!.some(n => n instanceof LoadMoreNode));
  });

  it('an empty or unsupported group says so', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', {
      groups: [
        {
          id: 'crdb',
          label: 'Active-Active tasks',
          kind: 'crdb-tasks',
          unsupportedReason: 'This cluster does not list CRDB tasks.',
        },
      ],
      tasks: [],
      more: {},
    });
    const { groups, children } = expandAll(tree);
    const [row] = children.get(groups[0].id!)!;
    assert.ok(row instanceof MessageNode);
    assert.equal(row.label, 'This cluster does not list CRDB tasks.');
  });

  it('an empty group names the filter when one is on, even when the server was asked with it and sent nothing', () => {
    const store = new TaskStore(() => NOW);
    let filtering = false;
    let hideFinished = false;
    const tree = new TaskTreeProvider({
      store,
      connections: () => [conns[0]],
      consoleUrl: () => undefined,
      now: () => NOW,
      shows: t => !hideFinished || t.status === 'running',
      filtering: () => filtering,
    });
    const emptyRows = () => {
      const { groups, children } = expandAll(tree);
      return groups.map(g => children.get(g.id!)!.map(n => String(n.label)));
    };
    // The server filtered: the instance came back with no task at all.
    store.applySnapshot('c1', {
      groups: [
        { id: 'orders', label: 'orders-cache', kind: 'instance' },
        { id: 'analytics', label: 'analytics', kind: 'instance' },
      ],
      tasks: [task('1', { group: 'analytics', status: 'succeeded' })],
      more: {},
    });
    const before = emptyRows();
    assert.deepEqual(before[0], ['No tasks']);
    assert.equal(before[1].length, 1);
    assert.doesNotMatch(before[1][0], /No tasks/);
    filtering = true;
    hideFinished = true;
    tree.refreshAll();
    assert.deepEqual(emptyRows(), [['No tasks match the filter'], ['No tasks match the filter']]);
    // A connection with no group at all says it too.
    store.applySnapshot('c1', { groups: [], tasks: [], more: {} });
    tree.refreshAll();
    const [connection] = tree.getChildren();
    assert.deepEqual(
      tree.getChildren(connection).map(n => String(n.label)),
      ['No tasks match the filter'],
    );
    filtering = false;
    tree.refreshAll();
    assert.deepEqual(
      tree.getChildren(tree.getChildren()[0]).map(n => String(n.label)),
      ['No tasks'],
    );
  });

  it('fires a change for exactly the task row that changed, as the same object', () => {
    const { store, tree, fired } = setup();
    store.applySnapshot('c1', snapshot([task('1', { progress: 10 }), task('2', { progress: 20 })]));
    const { groups, children } = expandAll(tree);
    const row = (children.get(groups[0].id!) as TaskNode[]).find(r => r.taskId === '2')!;
    fired.length = 0;
    store.applySnapshot('c1', snapshot([task('1', { progress: 10 }), task('2', { progress: 30 })]));
    assert.equal(fired.length, 1);
    assert.deepEqual(fired[0], [row]);
    assert.equal(row.label, 'Running 30% · create_crdb');
  });

  it('fires the group when its order changes, and the connection when its text changes', () => {
    const { store, tree, fired } = setup();
    store.applySnapshot(
      'c1',
      snapshot([task('1', { startedAt: 1 }), task('2', { status: 'succeeded', startedAt: 2 })]),
    );
    const { connection, groups } = expandAll(tree);
    fired.length = 0;
    store.applySnapshot(
      'c1',
      snapshot([task('1', { status: 'succeeded', startedAt: 1 }), task('2', { status: 'succeeded', startedAt: 2 })]),
    );
    assert.deepEqual(fired, [[groups[0]]]);
    fired.length = 0;
    store.applyError('c1', new ProviderError('auth', 'Wrong password.'));
    assert.deepEqual(fired, [[connection]]);
  });

  it('folds five or more alike finished tasks into one row, newest first, and unfolds when one changes outcome', () => {
    const { store, tree, fired } = setup();
    const backups = Array.from({ length: 6 }, (_, i) =>
      task(`b${i}`, { name: 'Automatic backup', status: 'succeeded', startedAt: 1000 + i, finishedAt: 2000 + i }),
    );
    const others = [
      task('r', { status: 'running', startedAt: 5000 }),
      task('f', { name: 'Automatic backup', status: 'failed', startedAt: 900, finishedAt: 1900 }),
    ];
    store.applySnapshot('c1', snapshot([...backups, ...others]));
    const { groups, children } = expandAll(tree);
    const rows = children.get(groups[0].id!)!;
    assert.deepEqual(
      rows.map(r => (r instanceof FoldNode ? `fold:${r.fold.tasks.length}` : (r as TaskNode).taskId)),
      ['r', 'fold:6', 'f'],
      'the failed backup stays on its own, where it is seen',
    );
    const fold = rows[1] as FoldNode;
    assert.equal(fold.label, 'Succeeded · Automatic backup');
    assert.match(String(fold.description), /^6 tasks · latest finished /);
    const inside = tree.getChildren(fold) as TaskNode[];
    assert.deepEqual(
      inside.map(t => t.taskId).sort(),
      backups.map(b => b.id),
    );
    assert.equal(tree.getParent(inside[0]), fold, 'reveal() finds a folded task');
    // One of them turns out failed: it leaves the fold (the group is redrawn).
    fired.length = 0;
    store.applySnapshot('c1', snapshot([...backups.slice(0, 5), { ...backups[5], status: 'failed' }, ...others]));
    assert.ok(
      fired.some(f => Array.isArray(f) && f.includes(groups[0])),
      'the group is redrawn',
    );
    const again = tree.getChildren(groups[0]);
    assert.equal((again.find(r => r instanceof FoldNode) as FoldNode).fold.tasks.length, 5);
  });

  it('a group row says what its name does not: never the cluster again, nor an id the name carries', () => {
    const family = new GroupNode(
      'c1',
      { id: 'crdb', label: 'Active-Active tasks', kind: 'crdb-tasks', description: 'prod.example.com' },
      [],
    );
    assert.equal(family.description, undefined);
    assert.match(String(family.tooltip), /prod\.example\.com/, 'the cluster is still in the tooltip');
    const unnamed = new GroupNode(
      'c2',
      { id: '1208', label: 'Subscription 1208', kind: 'subscription', description: 'Pro · 1208' },
      [],
    );
    assert.equal(unnamed.description, 'Pro');
    const named = new GroupNode(
      'c2',
      { id: '1207', label: 'analytics-eu', kind: 'subscription', description: 'Pro · 1207' },
      [],
    );
    assert.equal(named.description, 'Pro · 1207');
  });

  it('marks a cancelling task with words and a different icon', () => {
    const { store, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1')]));
    const { groups, children } = expandAll(tree);
    const row = children.get(groups[0].id!)![0] as TaskNode;
    store.markCancelling('c1', '1');
    assert.match(String(row.label), /^Cancelling… · /);
    assert.equal((row.iconPath as { id: string }).id, 'loading~spin');
    assert.ok(!/;cancelable/.test(row.contextValue!), 'no second cancel while cancelling');
  });
});

describe('TaskTreeProvider: a cancel that never ends the task (issue 13)', () => {
  it('after CANCEL_PATIENCE_MS still running: the status again, the request time in the tooltip, cancel offered again', () => {
    let now = NOW;
    const store = new TaskStore(() => now);
    const tree = new TaskTreeProvider({ store, connections: () => conns, consoleUrl: () => undefined, now: () => now });
    const fired: unknown[] = [];
    tree.onDidChangeTreeData(e => fired.push(e));
    store.applySnapshot('c1', snapshot([task('1', { progress: 40 })]));
    const { groups, children } = expandAll(tree);
    const row = children.get(groups[0].id!)![0] as TaskNode;
    store.markCancelling('c1', '1');
    assert.match(String(row.label), /^Cancelling… 40% · /);

    now += CANCEL_PATIENCE_MS - 1_000;
    store.applySnapshot('c1', snapshot([task('1', { progress: 40 })]));
    assert.match(String(row.label), /^Cancelling… 40% · /, 'within the bound the row still says so');

    now += 1_000;
    const before = fired.length;
    store.applySnapshot('c1', snapshot([task('1', { progress: 40 })]));
    assert.ok(fired.length > before, 'the row is redrawn when the bound passes');
    assert.match(String(row.label), /^Running 40% · /);
    assert.equal((row.iconPath as { id: string }).id, 'sync~spin');
    assert.ok(/;cancelable/.test(row.contextValue!), 'the cancel is offered again');
    const tip = (row.tooltip as { value: string }).value;
    assert.match(
      tip,
      /A cancel was requested at .+ and accepted, but the task is still running\\?\. You can cancel it again/,
    );
    assert.match(tip, /Status: Running/);
  });
});

describe('TaskTreeProvider: a connection of several regions', () => {
  const multi: ConnectionConfig[] = [
    { id: 'tc', name: 'Tencent', provider: 'tencent', user: 'AKID', region: 'ap-guangzhou,ap-shanghai' },
  ];
  const groups = (failure?: { kind: string; message: string }) => [
    { id: 'ap-guangzhou', label: 'ap-guangzhou', kind: 'tasks' as const, description: 'Tencent Cloud region' },
    { id: 'ap-guangzhou/crs-1', label: 'orders', kind: 'instance' as const, parent: 'ap-guangzhou' },
    {
      id: 'ap-shanghai',
      label: 'ap-shanghai',
      kind: 'tasks' as const,
      description: 'Tencent Cloud region',
      ...(failure ? { failure } : {}),
    },
    { id: 'ap-shanghai/crs-2', label: 'sh-cache', kind: 'instance' as const, parent: 'ap-shanghai' },
  ];
  const tasks = [
    task('ap-guangzhou/1', { source: 'tc', group: 'ap-guangzhou/crs-1' }),
    task('ap-shanghai/2', { source: 'tc', group: 'ap-shanghai/crs-2' }),
  ];

  it('shows region rows over their instances; a failing region says so on its row, its tasks kept under it', () => {
    const store = new TaskStore(() => NOW);
    const tree = new TaskTreeProvider({ store, connections: () => multi, consoleUrl: () => undefined, now: () => NOW });
    store.applySnapshot('tc', { groups: groups(), tasks, more: {} });
    const [connection] = tree.getChildren() as ConnectionNode[];
    const regions = tree.getChildren(connection) as GroupNode[];
    assert.deepEqual(
      regions.map(r => r.label),
      ['ap-guangzhou', 'ap-shanghai'],
    );
    assert.equal(regions[1].description, 'Tencent Cloud region · 1 running', 'counts the tasks of its instances');
    const sh = tree.getChildren(regions[1]);
    assert.deepEqual(
      sh.map(n => n.label),
      ['sh-cache'],
    );

    store.applySnapshot('tc', {
      groups: groups({ kind: 'network', message: 'Could not reach redis.tencentcloudapi.com:443.' }),
      tasks,
      more: {},
    });
    const again = tree.getChildren(connection) as GroupNode[];
    const failed = again.find(g => g.label === 'ap-shanghai')!;
    assert.equal(failed.description, 'not read: Could not reach redis.tencentcloudapi.com:443. · 1 running');
    assert.equal((failed.iconPath as { id: string }).id, 'error');
    assert.match(String(failed.tooltip), /^ap-shanghai could not be read: Could not reach .*last showed/);
    assert.equal(again.find(g => g.label === 'ap-guangzhou')!.iconPath instanceof Object, true);
    assert.notEqual((again.find(g => g.label === 'ap-guangzhou')!.iconPath as { id: string }).id, 'error');
    const kept = tree.getChildren(failed) as GroupNode[];
    assert.deepEqual(
      tree.getChildren(kept[0]).map(n => (n as TaskNode).taskId),
      ['ap-shanghai/2'],
    );
  });
});

describe('task contextValue tokens', () => {
  const match = (cv: string, token: string) => new RegExp(`;${token}(;|$)`).test(cv);

  it('cancelable only with the capability and an active status', () => {
    assert.ok(match(taskContextValue(task('1', { status: 'running' }), { cancelling: false }), 'cancelable'));
    assert.ok(match(taskContextValue(task('1', { status: 'pending' }), { cancelling: false }), 'cancelable'));
    assert.ok(!match(taskContextValue(task('1', { status: 'succeeded' }), { cancelling: false }), 'cancelable'));
    assert.ok(
      !match(
        taskContextValue(task('1', { capabilities: { cancel: false, forceCancel: false } }), { cancelling: false }),
        'cancelable',
      ),
    );
  });

  it('forceCancelable only where the provider supports it', () => {
    assert.ok(match(taskContextValue(task('1'), { cancelling: false }), 'forceCancelable'));
    const cloud = task('1', { provider: 'redis-cloud', capabilities: { cancel: false, forceCancel: false } });
    assert.equal(taskContextValue(cloud, { cancelling: false }), 'task');
  });

  it('hasConsole from the task or the connection; the documented regex does not confuse cancelable with forceCancelable', () => {
    assert.ok(
      match(
        taskContextValue(task('1', { capabilities: { cancel: false, forceCancel: false, consoleUrl: 'https://x' } }), {
          cancelling: false,
        }),
        'hasConsole',
      ),
    );
    assert.ok(
      match(
        taskContextValue(task('1', { status: 'succeeded', capabilities: { cancel: false, forceCancel: false } }), {
          cancelling: false,
          consoleUrl: 'https://y',
        }),
        'hasConsole',
      ),
    );
    const forceOnly = taskContextValue(task('1'), { cancelling: true });
    assert.equal(forceOnly, 'task;forceCancelable');
    assert.ok(
      !/cancelable/.test(forceOnly),
      '`viewItem =~ /cancelable/` is case-sensitive: forceCancelable does not match it',
    );
  });
});

// Issue 17: Stop Update in the confirmation, but "Cancel Task" in the menus and "Cancelling…" on the row.
describe("the words of the task's provider: AWS stops a service update, Redis Enterprise cancels", () => {
  const awsConn: ConnectionConfig = { id: 'a1', name: 'AWS', provider: 'aws', region: 'us-east-1' };
  const update = (over: Partial<Parameters<typeof task>[1]> = {}) =>
    task('upd:us-east-1:rg:orders:elasticache-20261115-001', {
      source: 'a1',
      provider: 'aws',
      kind: 'cloud-task',
      name: 'Service update elasticache-20261115-001',
      target: { id: 'orders' },
      capabilities: { cancel: true, forceCancel: false },
      ...over,
    });
  const tokens = (cv: string) => cv.split(';');

  it('an AWS update that can be stopped carries stopWord beside cancelable; a Redis Enterprise task does not', () => {
    assert.deepEqual(tokens(taskContextValue(update(), { cancelling: false })), ['task', 'cancelable', 'stopWord']);
    assert.deepEqual(tokens(taskContextValue(task('1'), { cancelling: false })), [
      'task',
      'cancelable',
      'forceCancelable',
    ]);
    assert.equal(
      taskContextValue(update(), { cancelling: true }),
      'task',
      'nothing to stop while the stop is on its way',
    );
    assert.equal(taskContextValue(update({ status: 'succeeded' }), { cancelling: false }), 'task');
    assert.equal(
      taskContextValue(update({ capabilities: { cancel: false, forceCancel: false } }), { cancelling: false }),
      'task',
      'an AWS task that cannot be stopped has no word token either',
    );
  });

  it('after the stop is accepted the row, its tooltip and its spoken label say "Stopping…"; ten minutes on, "A stop was requested"', () => {
    let now = NOW;
    const store = new TaskStore(() => now);
    const tree = new TaskTreeProvider({
      store,
      connections: () => [conns[0], awsConn],
      consoleUrl: () => undefined,
      now: () => now,
    });
    store.applySnapshot('c1', snapshot([task('1')]));
    store.applySnapshot('a1', snapshot([update({ progress: 50 })]));
    const rows = (connectionId: string) => {
      const connection = (tree.getChildren() as ConnectionNode[]).find(c => c.connectionId === connectionId)!;
      const groups = tree.getChildren(connection).filter((n): n is GroupNode => n instanceof GroupNode);
      return tree.getChildren(groups[0]) as TaskNode[];
    };
    const [aws] = rows('a1');
    const [re] = rows('c1');
    assert.match(aws.contextValue!, /;stopWord(;|$)/);
    store.markCancelling('a1', update().id);
    store.markCancelling('c1', '1');
    assert.match(String(aws.label), /^Stopping… 50% · /);
    assert.match((aws.tooltip as { value: string }).value, /Status: Stopping…/);
    assert.match(String(aws.accessibilityInformation?.label), /Stopping…/);
    assert.doesNotMatch(String(aws.label), /Cancel/);
    assert.match(String(re.label), /^Cancelling… · /, 'Redis Enterprise keeps its words');
    assert.match((re.tooltip as { value: string }).value, /Status: Cancelling…/);

    now += CANCEL_PATIENCE_MS;
    store.applySnapshot('a1', snapshot([update({ progress: 50 })]));
    store.applySnapshot('c1', snapshot([task('1')]));
    assert.match(String(aws.label), /^Running 50% · /);
    assert.match(aws.contextValue!, /;cancelable;stopWord(;|$)/, 'the stop is offered again, in its words');
    const tip = (aws.tooltip as { value: string }).value;
    assert.match(
      tip,
      /A stop was requested at .+ and accepted, but the service update is still running\\?\. You can stop it again/,
    );
    assert.doesNotMatch(tip, /A cancel was requested/);
    assert.match((re.tooltip as { value: string }).value, /A cancel was requested at /);
  });
});

describe('relative times', () => {
  it('never reads as future when the server clock is ahead of ours', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    assert.doesNotMatch(relativeTime(now + 4000, now), /^in /);
    assert.match(relativeTime(now - 3 * 60_000, now), /3 min/);
  });
});

describe('server text in labels', () => {
  it('shows bidirectional overrides as visible marks, so a name cannot be disguised', async () => {
    const { taskLabel } = await import('../../../src/extension/tree/format');
    const { task } = await import('./fixtures');
    const label = taskLabel(task('1', { name: 'update \u202Egifnoc', target: undefined }));
    assert.equal(label, 'update [U+202E]gifnoc');
  });
});

import * as assert from 'node:assert/strict';
import {
  PROVIDERS,
  addConnections,
  connectionRow,
  connectionTo,
  findTask,
  run,
  taskRows,
  waitFor,
  type RecordingEmulator,
  type RedisTasksApi,
  type Task,
  type TreeRow,
  useFreshExtension,
} from './support';

// The words the tree uses, repeated here on purpose: a change of wording should be a visible, reviewed change.
const PROVIDER_LABEL: Readonly<Record<string, string>> = {
  'redis-enterprise': 'Redis Enterprise',
  'redis-cloud': 'Redis Cloud',
  tencent: 'Tencent Cloud',
  alibaba: 'Alibaba Cloud',
  aws: 'Amazon ElastiCache',
} as const;
const STATUS_TEXT: Record<Task['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  paused: 'Paused',
  interrupted: 'Interrupted',
  unknown: 'Unknown',
  ended: 'Finished, final state unknown',
};

const id = (p: string) => `tree-${p}`;

describe('tree: connection → groups → tasks, from the emulator', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;

  before(async () => {
    ({ a, emu } = setup);
    await addConnections(
      a,
      PROVIDERS.map(p => connectionTo(emu, p, id(p))),
    );
  });

  /** Every task row says what the store holds for it, in the tree's words and menu tokens. */
  function assertRowsMatchStore(connectionId: string, row: TreeRow): void {
    const rows = taskRows(row);
    assert.equal(rows.length, a.store.allTasks(connectionId).length, 'every loaded task has exactly one row');
    // The group a task row is drawn in: its nearest ancestor that is a group (not a fold).
    const groupOf = new Map<TreeRow, TreeRow>();
    const walk = (r: TreeRow, group?: TreeRow): void => {
      for (const c of r.children) {
        if (c.node.type === 'task' && group) groupOf.set(c, group);
        walk(c, c.node.type === 'group' ? c : group);
      }
    };
    walk(row);
    for (const r of rows) {
      assert.equal(r.node.type, 'task');
      const ref = r.node as unknown as { connectionId: string; taskId: string };
      const task = a.store.task(connectionId, ref.taskId);
      assert.ok(task, `row ${r.label} has no task in the store`);
      // Status first (readable at 300 px), then the name; the target follows unless the group already names it.
      assert.ok(r.label.startsWith(STATUS_TEXT[task.status]), `"${r.label}" starts with the status of ${task.id}`);
      assert.ok(r.label.endsWith(` · ${task.name}`), `"${r.label}" ends with the name of ${task.id}`);
      const target = task.target?.name ?? task.target?.id;
      const group = groupOf.get(r);
      if (target)
        assert.ok(
          r.description.startsWith(target) || `${group?.label} ${group?.description}`.includes(target),
          `"${r.description}" (in ${group?.label}) names the target ${target}`,
        );
      const tokens = r.contextValue.split(';');
      assert.equal(tokens[0], 'task');
      const active = task.status === 'running' || task.status === 'pending' || task.status === 'paused';
      assert.equal(
        tokens.includes('cancelable'),
        task.capabilities.cancel && active,
        `cancelable token of ${r.label} (${r.contextValue})`,
      );
      assert.equal(
        tokens.includes('forceCancelable'),
        task.capabilities.forceCancel && active,
        `forceCancelable token of ${r.label}`,
      );
      assert.equal(r.item.command?.command, 'redisTasks.openTaskDetails', 'a click opens the details');
    }
  }

  for (const provider of PROVIDERS) {
    it(`shows the ${provider} connection with its groups and tasks`, async () => {
      const row = await connectionRow(a, id(provider));
      assert.equal(row.label, a.connections.get(id(provider))?.name);
      assert.ok(row.description.startsWith(PROVIDER_LABEL[provider]), row.description);
      assert.doesNotMatch(row.description, /error|stale|loading/);
      assert.equal(row.contextValue, 'connection');
      const groups = row.children.filter(c => c.node.type === 'group');
      assert.ok(groups.length > 0, 'at least one group');
      assert.deepEqual(
        groups.map(g => g.label),
        // A group under another (an AWS instance under its region, the demo has two regions) is drawn under it.
        a.store
          .connection(id(provider))!
          .groups.filter(g => !g.parent)
          .map(g => g.label),
        "groups in the store's order",
      );
      assert.ok(taskRows(row).length > 0, 'at least one task');
      assertRowsMatchStore(id(provider), row);
    });
  }

  it('Redis Enterprise: CRDB tasks, actions and state machines; only CRDB tasks can be cancelled', async () => {
    const row = await connectionRow(a, id('redis-enterprise'));
    assert.deepEqual(
      row.children.map(g => g.label),
      ['Active-Active tasks', 'Actions', 'State machines'],
    );
    const crdb = row.children[0].children;
    const config = crdb.find(r => r.label === 'Running · Update Active-Active configuration');
    assert.ok(config, `CRDB rows: ${crdb.map(r => r.label).join(', ')}`);
    // notifiable: Notify Me When Done (issue 13) is offered while a task runs.
    assert.equal(config.contextValue, 'task;cancelable;forceCancelable;hasConsole;notifiable');
    assert.match(config.description, /^global-cart · started /);
    for (const r of [...row.children[1].children, ...row.children[2].children].filter(x => x.node.type === 'task')) {
      assert.doesNotMatch(r.contextValue, /cancelable/i, `${r.label} is an action: no cancel in the API`);
    }
  });

  it('Redis Cloud groups by subscription; its tasks have no cancel', async () => {
    const row = await connectionRow(a, id('redis-cloud'));
    assert.ok(
      row.children.some(g => g.label === 'Other tasks'),
      row.children.map(g => g.label).join(', '),
    );
    assert.ok(
      row.children.some(g => /^(Pro|Essentials) · \d+/.test(g.description)),
      'subscription groups say plan and id',
    );
    for (const r of taskRows(row)) assert.doesNotMatch(r.contextValue, /cancelable/i);
  });

  it('Tencent and Alibaba (two demo regions each) group by region, then instance with its id as description', async () => {
    for (const [provider, regions, prefix] of [
      ['tencent', ['ap-guangzhou', 'ap-shanghai'], /^crs-/],
      ['alibaba', ['cn-hangzhou', 'cn-shanghai'], /^r-/],
    ] as const) {
      const row = await connectionRow(a, id(provider));
      assert.deepEqual(
        row.children.map(g => g.label),
        regions,
      );
      for (const region of row.children) {
        const instances = region.children.filter(g => g.node.type === 'group');
        assert.ok(instances.length > 0, `${provider} ${String(region.label)} has instances`);
        assert.ok(
          instances.every(g => prefix.test(g.description)),
          instances.map(g => g.description).join(', '),
        );
      }
    }
  });

  it('a task that starts on the server shows as Running after the clock moves and Refresh runs', async () => {
    const conn = id('redis-enterprise');
    const queued = findTask(a, conn, t => t.kind === 'crdb-task' && t.status === 'pending');
    assert.ok(queued, 'the demo cluster has a queued CRDB task at start');
    const before = a.tree.taskNode(conn, queued.id);
    assert.match(String(before?.label), /^Pending · /);
    // Queued 20 s at most, then about 45 s of steps: 30 s later it runs and is not yet committing.
    await emu.advance(30);
    await run('redisTasks.refresh');
    const now = await waitFor(
      a,
      () => a.store.task(conn, queued.id)?.status === 'running' && a.store.task(conn, queued.id),
      'the queued task to run',
    );
    const row = (await connectionRow(a, conn)).children[0].children.find(
      r => (r.node as unknown as { taskId: string }).taskId === now.id,
    );
    assert.ok(row);
    assert.match(row.label, /^Running\b/);
    // The same node object is updated in place, so VS Code keeps selection and expansion.
    assert.equal(row.node, before);
  });
});

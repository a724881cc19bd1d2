import './fakeVscode';
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { TaskStore } from '../../../src/core/store';
import type { TaskGroup, TaskSnapshot } from '../../../src/core/task';
import { ConnectionNode, GroupNode, MessageNode, TaskNode, type TreeNode } from '../../../src/extension/tree/nodes';
import { TaskTreeProvider } from '../../../src/extension/tree/provider';
import { task } from './fixtures';

const NOW = 2_000_000;
const aws: ConnectionConfig = { id: 'c1', name: 'AWS', provider: 'aws', region: 'us-east-1,eu-west-1' };

/** What the AWS source reports: a group per region, and each instance's group under its region (`parent`). */
function awsSnapshot(regions: string[], regionTasks = false): TaskSnapshot {
  const groups: TaskGroup[] = [];
  const tasks = [];
  for (const r of regions) {
    groups.push({ id: r, label: r, kind: 'tasks' });
    groups.push({ id: `${r}/rg/orders`, label: 'orders', kind: 'instance', parent: r });
    tasks.push(task(`mod:${r}:rg:orders`, { provider: 'aws', group: `${r}/rg/orders`, status: 'running' }));
    if (regionTasks) tasks.push(task(`evt:${r}:x`, { provider: 'aws', group: r, status: 'succeeded' }));
  }
  return { groups, tasks, more: {} };
}

function setup() {
  const store = new TaskStore(() => NOW);
  const tree = new TaskTreeProvider({ store, connections: () => [aws], consoleUrl: () => undefined, now: () => NOW });
  const fired: (TreeNode | TreeNode[] | undefined)[] = [];
  tree.onDidChangeTreeData(e => fired.push(e));
  const top = () => tree.getChildren(tree.getChildren()[0]);
  return { store, tree, fired, top };
}

describe('tree: a region level for a connection of several regions', () => {
  it('two regions: connection → region → instance → tasks; the region row counts its instances’ running tasks', () => {
    const { store, tree, top } = setup();
    store.applySnapshot('c1', awsSnapshot(['us-east-1', 'eu-west-1']));
    const regions = top() as GroupNode[];
    assert.deepEqual(
      regions.map(r => r.label),
      ['us-east-1', 'eu-west-1'],
    );
    assert.match(String(regions[0].description), /1 running/);
    const under = tree.getChildren(regions[0]);
    assert.deepEqual(
      under.map(n => (n instanceof GroupNode ? `group ${String(n.label)}` : n.constructor.name)),
      ['group orders'],
      'the instance, and no "No tasks" row for a region with no task of its own',
    );
    const rows = tree.getChildren(under[0]);
    const first = rows[0];
    assert.ok(first instanceof TaskNode);
    assert.equal(first.taskId, 'mod:us-east-1:rg:orders');
    assert.equal(tree.getParent(under[0]), regions[0], 'reveal walks up through the region');
  });

  it('one region: instances directly under the connection, as for every other provider; the region row only with tasks of its own', () => {
    const { store, top } = setup();
    store.applySnapshot('c1', awsSnapshot(['us-east-1']));
    assert.deepEqual(
      top().map(n => n.label),
      ['orders'],
    );
    store.applySnapshot('c1', awsSnapshot(['us-east-1'], true));
    assert.deepEqual(
      top().map(n => n.label),
      ['us-east-1', 'orders'],
    );
    assert.ok(!top().some(n => n instanceof MessageNode));
  });

  it('the connection tooltip lists the regions and says how the connection signs in (never a secret)', () => {
    const tip = (c: ConnectionConfig) =>
      // The Markdown as rendered: escapes (a backslash before each hyphen) taken out.
      String((new ConnectionNode(c, undefined, NOW).tooltip as { value: string }).value).replace(/\\(.)/g, '$1');
    assert.match(tip({ ...aws, options: { profile: 'prod-sso' } }), /Region: us-east-1, eu-west-1/);
    assert.match(tip({ ...aws, options: { profile: 'prod-sso' } }), /Sign-in: A named profile "prod-sso"/);
    assert.match(tip(aws), /Sign-in: The default credential chain/);
    assert.doesNotMatch(tip({ ...aws, user: 'AKIAEXAMPLE' }), /Sign-in/, 'typed keys: the user line says it');
  });

  // Only the region row said "not read": the rows under it read as current although they were the last known data.
  it('rows under a region that could not be read say in their tooltip that they are its last known data', () => {
    const { store, tree, fired, top } = setup();
    store.applySnapshot('c1', awsSnapshot(['us-east-1', 'eu-west-1']));
    const rowsOf = (i: number) => {
      const region = (top() as GroupNode[])[i];
      return tree.getChildren(tree.getChildren(region)[0]) as TaskNode[];
    };
    // The tooltip is Markdown, with what came from a server escaped.
    const tip = (n: TaskNode) => (n.tooltip as { value: string }).value.replace(/\\/g, '');
    assert.doesNotMatch(tip(rowsOf(1)[0]), /Last known data/);
    fired.length = 0;
    const snap = awsSnapshot(['us-east-1', 'eu-west-1']);
    snap.groups[2] = { ...snap.groups[2], failure: { kind: 'auth', message: 'The security token is invalid.' } };
    store.applySnapshot('c1', snap);
    assert.ok(fired.length > 0, 'the change is drawn');
    const eu = rowsOf(1)[0];
    assert.match(tip(eu), /Last known data: eu-west-1 could not be read in the latest refresh\./);
    assert.match(String(eu.accessibilityInformation?.label), /stale/);
    assert.doesNotMatch(tip(rowsOf(0)[0]), /Last known data/, 'the region that was read is current');
    assert.doesNotMatch(String(eu.description ?? ''), /stale/, 'said once: on the region row and in the tooltip');
  });

  it('an instance task that finishes redraws the region row whose count it changes', () => {
    const { store, tree, fired, top } = setup();
    store.applySnapshot('c1', awsSnapshot(['us-east-1', 'eu-west-1']));
    const regions = top() as GroupNode[];
    for (const r of regions) for (const g of tree.getChildren(r)) tree.getChildren(g);
    fired.length = 0;
    const snap = awsSnapshot(['us-east-1', 'eu-west-1']);
    snap.tasks[0] = { ...snap.tasks[0], status: 'succeeded', finishedAt: NOW };
    store.applySnapshot('c1', snap);
    const redrawn = fired.flatMap(f => (Array.isArray(f) ? f : f ? [f] : []));
    assert.ok(redrawn.includes(regions[0]), 'the us-east-1 row is redrawn');
    assert.doesNotMatch(String(regions[0].description ?? ''), /running/);
    assert.match(String(regions[1].description), /1 running/);
  });
});

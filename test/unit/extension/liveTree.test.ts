import './fakeVscode';
import * as assert from 'node:assert/strict';
import { TaskStore } from '../../../src/core/store';
import type { ConnectionConfig } from '../../../src/core/connection';
import { Clock } from '../../../src/emulator/clock';
import { RunningBadge } from '../../../src/extension/statusBar';
import { GroupNode } from '../../../src/extension/tree/nodes';
import { AGE_REFRESH_MS, TaskTreeProvider } from '../../../src/extension/tree/provider';
import { FakeTreeView } from '../truth/fakeTreeView';
import { ManualTimer } from '../truth/rig';
import { snapshot, task } from './fixtures';

const conns: ConnectionConfig[] = [
  { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint: 'https://p:9443' },
];

function setup(shows: (t: { status: string }) => boolean = () => true) {
  const clock = new Clock('manual');
  const timer = new ManualTimer(clock);
  const store = new TaskStore(() => clock.now());
  const tree = new TaskTreeProvider({ store, connections: () => conns, consoleUrl: () => undefined, timer, shows });
  tree.setVisible(true);
  const view = new FakeTreeView(tree);
  return { clock, timer, store, tree, view };
}

describe('the tree is live', () => {
  it('ages are drawn again while the view is visible, with no store change and no request', () => {
    const { clock, timer, store, view, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1', { startedAt: clock.now() - 5_000 })]));
    assert.match(view.taskRows()[0].description, /started 5 sec\. ago/);
    timer.advance(9 * 60_000);
    assert.match(view.taskRows()[0].description, /started 9 min\. ago/);
    tree.setVisible(false);
    const drawn = view.redraws;
    timer.advance(10 * 60_000);
    assert.equal(view.redraws, drawn, 'hidden: nothing is drawn');
    tree.setVisible(true);
    assert.match(view.taskRows()[0].description, /started 19 min\. ago/, 'shown again: drawn at once');
    assert.ok(AGE_REFRESH_MS <= 60_000);
    tree.dispose();
  });

  it('group rows count running tasks only, queued apart', () => {
    const { store, view, tree } = setup();
    store.applySnapshot('c1', snapshot([task('1', { status: 'pending' }), task('2', { status: 'pending' })]));
    const group = view.rows().find(r => r.node instanceof GroupNode && r.node.groupId === 'crdb')!;
    assert.equal(group.description, '2 queued', 'not "2 running"');
    store.applySnapshot('c1', snapshot([task('1'), task('2', { status: 'pending' })]));
    const again = view.rows().find(r => r.node instanceof GroupNode && r.node.groupId === 'crdb')!;
    assert.equal(again.description, '1 running · 1 queued');
    tree.dispose();
  });

  it('kept tasks obey the filter: a finished task the filter hides is not drawn', () => {
    const { store, view, tree } = setup(t => t.status !== 'succeeded');
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    store.applySnapshot('c1', snapshot([task('2')]));
    store.upsertTask(task('1', { status: 'succeeded', finishedAt: 1 }));
    assert.deepEqual(
      view.taskRows().map(r => r.node.task.id),
      ['2'],
    );
    tree.dispose();
  });

  it('the badge shows the running count, and none when nothing runs', () => {
    const store = new TaskStore();
    const target: { badge?: { value: number } } = {};
    const badge = new RunningBadge(store, target as never);
    store.applySnapshot('c1', snapshot([task('1'), task('2'), task('3', { status: 'pending' })]));
    assert.equal(target.badge?.value, 2);
    store.applySnapshot('c1', snapshot(['1', '2', '3'].map(id => task(id, { status: 'succeeded' }))));
    assert.equal(target.badge, undefined);
    badge.dispose();
  });
});

import * as assert from 'node:assert/strict';
import { countRunning } from '../../../src/core/counts';
import { ProviderError } from '../../../src/core/errors';
import {
  CANCEL_PATIENCE_MS,
  PERSISTED_TASKS_PER_CONNECTION,
  TaskStore,
  compareTasks,
  type StoreChange,
} from '../../../src/core/store';
import { snapshot, task } from './fixtures';

function record(store: TaskStore): StoreChange[] {
  const events: StoreChange[] = [];
  store.onDidChange(e => events.push(e));
  return events;
}

describe('TaskStore', () => {
  it('starts a connection as loading, then ok with its groups and tasks in display order', () => {
    const store = new TaskStore(() => 42);
    store.ensureConnection('c1');
    assert.equal(store.connection('c1')?.status, 'loading');
    store.applySnapshot(
      'c1',
      snapshot([
        task('1', { status: 'succeeded', startedAt: 3000 }),
        task('2', { status: 'running', startedAt: 1000 }),
        task('3', { status: 'failed', startedAt: 5000 }),
        task('4', { status: 'pending', startedAt: 2000 }),
      ]),
    );
    const view = store.connection('c1')!;
    assert.equal(view.status, 'ok');
    assert.equal(view.stale, false);
    assert.equal(view.updatedAt, 42);
    assert.deepEqual(
      view.groups.map(g => g.id),
      ['crdb', 'actions'],
    );
    // running first (newest first among them), then the rest newest first
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['4', '2', '3', '1'],
    );
  });

  it('one task changing among 10,000 emits exactly one task event and no group or connection event', () => {
    const store = new TaskStore();
    const many = Array.from({ length: 10_000 }, (_, i) =>
      task(String(i), { status: 'succeeded', startedAt: i * 1000 }),
    );
    store.applySnapshot('c1', snapshot(many));
    const events = record(store);
    const next = many.map(t =>
      t.id === '5000'
        ? { ...t, providerStatus: 'finished!', raw: { changed: true } }
        : { ...t, raw: { fresh: 'object' } },
    );
    store.applySnapshot('c1', snapshot(next));
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].tasks, [{ connectionId: 'c1', taskId: '5000' }]);
    assert.deepEqual(events[0].groups, []);
    assert.deepEqual(events[0].connections, []);
    assert.deepEqual(events[0].removed, []);
  });

  it('an identical snapshot (new raw objects) emits nothing', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    const events = record(store);
    store.applySnapshot('c1', snapshot([task('1', { raw: { other: 1 } }), task('2')]));
    assert.equal(events.length, 0);
  });

  it('emits a group event when the order of a group changes (a task finished), and names removed tasks', () => {
    // No retention: an unlisted task goes at once, which is what names it as removed.
    const store = new TaskStore(Date.now, { retentionMs: 0 });
    store.applySnapshot(
      'c1',
      snapshot([task('1', { startedAt: 1000 }), task('2', { status: 'succeeded', startedAt: 2000 }), task('3')]),
    );
    const events = record(store);
    store.applySnapshot(
      'c1',
      snapshot([
        task('1', { status: 'succeeded', startedAt: 1000 }),
        task('2', { status: 'succeeded', startedAt: 2000 }),
      ]),
    );
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].groups, [{ connectionId: 'c1', groupId: 'crdb' }]);
    assert.deepEqual(events[0].tasks, [{ connectionId: 'c1', taskId: '1' }]);
    assert.deepEqual(events[0].removed, [{ connectionId: 'c1', taskId: '3' }]);
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['2', '1'],
    );
  });

  it('applyError keeps the last good tasks, marks them stale and emits once for the connection', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1')]));
    const events = record(store);
    const err = new ProviderError('network', 'Cannot reach cluster.example:9443');
    store.applyError('c1', err);
    store.applyError('c1', new ProviderError('network', 'Cannot reach cluster.example:9443'));
    const view = store.connection('c1')!;
    assert.equal(view.status, 'error');
    assert.equal(view.stale, true);
    assert.equal(view.error?.message, 'Cannot reach cluster.example:9443');
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['1'],
    );
    assert.equal(events.length, 1, 'the same error twice redraws nothing');
    assert.deepEqual(events[0].connections, ['c1']);
    // the next good snapshot clears the error
    store.applySnapshot('c1', snapshot([task('1')]));
    assert.equal(store.connection('c1')!.status, 'ok');
    assert.equal(store.connection('c1')!.stale, false);
    assert.equal(store.connection('c1')!.error, undefined);
  });

  it('an error on one connection leaves the others untouched', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1')]));
    store.applySnapshot('c2', snapshot([task('9', { source: 'c2' })]));
    store.applyError('c1', new ProviderError('auth', 'The cluster rejected the user or password.'));
    assert.equal(store.connection('c2')!.status, 'ok');
    assert.equal(store.connection('c2')!.stale, false);
  });

  it('appendPage adds a page, keeps the order and updates the more cursor', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('5', { status: 'succeeded' })], { crdb: 'page2' }));
    assert.equal(store.connection('c1')!.more.crdb, 'page2');
    const events = record(store);
    store.appendPage('c1', 'crdb', [task('3', { status: 'succeeded' }), task('4', { status: 'succeeded' })], 'page3');
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['5', '4', '3'],
    );
    assert.equal(store.connection('c1')!.more.crdb, 'page3');
    assert.equal(events.length, 1);
    assert.ok(events[0].groups.some(g => g.groupId === 'crdb'));
    store.appendPage('c1', 'crdb', [task('1', { status: 'succeeded' })], undefined);
    assert.equal(store.connection('c1')!.more.crdb, undefined);
  });

  it('upsertTask with retain keeps a task that later snapshots do not list; without retain it goes', () => {
    // Both finished long before the retention time: only the look-up keeps one.
    const store = new TaskStore(() => 1_700_000_000_000, { retentionMs: 3600_000 });
    store.applySnapshot('c1', snapshot([task('1')]));
    store.upsertTask(task('77', { status: 'succeeded', finishedAt: 0 }), { retain: true });
    store.upsertTask(task('78', { status: 'succeeded', finishedAt: 0 }));
    store.applySnapshot('c1', snapshot([task('1')]));
    assert.ok(store.task('c1', '77'));
    assert.equal(store.task('c1', '78'), undefined);
    store.release('c1', '77');
    store.applySnapshot('c1', snapshot([task('1')]));
    assert.equal(store.task('c1', '77'), undefined);
  });

  it('upsertTask emits a task event only when the content changed', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1', { progress: 10 })]));
    const events = record(store);
    store.upsertTask(task('1', { progress: 10, raw: 'other' }));
    assert.equal(events.length, 0);
    store.upsertTask(task('1', { progress: 20 }));
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].tasks, [{ connectionId: 'c1', taskId: '1' }]);
  });

  // Issue 13: the mark once cleared at the next data, and the row read "Running" again while the cancel went on.
  it('a Cancelling… mark lasts while the data still says the task is active, and clears when it ends', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    const events = record(store);
    store.markCancelling('c1', '1');
    assert.equal(store.isCancelling('c1', '1'), true);
    assert.equal(events.length, 1);
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    assert.equal(store.isCancelling('c1', '1'), true, 'still running: still cancelling');
    store.applySnapshot('c1', snapshot([task('1', { status: 'canceled' }), task('2')]));
    assert.equal(store.isCancelling('c1', '1'), false);
    assert.deepEqual(events.at(-1)?.tasks, [{ connectionId: 'c1', taskId: '1' }]);
    store.markCancelling('c1', '2');
    store.applySnapshot('c1', snapshot([task('1', { status: 'canceled' }), task('2', { status: 'succeeded' })]));
    assert.equal(store.isCancelling('c1', '2'), false, 'whatever the end, the mark goes');
  });

  // Issue 13: a cancel the provider accepted but that never ends the task must not read "Cancelling…" forever.
  it('after CANCEL_PATIENCE_MS on the store clock with the task still running, the mark gives way to the request time', () => {
    let now = Date.UTC(2026, 11, 2, 4, 0, 0);
    const store = new TaskStore(() => now);
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    const events = record(store);
    store.markCancelling('c1', '1');
    const requested = now;
    assert.equal(CANCEL_PATIENCE_MS, 10 * 60_000);

    now += CANCEL_PATIENCE_MS - 1;
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    assert.equal(store.isCancelling('c1', '1'), true, 'within the bound: still cancelling');
    assert.equal(store.unansweredCancel('c1', '1'), undefined);
    assert.equal(events.length, 1, 'nothing changed: no redraw');

    now += 1;
    // Read without new data (a tree redraw): already past the bound.
    assert.equal(store.isCancelling('c1', '1'), false);
    assert.equal(store.unansweredCancel('c1', '1'), requested);
    // The next data, still running, emits a change for that task once, so the row and the panel redraw.
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    assert.deepEqual(events.at(-1)?.tasks, [{ connectionId: 'c1', taskId: '1' }]);
    const count = events.length;
    now += 60_000;
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    assert.equal(events.length, count, 'said once, not at every poll');
    assert.equal(store.unansweredCancel('c1', '1'), requested);

    // Cancelled again: "Cancelling…" again, for a new bound from now.
    store.markCancelling('c1', '1');
    assert.equal(store.isCancelling('c1', '1'), true);
    assert.equal(store.unansweredCancel('c1', '1'), undefined);
    now += CANCEL_PATIENCE_MS;
    assert.equal(store.unansweredCancel('c1', '1'), now - CANCEL_PATIENCE_MS);

    // It ends at last: neither the mark nor the note stays.
    store.applySnapshot('c1', snapshot([task('1', { status: 'canceled' }), task('2')]));
    assert.equal(store.isCancelling('c1', '1'), false);
    assert.equal(store.unansweredCancel('c1', '1'), undefined);
  });

  // Issue 12: "running" no longer includes queued tasks; what is counted is countRunning's (counts.test.ts).
  it('countRunning lists running tasks of every connection and counts pending ones apart', () => {
    const store = new TaskStore();
    store.applySnapshot(
      'c1',
      snapshot([task('1'), task('2', { status: 'succeeded' }), task('3', { status: 'pending' })]),
    );
    store.applySnapshot('c2', snapshot([task('4', { source: 'c2' }), task('5', { source: 'c2', status: 'paused' })]));
    const counts = countRunning(store, { endpointOf: id => id, shows: () => true });
    assert.deepEqual(counts.running.map(t => t.id).sort(), ['1', '4']);
    assert.equal(counts.pending, 1);
    assert.equal(store.hasActive('c2'), true);
  });

  it('serialize is bounded, drops raw payloads, and restore shows the data stale', () => {
    const store = new TaskStore(() => 1234);
    const many = Array.from({ length: 250 }, (_, i) =>
      task(String(i), { status: 'succeeded', startedAt: i * 1000, raw: { password: 'hunter22' } }),
    );
    store.applySnapshot('c1', snapshot(many));
    const data = store.serialize();
    const text = JSON.stringify(data);
    assert.equal(data.connections[0].tasks.length, PERSISTED_TASKS_PER_CONNECTION);
    assert.ok(!text.includes('hunter22'), 'raw payloads are not persisted');
    // the newest survive
    assert.equal(data.connections[0].tasks[0].id, '249');

    const restored = new TaskStore();
    restored.restore(JSON.parse(text), new Set(['c1']));
    const view = restored.connection('c1')!;
    assert.equal(view.stale, true);
    assert.equal(view.updatedAt, 1234);
    assert.equal(restored.tasksOf('c1', 'crdb').length, PERSISTED_TASKS_PER_CONNECTION);
    restored.applySnapshot('c1', snapshot([task('1')]));
    assert.equal(restored.connection('c1')!.stale, false);
  });

  it('restore ignores unknown shapes and connections that no longer exist', () => {
    const store = new TaskStore();
    store.restore({ version: 99, connections: [] });
    store.restore('garbage');
    store.restore(
      {
        version: 1,
        connections: [
          { id: 'gone', groups: [], tasks: [] },
          { id: 'c1', groups: [], tasks: [null, { nope: 1 }] },
        ],
      },
      new Set(['c1']),
    );
    assert.deepEqual(store.connectionIds(), ['c1']);
    assert.equal(store.allTasks('c1').length, 0);
  });

  it('removeConnection forgets the connection and names its tasks as removed', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1')]));
    const events = record(store);
    store.removeConnection('c1');
    assert.equal(store.connection('c1'), undefined);
    assert.deepEqual(events[0].removed, [{ connectionId: 'c1', taskId: '1' }]);
  });

  it('compareTasks: active before finished, then newest, tasks without a start time last', () => {
    const list = [
      task('a', { status: 'succeeded', startedAt: 9 }),
      task('b', { status: 'running', startedAt: undefined }),
      task('c', { status: 'running', startedAt: 5 }),
      task('d', { status: 'failed', startedAt: undefined }),
    ];
    assert.deepEqual(
      list.sort(compareTasks).map(t => t.id),
      ['c', 'b', 'a', 'd'],
    );
  });
});

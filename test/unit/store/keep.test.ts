import * as assert from 'node:assert/strict';
import { KeepRegistry } from '../../../src/core/keep';
import { Poller } from '../../../src/core/poller';
import { TaskStore } from '../../../src/core/store';
import { snapshot, task } from './fixtures';

const NOW = 1_700_000_000_000;
const HOUR = 3600_000;

describe('KeepRegistry: each kept task has named reasons and goes when none is left', () => {
  it('released reason by reason; an expired reason no longer keeps', () => {
    const keep = new KeepRegistry();
    keep.keep('c1', 't', 'panel');
    keep.keep('c1', 't', 'finished', NOW + HOUR);
    assert.deepEqual(keep.reasons('c1', 't').sort(), ['finished', 'panel']);
    keep.release('c1', 't', 'panel');
    assert.equal(keep.isKept('c1', 't', NOW), true, 'still finished recently');
    assert.equal(keep.isKept('c1', 't', NOW + HOUR), false, 'the retention ran out');
    assert.deepEqual(keep.reasons('c1', 't'), [], 'and nothing is left of it');
  });

  it('only a panel or a cancel makes the poller fetch a task by id', () => {
    const keep = new KeepRegistry();
    keep.keep('c1', 'a', 'panel');
    keep.keep('c1', 'b', 'canceled');
    keep.keep('c1', 'c', 'lookedUp', NOW + HOUR);
    keep.keep('c1', 'd', 'finished', NOW + HOUR);
    assert.deepEqual(keep.watched('c1').sort(), ['a', 'b']);
    keep.forget('c1');
    assert.deepEqual(keep.watched('c1'), []);
  });

  it('the store and the poller read the same registry', () => {
    const store = new TaskStore(() => NOW);
    const poller = new Poller(
      { poll: async () => undefined, hasActive: () => false, isTaskActive: () => true },
      { activeIntervalMs: 0, idleIntervalMs: 0, keep: store.keep },
    );
    poller.setConnections(['c1']);
    store.applySnapshot('c1', snapshot([task('1')]));
    poller.watch('c1', '1');
    assert.deepEqual(store.keep.reasons('c1', '1'), ['panel']);
    assert.equal(poller.isWatched('c1', '1'), true);
    store.keep.release('c1', '1', 'panel');
    assert.equal(poller.isWatched('c1', '1'), false);
    poller.dispose();
  });
});

describe('TaskStore: finished tasks stay', () => {
  it('a running task that leaves the list stays (to be looked up); its by-id answer gives the final status', () => {
    const store = new TaskStore(() => NOW, { retentionMs: HOUR });
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    store.applySnapshot('c1', snapshot([task('2')]));
    assert.equal(store.task('c1', '1')?.status, 'running');
    assert.deepEqual(
      store.unlistedActive('c1', new Set(['2'])).map(t => t.id),
      ['1'],
    );
    store.upsertTask(task('1', { status: 'succeeded', finishedAt: NOW - 1000 }));
    assert.equal(store.task('c1', '1')?.status, 'succeeded');
    assert.deepEqual(store.unlistedActive('c1', new Set(['2'])), []);
  });

  it('when the final state cannot be had it stays "ended" (finished, final state unknown), not gone', () => {
    const store = new TaskStore(() => NOW, { retentionMs: HOUR });
    store.applySnapshot('c1', snapshot([task('1', { progress: 40 })]));
    store.applySnapshot('c1', snapshot([]));
    store.markEnded('c1', '1');
    const t = store.task('c1', '1')!;
    assert.equal(t.status, 'ended');
    assert.equal(t.progress, undefined, 'no stale percentage on a finished row');
    assert.ok(store.keep.has('c1', '1', 'finished'));
  });

  it('a finished task stays for the retention time from its end, then goes', () => {
    let now = NOW;
    const store = new TaskStore(() => now, { retentionMs: HOUR });
    store.applySnapshot('c1', snapshot([task('1', { status: 'succeeded', finishedAt: NOW - 10 * 60_000 })]));
    store.applySnapshot('c1', snapshot([]));
    assert.ok(store.task('c1', '1'));
    now = NOW + 49 * 60_000;
    store.applySnapshot('c1', snapshot([]));
    assert.ok(store.task('c1', '1'), '59 minutes after its end');
    now = NOW + 51 * 60_000;
    store.applySnapshot('c1', snapshot([]));
    assert.equal(store.task('c1', '1'), undefined, '61 minutes after its end');
  });

  it('kept finished tasks survive a window reload with their retention', () => {
    let now = NOW;
    const store = new TaskStore(() => now, { retentionMs: HOUR });
    store.applySnapshot('c1', snapshot([task('1', { status: 'failed', finishedAt: NOW })]));
    store.applySnapshot('c1', snapshot([]));
    const saved = JSON.parse(JSON.stringify(store.serialize()));
    const reloaded = new TaskStore(() => now, { retentionMs: HOUR });
    reloaded.restore(saved, new Set(['c1']));
    now = NOW + 30 * 60_000;
    reloaded.applySnapshot('c1', snapshot([]));
    assert.equal(reloaded.task('c1', '1')?.status, 'failed', 'still there half an hour later');
    now = NOW + 61 * 60_000;
    reloaded.applySnapshot('c1', snapshot([]));
    assert.equal(reloaded.task('c1', '1'), undefined, 'gone when its retention ran out');
  });

  it('a task listed again is the list\'s once more (no "finished" reason left)', () => {
    const store = new TaskStore(() => NOW, { retentionMs: HOUR });
    store.applySnapshot('c1', snapshot([task('1')]));
    store.applySnapshot('c1', snapshot([]));
    store.applySnapshot('c1', snapshot([task('1')]));
    assert.deepEqual(store.keep.reasons('c1', '1'), []);
  });
});

import * as assert from 'node:assert/strict';
import { countRunning, endpointKey } from '../../../src/core/counts';
import { ProviderError } from '../../../src/core/errors';
import { TaskStore } from '../../../src/core/store';
import { snapshot, task } from './fixtures';

describe('counts mean what they say', () => {
  const configs = {
    c1: { id: 'c1', name: 'Prod', provider: 'redis-enterprise' as const, endpoint: 'https://prod:9443', user: 'a' },
    c2: {
      id: 'c2',
      name: 'Prod again',
      provider: 'redis-enterprise' as const,
      endpoint: 'https://PROD:9443/',
      user: 'b',
    },
    c3: { id: 'c3', name: 'Other', provider: 'redis-enterprise' as const, endpoint: 'https://other:9443', user: 'a' },
  };
  const endpointOf = (id: string) => endpointKey(configs[id as keyof typeof configs], id);

  it('running only: queued tasks are counted apart', () => {
    const store = new TaskStore();
    store.applySnapshot(
      'c1',
      snapshot([task('1'), task('2', { status: 'pending' }), task('3', { status: 'pending' })]),
    );
    const c = countRunning(store, { endpointOf, shows: () => true });
    assert.equal(c.running.length, 1);
    assert.equal(c.pending, 2);
  });

  it('the same task through two connections to one endpoint counts once', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    store.applySnapshot('c2', snapshot([task('1', { source: 'c2' }), task('2', { source: 'c2' })]));
    store.applySnapshot('c3', snapshot([task('1', { source: 'c3' })]));
    assert.equal(countRunning(store, { endpointOf, shows: () => true }).running.length, 3);
  });

  it('a connection in error counts nothing as running; its tasks are reported stale', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1')]));
    store.applySnapshot('c3', snapshot([task('7', { source: 'c3' }), task('8', { source: 'c3' })]));
    store.applyError('c3', new ProviderError('network', 'Cannot reach other:9443.'));
    const c = countRunning(store, { endpointOf, shows: () => true });
    assert.deepEqual(
      c.running.map(t => t.id),
      ['1'],
    );
    assert.equal(c.stale.length, 2);
  });

  it('what the filter hides is not counted', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1'), task('2')]));
    assert.equal(countRunning(store, { endpointOf, shows: t => t.id === '2' }).running.length, 1);
  });
});

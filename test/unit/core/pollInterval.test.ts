import * as assert from 'node:assert/strict';
import { pollInterval, type PollGates } from '../../../src/core/pollInterval';

const intervals = { activeIntervalMs: 5_000, idleIntervalMs: 60_000 };
const gates = (over: Partial<PollGates>): PollGates => ({
  listing: false,
  focused: true,
  hasActive: false,
  watchedActive: false,
  ...over,
});

describe('core/pollInterval: how often a connection is asked', () => {
  it('while a list is seen: fast when something runs (watched or not), slow otherwise', () => {
    assert.equal(pollInterval(gates({ listing: true }), intervals), 60_000);
    assert.equal(pollInterval(gates({ listing: true, hasActive: true }), intervals), 5_000);
    assert.equal(pollInterval(gates({ listing: true, watchedActive: true }), intervals), 5_000);
  });

  it('while nobody looks: only a watched running task, fast if the window is focused, else at the idle pace', () => {
    assert.equal(pollInterval(gates({ hasActive: true }), intervals), undefined);
    assert.equal(pollInterval(gates({ watchedActive: true }), intervals), 5_000);
    assert.equal(pollInterval(gates({ watchedActive: true, focused: false }), intervals), 60_000);
    // Idle set to manual: an unfocused window still follows a watched task at the active pace.
    assert.equal(
      pollInterval(gates({ watchedActive: true, focused: false }), { activeIntervalMs: 5_000, idleIntervalMs: 0 }),
      5_000,
    );
  });

  it('0 means manual only', () => {
    const manual = { activeIntervalMs: 0, idleIntervalMs: 0 };
    assert.equal(pollInterval(gates({ listing: true, hasActive: true }), manual), undefined);
    assert.equal(pollInterval(gates({ listing: true }), { activeIntervalMs: 5_000, idleIntervalMs: 0 }), undefined);
    assert.equal(pollInterval(gates({ watchedActive: true }), manual), undefined);
  });
});

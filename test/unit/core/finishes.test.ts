import * as assert from 'node:assert/strict';
import { FinishWatch } from '../../../src/core/finishes';

describe('core/finishes: the moment a task finishes', () => {
  it('is a change to a final status from another status seen before, once', () => {
    const w = new FinishWatch();
    assert.equal(w.justFinished('c', '1', 'succeeded'), false, 'first sight of a finished task is not its finish');
    assert.equal(w.justFinished('c', '2', 'running'), false);
    assert.equal(w.justFinished('c', '2', 'running'), false);
    assert.equal(w.justFinished('c', '2', 'failed'), true);
    assert.equal(w.justFinished('c', '2', 'failed'), false, 'the same final status again is no new finish');
    assert.equal(w.justFinished('c', '2', 'ended'), true, 'a final status replacing another is');
    // Per connection: the same task id elsewhere is another task.
    assert.equal(w.justFinished('d', '2', 'failed'), false);
  });

  it('forgets a task that left the store', () => {
    const w = new FinishWatch();
    w.justFinished('c', '1', 'running');
    w.forget('c', '1');
    assert.equal(w.justFinished('c', '1', 'succeeded'), false);
  });
});

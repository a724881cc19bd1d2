import { strict as assert } from 'node:assert';
import {
  ACTION_STATUS,
  CRDB_STATUS,
  actionStatus,
  crdbStatus,
} from '../../../src/providers/redis-enterprise/status-map';

describe('redis-enterprise status maps', () => {
  const crdbRows: [string, string][] = [
    ['queued', 'pending'],
    ['started', 'running'],
    ['finished', 'succeeded'],
    ['failed', 'failed'],
  ];
  for (const [word, status] of crdbRows) {
    it(`crdb "${word}" → ${status}`, () => assert.equal(crdbStatus(word), status));
  }

  it('the crdb table has exactly the tested rows', () => {
    assert.deepEqual(Object.keys(CRDB_STATUS).sort(), crdbRows.map(r => r[0]).sort());
  });

  it('a failed crdb task whose errors say it was cancelled is canceled', () => {
    assert.equal(crdbStatus('failed', ['Task was cancelled by user request.']), 'canceled');
    assert.equal(crdbStatus('failed', ['task_canceled']), 'canceled');
    assert.equal(crdbStatus('failed', ['Not enough memory']), 'failed');
    // Only a failure can be a cancel: a finished task mentioning "cancel" stays succeeded.
    assert.equal(crdbStatus('finished', ['cancel']), 'succeeded');
  });

  it('unknown or missing crdb words → unknown', () => {
    assert.equal(crdbStatus('paused'), 'unknown');
    assert.equal(crdbStatus(undefined), 'unknown');
  });

  const actionRows: [string, string][] = [
    ['pending', 'pending'],
    ['active', 'running'],
    ['queued', 'pending'],
    ['starting', 'pending'],
    ['running', 'running'],
    ['cancelling', 'running'],
    ['cancelled', 'canceled'],
    ['canceled', 'canceled'],
    ['aborted', 'failed'],
    ['completed', 'succeeded'],
    ['failed', 'failed'],
  ];
  for (const [word, status] of actionRows) {
    it(`action "${word}" → ${status}`, () => assert.equal(actionStatus(word), status));
  }

  it('the action table has exactly the tested rows', () => {
    assert.deepEqual(Object.keys(ACTION_STATUS).sort(), actionRows.map(r => r[0]).sort());
  });

  it('action words are matched case-insensitively; unknown words → unknown', () => {
    assert.equal(actionStatus('Completed'), 'succeeded');
    assert.equal(actionStatus('hibernating'), 'unknown');
    assert.equal(actionStatus(undefined), 'unknown');
  });
});

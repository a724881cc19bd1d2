import { strict as assert } from 'node:assert';
import { mapStatus, providerStatusesFor, STATUS_MAP } from '../../../src/providers/redis-cloud/status-map';

describe('redis-cloud status map', () => {
  const rows: [string, string][] = [
    ['initialized', 'pending'],
    ['received', 'pending'],
    ['processing-in-progress', 'running'],
    ['processing-completed', 'succeeded'],
    ['processing-error', 'failed'],
  ];
  for (const [word, status] of rows) {
    it(`maps ${word} to ${status}`, () => assert.equal(mapStatus(word), status));
  }
  it('has exactly the documented rows', () =>
    assert.deepEqual(Object.keys(STATUS_MAP).sort(), rows.map(r => r[0]).sort()));
  it('maps unknown words (and prototype names) to unknown', () => {
    assert.equal(mapStatus('processing-paused'), 'unknown');
    assert.equal(mapStatus('toString'), 'unknown');
    assert.equal(mapStatus(''), 'unknown');
  });
  it('lists the provider words for a status', () =>
    assert.deepEqual(providerStatusesFor('pending'), ['initialized', 'received']));
});

import * as assert from 'node:assert/strict';
import { effectiveQuery, isChoiceFiltered, isQueryEmpty, matchesQuery } from '../../../src/core/query';
import { task } from '../store/fixtures';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('core/query: what a filter shows', () => {
  it('matchesQuery: statuses, types by code or by name, and a window that never hides a queued task', () => {
    assert.equal(matchesQuery(task('1', { status: 'running' }), { statuses: ['running', 'failed'] }), true);
    assert.equal(matchesQuery(task('1', { status: 'running' }), { statuses: ['failed'] }), false);
    // An empty list filters nothing.
    assert.equal(matchesQuery(task('1', { status: 'running' }), { statuses: [], types: [] }), true);
    assert.equal(
      matchesQuery(task('1', { type: 'SMUpdateBDB', name: 'Update database' }), { types: ['SMUpdateBDB'] }),
      true,
    );
    assert.equal(matchesQuery(task('1', { type: undefined, name: 'create_crdb' }), { types: ['create_crdb'] }), true);
    assert.equal(matchesQuery(task('1', { type: 'SMUpdateBDB', name: 'Update' }), { types: ['create_crdb'] }), false);
    assert.equal(matchesQuery(task('1', { startedAt: 100 }), { since: 100, until: 100 }), true, 'bounds are inclusive');
    assert.equal(matchesQuery(task('1', { startedAt: 99 }), { since: 100 }), false);
    assert.equal(matchesQuery(task('1', { startedAt: 101 }), { until: 100 }), false);
    assert.equal(matchesQuery(task('1', { startedAt: undefined }), { since: 100, until: 50 }), true);
  });

  it('isQueryEmpty: any status, type, bound or instance makes a query non-empty', () => {
    assert.equal(isQueryEmpty({}), true);
    assert.equal(isQueryEmpty({ statuses: [], types: [] }), true);
    for (const q of [
      { statuses: ['running' as const] },
      { types: ['x'] },
      { since: 0 },
      { until: 0 },
      { instanceId: 'i' },
    ])
      assert.equal(isQueryEmpty(q), false, JSON.stringify(q));
  });

  it('effectiveQuery: the chosen window, else the query’s own since, else the default days (0 = none)', () => {
    const query = { statuses: ['running' as const] };
    assert.deepEqual(effectiveQuery({ query, windowMs: HOUR }, NOW, 7), { statuses: ['running'], since: NOW - HOUR });
    // A window wins over a since the query carries.
    assert.equal(effectiveQuery({ query: { since: 5 }, windowMs: HOUR }, NOW, 7).since, NOW - HOUR);
    assert.equal(effectiveQuery({ query: { since: 5 } }, NOW, 7).since, 5);
    assert.equal(effectiveQuery({ query }, NOW, 7).since, NOW - 7 * DAY);
    assert.equal(effectiveQuery({ query }, NOW, 0).since, undefined);
    // Recomputed from the clock given: "last hour" moves with it.
    assert.equal(effectiveQuery({ query, windowMs: HOUR }, NOW + DAY, 7).since, NOW + DAY - HOUR);
    // The chosen query is not changed.
    assert.deepEqual(query, { statuses: ['running'] });
  });

  it('isChoiceFiltered: a non-empty query or a window', () => {
    assert.equal(isChoiceFiltered({ query: {} }), false);
    assert.equal(isChoiceFiltered({ query: {}, windowMs: HOUR }), true);
    assert.equal(isChoiceFiltered({ query: { types: ['x'] } }), true);
  });
});

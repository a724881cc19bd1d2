import * as assert from 'node:assert/strict';
import { mergeTask } from '../../../src/core/merge';
import { TaskStore } from '../../../src/core/store';
import { task } from './fixtures';

describe('a by-id answer enriches a row, never degrades it', () => {
  // Issue 12's example, as the Tencent emulator serves it: DescribeTaskList names the task and its instance,
  // DescribeTaskInfo has only the flow name, the instance id and no progress or end time.
  const listed = task('1009', {
    provider: 'tencent',
    name: 'Change configuration',
    type: '002',
    target: { id: 'crs-gz000002', name: 'sessions' },
    status: 'succeeded',
    progress: 100,
    startedAt: 1_000_000,
    finishedAt: 1_600_000,
  });
  const byId = task('1009', {
    provider: 'tencent',
    name: 'Resize flow',
    type: undefined,
    target: { id: 'crs-gz000002' },
    status: 'succeeded',
    progress: undefined,
    startedAt: 1_000_000,
    finishedAt: undefined,
    raw: { from: 'DescribeTaskInfo' },
  });

  it("keeps the list's name, type, target name, progress and end time; takes the new raw payload", () => {
    const m = mergeTask(listed, byId);
    assert.equal(m.name, 'Change configuration');
    assert.equal(m.type, '002');
    assert.deepEqual(m.target, { id: 'crs-gz000002', name: 'sessions', type: undefined });
    assert.equal(m.progress, 100);
    assert.equal(m.finishedAt, 1_600_000);
    assert.deepEqual(m.raw, { from: 'DescribeTaskInfo' });
  });

  it('takes what is newer: a status that moved on, an end time, steps and errors it adds', () => {
    const running = { ...listed, status: 'running' as const, progress: 60, finishedAt: undefined };
    const done = { ...byId, status: 'failed' as const, finishedAt: 1_700_000, errors: [{ message: 'No memory.' }] };
    const m = mergeTask(running, done);
    assert.equal(m.status, 'failed');
    assert.equal(m.finishedAt, 1_700_000);
    assert.deepEqual(m.errors, [{ message: 'No memory.' }]);
    assert.equal(m.name, 'Change configuration');
  });

  it('progress does not go back within one status; a by-id "unknown" does not replace a known status', () => {
    const running = { ...listed, status: 'running' as const, progress: 60 };
    assert.equal(mergeTask(running, { ...byId, status: 'running', progress: 50 }).progress, 60);
    assert.equal(mergeTask(running, { ...byId, status: 'unknown' }).status, 'running');
  });

  it('the store merges when a task is fetched by id', () => {
    const store = new TaskStore();
    store.upsertTask({ ...listed, source: 'c1' });
    store.upsertTask({ ...byId, source: 'c1' }, { retain: true });
    assert.equal(store.task('c1', '1009')?.name, 'Change configuration');
    assert.equal(store.task('c1', '1009')?.target?.name, 'sessions');
  });
});

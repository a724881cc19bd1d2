import { strict as assert } from 'node:assert';
import {
  INFO_STATUS,
  LEGACY_STATUS,
  LIST_RESULT_STATUS,
  RESULT_FILTER,
  infoStatus,
  legacyStatus,
  listResultStatus,
} from '../../../src/providers/tencent/status-map';
import { TASK_TYPE_NAMES, taskTypeName, legacyTaskName } from '../../../src/providers/tencent/task-types';

describe('tencent status map', () => {
  const listRows: Array<[unknown, string]> = [
    [0, 'pending'],
    [1, 'running'],
    [2, 'succeeded'],
    [4, 'failed'],
    ['2', 'succeeded'],
  ];
  for (const [raw, want] of listRows)
    it(`DescribeTaskList Result ${JSON.stringify(raw)} → ${want}`, () => assert.equal(listResultStatus(raw), want));

  const infoRows: Array<[string, string]> = [
    ['preparing', 'pending'],
    ['running', 'running'],
    ['succeed', 'succeeded'],
    ['failed', 'failed'],
    ['error', 'failed'],
    ['SUCCEED', 'succeeded'],
  ];
  for (const [raw, want] of infoRows)
    it(`DescribeTaskInfo Status ${raw} → ${want}`, () => assert.equal(infoStatus(raw), want));

  const legacyRows: Array<[unknown, string]> = [
    [0, 'pending'],
    [1, 'running'],
    [2, 'succeeded'],
    [3, 'failed'],
    [-1, 'failed'],
    ['-1', 'failed'],
  ];
  for (const [raw, want] of legacyRows)
    it(`legacy status ${JSON.stringify(raw)} → ${want}`, () => assert.equal(legacyStatus(raw), want));

  it('keeps unknown values unknown', () => {
    assert.equal(listResultStatus(3), 'unknown');
    assert.equal(listResultStatus(undefined), 'unknown');
    assert.equal(infoStatus('paused'), 'unknown');
    assert.equal(infoStatus('constructor'), 'unknown');
    assert.equal(legacyStatus(7), 'unknown');
  });

  it('covers every documented code in the tables', () => {
    assert.deepEqual(Object.keys(LIST_RESULT_STATUS).sort(), ['0', '1', '2', '4']);
    assert.deepEqual(Object.keys(INFO_STATUS).sort(), ['error', 'failed', 'preparing', 'running', 'succeed']);
    assert.deepEqual(Object.keys(LEGACY_STATUS).sort(), ['-1', '0', '1', '2', '3']);
    for (const [status, code] of Object.entries(RESULT_FILTER)) assert.equal(listResultStatus(code), status);
  });

  it('names task types, and shows unknown codes as such', () => {
    assert.equal(taskTypeName('001'), 'Create instance');
    assert.equal(taskTypeName('012'), 'Back up instance');
    assert.equal(taskTypeName('backupInstance'), 'Back up instance');
    assert.equal(taskTypeName('999'), 'Task type 999');
    assert.equal(taskTypeName(undefined), 'Task');
    assert.ok(Object.keys(TASK_TYPE_NAMES).every(k => /^\d{3}$/.test(k)));
    assert.equal(legacyTaskName('010'), 'restoreBackup');
    assert.equal(legacyTaskName('task_importRdb'), 'importRdb');
  });
});

import { strict as assert } from 'node:assert';
import {
  DESCRIBE_TASKS_STATUS,
  HISTORY_TASKS_STATUS,
  describeTasksStatus,
  historyTasksStatus,
  providerStatuses,
} from '../../../src/providers/alibaba/status-map';
import { TASK_TYPE_NAMES, taskTypeName } from '../../../src/providers/alibaba/task-types';

describe('alibaba status maps', () => {
  const legacy: [string, string][] = [
    ['0', 'pending'],
    ['1', 'running'],
    ['2', 'succeeded'],
    ['4', 'canceled'],
    ['7', 'paused'],
    ['8', 'interrupted'],
  ];
  for (const [code, status] of legacy) {
    it(`DescribeTasks status ${code} is ${status}`, () => assert.equal(describeTasksStatus(code), status));
  }
  const history: [string, string][] = [
    ['Scheduled', 'pending'],
    ['Waiting', 'pending'],
    ['Running', 'running'],
    ['Cancelling', 'running'],
    ['Succeed', 'succeeded'],
    ['Failed', 'failed'],
    ['Canceled', 'canceled'],
  ];
  for (const [word, status] of history) {
    it(`DescribeHistoryTasks status ${word} is ${status}`, () => assert.equal(historyTasksStatus(word), status));
  }
  it('covers every row of both tables in these tests', () => {
    assert.deepEqual(Object.keys(DESCRIBE_TASKS_STATUS).sort(), legacy.map(r => r[0]).sort());
    assert.deepEqual(Object.keys(HISTORY_TASKS_STATUS).sort(), history.map(r => r[0]).sort());
  });
  it('maps unknown values to unknown', () => {
    assert.equal(describeTasksStatus('3'), 'unknown');
    assert.equal(describeTasksStatus(undefined), 'unknown');
    assert.equal(historyTasksStatus('Succeeded'), 'unknown');
    assert.equal(historyTasksStatus('constructor'), 'unknown');
  });
  it('turns our statuses into the server filter values', () => {
    assert.deepEqual(providerStatuses(HISTORY_TASKS_STATUS, ['pending']), ['Scheduled', 'Waiting']);
    assert.deepEqual(providerStatuses(DESCRIBE_TASKS_STATUS, ['running', 'paused']), ['1', '7']);
    assert.deepEqual(providerStatuses(DESCRIBE_TASKS_STATUS, ['failed']), []);
  });
  it('names task types readably and keeps unknown codes', () => {
    assert.equal(taskTypeName('ModifyInsSpec'), 'Change instance specification');
    assert.equal(taskTypeName('ModifyDBInstanceParameter'), 'Modify parameters');
    assert.equal(taskTypeName('BrandNewThing'), 'BrandNewThing');
    assert.equal(taskTypeName(undefined), 'Task');
    for (const name of Object.values(TASK_TYPE_NAMES)) assert.ok(name.length > 0);
  });
});

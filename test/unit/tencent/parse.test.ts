import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseInstances,
  parseLegacyTaskList,
  parseTaskInfo,
  parseTaskList,
} from '../../../src/providers/tencent/parse';
import { normaliseProgress, taskFromInfo, taskFromLegacy, taskFromList } from '../../../src/providers/tencent/tasks';
import { taskListFilter, legacyTaskListParams } from '../../../src/providers/tencent/query';
import { formatTencentTime, parseTencentTime } from '../../../src/providers/tencent/time';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../fixtures/tencent', name), 'utf8'));
const ctx = { connectionId: 'c1', region: 'ap-guangzhou' };

describe('tencent responses', () => {
  it('parses the documented DescribeTaskList example exactly', () => {
    const r = parseTaskList(fixture('describe-task-list.json').Response);
    assert.equal(r.totalCount, 2);
    assert.equal(r.requestId, '19a7fb07-8e21-4827-88dd-fee57f38e8cd');
    const t = taskFromList(ctx, r.items[0]);
    assert.equal(t.id, '42372');
    assert.equal(t.group, 'crs-opcazbrb');
    assert.equal(t.name, 'Change instance account');
    assert.equal(t.type, '037');
    assert.equal(t.status, 'succeeded');
    assert.equal(t.providerStatus, '2');
    assert.equal(t.progress, 100);
    assert.equal(t.startedAt, Date.parse('2019-11-15T14:25:37+08:00'));
    assert.equal(t.finishedAt, Date.parse('2019-11-15T14:25:46+08:00'));
    assert.deepEqual(t.target, { id: 'crs-opcazbrb', name: 'multidbccbugfix11153', type: 'instance' });
    assert.equal(t.capabilities.cancel, false);
    assert.equal(t.capabilities.forceCancel, false);
    assert.deepEqual(t.raw, fixture('describe-task-list.json').Response.Tasks[0]);
  });

  it('parses the documented DescribeTaskInfo example', () => {
    const t = taskFromInfo(ctx, '18215', undefined, parseTaskInfo(fixture('describe-task-info.json').Response));
    assert.equal(t.status, 'succeeded');
    assert.equal(t.name, 'redis缓存清空流程');
    assert.equal(t.group, 'crs-09u2u96z');
    assert.deepEqual(t.errors, []);
  });

  it("takes a failed task's TaskMessage as its error", () => {
    const t = taskFromInfo(ctx, '7', 'crs-x', parseTaskInfo({ Status: 'failed', TaskMessage: 'disk full' }));
    assert.equal(t.group, 'crs-x');
    assert.deepEqual(t.errors, [{ message: 'disk full', code: 'failed' }]);
  });

  it('parses the documented DescribeInstances example', () => {
    const r = parseInstances(fixture('describe-instances.json').Response);
    assert.equal(r.items[0].id, 'crs-4nmzc0ul');
    assert.equal(r.items[0].name, 'Redis_automation_is_awesome');
    assert.equal(r.items.length, fixture('describe-instances.json').Response.InstanceSet.length);
  });

  it("parses the seed's legacy example exactly", () => {
    const body = fixture('legacy-get-redis-task-list.json');
    const r = parseLegacyTaskList(body);
    assert.equal(r.totalCount, 9);
    assert.equal(r.items.length, 9);
    const t = taskFromLegacy(ctx, r.items[0]);
    assert.equal(t.id, 'crs-izbob1wh|2017-02-10 16:56:18|restoreBackup');
    assert.equal(t.name, 'Restore backup');
    assert.equal(t.status, 'succeeded');
    assert.equal(t.progress, 100);
    assert.equal(t.target?.name, 'for API test');
  });

  it('names the failing field of a wrong shape', () => {
    assert.throws(() => parseTaskList({ Tasks: [{ TaskId: 1 }] }), /Response\.Tasks\[0\]\.InstanceId is missing/);
    assert.throws(() => parseTaskList({ Tasks: {} }), /Response\.Tasks should be an array/);
    assert.throws(
      () => parseTaskList({ Tasks: [{ TaskId: 1, InstanceId: 'x', Progress: 'half' }] }),
      /Progress should be a number/,
    );
  });

  it('normalises Progress given as a fraction or a percentage', () => {
    assert.equal(normaliseProgress(0.25), 25);
    assert.equal(normaliseProgress(1), 100);
    assert.equal(normaliseProgress(0), 0);
    assert.equal(normaliseProgress(42), 42);
    assert.equal(normaliseProgress(140), 100);
    assert.equal(normaliseProgress(undefined), undefined);
    const running = taskFromList(ctx, {
      taskId: '1',
      instanceId: 'i',
      result: '1',
      progress: 0.5,
      endTime: '0000-00-00 00:00:00',
      raw: {},
    });
    assert.equal(running.progress, 50);
    assert.equal(running.finishedAt, undefined);
    assert.equal(taskFromList(ctx, { taskId: '1', instanceId: 'i', result: '1', progress: 60, raw: {} }).progress, 60);
  });

  it('reads and writes Beijing wall-clock times', () => {
    const t = Date.parse('2021-12-30T00:00:00+08:00');
    assert.equal(formatTencentTime(t), '2021-12-30 00:00:00');
    assert.equal(parseTencentTime('2021-12-30 00:00:00'), t);
    assert.equal(parseTencentTime('0000-00-00 00:00:00'), undefined);
    assert.equal(parseTencentTime('yesterday'), undefined);
  });
});

describe('tencent query mapping', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  it('maps every filter to DescribeTaskList parameters', () => {
    const q = taskListFilter(
      {
        instanceId: 'crs-1',
        statuses: ['running', 'failed'],
        types: ['001', '012'],
        since: now - 3600_000,
        until: now,
      },
      now,
      { OperateUin: ['1'], InstanceName: 'n' },
    );
    assert.deepEqual(q.params, {
      InstanceId: 'crs-1',
      InstanceName: 'n',
      OperateUin: ['1'],
      Result: [1, 4],
      TaskTypes: ['001', '012'],
      BeginTime: '2025-06-01 07:00:00',
      EndTime: '2025-06-01 08:00:00',
    });
    assert.equal(q.empty, false);
  });
  it('moves a start older than 30 days to the edge', () => {
    const q = taskListFilter({ since: now - 90 * 86400_000 }, now);
    assert.ok(parseTencentTime(q.params.BeginTime)! > now - 30 * 86400_000);
  });
  it('filters unknown statuses on our side and skips impossible queries', () => {
    assert.equal(taskListFilter({ statuses: ['unknown', 'running'] }, now).params.Result, undefined);
    assert.equal(taskListFilter({ statuses: ['canceled'] }, now).empty, true);
  });
  it('maps filters to the legacy parameters', () => {
    const q = legacyTaskListParams({ instanceId: 'crs-1', statuses: ['failed'], types: ['012', 'restoreBackup'] }, now);
    assert.deepEqual(q.params, {
      redisId: 'crs-1',
      'taskStatus.0': '3',
      'taskStatus.1': '-1',
      'taskType.0': 'task_backupInstance',
      'taskType.1': 'task_restoreBackup',
    });
    const local = legacyTaskListParams({ types: ['001'] }, now);
    assert.equal(local.params['taskType.0'], undefined);
    assert.deepEqual([...local.types!], ['newInstance']);
  });
});

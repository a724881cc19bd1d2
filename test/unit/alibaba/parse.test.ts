import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../../../src/core/errors';
import { parseStepsInfo } from '../../../src/providers/alibaba/steps';
import { fromHistoryTask, fromLegacyTask } from '../../../src/providers/alibaba/tasks';
import { parseHistoryTasks, parseInstances, parseLegacyTasks } from '../../../src/providers/alibaba/wire';

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/alibaba/describe-tasks-seed.json'), 'utf8'),
) as unknown;
const ctx = {
  connectionId: 'c1',
  instanceId: 'r-bp1zxszhcgatnx',
  instanceName: 'orders',
  consoleUrl: 'https://console/x',
};

describe('alibaba response parsing', () => {
  it("parses the seed's sample DescribeTasks response exactly", () => {
    const page = parseLegacyTasks(fixture);
    assert.equal(page.requestId, '608FAEC9-485E-4C65-82DE-2E5B955E****');
    assert.equal(page.pageNumber, 1);
    assert.equal(page.pageSize, 30);
    assert.equal(page.total, 2);
    assert.equal(page.items.length, 1);
    const task = fromLegacyTask(page.items[0], ctx);
    assert.deepEqual(
      { ...task, raw: undefined },
      {
        id: '32302****',
        source: 'c1',
        provider: 'alibaba',
        kind: 'cloud-task',
        group: 'r-bp1zxszhcgatnx',
        name: 'Modify parameters',
        type: 'ModifyDBInstanceParameter',
        target: { id: 'r-bp1zxszhcgatnx', name: 'orders', type: 'instance' },
        status: 'succeeded',
        providerStatus: '2',
        progress: 100,
        startedAt: Date.UTC(2020, 10, 13, 6, 16, 54),
        finishedAt: Date.UTC(2020, 10, 13, 6, 17, 18),
        remainingSeconds: 60,
        currentStep: 'init_redis (3/3)',
        steps: [
          { name: 'init_instance', progress: 100, remainingSeconds: 0 },
          { name: 'init_redis', progress: 12.3, remainingSeconds: 107 },
          { name: 'init_config', progress: 0, remainingSeconds: 1881 },
        ],
        shards: [],
        errors: [],
        capabilities: { cancel: false, forceCancel: false, consoleUrl: 'https://console/x' },
        raw: undefined,
      },
    );
    assert.equal((task.raw as { TaskId: string }).TaskId, '32302****');
  });

  it('reads StepsInfo plain, escaped once more, or wrapped in {steps}', () => {
    const plain = '[{"remain":5,"name":"a","progress":50}]';
    assert.deepEqual(parseStepsInfo(plain), { ok: true, steps: [{ name: 'a', progress: 50, remainingSeconds: 5 }] });
    assert.deepEqual(parseStepsInfo(JSON.stringify(plain)), parseStepsInfo(plain));
    assert.deepEqual(parseStepsInfo(plain.replace(/"/g, '\\"')), parseStepsInfo(plain));
    assert.deepEqual(parseStepsInfo('{"steps":[{"name":"b","progress":"100","remain":0}]}'), {
      ok: true,
      steps: [{ name: 'b', progress: 100, remainingSeconds: 0 }],
    });
    assert.deepEqual(parseStepsInfo(undefined), { ok: true, steps: [] });
    assert.deepEqual(parseStepsInfo(''), { ok: true, steps: [] });
  });

  it('keeps a task whose StepsInfo is malformed and shows the raw text', () => {
    for (const bad of ['[{"remain":0,"name":"x"', '{"a":1}', '[1,2]', '[{"progress":3}]']) {
      assert.deepEqual(parseStepsInfo(bad), { ok: false, raw: bad });
    }
    const page = parseLegacyTasks({ Items: [{ TaskId: 7, Status: '1', StepsInfo: '[{broken', Remain: 30 }] });
    const task = fromLegacyTask(page.items[0], ctx);
    assert.equal(task.id, '7');
    assert.equal(task.status, 'running');
    assert.equal(task.remainingSeconds, 30);
    assert.deepEqual(task.steps, []);
    assert.equal(task.errors.length, 1);
    assert.match(task.errors[0].message, /\[\{broken/);
  });

  it('keeps unknown statuses visible', () => {
    const task = fromLegacyTask(parseLegacyTasks({ Items: [{ TaskId: 'x', Status: '5' }] }).items[0], ctx);
    assert.equal(task.status, 'unknown');
    assert.equal(task.providerStatus, '5');
  });

  it("DescribeHistoryTasks ReasonCode (the SDK's example 小版本升级) is why the task started, not a failure", () => {
    // The item of the SDK's DescribeHistoryTasksResponseBodyItems examples, as a failed task.
    const page = parseHistoryTasks({
      Items: [
        {
          TaskId: 't-83br18hloy3faf****',
          TaskType: 'ModifyInsSpec',
          Status: 'Failed',
          Progress: 79.0,
          RemainTime: 1000,
          StartTime: '2022-02-03T11:31:03Z',
          EndTime: '2022-02-03T12:06:17Z',
          CurrentStepName: 'exec_task',
          InstanceId: 'r-bp1zxszhcgatnx****',
          InstanceName: 'dba-tair-test-qcloud',
          RegionId: 'cn-shanghai',
          ReasonCode: '小版本升级',
          TaskDetail: '{\\"callerUid\\":\\"test\\"}',
        },
      ],
    });
    const task = fromHistoryTask(page.items[0], { connectionId: 'c', instanceId: 'r-bp1zxszhcgatnx****' });
    assert.equal(task.status, 'failed');
    assert.equal(task.reason, '小版本升级');
    assert.deepEqual(task.errors, [], 'no invented failure text');
    assert.ok(!JSON.stringify(task.errors).includes('小版本升级'));
    const running = fromHistoryTask(
      parseHistoryTasks({ Items: [{ TaskId: 't', Status: 'Running', ReasonCode: '小版本升级' }] }).items[0],
      {
        connectionId: 'c',
        instanceId: 'r',
      },
    );
    assert.equal(running.reason, '小版本升级', 'a running task has its reason too');
  });

  it('parses DescribeHistoryTasks items into tasks', () => {
    const page = parseHistoryTasks({
      RequestId: 'R1',
      PageNumber: 1,
      PageSize: 10,
      TotalCount: 1,
      Items: [
        {
          TaskId: 't-1',
          TaskType: 'ModifyInsSpec',
          Status: 'Failed',
          Progress: '79.0',
          RemainTime: 0,
          StartTime: '2022-02-03T11:31:03Z',
          EndTime: '2022-02-03T12:06:17Z',
          CurrentStepName: 'exec_task',
          InstanceId: 'r-1',
          InstanceName: 'n1',
          ReasonCode: 'InternalError',
          TaskDetail: '{"steps":[{"name":"exec_task","progress":79,"remain":0}]}',
        },
      ],
    });
    assert.equal(page.total, 1);
    const task = fromHistoryTask(page.items[0], { connectionId: 'c', instanceId: 'r-1' });
    assert.equal(task.status, 'failed');
    assert.equal(task.progress, 79);
    assert.equal(task.remainingSeconds, undefined);
    assert.equal(task.name, 'Change instance specification');
    assert.equal(task.target?.name, 'n1');
    assert.equal(task.currentStep, 'exec_task');
    assert.deepEqual(task.steps, [{ name: 'exec_task', progress: 79, remainingSeconds: 0 }]);
    // Its ReasonCode is why it started: it read "Failed: InternalError" before, which was wrong.
    assert.equal(task.reason, 'InternalError');
    assert.deepEqual(task.errors, []);
  });

  it('parses DescribeInstances and names the failing field', () => {
    const page = parseInstances({
      TotalCount: 1,
      Instances: { KVStoreInstance: [{ InstanceId: 'r-1', InstanceName: 'a', InstanceStatus: 'Normal' }] },
    });
    assert.deepEqual(page.items, [{ id: 'r-1', name: 'a', status: 'Normal', regionId: undefined }]);
    assert.throws(
      () => parseInstances({ Instances: { KVStoreInstance: [{ InstanceName: 'a' }] } }),
      (e: unknown) =>
        e instanceof ProviderError && e.kind === 'bad-response' && /KVStoreInstance\[0\]\.InstanceId/.test(e.message),
    );
    assert.throws(
      () => parseLegacyTasks({ Items: 'nope' }),
      (e: unknown) => e instanceof ProviderError && /Items/.test(e.message),
    );
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NameIndex } from '../../../src/providers/redis-cloud/names';
import { toTask } from '../../../src/providers/redis-cloud/tasks';
import { parseDatabases, parseSubscriptions, parseTaskList } from '../../../src/providers/redis-cloud/wire';
import type { RedisCloudApi } from '../../../src/providers/redis-cloud/api';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/redis-cloud/tasks.json'), 'utf8')) as {
  tasks: unknown[];
};

describe('redis-cloud wire parsing', () => {
  it('parses the sample task list exactly', () => {
    const tasks = parseTaskList(fixture);
    assert.equal(tasks.length, 4);
    const [created, failed, stringError, queued] = tasks;
    assert.deepEqual(
      { ...created, raw: undefined },
      {
        taskId: 'e02b40d6-1a2b-4c3d-8e9f-0123456789ab',
        commandType: 'subscriptionCreateRequest',
        status: 'processing-completed',
        description:
          'Request processing completed successfully and its resources are now being provisioned / de-provisioned.',
        timestamp: '2019-08-08T09:07:39.826Z',
        resourceId: '77899',
        additionalResourceId: undefined,
        error: undefined,
        additionalInfo: undefined,
        hrefs: ['https://api.redislabs.com/v1/tasks/e02b40d6-1a2b-4c3d-8e9f-0123456789ab'],
        raw: undefined,
      },
    );
    assert.equal(created.raw, fixture.tasks[0]);
    assert.deepEqual(failed.error, {
      type: 'DATABASE_INVALID_SHARDS_COUNT',
      status: '400 BAD_REQUEST',
      description: 'Invalid number of shards',
    });
    assert.deepEqual(failed.hrefs, ['https://api.redislabs.com/v1/subscriptions/1206/databases/51001']);
    assert.deepEqual(stringError.error, { type: 'VPC_PEERING_INVALID_CIDR' });
    assert.equal(stringError.additionalInfo, 'CIDR overlaps');
    assert.equal(queued.resourceId, undefined);
  });

  it('accepts a bare array', () => {
    assert.deepEqual(
      parseTaskList(fixture.tasks).map(t => t.taskId),
      parseTaskList(fixture).map(t => t.taskId),
    );
  });

  it('names the failing field when the shape is wrong', () => {
    assert.throws(() => parseTaskList({ tasks: [{ status: 'received' }] }), /tasks\[0\]\.taskId is missing/);
    assert.throws(() => parseTaskList({ tasks: 'nope' }), /tasks should be an array/);
    assert.throws(
      () => parseTaskList({ tasks: [{ taskId: 'x', status: 'received', response: { error: 5 } }] }),
      /tasks\[0\]\.response\.error should be an object/,
    );
  });

  it('parses Pro and Essentials subscriptions and both database answer shapes', () => {
    assert.deepEqual(
      parseSubscriptions({ accountId: 1, subscriptions: [{ id: 1206, name: 'a', status: 'active' }] }, 'pro'),
      [{ id: '1206', name: 'a', status: 'active', plan: 'pro' }],
    );
    const pro = parseDatabases(
      { subscription: [{ subscriptionId: 1206, numberOfDatabases: 3, databases: [{ databaseId: 1, name: 'x' }] }] },
      '1206',
    );
    assert.deepEqual(pro, { databases: [{ id: '1', name: 'x', subscriptionId: '1206' }], total: 3 });
    const fixed = parseDatabases(
      { subscription: { subscriptionId: 9, numberOfDatabases: 1, databases: [{ databaseId: 2, name: 'y' }] } },
      '9',
    );
    assert.deepEqual(fixed.databases, [{ id: '2', name: 'y', subscriptionId: '9' }]);
  });
});

describe('redis-cloud task mapping', () => {
  const index = new NameIndex({} as RedisCloudApi, { now: () => 0, ttlMs: 1000, databasePageSize: 100 });
  index.subscriptions.set('1206', { id: '1206', name: 'payments', plan: 'pro' });
  index.databases.set('51001', { id: '51001', name: 'orders', subscriptionId: '1206' });
  const ctx = () => ({ connectionId: 'c1', firstSeen: new Map<string, number>() });
  const tasks = parseTaskList(fixture);

  it('maps a finished subscription task', () => {
    const t = toTask(tasks[0], index.place(tasks[0]), ctx());
    assert.equal(t.status, 'succeeded');
    assert.equal(t.providerStatus, 'processing-completed');
    assert.equal(t.name, 'Create subscription');
    assert.equal(t.group, '77899');
    assert.deepEqual(t.target, { id: '77899', name: undefined, type: 'subscription' });
    assert.equal(t.finishedAt, Date.parse('2019-08-08T09:07:39.826Z'));
    assert.equal(t.capabilities.cancel, false);
    assert.equal(t.kind, 'cloud-task');
    // Issue 13: every console link was the account's root.
    assert.equal(t.capabilities.consoleUrl, 'https://cloud.redis.io/#/subscriptions/subscription/77899/bdbs');
  });

  it("shows an error object's description and groups by the linked subscription", () => {
    const t = toTask(tasks[1], index.place(tasks[1]), ctx());
    assert.equal(t.status, 'failed');
    assert.equal(t.group, '1206');
    assert.deepEqual(t.target, { id: '51001', name: 'orders', type: 'database' });
    assert.deepEqual(t.errors, [{ message: 'Invalid number of shards', code: 'DATABASE_INVALID_SHARDS_COUNT' }]);
    assert.equal(
      t.capabilities.consoleUrl,
      'https://cloud.redis.io/#/databases/51001/subscription/1206/view-bdb/configuration',
      "the database's own page",
    );
  });

  it('reads an error string code with its additional info', () => {
    const t = toTask(tasks[2], index.place(tasks[2]), ctx());
    assert.equal(t.group, 'other');
    assert.equal(t.capabilities.consoleUrl, 'https://cloud.redis.io/#/subscriptions', 'nothing deeper is known');
    assert.deepEqual(t.errors, [
      { message: 'Vpc peering invalid cidr (CIDR overlaps)', code: 'VPC_PEERING_INVALID_CIDR' },
    ]);
  });

  it('keeps the earliest time seen as the start', () => {
    const c = ctx();
    const t = toTask(tasks[3], index.place(tasks[3]), c);
    assert.equal(t.status, 'pending');
    assert.equal(t.startedAt, Date.parse('2024-03-01T12:20:00Z'));
    const later = { ...tasks[3], status: 'processing-in-progress', timestamp: '2024-03-01T12:25:00Z' };
    const t2 = toTask(later, index.place(later), c);
    assert.equal(t2.status, 'running');
    assert.equal(t2.startedAt, Date.parse('2024-03-01T12:20:00Z'));
    assert.equal(t2.currentStep, 'Task request received and is being queued for processing.');
  });
});

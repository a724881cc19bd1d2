import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../../../src/core/errors';
import { actionToTask, crdbTaskToTask, type NormaliseContext } from '../../../src/providers/redis-enterprise/normalise';
import { actionLabel, crdbOperationLabel } from '../../../src/providers/redis-enterprise/labels';
import {
  parseBdbNames,
  parseCrdbNames,
  parseCrdbTask,
  parseV1Action,
  parseV1Actions,
  parseV2Action,
  parseV2Actions,
} from '../../../src/providers/redis-enterprise/wire';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/redis-enterprise', name), 'utf8'));

const ctx: NormaliseContext = {
  connectionId: 'conn-1',
  consoleUrl: 'https://cluster.example:8443/',
  bdbName: uid => (uid === '1' ? 'orders' : undefined),
  crdbName: guid => (guid === 'g-1' ? 'global-cart' : undefined),
};

describe('redis-enterprise normalisation', () => {
  it("the seed's GET /v1/actions body: kinds, groups, numbers as strings, targets", async () => {
    const tasks = (await parseV1Actions(fixture('v1-actions.json'))).map(w => actionToTask(w, ctx));
    assert.equal(tasks.length, 3);
    const [a1, a2, sm] = tasks;
    assert.equal(a1.id, '159ca2f8-7bf3-4cda-97e8-4eb560665c28');
    assert.equal(a1.kind, 'action');
    assert.equal(a1.group, 'actions');
    assert.equal(a1.name, 'Retry database');
    assert.equal(a1.type, 'retry_bdb');
    assert.equal(a1.status, 'succeeded');
    assert.equal(a1.providerStatus, 'completed');
    assert.equal(a1.progress, 100); // "100" as a string
    assert.deepEqual(a1.target, { id: 'node:2', type: 'node', name: 'Node 2' });
    assert.equal(a1.source, 'conn-1');
    assert.equal(a1.provider, 'redis-enterprise');
    assert.deepEqual(a1.capabilities, {
      cancel: false,
      forceCancel: false,
      consoleUrl: 'https://cluster.example:8443/',
    });
    assert.deepEqual(a1.errors, []);
    assert.equal(a2.target?.id, 'node:1');
    assert.equal(sm.kind, 'state-machine');
    assert.equal(sm.group, 'state-machines');
    assert.equal(sm.name, 'Create database');
    assert.equal(sm.progress, 100);
    assert.deepEqual(sm.target, { id: 'bdb:1', type: 'bdb', name: 'orders' });
    assert.equal(sm.startedAt, undefined);
    assert.equal((sm.raw as { heartbeat: number }).heartbeat, 1650378874);
  });

  it("the seed's GET /v1/actions/{uid} body", () => {
    const t = actionToTask(parseV1Action(fixture('v1-action.json')), ctx);
    assert.equal(t.id, '159ca2f8-7bf3-4cda-97e8-4eb560665c28');
    assert.equal(t.kind, 'action');
    assert.equal(t.status, 'succeeded');
    assert.equal(t.progress, 100);
    assert.equal(t.name, 'Retry database');
  });

  it('v1 pending_ops become shards with heartbeats in ms; errors and state are kept', () => {
    const w = parseV1Action({
      action_uid: 'u1',
      name: 'SMUpgradeBDB',
      status: 'failed',
      state: 'upgrade_shards',
      object_name: 'bdb:7',
      creation_time: '1760400087',
      progress: '42.5',
      error_code: 'insufficient_resources',
      error_message: 'No memory',
      pending_ops: {
        '3': {
          heartbeat: 1760400100,
          last_sample_time: '1760400105',
          op_name: 'upgrade_shard',
          status_code: 'error',
          status_description: 'Stopped',
          progress: '40',
        },
      },
    });
    const t = actionToTask(w, ctx);
    assert.equal(t.kind, 'state-machine');
    assert.equal(t.status, 'failed');
    assert.equal(t.startedAt, 1760400087000);
    assert.equal(t.progress, 42.5);
    assert.equal(t.currentStep, 'upgrade_shards');
    assert.deepEqual(t.target, { id: 'bdb:7', type: 'bdb', name: undefined });
    assert.deepEqual(t.errors, [{ message: 'No memory', code: 'insufficient_resources' }]);
    assert.deepEqual(t.shards, [
      {
        shardId: '3',
        opName: 'upgrade_shard',
        statusCode: 'error',
        statusDescription: 'Stopped',
        progress: 40,
        heartbeatAt: 1760400100000,
        lastSampleAt: 1760400105000,
      },
    ]);
  });

  it('v2 actions: action_type, additional_info target, error and pending_ops', async () => {
    const [sm, task, other] = (
      await parseV2Actions([
        {
          action_uid: 'a',
          action_type: 'state-machine',
          creation_time: 1760400087,
          name: 'SMUpdateBDB',
          progress: 12.5,
          status: 'running',
          additional_info: {
            description: 'Update orders',
            object_type: 'bdb',
            object_uid: '1',
            pending_ops: { '11': { progress: 20 } },
          },
        },
        {
          action_uid: 'b',
          action_type: 'task',
          creation_time: '1760400090',
          name: 'backup_bdb',
          progress: 0,
          status: 'failed',
          additional_info: { error: 'Disk full', object_type: 'bdb', object_uid: 1 },
        },
        {
          action_uid: 'c',
          action_type: 'other',
          name: 'mystery_op',
          status: 'sleeping',
          additional_info: { error: { error_code: 'x', message: 'y' } },
        },
      ])
    ).map(w => actionToTask(w, ctx));
    assert.equal(sm.kind, 'state-machine');
    assert.equal(sm.group, 'state-machines');
    assert.equal(sm.target?.name, 'orders');
    assert.equal(sm.progress, 12.5);
    assert.equal(sm.shards[0].shardId, '11');
    assert.equal(sm.shards[0].progress, 20);
    assert.equal(task.kind, 'action');
    assert.equal(task.name, 'Back up database');
    assert.equal(task.startedAt, 1760400090000);
    assert.deepEqual(task.errors, [{ message: 'Disk full', code: undefined }]);
    assert.equal(other.kind, 'action');
    assert.equal(other.name, 'mystery_op');
    assert.equal(other.status, 'unknown');
    assert.equal(other.providerStatus, 'sleeping');
    assert.deepEqual(other.errors, [{ message: 'y', code: 'x' }]);
  });

  it("a failed state machine's reason is its text field `error` (the state-machine object), kept beside error_code", async () => {
    // The seed's state machine, failed, with the fields the state-machine object documents: status, state, error.
    const [sm] = (
      await parseV1Actions({
        actions: [],
        'state-machines': [
          {
            action_uid: 'a10586b1-60bc-428e-9bc6-392eb5f0d8ae',
            heartbeat: 1650378874,
            name: 'SMCreateBDB',
            object_name: 'bdb:1',
            progress: 40,
            status: 'failed',
            state: 'wait_for_shards',
            error: 'Failed to allocate shards: not enough memory on node 2',
          },
        ],
      })
    ).map(w => actionToTask(w, ctx));
    assert.equal(sm.kind, 'state-machine');
    assert.equal(sm.status, 'failed');
    assert.equal(sm.currentStep, 'wait_for_shards');
    assert.deepEqual(sm.errors, [
      { message: 'Failed to allocate shards: not enough memory on node 2', code: undefined },
    ]);
    // An action object's error_code/error_message still wins where both are sent.
    const both = actionToTask(
      parseV1Action({
        action_uid: 'u',
        name: 'SMUpgradeBDB',
        status: 'failed',
        error: 'free text',
        error_code: 'insufficient_resources',
        error_message: 'No memory',
      }),
      ctx,
    );
    assert.deepEqual(both.errors, [{ message: 'No memory', code: 'insufficient_resources' }]);
    const codeOnly = actionToTask(
      parseV1Action({ action_uid: 'u', name: 'x', status: 'failed', error: 'Disk full', error_code: 'internal_error' }),
      ctx,
    );
    assert.deepEqual(codeOnly.errors, [{ message: 'Disk full', code: 'internal_error' }]);
  });

  it("the docs' GET /v2/actions example and the v2 status words pending/active/completed/failed", async () => {
    const example = {
      action_type: 'task',
      action_uid: '6155403f-c26f-40ab-8afc-23ed663973f6',
      additional_info: { object_type: 'node', object_uid: '1' },
      creation_time: 1742595918,
      name: 'retry_bdb',
      progress: 100.0,
      status: 'completed',
    };
    const [done] = (await parseV2Actions([example])).map(w => actionToTask(w, ctx));
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, 100);
    assert.equal(done.startedAt, 1742595918000);
    assert.deepEqual(done.target, { id: 'node:1', type: 'node', name: 'Node 1' });
    const statuses = ['pending', 'active', 'completed', 'failed'].map(
      status => actionToTask(parseV2Action({ ...example, status }), ctx).status,
    );
    assert.deepEqual(statuses, ['pending', 'running', 'succeeded', 'failed']);
  });

  it('a crdb task: steps are cluster step names, no percent, errors with where, cancel while active', () => {
    const w = parseCrdbTask({
      id: 't1',
      crdb_guid: 'g-1',
      operation: 'create_crdb',
      status: 'started',
      started: '2026-01-02T03:04:05Z',
      errors: [{ cluster_name: 'paris', description: 'slow link', error_code: 'net_warn' }],
      progress: {
        clusters: [
          { name: 'paris', progress: 'syncing' },
          { name: 'tokyo', progress: 'validating' },
        ],
        worker: 'w1',
      },
    });
    const t = crdbTaskToTask(w, ctx);
    assert.equal(t.kind, 'crdb-task');
    assert.equal(t.group, 'crdb-tasks');
    assert.equal(t.name, 'Create Active-Active database');
    assert.equal(t.type, 'create_crdb');
    assert.deepEqual(t.target, { id: 'g-1', name: 'global-cart', type: 'crdb' });
    assert.equal(t.status, 'running');
    assert.equal(t.progress, undefined);
    assert.equal(t.startedAt, Date.parse('2026-01-02T03:04:05Z'));
    assert.equal(t.finishedAt, undefined);
    assert.deepEqual(t.steps, [
      { name: 'syncing', detail: 'paris' },
      { name: 'validating', detail: 'tokyo' },
    ]);
    assert.deepEqual(t.errors, [{ message: 'slow link', code: 'net_warn', where: 'paris' }]);
    assert.deepEqual(t.capabilities, { cancel: true, forceCancel: true, consoleUrl: 'https://cluster.example:8443/' });
  });

  it('a finished or cancelled crdb task cannot be canceled again', () => {
    const done = crdbTaskToTask(parseCrdbTask({ id: 't', status: 'finished', ended: '2026-01-02T03:04:05Z' }), ctx);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.finishedAt, Date.parse('2026-01-02T03:04:05Z'));
    assert.equal(done.capabilities.cancel, false);
    const cancelled = crdbTaskToTask(
      parseCrdbTask({ id: 't', status: 'failed', errors: [{ description: 'Task was cancelled' }] }),
      ctx,
    );
    assert.equal(cancelled.status, 'canceled');
    assert.equal(cancelled.capabilities.forceCancel, false);
  });

  it('wrong shapes name the failing field', async () => {
    assert.throws(
      () => parseCrdbTask({ id: 't', progress: { clusters: 'x' } }),
      (e: unknown) =>
        e instanceof ProviderError && e.kind === 'bad-response' && e.message.includes('crdb_task.progress.clusters'),
    );
    await assert.rejects(
      () => parseV1Actions({ actions: {} }),
      (e: unknown) =>
        e instanceof ProviderError && e.kind === 'bad-response' && e.message.includes('actions should be an array'),
    );
    await assert.rejects(
      () => parseV2Actions([{ name: 'x' }]),
      (e: unknown) => e instanceof ProviderError && e.message.includes('actions[0].action_uid is missing'),
    );
  });

  it('/v1/crdbs as an array or as {crdbs: [...]}; bdb names', () => {
    const list = [{ guid: 'g', name: 'n' }];
    assert.deepEqual(parseCrdbNames(list), [{ uid: 'g', name: 'n' }]);
    assert.deepEqual(parseCrdbNames({ crdbs: list }), [{ uid: 'g', name: 'n' }]);
    assert.throws(() => parseCrdbNames({ other: [] }), ProviderError);
    assert.deepEqual(parseBdbNames([{ uid: 1, name: 'orders' }, { uid: 2 }]), [{ uid: '1', name: 'orders' }]);
  });

  it('labels: known, unknown crdb ops capitalised, unknown actions raw', () => {
    assert.equal(crdbOperationLabel('create_crdb'), 'Create Active-Active database');
    assert.equal(crdbOperationLabel('resync_crdb_peer'), 'Resync crdb peer');
    assert.equal(actionLabel('SMCreateBDB'), 'Create database');
    assert.equal(actionLabel('retry_bdb'), 'Retry database');
    assert.equal(actionLabel('SMSomethingNew'), 'SMSomethingNew');
  });
});

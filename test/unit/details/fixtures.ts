import type { Task } from '../../../src/core/task';
import type * as LabelsModule from '../../../src/extension/details/localizedLabels';
import type { DetailsLabels } from '../../../src/shared/detailsModel';
import { createFakeVscode, loadWithFakeVscode } from './fakeVscode';

const LABELS_MODULE = require.resolve('../../../src/extension/details/localizedLabels');

/** A task with every optional part empty; each test adds what its provider shape has. */
export function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    source: 'conn-1',
    provider: 'redis-enterprise',
    kind: 'action',
    group: 'actions',
    name: 'Backup',
    status: 'running',
    providerStatus: 'running',
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: false, forceCancel: false },
    raw: {},
    ...overrides,
  };
}

export const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

/** A Redis Enterprise CRDB task: progress is per-cluster step names, cancel and forced cancel exist. */
export function crdbTask(): Task {
  return task({
    id: '9f1c2d3e-crdb',
    kind: 'crdb-task',
    group: 'crdb-tasks',
    name: 'create_crdb',
    type: 'create_crdb',
    status: 'running',
    providerStatus: 'started',
    target: { id: 'guid-1', name: 'orders', type: 'crdb' },
    startedAt: T0,
    steps: [
      { name: 'creating_bdb', detail: 'cluster-east' },
      { name: 'syncing', detail: 'cluster-west' },
    ],
    currentStep: 'syncing',
    capabilities: { cancel: true, forceCancel: true },
    raw: {
      id: '9f1c2d3e-crdb',
      status: 'started',
      progress: { clusters: [{ name: 'cluster-east', progress: 'creating_bdb' }] },
    },
  });
}

/** A Redis Enterprise action with per-shard pending operations. */
export function shardedAction(): Task {
  return task({
    id: 'action-7',
    name: 'Re-shard',
    type: 'reshard',
    progress: 42.345,
    target: { id: 'bdb:1', name: 'cache' },
    startedAt: T0,
    shards: [
      {
        shardId: 'redis:1',
        opName: 'migrate',
        statusCode: 'ok',
        statusDescription: 'in progress',
        progress: 150,
        heartbeatAt: T0 + 50_000,
      },
      { shardId: 'redis:2', opName: 'migrate', statusCode: 'waiting' },
    ],
    capabilities: { cancel: true, forceCancel: false },
  });
}

/** An Alibaba DescribeTasks task: steps with progress and remaining time, an overall remaining time. */
export function steppedTask(): Task {
  return task({
    id: '1234',
    provider: 'alibaba',
    kind: 'cloud-task',
    group: 'r-abc',
    name: 'Change specification',
    type: 'ModifyInstanceSpec',
    progress: 60,
    remainingSeconds: 125,
    startedAt: T0,
    currentStep: 'copy data',
    steps: [
      { name: 'prepare', progress: 100, remainingSeconds: 0 },
      { name: 'copy data', progress: 40, remainingSeconds: 125 },
      { name: 'switch', progress: 0 },
    ],
    capabilities: {
      cancel: false,
      forceCancel: false,
      consoleUrl: 'https://kvstore.console.aliyun.com/#/detail/r-abc',
    },
  });
}

/** A failed CRDB task with per-cluster errors. */
export function failedTask(): Task {
  return task({
    ...crdbTask(),
    status: 'failed',
    providerStatus: 'failed',
    finishedAt: T0 + 3_725_000,
    remainingSeconds: 30,
    errors: [
      { message: 'Out of memory on node 2', code: 'insufficient_resources', where: 'cluster-east' },
      { message: 'Timed out' },
    ],
  });
}

/**
 * The details labels as the extension builds them (`localizedDetailsLabels`) under an English display language: the
 * fake `l10n.t` returns each message itself, as VS Code does when no bundle is loaded.
 */
export function englishDetailsLabels(): DetailsLabels {
  const mod = loadWithFakeVscode<typeof LabelsModule>(LABELS_MODULE, createFakeVscode().vscode, []);
  return mod.localizedDetailsLabels();
}

import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { allModules } from '../../../src/emulator/modules';
import * as providers from '../../../src/providers/index';
import { TaskStore } from '../../../src/core/store';
import type { Task } from '../../../src/core/task';
import { cancelFlow, type CancelFlowDeps } from '../../../src/extension/cancelFlow';
import { ConnectionsModel } from '../../../src/extension/connections/model';
import type { TaskLog } from '../../../src/extension/log';
import type { Prompts } from '../../../src/extension/prompts';
import { TaskService } from '../../../src/extension/taskService';

/** The whole cancel path against the emulated Redis Enterprise cluster: store, service, flow, real client. */
describe('cancel flow against the emulated Redis Enterprise API', () => {
  let emulator: RunningEmulator;
  let service: TaskService;
  let store: TaskStore;

  before(async () => {
    emulator = await startEmulator({ modules: allModules(), http: true, clock: 'manual', host: '127.0.0.1', port: 0 });
    const info = emulator.connections().find(c => c.provider === 'redis-enterprise');
    assert.ok(info, 'the emulator serves Redis Enterprise');
    settings['redisTasks.connections'] = [
      { id: 're', name: info.name, provider: 'redis-enterprise', endpoint: info.endpoint, user: info.user },
    ];
    const secrets = new Map([['redisTasks.secret.re', info.secret]]);
    const connections = new ConnectionsModel({
      get: async (k: string) => secrets.get(k),
      store: async () => undefined,
      delete: async () => undefined,
    } as never);
    const log = {
      addSecret: () => undefined,
      request: () => undefined,
      error: () => undefined,
      info: () => undefined,
    } as unknown as TaskLog;
    store = new TaskStore();
    service = new TaskService({
      store,
      connections,
      log,
      providers: () => providers,
      settings: () => ({
        activeIntervalMs: 0,
        idleIntervalMs: 0,
        resultTtlSeconds: 3600,
        notifications: 'off',
        requestTimeoutMs: 10_000,
        timeWindowDays: 0,
        retentionMs: 24 * 3600_000,
      }),
    });
    service.syncConnections(false);
  });

  after(async () => {
    service.dispose();
    delete settings['redisTasks.connections'];
    await emulator.close();
  });

  function inCommitPhase(t: Task): boolean {
    const clusters = (t.raw as { progress?: { clusters?: { progress?: string }[] } }).progress?.clusters ?? [];
    return t.kind === 'crdb-task' && t.status === 'running' && clusters.some(c => c.progress === 'committing');
  }

  it('406 → forced cancel after the typed id; the next poll shows the task ended', async () => {
    let target: Task | undefined;
    // Move the emulator's own clock (never wall time) until a CRDB task sits in its commit phase.
    for (let i = 0; i < 80 && !target; i++) {
      await service.refresh('re');
      assert.equal(store.connection('re')?.status, 'ok', store.connection('re')?.error?.message);
      target = store.allTasks('re').find(inCommitPhase);
      if (!target) emulator.context.clock.advance(15_000);
    }
    assert.ok(target, 'a CRDB task in its commit phase');
    const answers = ['Cancel Task', 'Force Cancel…', target.id];
    const asked: string[] = [];
    const reply = (m: string) => {
      asked.push(m);
      return Promise.resolve(answers.shift());
    };
    const prompts = {
      showWarningMessage: reply,
      showErrorMessage: reply,
      showInformationMessage: reply,
      showInputBox: (o: { prompt?: string }) => reply(o.prompt ?? ''),
    } as unknown as Prompts;
    let sent = 0;
    const deps: CancelFlowDeps = {
      prompts,
      store,
      connectionName: () => 'Demo cluster',
      cancel: (c, t, force) => {
        sent++;
        return service.cancel(c, t, force);
      },
    };
    assert.equal(await cancelFlow(deps, 're', target.id), 'requested');
    assert.equal(sent, 2, 'one plain cancel (406), one forced');
    assert.match(asked[1], /commit phase/);
    assert.equal(store.isCancelling('re', target.id), true);
    await service.refresh('re');
    const after = store.task('re', target.id);
    assert.ok(after, 'the watched task stays in the store after it leaves the list');
    assert.equal(store.isCancelling('re', target.id), false);
    assert.ok(!['running', 'pending'].includes(after.status), `ended, got ${after.status}`);
  });
});

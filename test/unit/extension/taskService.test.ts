import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { CancelOptions, GetTaskOptions, TaskSource } from '../../../src/core/source';
import { TaskStore } from '../../../src/core/store';
import type { Task, TaskQuery, TaskSnapshot } from '../../../src/core/task';
import { ConnectionsModel } from '../../../src/extension/connections/model';
import type { ProvidersModule } from '../../../src/extension/providersLoader';
import { TaskService, matchesQuery } from '../../../src/extension/taskService';
import { MemorySecrets } from '../support/memorySecrets';
import { testSettings } from '../support/serviceSettings';
import { silentLog } from '../support/silentLog';
import { snapshot, task } from './fixtures';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

class FakeSource implements TaskSource {
  readonly provider = 'redis-enterprise' as const;
  snapshots: (TaskSnapshot | Error)[] = [];
  tasks = new Map<string, Task>();
  refreshes: TaskQuery[] = [];
  gets: { id: string; options?: GetTaskOptions }[] = [];
  cancels: { id: string; options?: CancelOptions }[] = [];
  closed = false;
  constructor(readonly connectionId: string) {}
  async refresh(q: TaskQuery): Promise<TaskSnapshot> {
    this.refreshes.push(q);
    const s = this.snapshots.length > 1 ? this.snapshots.shift()! : this.snapshots[0];
    if (s instanceof Error) throw s;
    return s;
  }
  async loadMore(): Promise<{ tasks: Task[] }> {
    return { tasks: [] };
  }
  async getTask(id: string, options?: GetTaskOptions): Promise<Task> {
    this.gets.push({ id, options });
    const t = this.tasks.get(id);
    if (!t) throw new ProviderError('not-found', `Task ${id} not found`);
    return t;
  }
  async cancelTask(id: string, options?: CancelOptions): Promise<void> {
    this.cancels.push({ id, options });
  }
  consoleUrl(): string {
    return 'https://prod:8443';
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(timeWindowDays = 0) {
  settings['redisTasks.connections'] = [
    { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint: 'https://prod:9443', user: 'admin' },
  ];
  const secrets = new MemorySecrets();
  secrets.data.set('redisTasks.secret.c1', 's3cret-pass');
  const connections = new ConnectionsModel(secrets);
  const store = new TaskStore();
  const logged: string[] = [];
  const log = silentLog({ error: (c: string, e: Error) => void logged.push(`${c}: ${e.message}`) });
  const sources: FakeSource[] = [];
  const secretsSeen: string[] = [];
  const providers = {
    createSource: (config: { id: string }, secret: { secret: string }) => {
      secretsSeen.push(secret.secret);
      const s = new FakeSource(config.id);
      s.snapshots = [snapshot([task('1'), task('2', { status: 'succeeded' })])];
      sources.push(s);
      return s;
    },
  } as unknown as ProvidersModule;
  const service = new TaskService({
    store,
    connections,
    log,
    providers: () => providers,
    settings: () => testSettings({ notifications: 'watched', timeWindowDays }),
    now: () => NOW,
  });
  service.syncConnections(false);
  return { service, store, sources, secrets, logged, secretsSeen, connections };
}

describe('TaskService', () => {
  afterEach(() => {
    delete settings['redisTasks.connections'];
  });

  it('nothing is loaded at sync time; a refresh makes the source from settings and SecretStorage and fills the store', async () => {
    const { service, store, sources, secretsSeen } = setup();
    assert.equal(sources.length, 0);
    await service.refresh('c1');
    assert.equal(sources.length, 1);
    assert.deepEqual(secretsSeen, ['s3cret-pass']);
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['1', '2'],
    );
    assert.equal(service.consoleUrl('c1'), 'https://prod:8443');
    service.dispose();
  });

  it('a failed refresh keeps the last tasks, stale, with the error', async () => {
    const { service, store, sources } = setup();
    await service.refresh('c1');
    sources[0].snapshots = [new ProviderError('network', 'Cannot reach prod:9443.')];
    await service.refresh('c1');
    assert.equal(store.connection('c1')!.status, 'error');
    assert.equal(store.connection('c1')!.stale, true);
    assert.equal(store.tasksOf('c1', 'crdb').length, 2);
    service.dispose();
  });

  it('a connection without a stored secret reports an auth error that says how to fix it', async () => {
    const { service, store, secrets } = setup();
    secrets.data.clear();
    await service.refresh('c1');
    const error = store.connection('c1')!.error!;
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Edit the connection/);
    service.dispose();
  });

  it('fetchTask passes the X-Result-TTL setting and keeps the task although the list no longer has it', async () => {
    const { service, store, sources } = setup();
    await service.refresh('c1');
    sources[0].tasks.set('99', task('99', { status: 'succeeded' }));
    await service.fetchTask('c1', '99');
    assert.equal(sources[0].gets[0].options?.resultTtlSeconds, 3600);
    await service.refresh('c1');
    assert.ok(store.task('c1', '99'));
    service.dispose();
  });

  it('cancel sends one request, marks the task Cancelling… and watches it until it ends; a notification fires', async () => {
    const { service, store, sources } = setup();
    await service.refresh('c1');
    const finished: Task[] = [];
    service.onDidFinishWatchedTask(t => finished.push(t));
    await service.cancel('c1', '1', false);
    assert.deepEqual(sources[0].cancels, [{ id: '1', options: { force: false } }]);
    assert.equal(store.isCancelling('c1', '1'), true);
    assert.equal(service.poller.isWatched('c1', '1'), true);
    // The next poll tells the truth: the list no longer has it, the single fetch says canceled.
    sources[0].snapshots = [snapshot([task('2', { status: 'succeeded' })])];
    sources[0].tasks.set('1', task('1', { status: 'canceled', providerStatus: 'cancelled' }));
    await service.refresh('c1');
    assert.equal(store.isCancelling('c1', '1'), false);
    assert.equal(service.poller.isWatched('c1', '1'), false);
    assert.deepEqual(
      finished.map(t => [t.id, t.status]),
      [['1', 'canceled']],
    );
    service.dispose();
  });

  it('a failing cancel is not retried and leaves no Cancelling… mark', async () => {
    const { service, store, sources } = setup();
    await service.refresh('c1');
    let calls = 0;
    sources[0].cancelTask = async () => {
      calls++;
      throw new ProviderError('server', '503');
    };
    await assert.rejects(service.cancel('c1', '1', false), /503/);
    assert.equal(calls, 1);
    assert.equal(store.isCancelling('c1', '1'), false);
    service.dispose();
  });

  it('editing a connection in settings closes its old source', async () => {
    const { service, sources } = setup();
    await service.refresh('c1');
    settings['redisTasks.connections'] = [
      { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint: 'https://prod2:9443', user: 'admin' },
    ];
    service.syncConnections(false);
    assert.equal(sources[0].closed, true);
    await service.refresh('c1');
    assert.equal(sources.length, 2);
    service.dispose();
  });

  it('asks providers for the default time window when no filter window is chosen, and the chosen one otherwise', async () => {
    const { service, sources } = setup(7);
    await service.refresh('c1');
    assert.equal(sources[0].refreshes.at(-1)!.since, NOW - 7 * 24 * 3600 * 1000);
    service.setQuery({}, 3600 * 1000);
    await service.refresh('c1');
    assert.equal(sources[0].refreshes.at(-1)!.since, NOW - 3600 * 1000);
    service.dispose();
  });

  it('sends no time window when the default is 0 (the provider decides)', async () => {
    const { service, sources } = setup(0);
    await service.refresh('c1');
    assert.equal(sources[0].refreshes.at(-1)!.since, undefined);
    service.dispose();
  });

  it('filters apply on our side too', () => {
    assert.equal(matchesQuery(task('1', { status: 'running' }), { statuses: ['failed'] }), false);
    assert.equal(matchesQuery(task('1', { type: 'create_crdb' }), { types: ['create_crdb'] }), true);
    assert.equal(matchesQuery(task('1', { startedAt: 10 }), { since: 20 }), false);
    assert.equal(matchesQuery(task('1', { startedAt: 30 }), { since: 20 }), true);
    assert.equal(
      matchesQuery(task('1', { startedAt: undefined, status: 'pending' }), { since: 20 }),
      true,
      'a queued task has no start yet',
    );
  });
});

import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { SLOW_ANSWER_MS } from '../../../src/core/orchestrator';
import { TaskStore } from '../../../src/core/store';
import type { TaskSnapshot } from '../../../src/core/task';
import { ConnectionsModel } from '../../../src/extension/connections/model';
import type { ProvidersModule } from '../../../src/extension/providersLoader';
import { TaskService } from '../../../src/extension/taskService';
import { ConnectionNode } from '../../../src/extension/tree/nodes';
import { MemorySecrets } from '../support/memorySecrets';
import { testSettings } from '../support/serviceSettings';
import { silentLog } from '../support/silentLog';
import { ManualTimer } from '../truth/rig';
import { snapshot, task } from './fixtures';

/** A server that takes its time: each refresh waits until the test answers it. */
class SlowSource {
  readonly provider = 'redis-enterprise' as const;
  answers: ((s: TaskSnapshot | Error) => void)[] = [];
  refresh(): Promise<TaskSnapshot> {
    return new Promise((resolve, reject) => {
      this.answers.push(s => (s instanceof Error ? reject(s) : resolve(s)));
    });
  }
  async close(): Promise<void> {}
  consoleUrl(): undefined {
    return undefined;
  }
}

describe('a server that does not answer', () => {
  afterEach(() => {
    delete settings['redisTasks.connections'];
  });

  it(`after ${SLOW_ANSWER_MS / 1000} s without an answer the connection row says so; the answer clears it`, async () => {
    settings['redisTasks.connections'] = [
      { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint: 'https://prod:9443', user: 'admin' },
    ];
    let now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const timer = new ManualTimer({ now: () => now, advance: ms => (now += ms) });
    const secrets = new MemorySecrets();
    secrets.data.set('redisTasks.secret.c1', 'pw');
    const connections = new ConnectionsModel(secrets);
    const source = new SlowSource();
    const store = new TaskStore(() => now);
    const service = new TaskService({
      store,
      connections,
      log: silentLog(),
      providers: () => ({ createSource: () => source }) as unknown as ProvidersModule,
      settings: () => testSettings({ notifications: 'watched', retentionMs: 3600_000 }),
      now: () => now,
      timer,
    });
    service.syncConnections(false);
    const row = () => new ConnectionNode(connections.get('c1')!, store.connection('c1'), now);
    const first = service.refresh('c1');
    for (let i = 0; i < 20 && source.answers.length === 0; i++) await new Promise(r => setImmediate(r));
    assert.equal(source.answers.length, 1, 'the request is out');
    assert.match(String(row().description), /loading…/);

    timer.advance(SLOW_ANSWER_MS - 1);
    assert.doesNotMatch(String(row().description), /no answer/, 'not before the threshold');
    timer.advance(1);
    assert.match(String(row().description), /no answer for 5 s/);
    timer.advance(25_000);
    assert.match(String(row().description), /no answer for 30 s/, 'the wait grows as the row is redrawn');
    // Past a minute it is written like every other duration (formatDuration), where it used to say "2 min".
    timer.advance(95_000);
    assert.match(String(row().description), /no answer for 2 min 5 s/);

    source.answers[0](snapshot([task('1')]));
    await first;
    assert.equal(store.connection('c1')?.waitingSince, undefined);
    assert.doesNotMatch(String(row().description), /no answer|loading/);
    service.dispose();
  });
});

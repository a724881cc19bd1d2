import './fakeVscode';
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { connectionPickItem } from '../../../src/extension/connectionPickItem';
import { consoleLink, isEmulated } from '../../../src/extension/consoleLink';
import { isRowClick } from '../../../src/extension/commands/openTask';
import { taskRowContextValue } from '../../../src/extension/tree/format';
import { TaskNode } from '../../../src/extension/tree/nodes';
import { task } from './fixtures';
import { TaskStore } from '../../../src/core/store';
import { type CommandDeps, resolveTask } from '../../../src/extension/commands/deps';

const demo = (id: string, provider: string): ConnectionConfig => ({
  id,
  name: `Demo ${provider}`,
  provider,
  endpoint: 'https://127.0.0.1:42191',
  options: { demo: true },
});

describe('connection pickers', () => {
  it('three demo connections on one emulator address read as three different things', () => {
    const items = [demo('a', 'redis-enterprise'), demo('b', 'redis-cloud'), demo('c', 'tencent')].map(
      connectionPickItem,
    );
    assert.equal(new Set(items.map(i => `${i.label} ${i.description}`)).size, 3);
    assert.deepEqual(
      items.map(i => i.description),
      ['Redis Enterprise · demo', 'Redis Cloud · demo', 'Tencent Cloud · demo'],
    );
    for (const i of items) assert.doesNotMatch(`${i.label} ${i.description} ${i.detail ?? ''}`, /127\.0\.0\.1/);
  });

  it('a real connection shows its provider and where it points: the region of a cloud, the address of a cluster', () => {
    assert.deepEqual(
      connectionPickItem({ id: 'p', name: 'Prod', provider: 'redis-enterprise', endpoint: 'https://prod:9443' }),
      { label: 'Prod', description: 'Redis Enterprise · https://prod:9443', detail: undefined },
    );
    const tencent = connectionPickItem({ id: 't', name: 'Shanghai', provider: 'tencent', region: 'ap-shanghai' });
    assert.equal(tencent.description, 'Tencent Cloud · ap-shanghai');
  });
});

describe('connection pickers: several regions and the task picker', () => {
  it('a connection of several regions lists them', () => {
    const item = connectionPickItem({ id: 'a', name: 'AWS', provider: 'aws', region: 'us-east-1,eu-west-1' });
    assert.equal(item.description, 'Amazon ElastiCache · us-east-1, eu-west-1');
  });

  it('the task picker names each task’s connection and its provider', async () => {
    const store = new TaskStore(() => 0);
    store.applySnapshot('a', {
      groups: [{ id: 'crdb', label: 'x', kind: 'crdb-tasks' }],
      tasks: [task('1', { source: 'a' })],
      more: {},
    });
    store.applySnapshot('b', {
      groups: [{ id: 'crdb', label: 'x', kind: 'crdb-tasks' }],
      tasks: [task('1', { source: 'b' })],
      more: {},
    });
    const configs: Record<string, ConnectionConfig> = {
      a: demo('a', 'redis-enterprise'),
      b: { ...demo('b', 'redis-cloud'), name: 'Demo redis-enterprise' },
    };
    let shown: { description?: string }[] = [];
    const deps = {
      store,
      connections: { get: (id: string) => configs[id] },
      service: { nameOf: (id: string) => configs[id].name },
      prompts: {
        showQuickPick: async (items: { description?: string }[]) => {
          shown = items;
          return undefined;
        },
      },
    } as unknown as CommandDeps;
    await resolveTask(deps, undefined);
    assert.deepEqual(shown.map(i => i.description).sort(), [
      'Running · Demo redis-enterprise · Redis Cloud',
      'Running · Demo redis-enterprise · Redis Enterprise',
    ]);
  });
});

describe('Open in Console for emulated connections', () => {
  const withConsole = task('1', {
    capabilities: { cancel: false, forceCancel: false, consoleUrl: 'https://console/x' },
  });

  it('a demo connection, or a cloud API on loopback, is the emulator; a cluster on loopback may be a tunnel', () => {
    assert.equal(isEmulated(demo('d', 'redis-enterprise')), true);
    assert.equal(isEmulated({ id: 'c', name: 'c', provider: 'redis-cloud', endpoint: 'https://127.0.0.1:1/v1' }), true);
    assert.equal(
      isEmulated({ id: 'e', name: 'e', provider: 'redis-enterprise', endpoint: 'https://127.0.0.1:9443' }),
      false,
    );
    assert.equal(isEmulated({ id: 'r', name: 'r', provider: 'tencent', region: 'ap-guangzhou' }), false);
    assert.equal(isEmulated(undefined), false);
  });

  it("one decision: the task's own page, else the connection's console, else nothing; never for the emulator", () => {
    const real: ConnectionConfig = { id: 'r', name: 'r', provider: 'tencent', region: 'ap-guangzhou' };
    assert.equal(consoleLink(real, withConsole, 'https://conn'), 'https://console/x');
    assert.equal(consoleLink(real, task('2'), 'https://conn'), 'https://conn');
    assert.equal(consoleLink(demo('d', 'tencent'), withConsole, 'https://conn'), undefined);
  });

  it('the row has no hasConsole token on an emulated connection, and notifiable only while the task is active', () => {
    const state = { cancelling: false, stale: false, now: 0 };
    assert.match(taskRowContextValue(withConsole, state), /;hasConsole(;|$)/);
    assert.doesNotMatch(taskRowContextValue(withConsole, { ...state, emulated: true }), /hasConsole/);
    assert.match(taskRowContextValue(withConsole, state), /;notifiable(;|$)/);
    assert.doesNotMatch(taskRowContextValue(task('3', { status: 'succeeded' }), state), /notifiable/);
  });
});

// Issue 13: a click on a row is a preview; the context menu and the palette are explicit opens.
describe('Open Task Details: a row click or an explicit open', () => {
  it("tells the row's own command argument from the tree node the context menu passes", () => {
    const node = new TaskNode(task('7'), { cancelling: false, stale: false, now: 0, connectionName: 'Prod' });
    assert.equal(isRowClick(node.command?.arguments?.[0]), true, 'what a click on the row passes');
    assert.equal(isRowClick(node), false, 'what the context menu passes');
    assert.equal(isRowClick(undefined), false, 'the palette');
  });
});

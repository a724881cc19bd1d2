import * as assert from 'node:assert/strict';
import {
  addConnections,
  connectionRow,
  connectionTo,
  run,
  taskRows,
  waitFor,
  waitForConnectionOk,
  type RecordingEmulator,
  type RedisTasksApi,
  type Task,
  useFreshExtension,
} from './support';

const RE = 'fault-re';
const CLOUD = 'fault-cloud';
const TENCENT = 'fault-tencent';

/** What a row shows of a task, to tell "updated" from "the same". */
const shown = (tasks: Task[]) => JSON.stringify(tasks.map(t => [t.id, t.status, t.progress, t.finishedAt]).sort());

describe('a failing provider: an error row, stale tasks, the others unaffected', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;

  before(async () => {
    ({ a, emu } = setup);
    await addConnections(a, [
      connectionTo(emu, 'redis-enterprise', RE),
      connectionTo(emu, 'redis-cloud', CLOUD),
      connectionTo(emu, 'tencent', TENCENT),
    ]);
  });

  it('503 from Redis Enterprise: a readable error row, its last tasks stay (stale), other connections keep updating', async () => {
    const reTasks = a.store
      .allTasks(RE)
      .map(t => t.id)
      .sort();
    const tencentBefore = shown(a.store.allTasks(TENCENT));
    const cloudUpdatedAt = a.store.connection(CLOUD)!.updatedAt!;
    assert.ok(reTasks.length > 0);

    await emu.setFaults([{ mode: 'status-503', provider: 'redis-enterprise' }]);
    // Time passes on the servers: a healthy connection must show the new state.
    await emu.advance(120);
    const mark = emu.requests.length;
    await run('redisTasks.refresh');
    const view = await waitFor(
      a,
      () => a.store.connection(RE)?.status === 'error' && a.store.connection(RE),
      'the Redis Enterprise error',
    );
    assert.equal(view.stale, true);
    assert.equal(view.error?.kind, 'server');

    const row = await connectionRow(a, RE);
    assert.equal(row.children[0].node.type, 'error', 'the error row comes first');
    const message = row.children[0].label;
    assert.match(message, /503|unavailable/i, message);
    assert.doesNotMatch(message, /<|>|script|alert\(/i, 'no markup from the proxy page in the message');
    assert.match(row.description, /error/);
    assert.match(row.description, /stale/);
    assert.deepEqual(
      taskRows(row)
        .map(r => (r.node as unknown as { taskId: string }).taskId)
        .sort(),
      reTasks,
      'the last good tasks stay',
    );
    // Stale is said once, on the connection row; each task row says it in its tooltip and its spoken label.
    for (const r of taskRows(row)) {
      assert.doesNotMatch(r.description, /stale/, `${r.label}: ${r.description}`);
      assert.match((r.item.tooltip as { value: string }).value, /Last known data/, r.label);
      assert.match(r.item.accessibilityInformation?.label ?? '', /stale$/, r.label);
    }

    // The other connections were asked and answered with the new state.
    assert.ok(emu.since(mark, 'redis-cloud').length > 0 && emu.since(mark, 'tencent').length > 0);
    await waitForConnectionOk(a, CLOUD);
    await waitForConnectionOk(a, TENCENT);
    assert.ok(a.store.connection(CLOUD)!.updatedAt! > cloudUpdatedAt, 'Redis Cloud updated');
    assert.notEqual(shown(a.store.allTasks(TENCENT)), tencentBefore, 'Tencent tasks moved on with the clock');
    for (const id of [CLOUD, TENCENT]) {
      const r = await connectionRow(a, id);
      assert.ok(!r.children.some(c => c.node.type === 'error'), `${id} has no error row`);
      assert.doesNotMatch(r.description, /error|stale/);
    }
  });

  it('401 from Tencent Cloud: an error about the credentials, while Redis Enterprise still shows its own', async () => {
    await emu.setFaults([
      { mode: 'status-503', provider: 'redis-enterprise' },
      { mode: 'unauthorized', provider: 'tencent' },
    ]);
    await run('redisTasks.refreshConnection', { connectionId: TENCENT });
    const view = await waitFor(
      a,
      () => a.store.connection(TENCENT)?.error && a.store.connection(TENCENT),
      'the Tencent error',
    );
    assert.equal(view.error?.kind, 'auth');
    const row = await connectionRow(a, TENCENT);
    const error = row.children.find(c => c.node.type === 'error');
    assert.ok(error);
    assert.match(error.label, /credential|secret|auth|denied|refused/i, error.label);
    assert.equal(error.item.command?.command, 'redisTasks.refreshConnection', 'a click retries');
    assert.ok(taskRows(row).length > 0, 'the Tencent tasks stay');
    assert.equal(a.store.connection(RE)?.status, 'error');
  });

  it('once the server recovers, a retry clears the error rows and the stale marks', async () => {
    await emu.clearFaults();
    // The error row's own command: what a click on it runs.
    const row = await connectionRow(a, RE);
    const retry = row.children[0].item.command!;
    await run(retry.command, ...(retry.arguments ?? []));
    await run('redisTasks.refreshConnection', { connectionId: TENCENT });
    await waitForConnectionOk(a, RE);
    await waitForConnectionOk(a, TENCENT);
    for (const id of [RE, TENCENT]) {
      const r = await connectionRow(a, id);
      assert.ok(!r.children.some(c => c.node.type === 'error'), `${id}: no error row`);
      for (const t of taskRows(r)) assert.doesNotMatch(t.description, /stale/);
    }
  });
});

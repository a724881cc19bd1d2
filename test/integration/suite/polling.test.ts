import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  addConnections,
  connectionTo,
  findTask,
  manualPolling,
  run,
  until,
  type RecordingEmulator,
  type RedisTasksApi,
  type SeenRequest,
  useFreshExtension,
} from './support';

const RE = 'poll-re';
// Fractions of a second are valid settings: the poller's own timer then ticks fast enough to count its requests.
const FAST_S = 0.2;

const isListRequest = (r: SeenRequest) => r.method === 'GET' && r.path === '/v1/crdb_tasks';

async function setIntervals(seconds: number): Promise<void> {
  const c = vscode.workspace.getConfiguration('redisTasks');
  await c.update('pollInterval.active', seconds, vscode.ConfigurationTarget.Global);
  await c.update('pollInterval.idle', seconds, vscode.ConfigurationTarget.Global);
}

describe('polling follows the view', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;
  let running: string;

  before(async () => {
    ({ a, emu } = setup);
    await addConnections(a, [connectionTo(emu, 'redis-enterprise', RE)]);
    const t = findTask(a, RE, x => x.kind === 'crdb-task' && x.status === 'running');
    assert.ok(t, 'a running CRDB task to watch');
    running = t.id;
    await run('redisTasks.tasks.focus');
    await until(() => a.poller.listing, 'the view to be visible');
  });

  after(async () => {
    a.poller.unwatch(RE, running);
    await manualPolling();
    await run('redisTasks.tasks.focus');
    await until(() => a.poller.inFlightCount() === 0, 'polls in flight to end');
  });

  it('while the view is visible, the list is polled by itself', async () => {
    const mark = emu.requests.length;
    await setIntervals(FAST_S);
    const seen = await emu.waitForRequests(mark, isListRequest, 3, 'list polls');
    assert.ok(seen.length >= 3);
    assert.ok(a.poller.listing);
  });

  it('hidden, nothing is scheduled and only a watched running task is asked for, never the list', async () => {
    await run('workbench.view.explorer');
    await until(() => !a.poller.listing, 'the poller to see the view hidden');
    await until(() => a.poller.inFlightCount() === 0, 'the last visible poll to end');
    assert.equal(a.poller.dueAt(RE), undefined, 'no poll scheduled while hidden');

    const mark = emu.requests.length;
    a.poller.watch(RE, running);
    assert.notEqual(a.poller.dueAt(RE), undefined, 'a watched running task schedules a poll');
    // Three ticks of the poller's own timer, counted on the server.
    const ticks = await emu.waitForRequests(
      mark,
      r => r.method === 'GET' && r.path.startsWith(`/v1/crdb_tasks/${running}`),
      3,
      'watched-task polls',
    );
    assert.ok(ticks.length >= 3);
    const lists = emu
      .since(mark)
      .filter(r => isListRequest(r) || r.path.startsWith('/v1/actions') || r.path.startsWith('/v2/actions'));
    assert.deepEqual(
      lists.map(r => r.path),
      [],
      'no list request while the view is hidden',
    );

    a.poller.unwatch(RE, running);
    await until(() => a.poller.inFlightCount() === 0, 'the watched poll in flight to end');
    assert.equal(a.poller.dueAt(RE), undefined, 'unwatched and hidden: polling stopped');
  });

  it('showing the view again resumes polling the list', async () => {
    const mark = emu.requests.length;
    await run('redisTasks.tasks.focus');
    await until(() => a.poller.listing, 'the view to be visible again');
    const seen = await emu.waitForRequests(mark, isListRequest, 2, 'list polls after showing the view');
    assert.ok(seen.length >= 2);
  });
});

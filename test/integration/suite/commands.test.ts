import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sequenceId } from '../../../src/emulator/redis-enterprise/catalog';
import {
  addConnections,
  connectionRow,
  connectionTo,
  findTask,
  inputAnswers,
  quickPickAnswers,
  run,
  stubPrompts,
  taskRows,
  waitFor,
  type PromptStub,
  type RecordingEmulator,
  type RedisTasksApi,
  useFreshExtension,
} from './support';

const RE = 'cmd-re';
const CLOUD = 'cmd-cloud';

/** The k-th CRDB task id the emulated cluster hands out (create_crdb for k = 0, finished before the start). */
const crdbTaskId = (k: number) => sequenceId('crdb-task', k);

function detailsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('redisTasks.taskDetails'));
}

/** Waits for a details tab with this title, driven by the tab events. */
function waitForDetailsTab(label: string, timeoutMs = 20_000): Promise<vscode.Tab> {
  const find = () => detailsTabs().find(t => t.label === label);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `no details tab "${label}"; tabs: ${detailsTabs()
            .map(t => t.label)
            .join(', ')}`,
        ),
      );
    }, timeoutMs);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const t = find();
      if (t) {
        clearTimeout(timer);
        sub.dispose();
        resolve(t);
      }
    });
  });
}

async function closeDetailsTabs(): Promise<void> {
  const tabs = detailsTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

describe('commands', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;
  let prompts: PromptStub | undefined;

  before(async () => {
    ({ a, emu } = setup);
    await vscode.workspace
      .getConfiguration('redisTasks')
      .update('resultTtlSeconds', 3600, vscode.ConfigurationTarget.Global);
    await addConnections(a, [connectionTo(emu, 'redis-enterprise', RE), connectionTo(emu, 'redis-cloud', CLOUD)]);
  });

  afterEach(async () => {
    prompts?.restore();
    prompts = undefined;
    await closeDetailsTabs();
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('redisTasks')
      .update('resultTtlSeconds', undefined, vscode.ConfigurationTarget.Global);
    await run('redisTasks.clearFilter');
  });

  it('Refresh asks every connection once', async () => {
    const mark = emu.requests.length;
    await run('redisTasks.refresh');
    const seen = emu.since(mark);
    assert.ok(
      seen.some(r => r.provider === 'redis-enterprise' && r.method === 'GET' && r.path.startsWith('/v1/crdb_tasks')),
      'Redis Enterprise listed its CRDB tasks',
    );
    assert.ok(
      seen.some(r => r.provider === 'redis-cloud' && r.method === 'GET'),
      'Redis Cloud was asked',
    );
    assert.equal(seen.filter(r => r.path === '/v1/crdb_tasks').length, 1, 'one list request per connection');
  });

  it('Refresh Connection asks only that connection', async () => {
    const mark = emu.requests.length;
    await run('redisTasks.refreshConnection', { connectionId: CLOUD });
    assert.ok(emu.since(mark, 'redis-cloud').length > 0);
    assert.deepEqual(emu.since(mark, 'redis-enterprise'), []);
  });

  // The old filter asked three questions (statuses, then type codes typed in, then a window): issue 13 asks for one.
  it('Filter Tasks is one step with readable type names; the view says a filter is on; Clear Filter brings the rest back', async () => {
    assert.ok(
      a.store.allTasks(RE).some(t => t.status === 'succeeded'),
      'the cluster has finished actions to hide',
    );
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(items => items.filter(i => i.label === 'Running' || i.label === 'Pending')),
    });
    await run('redisTasks.filter');
    assert.equal(prompts.calls.length, 1, prompts.calls.map(c => c.text).join(' / '));
    const items = prompts.calls[0].args[0] as vscode.QuickPickItem[];
    const separators = items.filter(i => i.kind === vscode.QuickPickItemKind.Separator).map(i => i.label);
    assert.ok(separators.includes('Task type · Redis Enterprise'), separators.join(' | '));
    const typeCodes = new Set(a.store.allTasks(RE).flatMap(t => (t.type ? [t.type] : [])));
    assert.ok(typeCodes.size > 0);
    assert.deepEqual(
      items.filter(i => typeCodes.has(i.label)).map(i => i.label),
      [],
      'no provider code is offered as a choice',
    );
    assert.deepEqual(a.service.getQuery().statuses?.sort(), ['pending', 'running']);
    assert.equal(a.service.isFiltered(), true);
    // Issue 12: the store keeps every task a list gave (and the finished ones it keeps); the views apply the filter,
    // to kept tasks too. So what is checked is what is shown, not what the store holds.
    const shown = () => a.store.allTasks(RE).filter(t => a.service.shows(t));
    assert.equal(a.view.message, 'Filtered: Pending, Running');
    await waitFor(
      a,
      () => shown().length > 0 && shown().every(t => t.status === 'running' || t.status === 'pending'),
      'only running tasks',
    );
    const rows = taskRows(await connectionRow(a, RE));
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r.label, /^(Running|Pending)\b/);

    // Opened again, the current filter is what is checked.
    prompts.restore();
    prompts = stubPrompts(a, { showQuickPick: quickPickAnswers(items => items.filter(i => i.picked)) });
    await run('redisTasks.filter');
    const again = prompts.calls[0].args[0] as vscode.QuickPickItem[];
    assert.deepEqual(
      again.filter(i => i.picked).map(i => i.label),
      ['Pending', 'Running'],
    );

    await run('redisTasks.clearFilter');
    assert.equal(a.service.isFiltered(), false);
    assert.equal(a.view.message, undefined);
    await waitFor(a, () => shown().some(t => t.status === 'succeeded'), 'finished tasks to come back');
    assert.ok(taskRows(await connectionRow(a, RE)).some(r => /^Succeeded · /.test(r.label)));
  });

  it('Hide Finished Tasks hides succeeded, failed and canceled tasks until Show Finished Tasks', async () => {
    const finished = new Set(['succeeded', 'failed', 'canceled']);
    await run('redisTasks.hideFinished');
    try {
      assert.equal(a.filter.hideFinished, true);
      assert.equal(a.filter.isFiltered(), false, 'the toggle is not a Filter Tasks filter (no Clear Filter for it)');
      assert.equal(a.view.message, 'Finished tasks are hidden.');
      // The store keeps every task (issue 12); what the toggle changes is what the views show.
      const shown = () => a.store.allTasks(RE).filter(t => a.service.shows(t));
      await waitFor(
        a,
        () => shown().length > 0 && shown().every(t => !finished.has(t.status)),
        'no finished task left',
      );
    } finally {
      await run('redisTasks.showFinished');
    }
    assert.equal(a.filter.hideFinished, false);
    assert.equal(a.view.message, undefined);
    await waitFor(a, () => a.store.allTasks(RE).some(t => finished.has(t.status)), 'finished tasks to come back');
  });

  it('Show Task by ID lists connections by name with their provider, each one different', async () => {
    prompts = stubPrompts(a, { showQuickPick: () => undefined });
    await run('redisTasks.showTaskById');
    assert.equal(prompts.calls.length, 1);
    const items = prompts.calls[0].args[0] as vscode.QuickPickItem[];
    assert.deepEqual(
      items.map(i => i.label),
      [a.service.nameOf(RE), a.service.nameOf(CLOUD)],
    );
    assert.match(items[0].description ?? '', /^Redis Enterprise · /);
    assert.match(items[1].description ?? '', /^Redis Cloud · /);
    assert.equal(new Set(items.map(i => `${i.label}|${i.description}`)).size, items.length);
  });

  it('Notify Me When Done: the task is polled while it runs and its end shows a notification', async () => {
    const running = findTask(a, RE, t => t.status === 'running')!;
    assert.ok(running, 'a running task on the cluster');
    prompts = stubPrompts(a);
    await run('redisTasks.notifyWhenDone', { connectionId: RE, taskId: running.id });
    assert.equal(a.poller.isWatched(RE, running.id), true);
    // What the next poll would bring: the task finished.
    a.store.upsertTask({ ...running, status: 'succeeded', finishedAt: Date.now() }, { retain: true });
    const shown = prompts.calls.filter(c => c.method === 'showInformationMessage').map(c => c.text);
    assert.equal(shown.length, 1, shown.join(' / '));
    assert.match(shown[0], /: Succeeded$/);
    assert.equal(a.poller.isWatched(RE, running.id), false, 'nothing left to poll it for');
  });

  it('Show Task by ID finds a finished CRDB task with X-Result-TTL from the setting, and opens its details', async () => {
    const finished = crdbTaskId(0);
    const failedLongAgo = crdbTaskId(1);
    assert.equal(a.store.task(RE, finished), undefined, 'a finished CRDB task is not in the list');
    prompts = stubPrompts(a, { showInputBox: inputAnswers(finished) });
    const mark = emu.requests.length;
    await run('redisTasks.showTaskById', { connectionId: RE });
    const lookups = emu.since(mark).filter(r => r.path.startsWith(`/v1/crdb_tasks/${finished}`));
    assert.equal(lookups.length, 1);
    assert.equal(
      lookups[0].headers['x-result-ttl'],
      '3600',
      'the X-Result-TTL header carries redisTasks.resultTtlSeconds',
    );
    assert.equal(a.store.task(RE, finished)?.status, 'succeeded');
    assert.equal(
      prompts.calls.filter(c => c.method === 'showErrorMessage').length,
      0,
      prompts.calls.map(c => c.text).join(' / '),
    );
    await waitForDetailsTab(a.store.task(RE, finished)!.name);
    await closeDetailsTabs();

    // Past the cluster's default 500 s: the task asked for with a TTL is still there, one never asked for is gone.
    await emu.advance(900);
    prompts.restore();
    prompts = stubPrompts(a, { showInputBox: inputAnswers(finished) });
    await run('redisTasks.showTaskById', { connectionId: RE });
    assert.equal(prompts.calls.filter(c => c.method === 'showErrorMessage').length, 0, 'still found after 900 s');
    prompts.restore();
    prompts = stubPrompts(a, { showInputBox: inputAnswers(failedLongAgo) });
    await run('redisTasks.showTaskById', { connectionId: RE });
    const errors = prompts.calls.filter(c => c.method === 'showErrorMessage');
    assert.equal(errors.length, 1);
    assert.match(
      errors[0].text,
      new RegExp(`Task ${failedLongAgo} was not found on .*Finished tasks are kept only for a while`),
    );
  });

  it('Copy Task ID puts the id on the clipboard (from a row, and picked from the palette)', async () => {
    const task = findTask(a, RE, t => t.kind === 'crdb-task')!;
    await vscode.env.clipboard.writeText('');
    await run('redisTasks.copyTaskId', { connectionId: RE, taskId: task.id });
    assert.equal(await vscode.env.clipboard.readText(), task.id);

    const other = findTask(a, CLOUD, () => true)!;
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(items => items.find(i => i.detail === other.id)),
    });
    await run('redisTasks.copyTaskId');
    assert.equal(await vscode.env.clipboard.readText(), other.id);
  });

  it("Copy Task JSON copies the provider's own payload", async () => {
    const task = findTask(a, RE, t => t.kind === 'crdb-task')!;
    await vscode.env.clipboard.writeText('');
    await run('redisTasks.copyTaskJson', { connectionId: RE, taskId: task.id });
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as Record<string, unknown>;
    assert.deepEqual(copied, task.raw);
    assert.equal(copied.id, task.id);
    assert.equal(copied.operation, task.type, 'the raw CRDB task, not the normalised one');
  });

  it('Open Task Details opens a webview panel titled with the task', async () => {
    const task = findTask(a, CLOUD, () => true)!;
    await run('redisTasks.openTaskDetails', { connectionId: CLOUD, taskId: task.id });
    const tab = await waitForDetailsTab(task.name);
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    assert.equal(a.poller.isWatched(CLOUD, task.id), true, 'an open panel watches its task');
  });

  // Issue 13: each click opened a new tab. A click shows the task in one preview tab (as editors do); the menu pins.
  it("a row's click shows its task in one preview tab that the next click re-uses; Open Task Details from the menu pins it", async () => {
    await closeDetailsTabs();
    // Three tasks whose tabs are told apart by their titles.
    const all = taskRows(await connectionRow(a, CLOUD)).map(r => {
      const t = a.store.task(CLOUD, (r.node as unknown as { taskId: string }).taskId)!;
      return { row: r, task: t, tab: t.target?.name ? `${t.name} · ${t.target.name}` : t.name };
    });
    const distinct = all.filter((x, i) => all.findIndex(y => y.tab === x.tab) === i);
    assert.ok(
      distinct.length >= 3,
      `three Redis Cloud tasks with distinct titles: ${distinct.map(d => d.tab).join(', ')}`,
    );
    const [r0, r1, r2] = distinct;
    // What VS Code runs on a click: the row's own command with its own arguments.
    const click = (r: typeof r0) => run(r.row.item.command!.command, ...(r.row.item.command!.arguments ?? []));
    const tabLabels = () =>
      detailsTabs()
        .map(t => t.label)
        .sort();

    await click(r0);
    await waitForDetailsTab(r0.tab);
    await click(r1);
    await waitForDetailsTab(r1.tab);
    assert.deepEqual(tabLabels(), [r1.tab], 'the second click re-used the tab');
    assert.equal(a.poller.isWatched(CLOUD, r0.task.id), false, 'the task the preview left is no longer watched');
    assert.equal(a.poller.isWatched(CLOUD, r1.task.id), true);

    // The context menu passes the tree node: an explicit open, which pins the preview.
    await run('redisTasks.openTaskDetails', r1.row.node);
    await click(r2);
    await waitForDetailsTab(r2.tab);
    assert.deepEqual(tabLabels(), [r1.tab, r2.tab].sort(), 'the pinned tab stays; the click opened a new preview');
    await click(r0);
    await waitForDetailsTab(r0.tab);
    assert.deepEqual(tabLabels(), [r1.tab, r0.tab].sort(), 'the new preview is re-used in turn');
    await closeDetailsTabs();
  });

  async function openInConsole(ref: { connectionId: string; taskId: string }): Promise<string[]> {
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      await run('redisTasks.openInConsole', ref);
    } finally {
      env.openExternal = original;
    }
    return opened;
  }

  it("Open in Console opens the task's console address (a cluster on loopback may be a tunnel to a real one)", async () => {
    const task = findTask(a, RE, t => !!t.capabilities.consoleUrl)!;
    assert.ok(task, 'a Redis Enterprise task with a console address');
    const row = taskRows(await connectionRow(a, RE)).find(r => r.node.type === 'task' && r.node.taskId === task.id);
    assert.match(row?.contextValue ?? '', /;hasConsole(;|$)/);
    const opened = await openInConsole({ connectionId: RE, taskId: task.id });
    assert.deepEqual(opened, [vscode.Uri.parse(task.capabilities.consoleUrl!).toString(true)]);
    assert.match(opened[0], /^https:\/\//);
  });

  // The console of an emulated cloud task is the real cloud console, where its ids do not exist: issue 13.
  it('Open in Console is not offered for a cloud API on the emulator, and says why when run anyway', async () => {
    const task = findTask(a, CLOUD, t => !!t.capabilities.consoleUrl)!;
    assert.ok(task, 'a Redis Cloud task with a console address');
    for (const r of taskRows(await connectionRow(a, CLOUD))) assert.doesNotMatch(r.contextValue ?? '', /hasConsole/);
    prompts = stubPrompts(a);
    const opened = await openInConsole({ connectionId: CLOUD, taskId: task.id });
    assert.deepEqual(opened, []);
    assert.match(prompts.calls[0]?.text ?? '', /talks to the emulator/);
  });

  it('Show Log reveals the Redis Tasks output channel', async () => {
    const channel = (a.log as unknown as { channel: vscode.LogOutputChannel }).channel;
    assert.equal(channel.name, 'Redis Tasks');
    const original = channel.show;
    const shown: unknown[][] = [];
    channel.show = (...args: unknown[]) => {
      shown.push(args);
      return (original as (...x: unknown[]) => void).apply(channel, args);
    };
    try {
      await run('redisTasks.showLog');
    } finally {
      channel.show = original;
    }
    assert.deepEqual(shown, [[true]], 'shown once, keeping the focus where it was');
  });
});

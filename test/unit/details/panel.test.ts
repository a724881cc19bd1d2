import * as assert from 'node:assert/strict';
import type { Task } from '../../../src/core/task';
import type * as PanelModule from '../../../src/extension/details/panel';
import type { DetailsModel } from '../../../src/shared/detailsModel';
import { createFakeVscode, FakeEmitter, FakeUri, loadWithFakeVscode, type FakeWebviewPanel } from './fakeVscode';
import { crdbTask, steppedTask } from './fixtures';

const PANEL = require.resolve('../../../src/extension/details/panel');
const LABELS = require.resolve('../../../src/extension/details/localizedLabels');

type Call = [string, ...unknown[]];

/** A host that knows these tasks (returned as `tasks`, by id, for a test to change) and records every call the panel makes. */
function makeHost(...known: Task[]) {
  const tasks = new Map(known.map(t => [t.id, t]));
  const calls: Call[] = [];
  const changed = new FakeEmitter<{ connectionId: string; taskId: string }>();
  let refreshError: Error | undefined;
  const host: PanelModule.TaskDetailsHost = {
    getTask: (_c, t) => tasks.get(t),
    getState: () => ({ connectionName: 'Prod', stale: false, cancelling: false }),
    onDidChangeTask: changed.event as PanelModule.TaskDetailsHost['onDidChangeTask'],
    refresh: async (c, t) => {
      calls.push(['refresh', c, t]);
      if (refreshError) throw refreshError;
    },
    cancel: async (c, t) => {
      calls.push(['cancel', c, t]);
    },
    forceCancel: async (c, t) => {
      calls.push(['forceCancel', c, t]);
    },
    setWatched: (c, t, w) => {
      calls.push(['setWatched', c, t, w]);
    },
  };
  return {
    host,
    tasks,
    calls,
    changed,
    failRefresh: (e: Error | undefined) => {
      refreshError = e;
    },
  };
}

function lastModel(panel: FakeWebviewPanel): DetailsModel {
  const messages = panel.posted as Array<{ type: string; model: DetailsModel }>;
  const last = messages[messages.length - 1];
  assert.equal(last?.type, 'render');
  return last.model;
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('details: TaskDetailsPanel (fake vscode)', () => {
  const { vscode, record } = createFakeVscode();
  let mod: typeof PanelModule;
  const ext = new FakeUri('file', '/ext');

  before(() => {
    mod = loadWithFakeVscode<typeof PanelModule>(PANEL, vscode, [LABELS]);
  });

  /** Opens (or shows) the panel of `taskId` on connection conn-1: 'preview' as a row click does, 'pin' as a command. */
  const show = (host: PanelModule.TaskDetailsHost, taskId: string, mode?: PanelModule.OpenMode, now?: number) =>
    mod.TaskDetailsPanel.show(ext as never, host, 'conn-1', taskId, mode, now);

  afterEach(() => {
    for (const p of mod.TaskDetailsPanel.all()) p.dispose();
    record.panels.length = 0;
    record.clipboard.length = 0;
    record.opened.length = 0;
    record.errors.length = 0;
  });

  it('opens one panel per task with a data-free shell, local resource roots and asWebviewUri resources', async () => {
    const evil = crdbTask();
    evil.name = '<img src=x onerror=alert(1)>';
    const { host, calls } = makeHost(evil);
    const panel = show(host, evil.id);
    const fake = record.panels[0];
    assert.equal(fake.viewType, 'redisTasks.taskDetails');
    assert.equal(fake.options.enableScripts, true);
    assert.deepEqual((fake.options.localResourceRoots as FakeUri[]).map(String), [
      'file:/ext/media',
      'file:/ext/dist/webview',
      'file:/ext/dist/codicons',
    ]);
    const html = fake.webview.html;
    assert.ok(html.includes('src="vscode-webview://fake/ext/dist/webview/details.js"'));
    assert.ok(html.includes('href="vscode-webview://fake/ext/media/details.css"'));
    assert.ok(html.includes('href="vscode-webview://fake/ext/dist/codicons/codicon.css"'));
    assert.ok(!html.includes('onerror') && !html.includes(evil.id), 'the shell carries no task data');
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce && html.includes(`<script nonce="${nonce}"`));

    assert.equal(show(host, evil.id), panel);
    assert.equal(record.panels.length, 1);
    assert.equal(fake.revealed, 1);
    assert.deepEqual(mod.TaskDetailsPanel.all(), [panel]);
    await flush();
    assert.deepEqual(
      calls.filter(c => c[0] === 'refresh'),
      [['refresh', 'conn-1', evil.id]],
      'refreshes on open',
    );
    assert.deepEqual(calls[0], ['setWatched', 'conn-1', evil.id, true]);
  });

  it('a click shows its task in the one preview panel without taking the focus; the next click re-uses the tab', async () => {
    const a = crdbTask();
    const b = steppedTask();
    const { host, calls } = makeHost(a, b);
    const preview = show(host, a.id, 'preview', 0);
    const fake = record.panels[0];
    assert.deepEqual(fake.column, { viewColumn: -1, preserveFocus: true }, 'the focus stays in the tree');
    assert.equal(preview.isPreview, true);
    assert.equal(lastModel(fake).actions.pin, true, 'the preview offers Keep Open');
    await flush();
    calls.length = 0;

    assert.equal(show(host, b.id, 'preview', 10_000), preview);
    assert.equal(record.panels.length, 1, 'no second tab');
    assert.deepEqual(fake.reveals, [true]);
    assert.equal([preview.connectionId, preview.taskId].join('/'), `conn-1/${b.id}`);
    assert.equal(fake.title, 'Change specification');
    assert.equal(lastModel(fake).taskId, b.id);
    await flush();
    assert.deepEqual(calls, [
      ['setWatched', 'conn-1', a.id, false],
      ['setWatched', 'conn-1', b.id, true],
      ['refresh', 'conn-1', b.id],
    ]);
    assert.deepEqual(
      mod.TaskDetailsPanel.all().map(p => p.taskId),
      [b.id],
    );

    // An explicit open pins: it takes the focus, and the next click opens a new preview.
    assert.equal(show(host, b.id, 'pin', 20_000), preview);
    assert.equal(preview.isPreview, false);
    assert.equal(lastModel(fake).actions.pin, false);
    assert.deepEqual(fake.reveals, [true, false]);
    const next = show(host, a.id, 'preview', 30_000);
    assert.notEqual(next, preview);
    assert.equal(record.panels.length, 2);
    assert.equal(mod.TaskDetailsPanel.preview(), next);
    // A click on a task that has a pinned panel shows that panel, still without taking the focus.
    assert.equal(show(host, b.id, 'preview', 40_000), preview);
    assert.deepEqual(fake.reveals, [true, false, true]);
    assert.equal(next.taskId, a.id, 'the preview kept its task');
  });

  it('a double click (two opens of one task within 500 ms) pins the preview and takes the focus', () => {
    const a = crdbTask();
    const b = steppedTask();
    const { host } = makeHost(a, b);
    const panel = show(host, a.id, 'preview', 1000);
    // Two clicks on one task further apart are two single clicks: still the preview.
    show(host, a.id, 'preview', 1000 + mod.DOUBLE_CLICK_MS + 1);
    assert.equal(panel.isPreview, true);
    // Clicks on two tasks in quick succession are not a double click.
    show(host, b.id, 'preview', 3000);
    show(host, a.id, 'preview', 3100);
    assert.equal(panel.isPreview, true);
    assert.equal(panel.taskId, a.id);
    show(host, a.id, 'preview', 3100 + mod.DOUBLE_CLICK_MS);
    assert.equal(panel.isPreview, false);
    assert.equal(record.panels[0].reveals.at(-1), false, 'the double click moves the focus into the panel');
    assert.equal(mod.TaskDetailsPanel.preview(), undefined);
  });

  it("the preview's Keep Open button pins it; a pinned panel ignores it", () => {
    const a = crdbTask();
    const { host } = makeHost(a);
    const panel = show(host, a.id, 'preview', 0);
    record.panels[0].send({ type: 'pin' });
    assert.equal(panel.isPreview, false);
    assert.equal(lastModel(record.panels[0]).actions.pin, false);
    record.panels[0].send({ type: 'pin' });
    assert.equal(panel.isPreview, false);
  });

  it('a refresh answer that arrives after the preview moved on is not shown for the new task', async () => {
    const a = crdbTask();
    const b = steppedTask();
    const { host, failRefresh } = makeHost(a, b);
    failRefresh(new Error(`Task ${a.id} was not found.`));
    show(host, a.id, 'preview', 0);
    failRefresh(undefined);
    show(host, b.id, 'preview', 10_000);
    await flush();
    assert.deepEqual(lastModel(record.panels[0]).banners, []);
    assert.equal(lastModel(record.panels[0]).taskId, b.id);
  });

  it('restores a preview as the preview, unless one is open already', async () => {
    const a = crdbTask();
    const b = steppedTask();
    const { host } = makeHost(a, b);
    const registration = mod.TaskDetailsPanel.registerSerializer(ext as never, host);
    const serializer = record.serializers.get('redisTasks.taskDetails')!;
    const first = vscode.window.createWebviewPanel('redisTasks.taskDetails', 'old', -1, {});
    await serializer.deserializeWebviewPanel(first, { connectionId: 'conn-1', taskId: a.id, preview: true });
    const second = vscode.window.createWebviewPanel('redisTasks.taskDetails', 'old', -1, {});
    await serializer.deserializeWebviewPanel(second, { connectionId: 'conn-1', taskId: b.id, preview: true });
    assert.equal(mod.TaskDetailsPanel.preview()?.taskId, a.id);
    assert.deepEqual(
      mod.TaskDetailsPanel.all().map(p => [p.taskId, p.isPreview]),
      [
        [a.id, true],
        [b.id, false],
      ],
    );
    registration.dispose();
  });

  it('renders on ready and whenever the host says its task changed, and titles the tab', async () => {
    const t = crdbTask();
    const { host, changed, tasks } = makeHost(t);
    show(host, t.id);
    const fake = record.panels[0];
    await flush();
    fake.posted.length = 0;
    fake.send({ type: 'ready' });
    assert.equal(lastModel(fake).status.text, 'Running');
    assert.equal(fake.title, 'create_crdb · orders');

    tasks.set(t.id, { ...t, status: 'succeeded', providerStatus: 'finished' });
    changed.fire({ connectionId: 'conn-1', taskId: 'other' });
    changed.fire({ connectionId: 'other', taskId: t.id });
    assert.equal(fake.posted.length, 1, 'other tasks do not re-render this panel');
    changed.fire({ connectionId: 'conn-1', taskId: t.id });
    assert.equal(fake.posted.length, 2);
    assert.equal(lastModel(fake).status.text, 'Succeeded');
  });

  it('shows a placeholder until the task exists, and the refresh error if it cannot be fetched', async () => {
    const { host, failRefresh } = makeHost();
    failRefresh(new Error('Task t-404 was not found on Prod.'));
    show(host, 't-404');
    const fake = record.panels[0];
    assert.equal(lastModel(fake).loaded, false);
    await flush();
    assert.deepEqual(
      lastModel(fake).banners.map(b => b.text),
      ['Task t-404 was not found on Prod.'],
    );
  });

  it("turns buttons into host calls, validating each message and the task's capabilities", async () => {
    const crdb = crdbTask();
    const alibaba = steppedTask();
    const { host, calls } = makeHost(crdb, alibaba);
    show(host, crdb.id);
    show(host, alibaba.id);
    const [crdbPanel, aliPanel] = record.panels as [FakeWebviewPanel, FakeWebviewPanel];
    await flush();
    calls.length = 0;

    crdbPanel.send({ type: 'cancel' });
    crdbPanel.send({ type: 'forceCancel' });
    crdbPanel.send({ type: 'deleteEverything' });
    crdbPanel.send('cancel');
    aliPanel.send({ type: 'cancel' }); // no cancel on Alibaba: ignored even if a page asks
    aliPanel.send({ type: 'forceCancel' });
    crdbPanel.send({ type: 'openConsole' }); // no console URL known for this task
    aliPanel.send({ type: 'openConsole', url: 'command:workbench.action.quit' });
    crdbPanel.send({ type: 'copyId' });
    await flush();
    assert.deepEqual(calls, [
      ['cancel', 'conn-1', crdb.id],
      ['forceCancel', 'conn-1', crdb.id],
    ]);
    assert.deepEqual(record.opened, ['https://kvstore.console.aliyun.com/#/detail/r-abc']);
    assert.deepEqual(record.clipboard, [crdb.id]);

    aliPanel.send({ type: 'refresh' });
    await flush();
    assert.deepEqual(calls[calls.length - 1], ['refresh', 'conn-1', alibaba.id]);
  });

  it('sends no second cancel while one is on its way, even if the page posts one', async () => {
    const t = crdbTask();
    const { host, calls } = makeHost(t);
    host.getState = () => ({ connectionName: 'Prod', stale: false, cancelling: true });
    show(host, t.id);
    const fake = record.panels[0];
    assert.equal(lastModel(fake).actions.cancelDisabled, true);
    assert.equal(lastModel(fake).status.text, 'Cancelling…');
    fake.send({ type: 'cancel' });
    fake.send({ type: 'forceCancel' });
    await flush();
    assert.deepEqual(
      calls.filter(c => c[0] === 'cancel' || c[0] === 'forceCancel'),
      [],
    );
  });

  it('opens only web consoles', async () => {
    const t = steppedTask();
    t.capabilities.consoleUrl = 'command:workbench.action.quit';
    const { host } = makeHost(t);
    show(host, t.id);
    record.panels[0].send({ type: 'openConsole' });
    await flush();
    assert.deepEqual(record.opened, []);
  });

  it('reports a failing host flow instead of losing it', async () => {
    const t = crdbTask();
    const { host } = makeHost(t);
    host.cancel = async () => {
      throw new Error('Cancel failed: the task is in its commit phase.');
    };
    show(host, t.id);
    record.panels[0].send({ type: 'cancel' });
    await flush();
    assert.deepEqual(record.errors, ['Cancel failed: the task is in its commit phase.']);
  });

  it('tells the host when it is watched, and stops everything on close', async () => {
    const t = crdbTask();
    const { host, calls, changed } = makeHost(t);
    show(host, t.id);
    const fake = record.panels[0];
    await flush();
    calls.length = 0;
    fake.setVisible(false);
    fake.setVisible(true);
    assert.deepEqual(calls, [
      ['setWatched', 'conn-1', t.id, false],
      ['setWatched', 'conn-1', t.id, true],
    ]);

    fake.dispose(); // the user closes the tab
    assert.deepEqual(calls[calls.length - 1], ['setWatched', 'conn-1', t.id, false]);
    assert.deepEqual(mod.TaskDetailsPanel.all(), []);
    assert.equal(changed.count, 0, 'unsubscribed from the host');
    const posted = fake.posted.length;
    changed.fire({ connectionId: 'conn-1', taskId: t.id });
    assert.equal(fake.posted.length, posted);
  });

  it('restores a panel from the saved state after a reload, and closes ones it cannot restore', async () => {
    const t = crdbTask();
    const { host } = makeHost(t);
    const registration = mod.TaskDetailsPanel.registerSerializer(ext as never, host);
    const serializer = record.serializers.get('redisTasks.taskDetails');
    assert.ok(serializer);

    const restored = vscode.window.createWebviewPanel('redisTasks.taskDetails', 'old', -1, {});
    await serializer.deserializeWebviewPanel(restored, { connectionId: 'conn-1', taskId: t.id, rawOpen: true });
    assert.deepEqual(
      mod.TaskDetailsPanel.all().map(p => [p.connectionId, p.taskId]),
      [['conn-1', t.id]],
    );
    assert.equal((restored.webview.options as { enableScripts?: boolean }).enableScripts, true);
    assert.match(restored.webview.html, /details\.js/);
    assert.equal(restored.title, 'create_crdb · orders');

    const broken = vscode.window.createWebviewPanel('redisTasks.taskDetails', 'old', -1, {});
    await serializer.deserializeWebviewPanel(broken, undefined);
    assert.equal(broken.disposed, true);
    const duplicate = vscode.window.createWebviewPanel('redisTasks.taskDetails', 'old', -1, {});
    await serializer.deserializeWebviewPanel(duplicate, { connectionId: 'conn-1', taskId: t.id });
    assert.equal(duplicate.disposed, true);
    assert.equal(mod.TaskDetailsPanel.all().length, 1);

    registration.dispose();
    assert.equal(record.serializers.size, 0);
  });
});

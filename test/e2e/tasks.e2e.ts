// The main walk of a person using the extension against a Redis Enterprise cluster: add the connection through the
// quick input, watch tasks progress, open details, cancel, force cancel, the status bar. One VS Code and one emulator
// for the whole file; the tests run in order and each builds on the state the previous one left.
// The emulator runs here, in the test process, on a manual clock: tasks move only when a test advances it, and the
// extension polls only on request (poll intervals 0), so what a screenshot shows does not depend on timing.
import * as assert from 'node:assert/strict';
import { allModules, startEmulator, type RunningEmulator } from '../../src/emulator/main';
import type { RedisEnterpriseEmulator } from '../../src/emulator/redis-enterprise/index';
import { crdbTaskId } from '../../src/emulator/redis-enterprise/crdb-tasks';
import type { EmulatorRequest } from '../../src/emulator/types';
import { useVsCode } from './fixture';
import { DEMO_ENTERPRISE, refreshView, rowDescription, rowLabel, startAddEnterpriseConnection } from './flows';

// Task rows by label (operation · target), from the emulator's Redis Enterprise scenario at t = 0 and t = 30 s.
const FLUSH = /Flush Active-Active database.*geo-sessions/; // queued at 0, running from 20 s, commit at 66 s
const IN_COMMIT = /Update Active-Active configuration.*global-cart/; // commit phase from 20 s for ten minutes
const RESHARD = /Update database.*orders/; // a state machine with four shards, progressing until 48 s
const IN_COMMIT_ID = crdbTaskId(2);
const CANCEL_PATH = /^\/v1\/crdb_tasks\/[^/]+\/actions\/cancel(\?.*)?$/;

describe('Redis Enterprise through the real UI', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  let enterprise: RedisEnterpriseEmulator;

  before(async () => {
    emulator = await startEmulator({ modules: allModules(), clock: 'manual' });
    enterprise = emulator.modules.find(m => m.provider === 'redis-enterprise') as RedisEnterpriseEmulator;
  });
  after(async () => {
    await emulator?.close();
  });

  const vscode = useVsCode({ settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 } });

  const cancelRequests = () =>
    enterprise.requests.filter(r => r.method === 'POST' && CANCEL_PATH.test(r.path)).map(r => r.path);

  /** What the cluster answers right now, read straight from the emulated API (the truth the UI must show). */
  async function clusterGet(path: string): Promise<unknown> {
    const url = new URL(path, emulator.url);
    const auth = Buffer.from(`${DEMO_ENTERPRISE.user}:${DEMO_ENTERPRISE.password}`).toString('base64');
    const req: EmulatorRequest = {
      method: 'GET',
      url,
      headers: { authorization: `Basic ${auth}` },
      body: Buffer.alloc(0),
      host: url.host,
    };
    const answer = await enterprise.handle(req, emulator.context);
    assert.equal(answer?.status, 200, `GET ${path}`);
    return answer.json;
  }

  /**
   * The notification that says how a cancel ended. These tests run with the smoke-test driver, which hides toasts
   * (test/vscode/codeServer.ts): the notification centre lists them all the same.
   */
  async function notified(ui: ReturnType<typeof vscode>, text: string, picture: string): Promise<void> {
    await ui.runCommand('Notifications: Show Notifications');
    await ui.page
      .locator('.notifications-center .notification-list-item', { hasText: text })
      .waitFor({ timeout: 30_000 });
    await ui.screenshot(picture, { keepOpen: true });
    await ui.runCommand('Notifications: Clear All Notifications');
    await ui.page.keyboard.press('Escape');
  }

  it('adds a connection through the quick input, pinning the certificate it shows', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    await startAddEnterpriseConnection(ui, emulator, DEMO_ENTERPRISE);
    const dialog = ui.dialog();
    // The person compares this fingerprint with the one their administrator gives them: it must be the server's.
    assert.ok(emulator.certificate);
    await dialog.filter({ hasText: emulator.certificate.fingerprint256 }).waitFor();
    assert.match(await dialog.innerText(), /Trust the certificate of https:\/\/127\.0\.0\.1:\d+\?/);
    await ui.screenshot('add-connection', { keepOpen: true });
    await ui.answerDialog('Pin Certificate');

    await ui.treeRow(DEMO_ENTERPRISE.name).first().waitFor({ timeout: 30_000 });
    for (const group of ['Active-Active tasks', 'Actions', 'State machines'])
      await ui.treeRow(group).first().waitFor({ timeout: 30_000 });
    await ui.treeRow(IN_COMMIT).waitFor();
    await ui.treeRow(RESHARD).waitFor();
    assert.match(await rowLabel(ui.treeRow(FLUSH)), /^Pending · /);
    assert.match(await rowDescription(ui.treeRow(DEMO_ENTERPRISE.name).first()), /Redis Enterprise/);
    await ui.screenshot('tree');
  });

  it('shows tasks progressing when the cluster clock moves and the view refreshes', async () => {
    const ui = vscode();
    const flush = ui.treeRow(FLUSH);
    const reshard = ui.treeRow(RESHARD);
    const reshardBefore = await rowLabel(reshard);
    assert.match(reshardBefore, /^Running \d+% · /);
    emulator.context.clock.advance(30_000);
    await refreshView(ui);
    await flush.filter({ hasText: /Running/ }).waitFor({ timeout: 30_000 });
    await reshard.filter({ hasNotText: reshardBefore }).waitFor({ timeout: 30_000 });
    const percent = (s: string) => Number(/(\d+)%/.exec(s)?.[1]);
    assert.ok(percent(await rowLabel(reshard)) > percent(reshardBefore), 'the state machine moved forward');
    await ui.screenshot('progress');
  });

  it("opens a task's details from its context menu: progress, shards, and a CRDB task's steps", async () => {
    const ui = vscode();
    await ui.contextMenu(ui.treeRow(RESHARD), 'Open Task Details');
    const page = ui.webviewFrame();
    await page.locator('h1', { hasText: 'Update database' }).waitFor({ timeout: 30_000 });
    const bar = page.locator('#h-progress ~ .progress [role="progressbar"]');
    assert.ok(Number(await bar.getAttribute('aria-valuenow')) > 0, 'the progress bar has a value');
    // Four shards of the "orders" database, each with its own progress.
    await page.locator('table.shards tbody tr').nth(3).waitFor();
    assert.equal(await page.locator('table.shards tbody tr').count(), 4);
    // Each shard's bar must be wide enough to tell 85 % from 100 % (it once shrank to a few pixels in its cell).
    for (const track of await page.locator('table.shards [role="progressbar"]').all()) {
      const box = await track.boundingBox();
      assert.ok(box && box.width >= 60, `a shard progress bar is ${box?.width} px wide`);
    }
    await ui.screenshot('details');

    // A click shows a task in the preview tab and leaves the keyboard in the tree (issue 13: it took the focus).
    const tabs = ui.page.locator('.part.editor .tabs-container .tab');
    const tabsBefore = await tabs.count();
    const row = ui.treeRow(IN_COMMIT);
    await row.click();
    await page.locator('h1', { hasText: 'Update Active-Active configuration' }).waitFor({ timeout: 30_000 });
    assert.equal(await tabs.count(), tabsBefore + 1, 'the pinned tab stays, the click opened a preview beside it');
    await ui.page.locator('.part.sidebar .monaco-list:focus-within').waitFor();
    // A CRDB task's progress is one state per participating cluster: a table of clusters, not numbered steps.
    const clusters = page.locator('table.clusters tbody tr');
    await clusters.nth(2).waitFor();
    assert.equal(await clusters.count(), 3);
    assert.deepEqual((await page.locator('table.clusters tbody th').allInnerTexts()).sort(), [
      'paris.demo.redis.example',
      'tokyo.demo.redis.example',
      'virginia.demo.redis.example',
    ]);
    assert.equal(await page.locator('ol.steps').count(), 0, 'no numbered steps');
    assert.equal(await page.locator('.target').count(), 0, 'the target is a field, not said twice');
    await page.getByRole('button', { name: 'Keep Open' }).waitFor();
    await ui.screenshot('details-steps');

    // The arrow keys keep browsing the tree, and Enter shows the next task in the same preview tab.
    // Keys typed now go to the tree: ArrowDown moves its focus (a webview with the focus would swallow them).
    const focused = ui.page.locator('.part.sidebar .monaco-list-row.focused[role="treeitem"]');
    let label = '';
    for (let i = 0; i < 12; i++) {
      await ui.page.keyboard.press('ArrowDown');
      await focused.waitFor({ timeout: 5_000 });
      label = (await focused.getAttribute('aria-label')) ?? '';
      if (label.startsWith('Task ') && !label.includes('Update Active-Active configuration')) break;
    }
    assert.match(label, /^Task /, 'the arrow keys reached another task row');
    await ui.page.keyboard.press('Enter');
    const nextName = label.replace(/^Task /, '').split(/ on |, /)[0];
    await page.locator('h1', { hasText: nextName }).waitFor({ timeout: 30_000 });
    assert.equal(await tabs.count(), tabsBefore + 1, 'the preview tab was re-used');
    await ui.page.locator('.part.sidebar .monaco-list:focus-within').waitFor();
    await ui.runCommand('View: Close All Editors');
  });

  it('cancels a CRDB task from its details after a modal confirmation: the row and the panel say "Cancelling…"', async () => {
    const ui = vscode();
    const row = ui.treeRow(FLUSH);
    const sentBefore = cancelRequests().length;
    await row.click();
    const page = ui.webviewFrame();
    await page.locator('h1', { hasText: 'Flush Active-Active database' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel Task', exact: true }).click();
    await ui.dialog().waitFor();
    assert.match(
      await ui.dialog().innerText(),
      /Cancel "Flush Active-Active database" on geo-sessions \(Lab cluster\)\?/,
    );
    assert.equal(cancelRequests().length, sentBefore, 'nothing is sent before the person confirms');
    // Issue 13: "Cancel" beside "Cancel Task". The buttons say what each does.
    const buttons = (await ui.dialog().getByRole('button').allInnerTexts()).map(b => b.trim()).filter(Boolean);
    assert.deepEqual(buttons.sort(), ['Cancel Task', 'Keep Running']);
    await ui.screenshot('cancel-confirm', { keepOpen: true });
    await ui.answerDialog('Cancel Task');
    await row.filter({ hasText: 'Cancelling…' }).waitFor({ timeout: 30_000 });
    // The panel says the same, once, and neither cancel button can be pressed again (issue 13).
    await page.locator('.status', { hasText: 'Cancelling…' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.banner', { hasText: 'Cancelling' }).count(), 0, 'not also in a banner');
    assert.equal(await page.getByRole('button', { name: 'Cancel Task', exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Force Cancel Task…' }).isDisabled(), true);
    const sent = cancelRequests().slice(sentBefore);
    assert.equal(sent.length, 1, 'one cancel request per confirmation');
    assert.doesNotMatch(sent[0], /force=true/);
    await ui.screenshot('cancel');
    // The next refresh shows how it ended, in the row and in a notification.
    await refreshView(ui);
    await row.filter({ hasText: /^(?!.*Cancelling).*Canceled/ }).waitFor({ timeout: 30_000 });
    await page.locator('.status', { hasText: 'Canceled' }).waitFor({ timeout: 30_000 });
    await notified(ui, 'Canceled: Flush Active-Active database', 'cancel-done');
    await ui.runCommand('View: Close All Editors');
  });

  it('force cancels a task in its commit phase: the 406, the warning, the typed task id', async () => {
    const ui = vscode();
    const row = ui.treeRow(IN_COMMIT);
    const sentBefore = cancelRequests().length;
    await ui.contextMenu(row, 'Cancel Task');
    await ui
      .dialog()
      .filter({ hasText: `Task ID: ${IN_COMMIT_ID}` })
      .waitFor();
    await ui.answerDialog('Cancel Task');
    // The cluster answered 406: ONE warning says why, the risk and the server's words, and offers the forced cancel.
    const warning = ui.dialog().filter({ hasText: 'reached its commit phase' });
    await warning.waitFor({ timeout: 30_000 });
    const text = await warning.innerText();
    assert.match(text, /Only a forced cancel can stop it now/);
    assert.match(text, /broken in the cluster configuration store/);
    assert.match(text, /The server said: .*commit phase/);
    const buttons = (await ui.dialog().getByRole('button').allInnerTexts()).map(b => b.trim()).filter(Boolean);
    assert.deepEqual(buttons.sort(), ['Force Cancel…', 'Keep Running']);
    await ui.screenshot('force-cancel-warning', { keepOpen: true });
    await ui.answerDialog('Force Cancel…');

    const input = ui.page.locator('.quick-input-widget input');
    await ui.page
      .locator('.quick-input-widget .quick-input-message', { hasText: `Type the task id ${IN_COMMIT_ID}` })
      .waitFor();
    // A near miss is refused in place, and nothing is sent.
    await input.fill(IN_COMMIT_ID.slice(0, -1));
    // While typing, the id to type stays in sight: in the validation message that replaces the prompt, and the title.
    await ui.page
      .locator('.quick-input-widget .quick-input-message', {
        hasText: `Type the task id ${IN_COMMIT_ID} exactly to confirm.`,
      })
      .waitFor();
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: IN_COMMIT_ID }).waitFor();
    await ui.screenshot('force-cancel-typing', { keepOpen: true });
    await input.fill(IN_COMMIT_ID);
    await ui.page
      .locator('.quick-input-widget .quick-input-message', { hasText: `Type the task id ${IN_COMMIT_ID}` })
      .waitFor();
    await ui.screenshot('force-cancel', { keepOpen: true });
    assert.equal(cancelRequests().length, sentBefore + 1, 'only the refused plain cancel so far');
    await input.press('Enter');

    await row.filter({ hasText: 'Cancelling…' }).waitFor({ timeout: 30_000 });
    const sent = cancelRequests().slice(sentBefore);
    assert.equal(sent.length, 2);
    assert.doesNotMatch(sent[0], /force=true/);
    assert.match(sent[1], /[?&]force=true/);
    await refreshView(ui);
    await row.filter({ hasText: /^(?!.*Cancelling).*Canceled/ }).waitFor({ timeout: 30_000 });
    await notified(ui, 'Canceled: Update Active-Active configuration', 'force-cancel-done');
  });

  it('shows "N running" in the status bar, matching the cluster, and lists them on click', async () => {
    const ui = vscode();
    await refreshView(ui);
    const crdbTasks = (await clusterGet('/v1/crdb_tasks')) as unknown[];
    const actions = (await clusterGet('/v2/actions')) as { status: string }[];
    const expected = crdbTasks.length + actions.filter(a => a.status === 'active' || a.status === 'pending').length;
    assert.ok(expected > 0, 'the scenario has running tasks at this time');

    const item = ui.statusBarItem(/\d+ running/);
    await item.filter({ hasText: `${expected} running` }).waitFor({ timeout: 30_000 });
    // The same count in the tree: rows whose status reads Running or Pending.
    const rows = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"] .label-name');
    const labels = await rows.allInnerTexts();
    assert.equal(labels.filter(d => /^(Running|Pending)\b/.test(d.trim())).length, expected, labels.join('\n'));

    // And in the group rows ("Actions · 1 running"), which must follow tasks that finished since.
    const groupCounts = await ui.page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"] .label-description')
      .allInnerTexts();
    const sum = groupCounts.reduce((n, d) => n + Number(/(\d+) running/.exec(d)?.[1] ?? 0), 0);
    assert.equal(sum, expected, groupCounts.join('\n'));

    await item.click();
    // The command palette's list (run by the tests before) shares these selectors until the picker's replaces it.
    await ui.page.locator('.quick-input-widget input[placeholder="Choose a task"]').waitFor({ timeout: 30_000 });
    const picks = ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await picks.nth(expected - 1).waitFor();
    await ui.page
      .waitForFunction(
        n => document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row').length === n,
        expected,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    assert.equal(await picks.count(), expected);
    for (const d of await picks.locator('.label-description').allInnerTexts())
      // The task picker names the connection and its platform (issue 13: names and providers in every picker).
      assert.match(d, /^(Running|Pending) · Lab cluster · Redis Enterprise$/);
    await ui.screenshot('status-bar', { keepOpen: true });
    await ui.page.keyboard.press('Escape');
  });
});

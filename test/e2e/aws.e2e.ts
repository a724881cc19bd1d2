// An AWS account through the real UI: Add Connection with access keys and two regions, the region level of the tree,
// and stopping a service update after its confirmation. The emulator runs here on a manual clock and the extension
// polls only on request, so what is on screen does not depend on timing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allModules, startEmulator, type RunningEmulator } from '../../src/emulator/main';
import type { AwsModule } from '../../src/emulator/aws/index';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../../src/emulator/aws/index';
import { MEMORYDB_UPDATE, RESHARD, UPDATE } from '../../src/emulator/aws/scenario';
import { useVsCode } from './fixture';
import {
  TREE_ROWS,
  pickRegions,
  quickInputPrompt,
  readTree,
  refreshView,
  rowDescription,
  rowLabel,
  startAddCloudConnection,
} from './flows';
import { useThemedVsCode } from './support/themedVsCode';
import { REPO_ROOT } from '../vscode/codeServer';

const NAME = 'AWS e2e';
const UPDATE_ROW = `Service update ${UPDATE.name}`;
const MDB_UPDATE_ROW = `MemoryDB service update ${MEMORYDB_UPDATE.name}`;

describe('AWS (ElastiCache) through the real UI', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  let aws: AwsModule;

  before(async () => {
    emulator = await startEmulator({ modules: allModules(), clock: 'manual' });
    aws = emulator.modules.find(m => m.provider === 'aws') as AwsModule;
  });
  after(async () => {
    await emulator?.close();
  });

  const vscode = useVsCode({ settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 } });

  it('adds an AWS connection with access keys and two regions; the tree shows region → instance → tasks', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    await startAddCloudConnection(ui, 'Amazon ElastiCache', NAME, emulator.url);
    // The regions: a multi-select of AWS's regions with the default ticked; tick eu-west-1 too.
    const input = await pickRegions(ui, ['us-east-1'], ['eu-west-1']);
    await ui.screenshot('aws-regions', { keepOpen: true });
    await input.press('Enter');
    await ui.page.locator('.quick-input-widget input[placeholder="How does this connection sign in?"]').waitFor();
    await ui.pickQuickItem('Access keys');
    await quickInputPrompt(ui).filter({ hasText: 'Access key ID' }).waitFor();
    await ui.answerQuickInput(DEMO_ACCESS_KEY_ID);
    await quickInputPrompt(ui).filter({ hasText: 'Secret access key' }).waitFor();
    assert.equal(await ui.page.locator('.quick-input-widget input').getAttribute('type'), 'password');
    await ui.answerQuickInput(DEMO_SECRET_ACCESS_KEY);
    await ui.pickQuickItem('pin its SHA-256 fingerprint');
    await ui.dialog().waitFor({ timeout: 30_000 });
    await ui.answerDialog('Pin Certificate');

    // Saved only after the trial signed in: the connection row, then its two regions.
    const connection = ui.treeRow(NAME).first();
    await connection.waitFor({ timeout: 30_000 });
    assert.match(await rowDescription(connection), /Amazon ElastiCache/);
    await ui
      .treeRow(/^\s*us-east-1/)
      .first()
      .waitFor({ timeout: 30_000 });
    await ui
      .treeRow(/^\s*eu-west-1/)
      .first()
      .waitFor({ timeout: 30_000 });
    const region = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]');
    assert.deepEqual(
      (await region.locator('.label-name').allInnerTexts()).map(t => t.trim()),
      ['us-east-1', 'eu-west-1'],
    );
    await ui.treeRow(UPDATE_ROW).first().waitFor({ timeout: 30_000 });
    assert.equal(
      await ui.treeRow(UPDATE_ROW).first().getAttribute('aria-level'),
      '4',
      'connection → region → instance → task',
    );
    assert.match(await rowLabel(ui.treeRow(UPDATE_ROW).first()), /^Running\b/);
    await ui.screenshot('aws-tree');
  });

  it('shows a MemoryDB service update under its cluster with the nodes updated as progress, not stoppable', async () => {
    const ui = vscode();
    // One node of three updated, then a refresh as a person clicks it.
    emulator.context.clock.advance(MEMORYDB_UPDATE.nodeSeconds * 1000 - 30_000);
    await refreshView(ui);
    await ui
      .treeRow(/33%.*MemoryDB service update/)
      .first()
      .waitFor({ timeout: 30_000 });
    // The list is virtualised: read every row, scrolling, and keep the cluster's and its update's.
    const rows = await readTree(ui, ui.page.locator(TREE_ROWS), async row => {
      const label = await rowLabel(row);
      if (!label.includes(MDB_UPDATE_ROW) && label !== MEMORYDB_UPDATE.cluster) return undefined;
      return [label, await row.getAttribute('aria-level')];
    });
    const update = [...rows].find(([label]) => label.includes(MDB_UPDATE_ROW));
    assert.ok(update, [...rows.keys()].join(' | '));
    assert.match(update[0], /^Running 33(\.3)?%/);
    assert.equal(update[1], '4', 'connection → region → MemoryDB cluster → update');
    assert.equal(rows.get(MEMORYDB_UPDATE.cluster), '3');
    const row = ui.treeRow(MDB_UPDATE_ROW).first();
    // Its menu has the row's other commands and no cancel: MemoryDB has no call to stop a service update.
    await row.click({ button: 'right' });
    const entries = ui.page.locator('.context-view .monaco-menu a.action-menu-item');
    await entries.first().waitFor();
    const items = (await entries.allInnerTexts()).map(t => t.trim()).filter(Boolean);
    assert.ok(items.length > 0 && !items.some(t => /Cancel Task|Stop Update/.test(t)), items.join(' | '));
    await ui.screenshot('aws-memorydb-update', { keepOpen: true });
    await ui.page.keyboard.press('Escape');
    // Its details: why it runs (AWS's description of the update), and no Stop Update button.
    await ui.contextMenu(row, 'Open Task Details');
    const page = ui.webviewFrame();
    await page.locator('h1', { hasText: MDB_UPDATE_ROW }).waitFor({ timeout: 30_000 });
    await page.getByText('Valkey 7.3 security patch (emulated)').first().waitFor();
    assert.equal(await page.locator('button[data-action="copyId"]').count(), 1, 'the actions are drawn');
    assert.equal(await page.locator('button[data-action="cancel"], button[data-action="forceCancel"]').count(), 0);
    // Its release date is a date in the reader's locale, not an ISO timestamp.
    const dates = (await page.locator('.step-detail').allInnerTexts()).map(t => t.trim());
    assert.ok(dates.length > 0, 'the release date is a step');
    assert.ok(!dates.some(t => /\d{4}-\d\d-\d\dT\d\d:/.test(t)), dates.join(' | '));
    await ui.screenshot('aws-memorydb-details');
  });

  it('stops a service update after a confirmation naming it: BatchStopUpdateAction is sent once', async () => {
    const ui = vscode();
    const row = ui.treeRow(UPDATE_ROW).first();
    const before = aws.calls.BatchStopUpdateAction ?? 0;
    // Issue 17: the inline icon and the menu say what the confirmation says, not Redis Enterprise's "Cancel Task".
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Stop Update"]').waitFor();
    assert.equal(await row.locator('.actions .action-label[aria-label="Cancel Task"]').count(), 0);
    await row.click({ button: 'right' });
    const items = ui.page.locator('.context-view .monaco-menu a.action-menu-item');
    await items.first().waitFor();
    const menu = (await items.allInnerTexts()).map(t => t.trim());
    assert.ok(
      menu.some(t => t.startsWith('Stop Update')),
      menu.join(' | '),
    );
    assert.ok(!menu.some(t => t.includes('Cancel Task')), menu.join(' | '));
    await ui.screenshot('aws-stop-menu', { keepOpen: true });
    await ui.page.keyboard.press('Escape');
    await items.first().waitFor({ state: 'detached' });
    await ui.contextMenu(row, 'Stop Update');
    await ui.dialog().waitFor();
    // AWS's words, not Redis Enterprise's: the update, its resource, what BatchStopUpdateAction does.
    const text = await ui.dialog().innerText();
    assert.match(text, new RegExp(`Stop "Service update ${UPDATE.name}[^"]*" on ${UPDATE.rg} \\(${NAME}\\)\\?`));
    assert.match(text, /nodes already updated stay updated/);
    assert.match(text, /the remaining nodes are not updated/);
    assert.doesNotMatch(text, /commit phase|CRDB|Active-Active/);
    assert.deepEqual(
      (await ui.dialog().getByRole('button').allInnerTexts())
        .map(t => t.trim())
        .filter(Boolean)
        .sort(),
      ['Keep Running', 'Stop Update'],
    );
    assert.equal(aws.calls.BatchStopUpdateAction ?? 0, before, 'nothing is sent before the person confirms');
    await ui.screenshot('aws-stop', { keepOpen: true });
    await ui.answerDialog('Stop Update');
    // The row says the stop is on its way in AWS's words (it said "Cancelling…" before issue 17's fix).
    await row.filter({ hasText: 'Stopping…' }).waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await rowLabel(row), /Cancelling/);
    await ui.screenshot('aws-stopping');
    assert.equal((aws.calls.BatchStopUpdateAction ?? 0) - before, 1, 'one stop per confirmation');
  });
});

// A named profile, as a person who signs in with the AWS CLI has one: the shared files are the test's own (the AWS
// CLI's AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, given to code-server and so to the extension host), the picker
// lists their profiles, and the official chain (fromIni) signs in with the one picked. Nothing secret is typed.
describe('AWS by a named profile through the real UI', function () {
  this.timeout(90_000);
  const NAME_BY_PROFILE = 'AWS by profile';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-aws-profile-'));
  let emulator: RunningEmulator;

  // Registered before useVsCode's hook, so the files exist when VS Code starts.
  before(async () => {
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      `[e2e-emulator]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'config'),
      '[default]\nregion = us-east-1\n\n[profile staging]\nregion = eu-west-1\n',
    );
    emulator = await startEmulator({ modules: allModules(), clock: 'manual' });
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const vscode = useVsCode({
    env: {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    },
    settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 },
  });

  it('adds an AWS connection by picking a profile of the shared files; the tree shows its tasks', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    await startAddCloudConnection(ui, 'Amazon ElastiCache', NAME_BY_PROFILE, emulator.url);
    // One region: the default, already ticked.
    await (await pickRegions(ui)).press('Enter');
    await ui.page.locator('.quick-input-widget input[placeholder="How does this connection sign in?"]').waitFor();
    await ui.pickQuickItem('A named profile');
    // The picker lists the profiles of both files (default first), and a way to type another.
    await ui.page.locator('.quick-input-widget input[placeholder="Which profile?"]').waitFor();
    // The list of the previous question is replaced in place: wait until the one row only this list has is drawn.
    await ui.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: 'Type a profile name…' })
      .waitFor();
    const rows = ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    assert.deepEqual(
      (await rows.evaluateAll(list => list.map(r => r.getAttribute('aria-label') ?? ''))).map(t => t.trim()),
      ['default', 'e2e-emulator', 'staging', 'Type a profile name…'],
    );
    await ui.screenshot('aws-profile-picker', { keepOpen: true });
    await ui.pickQuickItem('e2e-emulator');
    // No key is asked for: the next question is how to trust the emulator's certificate.
    await ui.pickQuickItem('pin its SHA-256 fingerprint');
    await ui.dialog().waitFor({ timeout: 30_000 });
    await ui.answerDialog('Pin Certificate');

    // Saved only after the trial signed in with the profile; one region: instances sit under the connection.
    const connection = ui.treeRow(NAME_BY_PROFILE).first();
    await connection.waitFor({ timeout: 30_000 });
    assert.match(await rowDescription(connection), /Amazon ElastiCache/);
    const update = ui.treeRow(UPDATE_ROW).first();
    await update.waitFor({ timeout: 30_000 });
    assert.equal(await update.getAttribute('aria-level'), '3', 'connection → instance → task');
    assert.match(await rowLabel(update), /^Running\b/);
    const instance = ui.treeRow(/^\s*sessions/).first();
    assert.match(await rowDescription(instance), /Replication group/);
    await ui.screenshot('aws-profile-tree');
  });

  it("shows the demo's AWS operations progress when the emulator's clock moves and the view refreshes", async () => {
    const ui = vscode();
    const reshard = ui.treeRow(/· Online resharding/).first();
    const update = ui.treeRow(UPDATE_ROW).first();
    assert.match(await rowLabel(reshard), /^Running 10% · /, `${RESHARD.id}: 60 s of ${RESHARD.seconds}`);
    assert.match(await rowLabel(update), /^Running 0% · /);
    // Three minutes: the resharding at 240 s of 600 (40 %), the update past two of its six nodes (2/6).
    emulator.context.clock.advance(180_000);
    await refreshView(ui);
    await reshard.filter({ hasText: /Running 40% · / }).waitFor({ timeout: 30_000 });
    await update.filter({ hasText: /Running 33% · / }).waitFor({ timeout: 30_000 });
    // The modification of reports-cache failed meanwhile: the group is `available` again, and only its event says
    // it failed. The row that ran ends in place, in the event's words: one row, never "Succeeded · Modify". Likewise
    // the reboot of memcached-legacy ends as its "restarted" event.
    const labels = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"] .label-name');
    const failed = labels.filter({
      hasText: /^Failed · Failed to modify engine version of replication group reports-cache/,
    });
    await failed.first().waitFor({ timeout: 30_000 });
    assert.equal(await failed.count(), 1, 'one row for the one operation');
    assert.equal(await labels.filter({ hasText: /^Succeeded · Modify$/ }).count(), 0);
    assert.equal(await labels.filter({ hasText: /^Succeeded · Cache node 0001 restarted$/ }).count(), 1);
    assert.equal(await labels.filter({ hasText: /Reboot cluster nodes/ }).count(), 0);
    await ui.screenshot('aws-progress');
    // Its details: each node's times as our step detail says them, not worded as a place (it read "on started …").
    await update.click();
    const details = ui.webviewFrame().locator('.step-detail');
    await details.first().waitFor({ timeout: 30_000 });
    const notes = (await details.allInnerTexts()).map(t => t.trim());
    // ...in the reader's locale ("started Dec 3, 2026, 10:11:31 AM, ended …"), never as ISO timestamps.
    assert.ok(
      notes.some(t => /^started .*\d{4}.*, ended .*\d{4}/.test(t)),
      notes.join(' | '),
    );
    assert.ok(!notes.some(t => /\d{4}-\d\d-\d\dT\d\d:/.test(t)), notes.join(' | '));
    assert.deepEqual(
      notes.filter(t => t.startsWith('on ')),
      [],
    );
    await ui.screenshot('aws-update-details');
  });
});

// Issue 17: the words our AWS code writes into a task's steps stayed English in a Chinese VS Code. The demo's AWS
// account (npm start), in Simplified Chinese with an empty language pack (VS Code's own words stay English, ours are
// Chinese): the pending node type change of `catalog`, on its row, reads in Chinese with AWS's values kept.
describe('AWS in Simplified Chinese through the real UI', function () {
  this.timeout(240_000);
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
  const ZH = read('l10n/bundle.l10n.zh-cn.json');
  const vs = useThemedVsCode({
    theme: 'Default Dark Modern',
    locale: 'zh-cn',
    env: { REDIS_TASKS_DEMO: '1' },
    extensionDevelopmentPath: REPO_ROOT,
    settings: { 'workbench.tree.enableStickyScroll': false },
  });

  it("a member's pending node type change reads 节点类型 … on its row; no English of ours is left on any AWS row", async () => {
    const ui = vs();
    await ui.openView(read('package.nls.zh-cn.json')['redisTasks.container.title']);
    await ui.page.locator(`${TREE_ROWS}[aria-level="1"]`).first().waitFor({ timeout: 90_000 });
    // Every demo connection loaded (the demo answers within seconds), so AWS's rows are tasks, not "loading".
    await ui.page
      .locator(`${TREE_ROWS}[aria-level="1"]`)
      .filter({ hasText: ZH['loading…'] })
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => undefined);
    // Wide enough for the rows' descriptions to be seen in the picture (the sash dragged as setSidebarWidth does).
    const box = (await ui.page.locator('.part.sidebar').boundingBox())!;
    await ui.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(box.x + 700, box.y + box.height / 2, { steps: 8 });
    await ui.page.mouse.up();
    const pending = ZH['Pending modifications (next maintenance window)'];
    assert.ok(pending && pending !== 'Pending modifications (next maintenance window)');
    let shot = false;
    const rows = await readTree<string, string>(
      ui,
      ui.page.locator(TREE_ROWS),
      async row => {
        const text = (await row.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
        if (!text) return undefined;
        if (!shot && text.includes(pending)) {
          // Where the list is now, without moving the mouse the walk scrolls with.
          await ui.page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'aws-zh-cn.png') });
          shot = true;
        }
        return [text, text];
      },
      { step: 300, settleMs: 150 },
    );
    const texts = [...rows.keys()];
    const change = texts.find(t => t.includes(pending));
    assert.ok(change, `the pending change of catalog: ${texts.join(' | ')}`);
    assert.match(change, /catalog-0001-00\d: 节点类型 cache\.r6g\.large → cache\.r6g\.xlarge/);
    for (const ours of ['node type', 'nodes updated', 'member cluster', 'online resharding'])
      assert.deepEqual(
        texts.filter(t => t.includes(ours)),
        [],
        `"${ours}" left in English`,
      );
  });
});

// A Tencent Cloud connection of two regions through the real UI: Add Connection ticks both, the tree shows
// connection → region → instance → tasks, and one region that cannot be read says so on its own row at the default
// 300 px while the other region's tasks stay. Manual clock, polling on request only: nothing depends on timing.
import * as assert from 'node:assert/strict';
import { allModules, startEmulator, type RunningEmulator } from '../../src/emulator/main';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../src/emulator/tencent/index';
import { useVsCode } from './fixture';
import { pickRegions, quickInputPrompt, refreshView, rowDescription, rowLabel, startAddCloudConnection } from './flows';

const NAME = 'Tencent regions e2e';
const REGION_ROWS = '.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]';

describe('Tencent Cloud with two regions through the real UI', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ modules: allModules(), clock: 'manual' });
  });
  after(async () => {
    await emulator?.close();
  });

  const vscode = useVsCode({ settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 } });

  it('adds a connection of two regions; the tree shows each region over its own instances', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    await startAddCloudConnection(ui, 'Tencent Cloud', NAME, emulator.url);
    // A multi-select of Tencent's regions with the default ticked, as AWS's: tick ap-shanghai too.
    const input = await pickRegions(ui, ['ap-guangzhou'], ['ap-shanghai']);
    await input.press('Enter');
    await quickInputPrompt(ui).filter({ hasText: 'SecretId' }).waitFor();
    await ui.answerQuickInput(DEMO_SECRET_ID);
    await quickInputPrompt(ui).filter({ hasText: 'SecretKey' }).waitFor();
    await ui.answerQuickInput(DEMO_SECRET_KEY);
    await ui.pickQuickItem('pin its SHA-256 fingerprint');
    await ui.dialog().waitFor({ timeout: 30_000 });
    await ui.answerDialog('Pin Certificate');
    await ui.pickQuickItem('Current API');
    await ui.pickQuickItem('China');

    const connection = ui.treeRow(NAME).first();
    await connection.waitFor({ timeout: 30_000 });
    await ui
      .treeRow(/^\s*ap-shanghai/)
      .first()
      .waitFor({ timeout: 30_000 });
    const regions = ui.page.locator(REGION_ROWS);
    assert.deepEqual(
      (await regions.locator('.label-name').allInnerTexts()).map(t => t.trim()),
      ['ap-guangzhou', 'ap-shanghai'],
    );
    // Shanghai's one instance, under Shanghai only.
    const sh = ui.treeRow(/^\s*shanghai-cache/).first();
    await sh.waitFor({ timeout: 30_000 });
    assert.equal(await sh.getAttribute('aria-level'), '3', 'connection → region → instance');
    await ui.screenshot('tencent-regions');
  });

  it('one region failing: its row says "not read" at 300 px, the other region and its tasks stay', async () => {
    const ui = vscode();
    await ui.setSidebarWidth(300);
    emulator.context.faults.set([{ mode: 'unauthorized', provider: 'tencent', region: 'ap-shanghai' }]);
    await refreshView(ui);
    const failed = ui.treeRow(/^\s*ap-shanghai/).first();
    await failed.filter({ hasText: 'not read' }).waitFor({ timeout: 30_000 });
    assert.match(await rowDescription(failed), /^not read: /);
    assert.equal(await failed.locator('.codicon-error').count(), 1, 'the error icon on the region row');
    const gz = ui.treeRow(/^\s*ap-guangzhou/).first();
    assert.doesNotMatch(await rowDescription(gz), /not read/);
    assert.doesNotMatch(await rowLabel(ui.treeRow(NAME).first()), /error/i, 'the connection itself is fine');
    // The other region's running task is still there.
    await ui
      .treeRow(/^\s*Running \d+% · /)
      .first()
      .waitFor({ timeout: 30_000 });
    await ui.screenshot('tencent-region-failed');
    emulator.context.faults.clear();
  });
});

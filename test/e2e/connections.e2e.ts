// Add and Edit Connection as a person meets them: a mistyped password is refused before anything is saved, with the
// way back to the credentials; Edit changes one field. The emulator runs here on a manual clock and the extension
// polls only on request.
import * as assert from 'node:assert/strict';
import { allModules, startEmulator, type RunningEmulator } from '../../src/emulator/main';
import { useVsCode } from './fixture';
import { DEMO_ENTERPRISE, quickInputPrompt, startAddEnterpriseConnection } from './flows';

describe('Add and Edit Connection through the real UI', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ modules: allModules(), clock: 'manual' });
  });
  after(async () => {
    await emulator?.close();
  });

  const vscode = useVsCode({ settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 } });

  it('a wrong password is refused before saving; Edit Credentials goes back to the user and the password', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    await startAddEnterpriseConnection(ui, emulator, { ...DEMO_ENTERPRISE, password: 'not-the-password' });
    await ui.answerDialog('Pin Certificate');
    // The trial's answer: what failed, in plain words, and the three ways out.
    const dialog = ui.dialog().filter({ hasText: 'Wrong credentials' });
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /Wrong credentials: https:\/\/127\.0\.0\.1:\d+ refused the Password of the cluster user\./);
    assert.match(text, /Nothing is saved yet\./);
    assert.doesNotMatch(text, /not-the-password/);
    for (const button of ['Edit Credentials', 'Save Anyway', 'Cancel'])
      await dialog.getByRole('button', { name: button, exact: true }).waitFor();
    assert.equal(await ui.treeRow(DEMO_ENTERPRISE.name).count(), 0, 'nothing saved while the person decides');
    await ui.screenshot('connection-refused', { keepOpen: true });

    await ui.answerDialog('Edit Credentials');
    await quickInputPrompt(ui).filter({ hasText: 'User' }).waitFor();
    assert.equal(await ui.page.locator('.quick-input-widget input').inputValue(), DEMO_ENTERPRISE.user, 'kept');
    await ui.page.locator('.quick-input-widget input').press('Enter');
    await quickInputPrompt(ui).filter({ hasText: 'Password of the cluster user' }).waitFor();
    await ui.answerQuickInput(DEMO_ENTERPRISE.password);
    // Tried again, accepted, saved: the connection's row and its groups.
    await ui.treeRow(DEMO_ENTERPRISE.name).first().waitFor({ timeout: 30_000 });
    await ui.treeRow('Active-Active tasks').first().waitFor({ timeout: 30_000 });
    assert.equal(await ui.dialog().count(), 0, 'no second question once the trial passed');
  });

  it('Edit Connection lists the fields with their values (never the password) and changes only the one picked', async () => {
    const ui = vscode();
    await ui.runCommand('Redis Tasks: Edit Connection');
    const rows = ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'TLS certificate trust' }).waitFor();
    const labels = (await rows.locator('.label-name').allInnerTexts()).map(t => t.trim());
    const values = (await rows.locator('.label-description').allInnerTexts()).map(t => t.trim());
    assert.deepEqual(labels, [
      'Name',
      'Address',
      'User (email or name) of the cluster',
      'Password of the cluster user',
      'TLS certificate trust',
    ]);
    assert.equal(values[0], DEMO_ENTERPRISE.name);
    assert.equal(values[1], emulator.url);
    assert.equal(values[2], DEMO_ENTERPRISE.user);
    assert.equal(values[3], 'stored in secret storage, not shown');
    assert.match(values[4], /^pinned [0-9A-F:]{95}$/);
    assert.ok(!values.join().includes(DEMO_ENTERPRISE.password));
    await ui.screenshot('edit-connection-fields', { keepOpen: true });
    await ui.pickQuickItem('Name');
    await quickInputPrompt(ui).filter({ hasText: 'A name for this connection' }).waitFor();
    await ui.answerQuickInput('Lab cluster (renamed)');
    await ui.treeRow('Lab cluster (renamed)').first().waitFor({ timeout: 30_000 });
    assert.equal(await ui.dialog().count(), 0, 'a name is not tried and asks nothing more');
  });
});

// What README shows newcomers: `npm start` (REDIS_TASKS_DEMO=1) opens VS Code with the built-in emulator of all five
// APIs and one demo connection per provider, with live tasks. Real clock and default polling, as a newcomer has it.
import * as assert from 'node:assert/strict';
import { useVsCode } from './fixture';

const DEMO_CONNECTIONS = [
  'Demo cluster',
  'Redis Cloud (emulated)',
  'Tencent Cloud Redis (emulated)',
  'Alibaba Cloud (emulated)',
  'AWS ElastiCache (emulated)',
];

describe('The demo (REDIS_TASKS_DEMO=1)', function () {
  this.timeout(90_000);
  const vscode = useVsCode({ env: { REDIS_TASKS_DEMO: '1' } });

  it('shows live tasks of all five providers', async () => {
    const ui = vscode();
    await ui.openView();
    await ui.setSidebarWidth(560);
    // Every connection loads: each shows tasks (a task row's label starts with its status) and none an error.
    const connections = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]');
    await connections.first().waitFor({ timeout: 60_000 });
    await ui.statusBarItem(/\d+ running/).waitFor({ timeout: 60_000 });
    await ui.page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"]')
      .first()
      .waitFor({ timeout: 60_000 });
    // Rows once kept saying "loading…" next to the tasks they had loaded.
    await connections.first().filter({ hasNotText: 'loading…' }).waitFor({ timeout: 30_000 });
    await ui.screenshot('demo');

    // Rows are virtualised: collapse everything, then open one connection at a time to see its tasks.
    await ui.page.locator('.part.sidebar .title-actions a.action-label[aria-label^="Collapse All"]').click();
    await connections.nth(DEMO_CONNECTIONS.length - 1).waitFor();
    assert.deepEqual(
      (await connections.locator('.label-name').allInnerTexts()).map(t => t.trim()),
      DEMO_CONNECTIONS,
    );
    for (const name of DEMO_CONNECTIONS) {
      const row = connections.filter({ hasText: name });
      assert.doesNotMatch(await row.innerText(), /error|loading…/i, `${name} loaded without error`);
      await row.click();
      const firstGroup = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]').first();
      await firstGroup.waitFor();
      if ((await firstGroup.getAttribute('aria-expanded')) === 'false') await firstGroup.click();
      let task = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"]').first();
      await task.waitFor({ timeout: 30_000 });
      // The AWS, Tencent and Alibaba demo accounts have two regions: connection → region → instance → tasks.
      if ((await task.getAttribute('aria-expanded')) !== null) {
        if ((await task.getAttribute('aria-expanded')) === 'false') await task.click();
        task = ui.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]').first();
        await task.waitFor({ timeout: 30_000 });
      }
      assert.match(
        await task.locator('.label-name').innerText(),
        /^(Running|Pending|Succeeded|Failed|Canceled|Paused|Interrupted|Unknown|Finished, final state unknown)\b/,
        `${name} shows a task with a status`,
      );
      await ui.page.locator('.part.sidebar .title-actions a.action-label[aria-label^="Collapse All"]').click();
    }
  });
});

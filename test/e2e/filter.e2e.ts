// Filter Tasks as a person meets it at the default side-bar width: one multi-select list, then a line in the view
// saying what is hidden, with a title-bar Clear Filter; and the title-bar toggle that hides finished tasks.
// In light, dark and high contrast, with screenshots. Data: the demo emulator (REDIS_TASKS_DEMO=1).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { REPO_ROOT } from '../vscode/codeServer';
import { useThemedVsCode } from './support/themedVsCode';

const THEMES = [
  { theme: 'Default Light Modern', name: 'light' },
  { theme: 'Default Dark Modern', name: 'dark' },
  { theme: 'Default High Contrast', name: 'hc' },
] as const;

/** Where a person sees it: inside the side bar, not cut at its right edge, and not overflowing its own box. */
async function assertFullyVisible(element: Locator, sidebar: Locator, what: string): Promise<void> {
  const box = await element.boundingBox();
  const bar = await sidebar.boundingBox();
  assert.ok(box && bar, `${what} is on screen`);
  assert.ok(box.width > 0 && box.height > 0, `${what} has a size`);
  assert.ok(box.x >= bar.x && box.x + box.width <= bar.x + bar.width + 0.5, `${what} lies inside the side bar`);
  const clipped = await element.evaluate(el => el.scrollWidth > el.clientWidth + 1);
  assert.equal(clipped, false, `${what} is not cut off`);
}

for (const { theme, name } of THEMES) {
  describe(`Filter Tasks at the default side bar (${theme})`, function () {
    this.timeout(180_000);
    const vs = useThemedVsCode({ theme, env: { REDIS_TASKS_DEMO: '1' }, extensionDevelopmentPath: REPO_ROOT });
    const sidebar = () => vs().page.locator('.part.sidebar');
    const titleAction = (label: string) =>
      vs().page.locator(`.part.sidebar .title-actions a.action-label[aria-label^="${label}"]`);
    const message = () => vs().page.locator('.part.sidebar .message:not(.hide)');

    it('one list with the current filter checked; the view says what is filtered; Clear Filter clears it', async () => {
      await vs().openView();
      await vs().taskRows().first().waitFor({ timeout: 90_000 });
      const width = (await sidebar().boundingBox())?.width ?? 0;
      assert.ok(width > 250 && width <= 310, `the default side bar (${width} px)`);
      assert.equal(await titleAction('Clear Filter').count(), 0, 'no Clear Filter while nothing is filtered');

      await vs().runCommand('Redis Tasks: Filter Tasks');
      const rows = vs().page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const row = (label: string) => rows.filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first();
      for (const label of ['Running', 'Failed', 'Last 24 hours']) await row(label).click();
      // Readable type names under a provider's separator, never a code such as SMUpdateBDB.
      const listText = await vs().page.locator('.quick-input-widget .quick-input-list').innerText();
      assert.match(listText, /Task type · Redis Enterprise/);
      assert.doesNotMatch(listText, /\bSM[A-Z][a-zA-Z]+BDB\b|_crdb\b/);
      await vs().screenshot(`filter-pick-${name}`);
      await vs().page.locator('.quick-input-widget input').press('Enter');

      await message().filter({ hasText: 'Filtered:' }).waitFor({ timeout: 30_000 });
      assert.equal((await message().innerText()).trim(), 'Filtered: Running, Failed · last 24 h');
      await assertFullyVisible(message(), sidebar(), 'the filter message');
      // The rows follow once the servers answer with the filter: only running and failed tasks remain.
      await vs().page.waitForFunction(
        () => {
          const rows = Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row[aria-label^="Task "]'));
          return (
            rows.length > 0 &&
            rows.every(
              r => !/Succeeded|Pending|Canceled|Paused|Interrupted|Unknown/.test(r.getAttribute('aria-label') ?? ''),
            )
          );
        },
        undefined,
        { timeout: 60_000 },
      );
      await titleAction('Clear Filter').waitFor();
      // The funnel is filled while a filter is on, as in VS Code's own views.
      await vs().page.locator('.part.sidebar .title-actions a.action-label.codicon-filter-filled').waitFor();
      await assertFullyVisible(titleAction('Clear Filter'), sidebar(), 'Clear Filter');
      await vs().screenshot(`filter-message-${name}`);

      // Opened again: what is filtered is what is checked. The command palette's own list shares these selectors
      // until the filter's list replaces it, so wait for the filter's own placeholder first.
      await vs().runCommand('Redis Tasks: Filter Tasks');
      await vs()
        .page.locator('.quick-input-widget input[placeholder^="Tick what to show"]')
        .waitFor({ timeout: 30_000 });
      const checked = vs().page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]');
      await checked.first().waitFor();
      assert.deepEqual((await checked.allInnerTexts()).map(t => t.trim()).sort(), [
        'Failed',
        'Last 24 hours',
        'Running',
      ]);
      await vs().page.keyboard.press('Escape');

      await titleAction('Clear Filter').click();
      await message().filter({ hasText: 'Filtered:' }).waitFor({ state: 'detached', timeout: 30_000 });
      await titleAction('Clear Filter').waitFor({ state: 'detached' });
      assert.equal(await vs().page.locator('.part.sidebar .title-actions .codicon-filter-filled').count(), 0);
    });

    it('the title-bar toggle hides finished tasks, says so, and shows them again', async () => {
      // Whatever the test before left open or filtered, this one starts from an unfiltered view.
      await vs().page.keyboard.press('Escape');
      await vs().openView();
      if (await titleAction('Clear Filter').count()) await titleAction('Clear Filter').click();
      await titleAction('Hide Finished Tasks').click();
      await message().filter({ hasText: 'Finished tasks are hidden.' }).waitFor({ timeout: 30_000 });
      await titleAction('Show Finished Tasks').waitFor();
      // Only unfinished rows once the next answers are in: every task row's status word says so.
      await vs().page.waitForFunction(
        () => {
          const rows = Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row[aria-label^="Task "]'));
          return (
            rows.length > 0 && rows.every(r => !/Succeeded|Failed|Canceled/.test(r.getAttribute('aria-label') ?? ''))
          );
        },
        undefined,
        { timeout: 60_000 },
      );
      await vs().screenshot(`hide-finished-${name}`);
      // An instance the servers sent no task for under the filter says that it is the filter, not that it has none.
      const rowTexts = await sidebar().locator('.monaco-list-row').allInnerTexts();
      assert.ok(
        rowTexts.some(t => t.trim() === 'No tasks match the filter'),
        `an emptied instance names the filter: ${rowTexts.join(' | ')}`,
      );
      assert.ok(!rowTexts.some(t => t.trim() === 'No tasks'), `no row says "No tasks": ${rowTexts.join(' | ')}`);
      await titleAction('Show Finished Tasks').click();
      await titleAction('Hide Finished Tasks').waitFor();
      await message().filter({ hasText: 'Finished tasks are hidden.' }).waitFor({ state: 'detached', timeout: 30_000 });
    });
  });
}

// Accessibility of the task details webview, audited by axe-core in the real browser, in the default dark theme and in
// "Default High Contrast"; and the tree driven from the keyboard alone. Data: the demo emulator (REDIS_TASKS_DEMO=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { REPO_ROOT } from '../vscode/codeServer';
import { describeViolations, runAxe, seriousOrWorse, useThemedVsCode } from './support/themedVsCode';

const THEMES = [
  { theme: 'Default Dark Modern', name: 'dark', bodyClass: 'vscode-dark' },
  { theme: 'Default High Contrast', name: 'hc', bodyClass: 'vscode-high-contrast' },
] as const;

for (const { theme, name, bodyClass } of THEMES) {
  describe(`task details accessibility (${theme})`, function () {
    this.timeout(180_000);
    const vs = useThemedVsCode({ theme, env: { REDIS_TASKS_DEMO: '1' }, extensionDevelopmentPath: REPO_ROOT });

    it('reaches a task with the arrow keys, and Enter opens its details', async () => {
      await vs().openView();
      await vs().taskRows().first().waitFor({ timeout: 90_000 });
      // Keyboard only from here: focus the view through its command, then arrow down to the first task.
      await vs().runCommand('Redis Tasks: Focus on Tasks View');
      await vs().page.locator('.part.sidebar .monaco-list:focus-within').waitFor();
      // The list has the keyboard focus but no focused row yet: Home puts it on the first row.
      await vs().page.keyboard.press('Home');
      const focused = vs().page.locator('.part.sidebar .monaco-list-row.focused[role="treeitem"]');
      await focused.waitFor();
      let label = '';
      for (let i = 0; i < 30; i++) {
        label = (await focused.getAttribute('aria-label')) ?? '';
        if (label.startsWith('Task ')) break;
        await vs().page.keyboard.press('ArrowDown');
        // The focus moves synchronously in the list; wait until the row under focus changed.
        await vs().page.waitForFunction(
          prev =>
            document
              .querySelector('.part.sidebar .monaco-list-row.focused[role="treeitem"]')
              ?.getAttribute('aria-label') !== prev,
          label,
        );
      }
      assert.match(
        label,
        /^Task .+, (Pending|Running|Succeeded|Failed|Canceled|Paused|Interrupted|Unknown)/,
        'a task row is focused, its status in words',
      );
      await vs().page.keyboard.press('Enter');
      const frame = await vs().webviewFrame();
      await frame.locator('h1').waitFor({ timeout: 30_000 });
      const heading = await frame.locator('h1').innerText();
      const taskName = label.replace(/^Task /, '').split(/ on |, /)[0];
      assert.ok(heading.includes(taskName), `the details of "${taskName}" are open (heading "${heading}")`);
      // The status is text, not only a colour or an icon.
      assert.match(
        await frame.locator('.status').innerText(),
        /Pending|Running|Succeeded|Failed|Canceled|Paused|Interrupted|Unknown/,
      );
    });

    it('the details webview has no serious or critical axe-core violation and follows the theme', async () => {
      const frame = await vs().webviewFrame();
      await frame.locator('h1').waitFor({ timeout: 30_000 });
      assert.match((await frame.locator('body').getAttribute('class')) ?? '', new RegExp(`\\b${bodyClass}\\b`));
      const violations = await runAxe(frame);
      const bad = seriousOrWorse(violations);
      const file = await vs().screenshot(`a11y-details-${name}`);
      assert.ok(fs.statSync(file).size > 10_000);
      assert.deepEqual(
        bad.map(v => v.id),
        [],
        describeViolations(bad),
      );
      // Every control can be reached with Tab and has a name.
      const unnamed = await frame
        .locator('button, summary, a[href], input, select, textarea')
        .evaluateAll(nodes =>
          nodes
            .filter(n => !(n.getAttribute('aria-label') || n.textContent || '').trim())
            .map(n => n.outerHTML.slice(0, 80)),
        );
      assert.deepEqual(unnamed, []);
      const unreachable = await frame
        .locator('button:not([disabled]), summary')
        .evaluateAll(nodes => nodes.filter(n => (n as HTMLElement).tabIndex < 0).map(n => n.outerHTML.slice(0, 80)));
      assert.deepEqual(unreachable, []);
    });
  });
}

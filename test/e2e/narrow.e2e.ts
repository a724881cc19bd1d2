// Issue 13's bar, measured: at the default 300 px side bar, in light, dark and high contrast, every task row on screen shows its status (and progress) inside the row's visible, unclipped area, and no
// row, tooltip or details header says a status twice ("Running (running)"). Measured on the DOM, not read from the
// text: the status is cut when its laid-out box ends past the label's clipping box. Data: the demo emulator.
// In Simplified Chinese too, with an empty language pack (test/vscode/codeServer.ts): VS Code's words stay English,
// ours are Chinese.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../vscode/codeServer';
import type { Locator } from 'playwright-core';
import { useThemedVsCode } from './support/themedVsCode';
import { readTree } from './flows';

const ZH = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const NLS_ZH = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const EN = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
const WORDS = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Canceled',
  'Paused',
  'Interrupted',
  'Unknown',
  'Finished, final state unknown',
  'Cancelling…',
];

const RUNS = [
  { theme: 'Default Light Modern', name: 'light' },
  { theme: 'Default Dark Modern', name: 'dark' },
  { theme: 'Default High Contrast', name: 'hc' },
  { theme: 'Default Dark Modern', name: 'zh-cn', locale: 'zh-cn' },
] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Measured {
  text: string;
  status: string;
  statusRight: number;
  statusWidth: number;
  clipLeft: number;
  clipRight: number;
  inView: boolean;
}

for (const run of RUNS) {
  describe(`Task rows at the default 300 px side bar (${run.name})`, function () {
    this.timeout(240_000);
    const locale = 'locale' in run ? run.locale : undefined;
    const words = WORDS.map(w => (locale ? (ZH[w] ?? w) : w));
    // "Running 45%" or "运行中 45%": the word, then the progress while it runs.
    const statusPattern = new RegExp(`^(${words.map(escape).join('|')})( \\d+%)?$`);
    const bracketed = new RegExp(`(${words.map(escape).join('|')})\\s*[(（]`);
    before(() => assert.ok(EN.Running, 'the English bundle has the status words'));
    const vs = useThemedVsCode({
      theme: run.theme,
      locale,
      env: { REDIS_TASKS_DEMO: '1' },
      extensionDevelopmentPath: REPO_ROOT,
      // The sticky group header lies over the first rows after a scroll and takes the hover meant for a task row.
      settings: { 'workbench.tree.enableStickyScroll': false },
    });

    it('every task row on screen shows its status inside the visible row, never in brackets', async () => {
      const page = vs().page;
      await vs().openView(locale ? NLS_ZH['redisTasks.container.title'] : undefined);
      const sidebar = page.locator('.part.sidebar');
      const width = (await sidebar.boundingBox())?.width ?? 0;
      assert.ok(width > 250 && width <= 310, `the default side bar (${width} px)`);
      // Leaves below the groups are task rows or a group's message; a task's row starts with a status, which is the claim.
      const leaves = page.locator(
        '.part.sidebar .monaco-list-row[role="treeitem"]:not([aria-level="1"]):not([aria-level="2"]):not([aria-expanded])',
      );
      await leaves.first().waitFor({ timeout: 90_000 });
      await page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]').first().waitFor();
      // Let every connection load (the demo answers within seconds), so rows are tasks, not "loading".
      await page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]')
        .filter({ hasText: locale ? ZH['loading…'] : 'loading' })
        .first()
        .waitFor({ state: 'detached', timeout: 60_000 })
        .catch(() => undefined);
      await vs().screenshot(`narrow-${run.name}`);

      const seen = await readTree<string, Measured>(
        vs(),
        leaves,
        async row => {
          const m = await row.evaluate((el): Measured | undefined => {
            const name = el.querySelector('.label-name');
            const clip = el.querySelector('.monaco-icon-label-container') ?? name?.parentElement;
            const listBox = el.closest('.monaco-list')?.getBoundingClientRect();
            if (!name || !clip || !listBox) return undefined;
            const text = name.textContent ?? '';
            const cut = text.indexOf(' · ');
            const statusLength = cut < 0 ? text.length : cut;
            // A range over the status's characters: its box is where they are laid out, clipped or not.
            const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            let offset = 0;
            let started = false;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const length = node.textContent?.length ?? 0;
              if (!started) {
                range.setStart(node, 0);
                started = true;
              }
              if (offset + length >= statusLength) {
                range.setEnd(node, statusLength - offset);
                break;
              }
              offset += length;
            }
            const status = range.getBoundingClientRect();
            const clipBox = clip.getBoundingClientRect();
            const rowBox = el.getBoundingClientRect();
            return {
              text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
              status: text.slice(0, statusLength),
              statusRight: status.right,
              statusWidth: status.width,
              clipLeft: clipBox.left,
              clipRight: Math.min(clipBox.right, rowBox.right, listBox.right),
              inView: rowBox.top >= listBox.top && rowBox.bottom <= listBox.bottom,
            };
          });
          if (!m || !m.inView) return undefined;
          return [(await row.getAttribute('aria-label')) ?? m.text, m];
        },
        { step: 300, settleMs: 150 },
      );

      const tasks = [...seen.values()].filter(m => statusPattern.test(m.status));
      const messages = [...seen.values()].filter(m => !statusPattern.test(m.status));
      assert.ok(tasks.length >= 10, `task rows measured: ${tasks.length}`);
      // What is not a task row must be a group's message, never a task whose status is not first.
      for (const m of messages)
        assert.doesNotMatch(
          m.text,
          new RegExp(words.map(escape).join('|')),
          `a leaf row without a status first: ${m.text}`,
        );
      for (const m of tasks) {
        assert.ok(m.statusWidth > 0, `"${m.status}" has a size in "${m.text}"`);
        assert.ok(
          m.statusRight <= m.clipRight + 0.5,
          `"${m.status}" ends at ${m.statusRight.toFixed(1)} px, past the visible ${m.clipRight.toFixed(1)} px: "${m.text}"`,
        );
        assert.doesNotMatch(m.text, bracketed, `a status in brackets: "${m.text}"`);
      }
    });

    it("a task row's tooltip and the details header say the status once", async () => {
      const page = vs().page;
      await page.mouse.move(150, 400);
      await page.mouse.wheel(0, -100_000);
      await page.waitForTimeout(500);
      // A task row wholly on screen: the first leaf whose label starts with a status.
      const leaves = page.locator(
        '.part.sidebar .monaco-list-row[role="treeitem"]:not([aria-level="1"]):not([aria-level="2"]):not([aria-expanded])',
      );
      let row: Locator | undefined;
      const listBox = await page.locator('.part.sidebar .monaco-list').first().boundingBox();
      for (const r of await leaves.all()) {
        const box = await r.boundingBox();
        const label = (
          await r
            .locator('.label-name')
            .innerText()
            .catch(() => '')
        ).trim();
        if (box && listBox && box.y >= listBox.y && box.y + box.height <= listBox.y + listBox.height)
          if (statusPattern.test(label.split(' · ')[0])) {
            row = r;
            break;
          }
      }
      assert.ok(row, 'a task row on screen');
      const name = (await row.locator('.label-name').innerText()).split(' · ').slice(1).join(' · ').trim();
      // Away first, so no hover of another row is still up; then the hover that names this row's task.
      await page.mouse.move(1000, 700);
      await page
        .locator('.workbench-hover')
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
      await row.locator('.label-name').hover();
      const hover = page
        .locator('.workbench-hover, .monaco-hover')
        .filter({ visible: true })
        .filter({ hasText: name })
        .first();
      await hover.waitFor({ timeout: 15_000 });
      const tip = (await hover.innerText()).replace(/\s+/g, ' ');
      assert.match(tip, new RegExp(words.map(escape).join('|')), `the tooltip names the status: ${tip}`);
      assert.doesNotMatch(tip, bracketed, `a status in brackets in the tooltip: ${tip}`);
      await page.mouse.move(1000, 700);

      await row.click();
      const frame = await vs().webviewFrame();
      await frame
        .locator('body')
        .filter({ hasText: new RegExp(words.map(escape).join('|')) })
        .waitFor();
      const body = (await frame.locator('body').innerText()).replace(/\s+/g, ' ');
      assert.doesNotMatch(body, bracketed, `a status in brackets in the details: ${body.slice(0, 300)}`);
      await vs().screenshot(`narrow-details-${run.name}`);
    });
  });
}

// End-to-end fixture: a real VS Code (code-server) with this repository as the extension under development, a fresh
// profile, and headless chromium at 1280x800, plus helpers that drive the UI the way a person does.
// It builds nothing: `npm test` builds before it runs the e2e tests (or run `npm run build` yourself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  CLEAN_SETTINGS,
  REPO_ROOT,
  codeServerInstalled,
  startCodeServer,
  type Browser,
  type CodeServer,
} from '../vscode/codeServer';
import { openWorkbench } from './support/workbench';

export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
/** The title of the extension's activity-bar container (package.json `viewsContainers`). */
export const VIEW_CONTAINER_TITLE = 'Redis Tasks';

export interface VsCodeOptions {
  /** Environment of the extension host, e.g. `{ REDIS_TASKS_DEMO: '1' }`. */
  env?: Readonly<Record<string, string>>;
  /** Folder to open; an empty window when absent. */
  folder?: string;
  /** The extension under development; this repository unless a test needs a variant. */
  extensionPath?: string;
  /** User settings on top of the clean profile's, e.g. `{ 'redisTasks.pollInterval.active': 0 }`. */
  settings?: Readonly<Record<string, unknown>>;
}

export class VsCodeUi {
  private constructor(
    readonly page: Page,
    private readonly server: CodeServer,
    private readonly browser: Browser,
  ) {}

  static async launch(options: VsCodeOptions = {}): Promise<VsCodeUi> {
    const extensionPath = options.extensionPath ?? REPO_ROOT;
    if (!fs.existsSync(path.join(extensionPath, 'dist', 'extension.js')))
      throw new Error('dist/extension.js is missing: run `npm run build` first');
    if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup:vscode`');
    // Nothing from the caller's shell decides what the extension does under test: only `options.env`.
    const env = { REDIS_TASKS_DEMO: undefined, ...options.env };
    const server = await startCodeServer({ env, settings: { ...CLEAN_SETTINGS, ...options.settings } });
    const browser = await openWorkbench(server, {
      folder: options.folder,
      extensionDevelopmentPath: extensionPath,
      extensionEnvironment: options.env,
    });
    return new VsCodeUi(browser.page, server, browser);
  }

  /** Shows the Redis Tasks container in the side bar (leaves it open when it already is). */
  async openView(): Promise<void> {
    const entry = this.page.locator(`.part.activitybar a.action-label[aria-label^="${VIEW_CONTAINER_TITLE}"]`);
    await entry.waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(
        `no activity-bar entry "${VIEW_CONTAINER_TITLE}" within 30 s: does package.json contribute it (viewsContainers), and did the extension load?`,
      );
    });
    // Clicking the entry of the container already shown would hide the side bar.
    const tab = entry.locator('xpath=ancestor::li[1]');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await entry.click();
    await this.page
      .locator('.part.sidebar .composite.title', { hasText: new RegExp(VIEW_CONTAINER_TITLE, 'i') })
      .waitFor();
  }

  /** Runs a command from the palette by (part of) its title, e.g. "Redis Tasks: Add Connection". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // F1 pressed while the notification centre closes, or inside a webview that has just lost its dialog, was once
    // swallowed (a fresh clone's run): ask again, then with the other palette key.
    for (const key of ['F1', 'F1', 'Control+Shift+P']) {
      await this.page.keyboard.press(key);
      if (
        await input
          .waitFor({ timeout: 5_000 })
          .then(() => true)
          .catch(() => false)
      )
        break;
    }
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.quickPickRow(title).click();
  }

  /** Types into the open quick input (input box or quick pick filter) and accepts with Enter. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks the item of the open quick pick whose text contains `label`. */
  async pickQuickItem(label: string): Promise<void> {
    await this.quickPickRow(label).click();
  }

  private quickPickRow(text: string): Locator {
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: text })
      .first();
  }

  /** A row of a side-bar tree. Rows are virtualised: only the visible ones exist. */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]').filter({ hasText: text });
  }

  /** The content document of the visible webview, e.g. the task details panel (hidden editors keep theirs). */
  webviewFrame(): FrameLocator {
    return this.page
      .locator('iframe.webview.ready')
      .filter({ visible: true })
      .contentFrame()
      .frameLocator('iframe#active-frame');
  }

  /** Right-clicks `row` and picks `item` from its context menu (VS Code draws the menu itself in a web workbench). */
  async contextMenu(row: Locator, item: string): Promise<void> {
    await row.click({ button: 'right' });
    const entry = this.page.locator('.context-view .monaco-menu a.action-menu-item').filter({ hasText: item }).first();
    await entry.waitFor();
    // A mouse click on a menu item of this web workbench is dropped (the menu stays open): hovering focuses the
    // item, and Enter runs it, as a keyboard user would.
    await entry.hover();
    await this.page.locator('.context-view .monaco-menu .action-item.focused').filter({ hasText: item }).waitFor();
    await this.page.keyboard.press('Enter');
    await entry.waitFor({ state: 'detached' });
  }

  /** The open modal dialog (`showWarningMessage(..., { modal: true })`). */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Clicks a button of the open modal dialog by its label and waits until that dialog (not a next one) is gone. */
  async answerDialog(button: string): Promise<void> {
    const message = (await this.dialog().locator('.dialog-message-text').innerText()).trim();
    await this.dialog().getByRole('button', { name: button, exact: true }).click();
    await this.dialog()
      .locator('.dialog-message-text')
      .getByText(message, { exact: true })
      .waitFor({ state: 'detached' });
  }

  /**
   * Drags the side bar's edge to `width` pixels, as a person widens it to read long task names (the default 300 px
   * cuts them off; see the report).
   */
  async setSidebarWidth(width: number): Promise<void> {
    const sidebar = this.page.locator('.part.sidebar');
    const box = await sidebar.boundingBox();
    if (!box) throw new Error('the side bar is not shown');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width / 2, y, { steps: 4 });
    await this.page.mouse.move(box.x + width, y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
  }

  /**
   * Saves test-results/<name>.png and returns its path. Hovers that stay up after a click are dismissed first with
   * Escape, unless `keepOpen` (Escape would also cancel an open dialog, quick input or menu that the picture is of).
   */
  async screenshot(name: string, options: { keepOpen?: boolean } = {}): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.mouse.move(1000, 700);
    if (!options.keepOpen) await this.page.keyboard.press('Escape');
    await this.page
      .locator('.workbench-hover')
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** code-server's log, worth reading when a test fails. */
  get serverLog(): string {
    return this.server.logFile;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }
}

/**
 * One VS Code for a `describe` block: started in `before`, closed in `after`, a screenshot
 * test-results/<test title>.fail.png after each failed test. Call it inside `describe`; use the returned getter in tests.
 */
export function useVsCode(options: VsCodeOptions = {}): () => VsCodeUi {
  let ui: VsCodeUi | undefined;
  before(async function () {
    this.timeout(120_000);
    ui = await VsCodeUi.launch(options);
  });
  afterEach(async function () {
    if (ui && this.currentTest?.state === 'failed') {
      const name = `${this.currentTest.fullTitle()}.fail`;
      const file = await ui.screenshot(name).catch(() => undefined);
      // The temporary profile holding the log goes away in `after`: keep a copy beside the screenshot.
      const log = file?.replace(/\.png$/, '.code-server.log');
      if (log) fs.copyFileSync(ui.serverLog, log);
      console.log(`    screenshot: ${file ?? '(failed)'}; code-server log: ${log ?? ui.serverLog}`);
    }
  });
  after(async () => {
    await ui?.close();
  });
  return () => {
    if (!ui) throw new Error('VS Code did not start (see the before hook)');
    return ui;
  };
}

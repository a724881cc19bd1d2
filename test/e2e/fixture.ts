// End-to-end fixture: a real VS Code (code-server) with this repository as the extension under development, a fresh
// profile, and headless chromium at 1280x800, plus helpers that drive the UI the way a person does.
// It builds nothing: `npm test` builds before it runs the e2e tests (or run `npm run build` yourself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT, codeServerInstalled, launchBrowser, startCodeServer, workbenchUrl, type Browser, type CodeServer } from '../vscode/codeServer';

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
}

export class VsCodeUi {
  private constructor(readonly page: Page, private readonly server: CodeServer, private readonly browser: Browser) {}

  static async launch(options: VsCodeOptions = {}): Promise<VsCodeUi> {
    const extensionPath = options.extensionPath ?? REPO_ROOT;
    if (!fs.existsSync(path.join(extensionPath, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
    if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup:vscode`');
    // Nothing from the caller's shell decides what the extension does under test: only `options.env`.
    const env = { REDIS_TASKS_DEMO: undefined, ...options.env };
    const server = await startCodeServer({ env });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser({ width: 1280, height: 800 });
      const ui = new VsCodeUi(browser.page, server, browser);
      await browser.page.goto(workbenchUrl(server, {
        folder: options.folder,
        extensionDevelopmentPath: extensionPath,
        extensionEnvironment: options.env,
      }));
      await browser.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      return ui;
    } catch (e) {
      await browser?.close();
      await server.stop();
      throw e;
    }
  }

  /** Shows the Redis Tasks container in the side bar (leaves it open when it already is). */
  async openView(): Promise<void> {
    const entry = this.page.locator(`.part.activitybar a.action-label[aria-label^="${VIEW_CONTAINER_TITLE}"]`);
    await entry.waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`no activity-bar entry "${VIEW_CONTAINER_TITLE}" within 30 s: does package.json contribute it (viewsContainers), and did the extension load?`);
    });
    // Clicking the entry of the container already shown would hide the side bar.
    const tab = entry.locator('xpath=ancestor::li[1]');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await entry.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: new RegExp(VIEW_CONTAINER_TITLE, 'i') }).waitFor();
  }

  /** Runs a command from the palette by (part of) its title, e.g. "Redis Tasks: Add Connection". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
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
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: text }).first();
  }

  /** A row of a side-bar tree. Rows are virtualised: only the visible ones exist. */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]').filter({ hasText: text });
  }

  /** The content document of the (single) visible webview, e.g. the task details panel. */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
  }

  /** Saves test-results/<name>.png and returns its path. Hovers that stay up after a click are dismissed first. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.mouse.move(1000, 700);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.workbench-hover').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
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

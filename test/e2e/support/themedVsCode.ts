// A VS Code (code-server + chromium) for the accessibility and packaging e2e tests, with what the shared fixture does
// not offer: profile settings (a colour theme), an extensions dir of our own, and no development path (the installed
// .vsix). Everything else follows test/e2e/fixture.ts: 1280x800, a throw-away profile, stopped in `after`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import {
  CLEAN_SETTINGS,
  REPO_ROOT,
  codeServerInstalled,
  startCodeServer,
  type Browser,
  type CodeServer,
} from '../../vscode/codeServer';
import { openWorkbench } from './workbench';

export const RESULTS = path.join(REPO_ROOT, 'test-results');
export const VIEW_TITLE = 'Redis Tasks';

export interface ThemedOptions {
  /** `workbench.colorTheme`; VS Code's default (Dark Modern) when absent. */
  theme?: string;
  env?: Readonly<Record<string, string>>;
  /** Development path; none when testing an installed extension. */
  extensionDevelopmentPath?: string;
  /** A profile prepared beforehand (e.g. with the .vsix installed into its extensions dir). */
  profileDir?: string;
  /** Folder to open; an empty window when absent. */
  folder?: string;
  /** User settings on top of the clean profile's (and the theme). */
  settings?: Readonly<Record<string, unknown>>;
  /** Leave VS Code's workspace trust on, for a test of Restricted Mode. */
  workspaceTrust?: boolean;
  /** VS Code's display language, e.g. `zh-cn`. */
  locale?: string;
}

export class ThemedVsCode {
  private constructor(
    readonly page: Page,
    private readonly server: CodeServer,
    private readonly browser: Browser,
  ) {}

  static async launch(o: ThemedOptions): Promise<ThemedVsCode> {
    if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup:vscode`');
    const settings = {
      ...CLEAN_SETTINGS,
      ...(o.theme ? { 'workbench.colorTheme': o.theme } : {}),
      ...o.settings,
    };
    if (o.profileDir) {
      const file = path.join(o.profileDir, 'user-data', 'User', 'settings.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
    }
    const server = await startCodeServer({
      settings,
      env: { REDIS_TASKS_DEMO: undefined, ...o.env },
      profileDir: o.profileDir,
      workspaceTrust: o.workspaceTrust,
      locale: o.locale,
    });
    const browser = await openWorkbench(server, {
      folder: o.folder,
      extensionDevelopmentPath: o.extensionDevelopmentPath,
      extensionEnvironment: o.env,
    });
    return new ThemedVsCode(browser.page, server, browser);
  }

  get logFile(): string {
    return this.server.logFile;
  }

  /** The view container's title; pass the translated one when VS Code runs in another language. */
  async openView(title = VIEW_TITLE): Promise<void> {
    const entry = this.page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`);
    await entry.waitFor({ timeout: 60_000 });
    const tab = entry.locator('xpath=ancestor::li[1]');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await entry.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: new RegExp(title, 'i') }).waitFor();
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: title })
      .first()
      .click();
  }

  treeRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
  }

  /** The task rows: their accessible name starts with "Task " (see taskAccessibilityLabel). */
  taskRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-label^="Task "]');
  }

  /** The content frame of the visible webview as a Frame (Playwright can evaluate scripts in it, past its CSP). */
  async webviewFrame(): Promise<Frame> {
    const outer = this.page.locator('iframe.webview.ready').last();
    await outer.waitFor({ timeout: 30_000 });
    const outerFrame = await (await outer.elementHandle()).contentFrame();
    if (!outerFrame) throw new Error('the webview has no frame');
    const inner = outerFrame.locator('iframe#active-frame');
    await inner.waitFor({ timeout: 30_000 });
    const frame = await (await inner.elementHandle()).contentFrame();
    if (!frame) throw new Error('the webview has no content frame');
    return frame;
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.mouse.move(1000, 700);
    await this.page
      .locator('.workbench-hover')
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }
}

/**
 * After each failed test: test-results/<test title>.fail.png and, beside it, code-server's log (the temporary profile
 * holding it goes away when VS Code closes). `current` is the VS Code running at that moment, if any.
 */
export function keepFailureEvidence(current: () => ThemedVsCode | undefined): void {
  afterEach(async function () {
    const ui = current();
    if (ui && this.currentTest?.state === 'failed') {
      const file = await ui.screenshot(`${this.currentTest.fullTitle()}.fail`).catch(() => undefined);
      if (file) fs.copyFileSync(ui.logFile, file.replace(/\.png$/, '.code-server.log'));
    }
  });
}

/**
 * One themed VS Code for a `describe` block, the way `useVsCode` (fixture.ts) does it for the plain one: started in
 * `before` on the built extension, a screenshot and code-server's log in test-results/ after each failed test, closed
 * in `after`. Call it inside `describe`; use the returned getter in tests.
 */
export function useThemedVsCode(options: ThemedOptions): () => ThemedVsCode {
  let ui: ThemedVsCode | undefined;
  before(async function () {
    this.timeout(180_000);
    if (options.extensionDevelopmentPath && !fs.existsSync(`${options.extensionDevelopmentPath}/dist/extension.js`))
      throw new Error('dist/extension.js is missing: run `npm run build` first');
    ui = await ThemedVsCode.launch(options);
  });
  keepFailureEvidence(() => ui);
  after(async () => {
    await ui?.close();
  });
  return () => {
    if (!ui) throw new Error('VS Code did not start (see the before hook)');
    return ui;
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core inside `frame`. The webview's CSP admits only its own nonce'd script, so axe goes in through
 * `evaluate` (the DevTools protocol), not a <script> tag the page would refuse.
 */
export async function runAxe(frame: Frame): Promise<AxeViolation[]> {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await frame.evaluate(source);
  // A string, not a function: the test runner's transpiler may decorate functions with helpers the page lacks.
  return frame.evaluate<
    AxeViolation[]
  >(`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
  })))`);
}

export function seriousOrWorse(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      v =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(n => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

// `npm start` as a newcomer runs it: the short address it prints opens VS Code with the extension, and notifications
// pop up (the smoke-test driver, which hides every toast, is off for the demo).
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, codeServerInstalled, launchBrowser, type Browser } from '../vscode/codeServer';
import { RESULTS } from './support/themedVsCode';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the address `npm start` prints, read from its output as a person reads it. */
function printedAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no address within ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /^\s+(http:\/\/\S+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
}

describe('npm start (code-server in the browser)', function () {
  this.timeout(240_000);
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let profile = '';

  after(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise(resolve => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('prints a short address that loads VS Code with the extension, and a notification shows', async () => {
    if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup:vscode`');
    const port = await freePort();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      REDIS_TASKS_VSCODE: 'code-server',
      DEMO_PROFILE_DIR: profile,
    };
    delete env.NODE_OPTIONS;
    child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'test/vscode/start.ts'],
      {
        cwd: REPO_ROOT,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const address = await printedAddress(child, 120_000);
    assert.equal(address, `http://127.0.0.1:${port}/`, 'the address a person would type');

    browser = await launchBrowser({ width: 1280, height: 800 });
    const page = browser.page;
    await page.goto(address);
    const entry = page.locator('.part.activitybar a.action-label[aria-label^="Redis Tasks"]');
    await entry.waitFor({ timeout: 90_000 });
    await entry.click();
    await page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"]')
      .filter({ hasText: 'Demo cluster' })
      .waitFor({ timeout: 60_000 });

    // A lookup of a task that does not exist answers with an error notification.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Redis Tasks: Show Task by ID');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Show Task by ID' }).first().click();
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Demo cluster' }).first().click();
    await input.fill('no-such-task');
    await input.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'was not found' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    // Toasts fade in: VS Code marks the end of the fade with a class, which the screenshot waits for.
    await page
      .locator('.notifications-toasts .notification-toast.notification-fade-in-done')
      .filter({ hasText: 'was not found' })
      .waitFor({ state: 'visible', timeout: 10_000 });
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'npm-start-toast.png') });
  });
});

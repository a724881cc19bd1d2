// The package as a user gets it: `npm run package` builds redis-task-browser.vsix, code-server installs it into a fresh
// extensions dir (no development path anywhere), and the installed extension activates and shows its view.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, CODE_SERVER_NODE, REPO_ROOT, codeServerInstalled } from '../vscode/codeServer';
import { ThemedVsCode, keepFailureEvidence } from './support/themedVsCode';

const VSIX = path.join(REPO_ROOT, 'redis-task-browser.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** Runs code-server's CLI with its state kept inside `profile` (nothing in ~ or the shared /tmp). */
function codeServerCli(profile: string, args: string[]): string {
  const state = path.join(profile, 'state');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: path.join(state, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(state, 'xdg-config'),
    XDG_CACHE_HOME: path.join(state, 'xdg-cache'),
  };
  delete env.NODE_OPTIONS;
  return execFileSync(
    CODE_SERVER_NODE,
    [
      CODE_SERVER_ENTRY,
      '--user-data-dir',
      path.join(profile, 'user-data'),
      '--extensions-dir',
      path.join(profile, 'extensions'),
      ...args,
    ],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
}

describe('the packaged .vsix, installed into code-server', function () {
  this.timeout(300_000);
  let profile = '';
  let ui: ThemedVsCode | undefined;

  before(function () {
    if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup:vscode`');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-vsix-'));
    for (const d of ['user-data', 'extensions', 'state']) fs.mkdirSync(path.join(profile, d), { recursive: true });
  });
  keepFailureEvidence(() => ui);
  after(async () => {
    await ui?.close();
    if (profile && !process.env.KEEP_VSCODE_PROFILE) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('npm run package writes redis-task-browser.vsix', () => {
    fs.rmSync(VSIX, { force: true });
    execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    const zip = fs.readFileSync(VSIX);
    assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
    const names = zip.toString('latin1');
    for (const f of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/webview/details.js',
      'extension/media/icon.png',
      'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/package.nls.zh-cn.json',
    ]) {
      assert.ok(names.includes(f), `${f} is in the package`);
    }
    assert.doesNotMatch(names, /extension\/(src|test|node_modules)\/|\.js\.map/);
  });

  it('installs with code-server --install-extension into a fresh extensions dir', () => {
    assert.ok(fs.existsSync(VSIX), 'the previous test packaged it');
    codeServerCli(profile, ['--install-extension', VSIX]);
    const listed = codeServerCli(profile, ['--list-extensions', '--show-versions']);
    assert.match(
      listed,
      new RegExp(`^${EXTENSION_ID.replace(/\./g, '\\.')}@${manifest.version.replace(/\./g, '\\.')}$`, 'mi'),
    );
    const installed = fs
      .readdirSync(path.join(profile, 'extensions'))
      .find(d => d.toLowerCase().startsWith(EXTENSION_ID.toLowerCase()));
    assert.ok(installed, 'the extension folder exists');
    assert.ok(fs.existsSync(path.join(profile, 'extensions', installed, 'dist', 'extension.js')));
    assert.ok(!fs.existsSync(path.join(profile, 'extensions', installed, 'src')), 'no source was installed');
  });

  it('the installed extension (not the development path) activates and shows its view', async () => {
    ui = await ThemedVsCode.launch({ profileDir: profile, env: { REDIS_TASKS_DEMO: '1' } });
    assert.doesNotMatch(decodeURIComponent(ui.page.url()), /extensionDevelopmentPath/);
    // A window with a development path is titled "[Extension Development Host]"; this one runs what was installed.
    assert.doesNotMatch(await ui.page.title(), /Extension Development Host/);
    await ui.openView();
    // The demo connections appear only once the extension has activated and started its emulator.
    await ui.taskRows().first().waitFor({ timeout: 90_000 });
    assert.ok((await ui.treeRows().filter({ hasText: 'Demo cluster' }).count()) >= 1);
    const file = await ui.screenshot('vsix-installed');
    assert.ok(fs.statSync(file).size > 10_000);
  });

  // VS Code disables an installed extension that declares no `capabilities.untrustedWorkspaces` in Restricted Mode
  // (one under development it runs anyway, which is why this test uses the installed package).
  it('the installed extension runs in Restricted Mode (an untrusted folder)', async () => {
    await ui?.close();
    ui = undefined;
    const folder = path.join(profile, 'untrusted');
    fs.mkdirSync(folder);
    ui = await ThemedVsCode.launch({
      profileDir: profile,
      env: { REDIS_TASKS_DEMO: '1' },
      folder,
      workspaceTrust: true,
      // The folder opens untrusted without the trust dialog, as for a person who answers "No".
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
    });
    await ui.page
      .locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' })
      .waitFor({ timeout: 60_000 });
    await ui.openView();
    await ui.taskRows().first().waitFor({ timeout: 90_000 });
    assert.ok((await ui.treeRows().filter({ hasText: 'Demo cluster' }).count()) >= 1);
    await ui.screenshot('vsix-restricted-mode');
  });
});

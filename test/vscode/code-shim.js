#!/usr/bin/env node
// Stands in for the VS Code executable in @vscode/test-electron's runTests({ vscodeExecutablePath }) where VS Code
// desktop cannot be downloaded. It takes the flags test-electron passes
//   [folder] --extensionDevelopmentPath=P (repeatable) --extensionTestsPath=P --user-data-dir=D --extensions-dir=D ...
// starts a throw-away code-server (a real VS Code with a real Node extension host), opens the workbench in headless
// chromium with the test payload, relays the extension host's output, and exits with the tests' exit code
// (0 passed, 1 failed or timed out, 2 could not run).
//
// The extension host inherits this process's environment (test-electron adds extensionTestsEnv to it).
//   SHIM_TIMEOUT_MS   overall limit for the tests (default 300000)
//   SHIM_SCREENSHOT   a PNG path: the workbench as it was when the tests ended
//   SHIM_VERBOSE=1    also relay the workbench's own log noise
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

// One implementation of the server and browser handling, shared with the e2e fixture and `npm start`.
require('tsx/cjs/api').register();
const { startCodeServer, workbenchUrl, launchBrowser } = require('./codeServer.ts');

const TIMEOUT_MS = Number(process.env.SHIM_TIMEOUT_MS || 300000);
const VERBOSE = process.env.SHIM_VERBOSE === '1';
// Workbench chatter that says nothing about the tests (this machine has no internet and no GitHub auth).
const NOISE =
  /ENOTFOUND open-vsx\.org|^(Resolving|Resolved) connection token|^Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AgentHost:remote\]|\[AccountPolicyGate\]|^Canceled: Canceled/;

function parseArgs(argv) {
  const o = { dev: [], tests: undefined, userDataDir: undefined, folder: undefined };
  const withValue = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      o.folder = o.folder || path.resolve(argv[i]);
      continue;
    }
    const [, key, inline] = m;
    const value = inline !== undefined ? inline : withValue.has(key) ? argv[++i] : undefined;
    if (key === 'extensionDevelopmentPath') o.dev.push(path.resolve(value));
    else if (key === 'extensionTestsPath') o.tests = path.resolve(value);
    else if (key === 'user-data-dir') o.userDataDir = path.resolve(value);
    // --extensions-dir lives inside the profile; --no-sandbox, --disable-gpu-sandbox, --skip-welcome... are desktop-only.
  }
  return o;
}

async function main() {
  const t0 = Date.now();
  const lap = msg => console.log(`[code-shim +${Date.now() - t0}ms] ${msg}`);
  const a = parseArgs(process.argv.slice(2));
  if (!a.tests || a.dev.length === 0) throw new Error('need --extensionDevelopmentPath and --extensionTestsPath');

  const server = await startCodeServer({ profileDir: a.userDataDir });
  let browser;
  const cleanUp = async () => {
    if (browser) await browser.close();
    await server.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    lap(`code-server pid ${server.pid} on ${server.host} (log: ${server.logFile})`);
    browser = await launchBrowser();
    const { page } = browser;
    let finish;
    const finished = new Promise(resolve => (finish = resolve));
    // With these two present the workbench sends every log line (mocha's reporter included) and the tests' exit
    // code to the page instead of a desktop process.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args || []));
      if (!VERBOSE && NOISE.test(line)) return;
      console.log(type === 'error' ? `[error] ${line}` : line);
    });
    await page.exposeFunction('codeAutomationExit', code => finish(code));
    await page.goto(
      workbenchUrl(server, { folder: a.folder, extensionDevelopmentPath: a.dev, extensionTestsPath: a.tests }),
    );
    lap('workbench loading, tests start when the extension host is up');
    let timer;
    const code = await Promise.race([
      finished,
      new Promise(resolve => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    lap(code === 'timeout' ? `tests did not finish within ${TIMEOUT_MS} ms` : `tests exited with ${code}`);
    if (process.env.SHIM_SCREENSHOT) {
      fs.mkdirSync(path.dirname(path.resolve(process.env.SHIM_SCREENSHOT)), { recursive: true });
      await page.screenshot({ path: process.env.SHIM_SCREENSHOT }).catch(() => undefined);
    }
    return code === 0 ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  code => process.exit(code),
  e => {
    console.error('[code-shim] could not run the tests:', (e && e.stack) || e);
    process.exit(2);
  },
);

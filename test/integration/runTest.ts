// `npm run test:integration`: mocha inside a real VS Code extension host, through @vscode/test-electron.
// Where VS Code desktop cannot be downloaded, test/vscode/code-shim.js stands in for it (code-server in headless
// chromium); REDIS_TASKS_VSCODE=code-server forces the shim, REDIS_TASKS_VSCODE=desktop forces the download.
// The extension must be built first (`npm run build`, which `npm test` does); this only bundles the suite.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { codeServerInstalled, REPO_ROOT } from '../vscode/codeServer';

const SUITE_SRC = path.join(REPO_ROOT, 'test', 'integration', 'suite');
const SUITE_OUT = path.join(REPO_ROOT, 'out', 'integration', 'suite');

/** Every *.test.ts next to index.ts becomes its own bundle; index.js finds them at run time. */
async function bundleSuite(): Promise<void> {
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(SUITE_SRC)
    .filter(f => f === 'index.ts' || f.endsWith('.test.ts'))
    .map(f => path.join(SUITE_SRC, f));
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    // Both come from the host at run time: `vscode` from the extension host, mocha from node_modules.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

function useShim(): boolean {
  const choice = process.env.REDIS_TASKS_VSCODE;
  if (choice === 'code-server') return true;
  if (choice === 'desktop') return false;
  return codeServerInstalled();
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first.');
    return 1;
  }
  const t0 = Date.now();
  await bundleSuite();
  // A fresh profile and an empty workspace every run: nothing left over from a previous run can make a test pass.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rtb-it-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const shim = useShim();
  console.log(
    `[integration] suite bundled in ${Date.now() - t0} ms; VS Code: ${shim ? 'code-server (test/vscode/code-shim.js)' : 'downloaded desktop build'}`,
  );
  // The demo flag would start the demo emulator inside the extension under test.
  delete process.env.REDIS_TASKS_DEMO;
  try {
    await runTests({
      vscodeExecutablePath: shim ? path.join(REPO_ROOT, 'test', 'vscode', 'code-shim.js') : undefined,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(SUITE_OUT, 'index'),
      launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'profile')}`, '--disable-extensions'],
      extensionTestsEnv: {
        REDIS_TASKS_TEST: '1',
        REDIS_TASKS_REPO_ROOT: REPO_ROOT,
        REDIS_TASKS_TEST_WORKSPACE: workspace,
      },
    });
    console.log(`[integration] passed in ${Date.now() - t0} ms`);
    return 0;
  } catch (e) {
    console.error(`[integration] failed after ${Date.now() - t0} ms: ${(e as Error).message}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    process.exit(1);
  },
);

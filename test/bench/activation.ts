// Item 3: activation time of the built bundle with a minimal host (fresh process each run), bundle and .vsix sizes,
// and proof that activation opened no socket. Baseline: a cold load of undici alone in a fresh process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { QUICK, ROOT, figure, median, ms } from './lib';

interface ActivationRun {
  requireMs: number;
  activateMs: number;
  totalMs: number;
  activateReturnedPromise: boolean;
  connectsDuringActivate: number;
  connectsAfter50ms: number;
  undiciLoaded: boolean;
  providersLoaded: boolean;
  commands: number;
}

const RUNS = QUICK ? 5 : 11;
const child = path.join(__dirname, 'activation-child.cjs');
const run = (arg?: string) =>
  JSON.parse(
    execFileSync(process.execPath, arg ? [child, arg] : [child], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as unknown;

// What ships is the release (minified) build.
execFileSync(process.execPath, ['esbuild.mjs', '--release'], { cwd: ROOT, stdio: 'inherit' });

const runs: ActivationRun[] = [];
const undici: number[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(run() as ActivationRun);
  undici.push((run('undici') as { loadMs: number }).loadMs);
}
const total = median(runs.map(r => r.totalMs));
const base = median(undici);
figure(
  'activation: require dist/extension.js + activate()',
  `${ms(total)} (require ${ms(median(runs.map(r => r.requireMs)))}, activate ${ms(median(runs.map(r => r.activateMs)))})`,
  `undici cold load ${ms(base)}`,
  total / base,
  '< 30 ms',
  total < 30,
);
const sockets = Math.max(...runs.map(r => r.connectsAfter50ms));
const pulled = runs.some(r => r.undiciLoaded || r.providersLoaded || r.activateReturnedPromise);
figure(
  'activation: sockets opened during activate() and the 50 ms after',
  `${sockets} (undici, http.js or a provider bundle loaded: ${pulled ? 'yes' : 'no'}, ${runs[0].commands} commands registered)`,
  '0',
  undefined,
  '0, nothing awaited',
  sockets === 0 && !pulled,
);

const size = (f: string) => statSync(path.join(ROOT, f)).size;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ext = size('dist/extension.js');
// The baseline is what one provider costs on its first request: its own bundle plus the shared HTTP stack.
const providers = size('dist/http.js') + size('dist/providers/redis-enterprise.js');
figure(
  'size: dist/extension.js (release)',
  kb(ext),
  `dist/http.js + dist/providers/redis-enterprise.js ${kb(providers)}`,
  ext / providers,
  '< 150 KB',
  ext < 150 * 1024,
);

const dir = mkdtempSync(path.join(tmpdir(), 'rtb-vsix-'));
try {
  const out = path.join(dir, 'bench.vsix');
  // The base URLs only quiet vsce's check of relative links in README.md (no repository URL is known yet).
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--baseContentUrl',
      'https://example.invalid/',
      '--baseImagesUrl',
      'https://example.invalid/',
      '--out',
      out,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const vsix = statSync(out).size;
  figure('size: .vsix', kb(vsix), `main bundle ${kb(ext)}`, vsix / ext, '< 1.5 MB', vsix < 1.5 * 1024 * 1024);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// What `npm run package` puts into the .vsix. `vsce ls` is the listing `vsce package` itself uses, so this checks the
// real .vscodeignore without packaging. Needs a build (dist/); `npm test` builds before the unit tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const FORBIDDEN: [RegExp, string][] = [
  [/^test\//, 'a test'],
  [/\.map$/, 'a source map'],
  [/fixture/i, 'a fixture'],
  [/^src\//, 'source'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.tsx?$/, 'TypeScript'],
  [/^(out|docs|test-results|\.vscode(-test)?|\.github)\//, 'a development folder'],
  [
    /(^|\/)(tsconfig\.json|esbuild\.mjs|\.mocharc\.json|package-lock\.json|\.gitignore|\.vscodeignore)$/,
    'a development file',
  ],
  [/\.vsix$/, 'a previous package'],
];

/** The files the extension needs at run time. */
const RUNTIME = [
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/extension.js',
  'dist/http.js',
  'dist/providers/redis-enterprise.js',
  'dist/providers/redis-cloud.js',
  'dist/providers/tencent.js',
  'dist/providers/alibaba.js',
  'dist/emulator.js',
  'dist/cli.js',
  'dist/codicons/codicon.css',
  'dist/codicons/codicon.ttf',
  'media/icon.png',
  'media/icon.svg',
  'media/details.js',
  'media/details.css',
  'l10n/bundle.l10n.json',
  'l10n/bundle.l10n.zh-cn.json',
];

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the .vsix contents (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[] = [];

  before(function () {
    if (!existsSync(path.join(ROOT, 'dist/extension.js')))
      throw new Error('dist/ is missing: run `npm run build` first');
    const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    files = out
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean);
  });

  it('holds no test, source map, fixture, source or node_modules file', () => {
    assert.ok(files.length >= RUNTIME.length, `vsce ls listed: ${files.join(', ')}`);
    const bad = files.flatMap(f => FORBIDDEN.filter(([re]) => re.test(f)).map(([, why]) => `${f} (${why})`));
    assert.deepEqual(bad, []);
  });

  it('holds every runtime file, and everything the manifest points to', () => {
    assert.deepEqual(
      RUNTIME.filter(f => !files.includes(f)),
      [],
    );
    const referenced = [
      manifest.main,
      manifest.icon,
      ...Object.values(manifest.bin as Record<string, string>),
      ...manifest.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ].map((p: string) => p.replace(/^\.\//, ''));
    assert.deepEqual(
      referenced.filter(f => !files.includes(f)),
      [],
    );
  });

  it('has the marketplace metadata: a 128×128 PNG icon, categories, keywords, banner and links', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(path.join(ROOT, manifest.icon)), { width: 128, height: 128 });
    assert.ok(manifest.categories.length >= 1 && manifest.categories.length <= 3);
    assert.ok(
      manifest.keywords.length >= 5 && manifest.keywords.length <= 30,
      'the marketplace accepts at most 30 keywords',
    );
    assert.match(manifest.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(manifest.homepage && manifest.bugs?.url && manifest.license);
  });
});

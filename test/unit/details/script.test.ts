import * as assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
// What the page runs: src/webview with the shared code it imports, bundled as esbuild.mjs does (in memory here, so
// the checks need no build and cannot read a stale dist/).
const script = buildSync({
  entryPoints: [join(root, 'src', 'webview', 'details.ts')],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
}).outputFiles[0].text;
const css = readFileSync(join(root, 'media', 'details.css'), 'utf8');
// Comments may name the APIs we avoid; only code counts.
const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('details: the webview script (static checks)', () => {
  it('never parses strings as HTML or code', () => {
    for (const api of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'new Function',
      "setTimeout('",
      'createContextualFragment',
      'DOMParser',
    ]) {
      assert.ok(!code.includes(api), `details.js uses ${api}`);
    }
  });

  it('sets no style attribute (CSP blocks them); widths go through CSSOM', () => {
    assert.doesNotMatch(code, /setAttribute\(\s*['"]style['"]/);
    assert.match(code, /\.style\.width\s*=/);
  });

  it('has no English of its own: every visible word comes from model.labels', () => {
    const literals = [...code.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)].map(m => m[2]);
    const prose = literals.filter(s => /^[A-Z][a-z]+ [a-z]+/.test(s));
    assert.deepEqual(prose, []);
  });

  it('loads nothing remote', () => {
    assert.doesNotMatch(script + css, /https?:\/\//);
    assert.doesNotMatch(css, /@import|url\(/);
  });

  it('styles with theme variables only (no hard-coded colours)', () => {
    assert.doesNotMatch(css, /#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/);
    assert.match(css, /var\(--vscode-focusBorder\)/);
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const script = readFileSync(join(root, 'media', 'details.js'), 'utf8');
const css = readFileSync(join(root, 'media', 'details.css'), 'utf8');
// Comments may name the APIs we avoid; only code counts.
const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('details: media/details.js (static checks)', () => {
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

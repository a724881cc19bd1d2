import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderDetailsShell } from '../../../src/extension/details/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/details.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  nonce: 'abcDEF123_-',
  lang: 'de',
};

describe('details: HTML shell', () => {
  const html = renderDetailsShell(options);

  it('sets a strict CSP: nothing by default, our resources only, scripts by nonce', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, contentSecurityPolicy(options.cspSource, options.nonce));
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net; " +
        'style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; ' +
        "script-src 'nonce-abcDEF123_-';",
    );
  });

  it('has no unsafe-inline, unsafe-eval, inline styles, inline scripts or remote resources', () => {
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${options.nonce}" src="${options.scriptUri}">`]);
    assert.match(html, /<script[^>]*><\/script>/, 'the script element has no inline body');
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map(m => m[1]);
    assert.deepEqual(urls.sort(), [options.codiconUri, options.scriptUri, options.styleUri].sort());
  });

  it('loads the codicons before our stylesheet and sets the document language', () => {
    assert.ok(html.indexOf(options.codiconUri) < html.indexOf(options.styleUri));
    assert.match(html, /<html lang="de">/);
  });

  it('escapes what it interpolates', () => {
    const hostile = renderDetailsShell({ ...options, lang: '"><script>x</script>' });
    assert.doesNotMatch(hostile, /<script>x/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
  });
});

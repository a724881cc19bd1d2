/**
 * The webview's HTML shell. It carries no task data at all: the script receives the model by message and builds the
 * DOM with textContent, so nothing a server sends is ever parsed as HTML. Pure (no vscode) so tests can read it.
 */
import { randomBytes } from 'node:crypto';

export interface DetailsShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Already passed through `webview.asWebviewUri`. */
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  nonce: string;
  /** Document language (VS Code's display language). */
  lang: string;
}

/** 128 random bits: a nonce that a page cannot guess is what makes `script-src 'nonce-…'` meaningful. */
export function createNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return (
    [
      `default-src 'none'`,
      `img-src ${cspSource}`,
      `style-src ${cspSource}`,
      `font-src ${cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ') + ';'
  );
}

/** Attribute values we interpolate are URIs and tags we built, but escape them anyway: cheap, and never wrong. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderDetailsShell(o: DetailsShellOptions): string {
  return `<!DOCTYPE html>
<html lang="${attr(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.codiconUri)}">
<link rel="stylesheet" href="${attr(o.styleUri)}">
</head>
<body>
<main id="root" aria-busy="true"></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}

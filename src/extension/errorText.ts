import * as vscode from 'vscode';
import { render, type Said } from '../core/say';

/**
 * The one way the extension shows an error's message: in VS Code's language when the message is ours (a `Said`
 * carried by the error, from the providers, the HTTP layer or core), else as it is (a system error's or a server's
 * own text, an error restored without its template). String arguments (server text, hosts, ids) are never translated;
 * a nested template is. Errors are not persisted across reloads (src/core/persist.ts keeps tasks only), and one that
 * arrives without `localizable` (a plain Error, an object read back from JSON without it) shows its message.
 */
export function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const said = (error as { localizable?: Said }).localizable;
    if (said && typeof said.message === 'string' && Array.isArray(said.args)) return sayText(said);
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/** A `Said` in VS Code's language. */
export function sayText(said: Said): string {
  return render(said, (message, args) => vscode.l10n.t(message, ...args));
}

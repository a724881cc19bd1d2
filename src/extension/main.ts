import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // The extension issue fills this in.
}

export function deactivate(): void {}

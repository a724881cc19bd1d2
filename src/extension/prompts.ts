import * as vscode from 'vscode';

/**
 * Every question the extension asks a person goes through this one object, so integration tests can answer them
 * (replace a method on `api.prompts`) instead of driving dialogs. Flows never call `vscode.window.show*` directly.
 */
export interface Prompts {
  showInformationMessage(
    message: string,
    options: vscode.MessageOptions,
    ...items: string[]
  ): Thenable<string | undefined>;
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options: vscode.QuickPickOptions & { canPickMany: true },
  ): Thenable<T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options?: vscode.QuickPickOptions,
  ): Thenable<T | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T>;
}

export function createPrompts(): Prompts {
  return {
    showInformationMessage: (message, options, ...items) =>
      vscode.window.showInformationMessage(message, options, ...items),
    showWarningMessage: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
    showErrorMessage: (message, options, ...items) => vscode.window.showErrorMessage(message, options, ...items),
    showInputBox: options => vscode.window.showInputBox(options),
    showQuickPick: ((items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) =>
      vscode.window.showQuickPick(items, options)) as Prompts['showQuickPick'],
    showOpenDialog: options => vscode.window.showOpenDialog(options),
    createQuickPick: <T extends vscode.QuickPickItem>() => vscode.window.createQuickPick<T>(),
  };
}

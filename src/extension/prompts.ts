import * as vscode from 'vscode';

/**
 * `closeLabel` names the button that dismisses a modal ("Keep Running"), in place of VS Code's own "Cancel", which
 * beside a "Cancel Task" button reads as its twin. Choosing it answers `undefined`, as Escape does.
 */
export interface MessageOptions extends vscode.MessageOptions {
  closeLabel?: string;
}

type Show = (
  message: string,
  options: vscode.MessageOptions,
  ...items: vscode.MessageItem[]
) => Thenable<vscode.MessageItem | undefined>;

function withCloseLabel(show: Show) {
  return async (message: string, options: MessageOptions, ...items: string[]): Promise<string | undefined> => {
    const { closeLabel, ...rest } = options;
    const buttons: vscode.MessageItem[] = items.map(title => ({ title }));
    if (closeLabel) buttons.push({ title: closeLabel, isCloseAffordance: true });
    const answer = await show(message, rest, ...buttons);
    return answer && !answer.isCloseAffordance ? answer.title : undefined;
  };
}

/**
 * Every question the extension asks a person goes through this one object, so integration tests can answer them
 * (replace a method on `api.prompts`) instead of driving dialogs. Flows never call `vscode.window.show*` directly.
 */
export interface Prompts {
  showInformationMessage(message: string, options: MessageOptions, ...items: string[]): Thenable<string | undefined>;
  showWarningMessage(message: string, options: MessageOptions, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, options: MessageOptions, ...items: string[]): Thenable<string | undefined>;
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
    showInformationMessage: withCloseLabel((m, o, ...i) => vscode.window.showInformationMessage(m, o, ...i)),
    showWarningMessage: withCloseLabel((m, o, ...i) => vscode.window.showWarningMessage(m, o, ...i)),
    showErrorMessage: withCloseLabel((m, o, ...i) => vscode.window.showErrorMessage(m, o, ...i)),
    showInputBox: options => vscode.window.showInputBox(options),
    showQuickPick: ((items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) =>
      vscode.window.showQuickPick(items, options)) as Prompts['showQuickPick'],
    showOpenDialog: options => vscode.window.showOpenDialog(options),
    createQuickPick: <T extends vscode.QuickPickItem>() => vscode.window.createQuickPick<T>(),
  };
}

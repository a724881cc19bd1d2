import * as vscode from 'vscode';
import type { TaskStore } from '../core/store';
import { md, statusText, taskLabel } from './tree/format';

const MAX_TOOLTIP_ROWS = 15;

/** One item while anything runs, across every connection: `$(sync~spin) 3 running`; hidden otherwise. */
export class RunningStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  private lastText = '';

  constructor(
    private readonly store: TaskStore,
    private readonly connectionName: (id: string) => string,
  ) {
    this.item = vscode.window.createStatusBarItem('redisTasks.running', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Redis Tasks: running tasks');
    this.item.command = 'redisTasks.showRunningTasks';
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const running = this.store.running();
    if (!running.length) {
      this.item.hide();
      this.lastText = '';
      return;
    }
    const text = `$(sync~spin) ${vscode.l10n.t('{0} running', running.length)}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(vscode.l10n.t('Running Redis tasks'))}**\n\n`);
    for (const t of running.slice(0, MAX_TOOLTIP_ROWS)) {
      const progress = t.progress !== undefined ? ` · ${Math.round(t.progress)}%` : '';
      tip.appendMarkdown(
        `- ${md(taskLabel(t))} · ${md(statusText(t.status))}${md(progress)} · ${md(this.connectionName(t.source))}\n`,
      );
    }
    if (running.length > MAX_TOOLTIP_ROWS)
      tip.appendMarkdown(`\n${md(vscode.l10n.t('and {0} more', running.length - MAX_TOOLTIP_ROWS))}\n`);
    this.item.text = text;
    this.item.tooltip = tip;
    this.item.accessibilityInformation = {
      label: vscode.l10n.t('{0} Redis tasks running. Activate to pick one.', running.length),
    };
    if (text !== this.lastText) {
      this.lastText = text;
      this.item.show();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

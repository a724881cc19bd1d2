import * as vscode from 'vscode';
import type { ConnectionConfig } from '../core/connection';
import { countRunning, endpointKey, type RunningCounts } from '../core/counts';
import type { TaskStore } from '../core/store';
import type { Task } from '../core/task';
import { md, statusText, taskLabel } from './tree/format';

const MAX_TOOLTIP_ROWS = 15;

/** What the status bar and the badge count in the extension: shown tasks, once per endpoint. */
export function viewCounts(
  store: TaskStore,
  connections: { get(id: string): ConnectionConfig | undefined },
  shows: (task: Task) => boolean,
): () => RunningCounts {
  return () => countRunning(store, { endpointOf: id => endpointKey(connections.get(id), id), shows });
}

/** Counts with no filter and no shared endpoints: what a store alone can tell (tests, a bare host). */
export function plainCounts(store: TaskStore): () => RunningCounts {
  return () => countRunning(store, { endpointOf: id => id, shows: () => true });
}

/**
 * One item while anything runs, across every connection: `$(sync~spin) 3 running`; hidden otherwise. The number is
 * `countRunning`'s, the same as the view's badge: queued tasks and the stale tasks of a failing connection are named
 * in the tooltip, not counted.
 */
export class RunningStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  private lastText = '';

  constructor(
    store: TaskStore,
    private readonly connectionName: (id: string) => string,
    private readonly counts: () => RunningCounts = plainCounts(store),
  ) {
    this.item = vscode.window.createStatusBarItem('redisTasks.running', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Redis Tasks: running tasks');
    this.item.command = 'redisTasks.showRunningTasks';
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const { running, pending, stale } = this.counts();
    if (!running.length) {
      this.item.hide();
      this.lastText = '';
      return;
    }
    const text = `$(sync~spin) ${vscode.l10n.t('{0} running', running.length)}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(vscode.l10n.t('Running Redis tasks'))}**\n\n`);
    this.appendRows(tip, running);
    if (pending) tip.appendMarkdown(`\n${md(vscode.l10n.t('{0} queued, not counted', pending))}\n`);
    if (stale.length) {
      const names = [...new Set(stale.map(t => this.connectionName(t.source)))].join(', ');
      tip.appendMarkdown(
        `\n${md(vscode.l10n.t('{0} more running as last known on {1}, which could not be reached: not counted', stale.length, names))}\n`,
      );
    }
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

  private appendRows(tip: vscode.MarkdownString, tasks: Task[]): void {
    for (const t of tasks.slice(0, MAX_TOOLTIP_ROWS)) {
      const progress = t.progress !== undefined ? ` · ${Math.round(t.progress)}%` : '';
      tip.appendMarkdown(
        `- ${md(taskLabel(t))} · ${md(statusText(t.status))}${md(progress)} · ${md(this.connectionName(t.source))}\n`,
      );
    }
    if (tasks.length > MAX_TOOLTIP_ROWS)
      tip.appendMarkdown(`\n${md(vscode.l10n.t('and {0} more', tasks.length - MAX_TOOLTIP_ROWS))}\n`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** The thing a badge is set on: a `TreeView` (a plain object in tests). */
export interface BadgeTarget {
  badge?: vscode.ViewBadge;
}

/** The activity-bar icon's badge: the same running count as the status bar, none when nothing runs. */
export class RunningBadge implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    store: TaskStore,
    private readonly target: BadgeTarget,
    private readonly counts: () => RunningCounts = plainCounts(store),
  ) {
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const n = this.counts().running.length;
    if (n === 0) {
      if (this.target.badge !== undefined) this.target.badge = undefined;
      return;
    }
    if (this.target.badge?.value === n) return;
    this.target.badge = { value: n, tooltip: vscode.l10n.t('{0} Redis tasks running', n) };
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

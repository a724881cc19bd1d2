import * as vscode from 'vscode';
import { TASK_STATUSES, type TaskQuery } from '../../core/task';
import { statusText } from '../tree/format';
import type { CommandDeps } from './deps';

const HOUR = 3600_000;

/** Filter Tasks: statuses, provider type codes and a time window, applied to every connection. */
export function registerFilter(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.filter', async () => {
      const current = deps.service.getQuery();
      const statuses = await deps.prompts.showQuickPick(
        TASK_STATUSES.map(s => ({
          label: statusText(s),
          status: s,
          picked: current.statuses?.includes(s) ?? false,
        })),
        {
          canPickMany: true,
          title: vscode.l10n.t('Filter Tasks (1/3)'),
          placeHolder: vscode.l10n.t('Statuses to show (none = all)'),
        },
      );
      if (!statuses) return;
      const types = await deps.prompts.showInputBox({
        title: vscode.l10n.t('Filter Tasks (2/3)'),
        prompt: vscode.l10n.t('Task types, comma-separated (e.g. create_crdb, SMUpdateBDB); empty = all'),
        value: current.types?.join(', ') ?? '',
      });
      if (types === undefined) return;
      const windows = [
        { label: vscode.l10n.t('Any time'), ms: undefined },
        { label: vscode.l10n.t('Last hour'), ms: HOUR },
        { label: vscode.l10n.t('Last 24 hours'), ms: 24 * HOUR },
        { label: vscode.l10n.t('Last 7 days'), ms: 7 * 24 * HOUR },
        { label: vscode.l10n.t('Last 30 days'), ms: 30 * 24 * HOUR },
      ];
      const window = await deps.prompts.showQuickPick(windows, {
        title: vscode.l10n.t('Filter Tasks (3/3)'),
        placeHolder: vscode.l10n.t('Started within'),
      });
      if (!window) return;
      const query: TaskQuery = {
        statuses: statuses.length ? statuses.map(s => s.status) : undefined,
        types: types
          .split(',')
          .map(t => t.trim())
          .filter(Boolean),
      };
      if (!query.types?.length) delete query.types;
      if (!query.statuses) delete query.statuses;
      deps.service.setQuery(query, window.ms);
      deps.onFilterChanged();
    }),
  );
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.clearFilter', () => {
      deps.service.setQuery({}, undefined);
      deps.onFilterChanged();
    }),
  );
}

import * as vscode from 'vscode';
import type { Task } from '../core/task';
import type { Prompts } from './prompts';
import type { NotificationMode } from './settings';
import { statusText, taskLabel } from './tree/format';

/**
 * A watched task (opened, cancelled, or "Notify Me When Done") ended. On by default; `redisTasks.notifications: off`
 * silences all but the tasks the person explicitly asked about (`asked`): that request is newer than the setting.
 */
export async function notifyFinished(
  prompts: Prompts,
  mode: NotificationMode,
  task: Task,
  connectionName: string,
  openDetails: (connectionId: string, taskId: string) => void,
  asked = false,
): Promise<void> {
  if (mode !== 'watched' && !asked) return;
  const open = vscode.l10n.t('Open Details');
  const message = vscode.l10n.t('{0} on {1}: {2}', taskLabel(task), connectionName, statusText(task.status));
  const answer =
    task.status === 'failed'
      ? await prompts.showErrorMessage(message, {}, open)
      : await prompts.showInformationMessage(message, {}, open);
  if (answer === open) openDetails(task.source, task.id);
}

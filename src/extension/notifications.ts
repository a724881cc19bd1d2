import * as vscode from 'vscode';
import type { Task } from '../core/task';
import type { Prompts } from './prompts';
import type { NotificationMode } from './settings';
import { cancelWordsOf } from '../providers/registry';
import { statusText, taskLabel } from './tree/format';

/** Why the person hears about this task's end. */
export interface FinishContext {
  /** They asked: "Notify Me When Done". */
  asked?: boolean;
  /** They canceled it (or forced the cancel): the message says how the cancel ended. */
  canceled?: boolean;
}

/** How a task the person canceled ended, in their terms and its provider's words: canceled, done anyway, failed, … */
export function cancelOutcomeMessage(task: Task, connectionName: string): string {
  const label = taskLabel(task);
  const words = cancelWordsOf(task.provider).outcome;
  switch (task.status) {
    case 'canceled':
      return vscode.l10n.t(words.canceled, label, connectionName);
    case 'succeeded':
      return vscode.l10n.t(words.succeeded, label, connectionName);
    case 'failed':
      return vscode.l10n.t(words.failed, label, connectionName);
    default:
      return vscode.l10n.t(words.other, label, connectionName, statusText(task.status));
  }
}

/**
 * A watched task (opened, cancelled, or "Notify Me When Done") ended. On by default; `redisTasks.notifications: off`
 * silences all but the tasks the person explicitly asked about or canceled: that request is newer than the setting.
 */
export async function notifyFinished(
  prompts: Prompts,
  mode: NotificationMode,
  task: Task,
  connectionName: string,
  openDetails: (connectionId: string, taskId: string) => void,
  why: FinishContext = {},
): Promise<void> {
  if (mode !== 'watched' && !why.asked && !why.canceled) return;
  const open = vscode.l10n.t('Open Details');
  const message = why.canceled
    ? cancelOutcomeMessage(task, connectionName)
    : vscode.l10n.t('{0} on {1}: {2}', taskLabel(task), connectionName, statusText(task.status));
  const answer =
    task.status === 'failed'
      ? await prompts.showErrorMessage(message, {}, open)
      : await prompts.showInformationMessage(message, {}, open);
  if (answer === open) openDetails(task.source, task.id);
}

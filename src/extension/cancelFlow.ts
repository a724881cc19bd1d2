import * as vscode from 'vscode';
import { asProviderError, type ProviderError } from '../core/errors';
import type { TaskStore } from '../core/store';
import type { Task } from '../core/task';
import type { Prompts } from './prompts';
import { displayName } from './displayNames';
import { taskLabel } from './tree/format';
import { errorText } from './errorText';
import { cancelWordsOf } from '../providers/registry';
import type { CancelWords } from '../providers/descriptor';

/**
 * Cancel and forced cancel. A cancel is a POST: it is sent once per confirmation and never retried by itself. The
 * forced variant (Redis Enterprise's) can break an Active-Active database in the cluster configuration store, so it
 * needs a second, separate consent: the person types the task id. Each path asks one modal question, then (forced)
 * the typed id. What each question says comes from the task's provider (`ProviderDescriptor.cancel`): Redis Enterprise
 * cancels a task before its commit phase, AWS stops a service update; a provider without words of its own gets plain
 * ones, and only a provider with forced-cancel words offers a forced cancel.
 */

export interface CancelFlowDeps {
  prompts: Prompts;
  store: TaskStore;
  cancel(connectionId: string, taskId: string, force: boolean): Promise<void>;
  connectionName(connectionId: string): string;
  log?(context: string, error: ProviderError): void;
}

export type CancelOutcome = 'requested' | 'dismissed' | 'failed' | 'missing';

function describeTask(task: Task): { label: string; target: string } {
  return { label: taskLabel(task), target: task.target?.name ?? task.target?.id ?? '' };
}

/** The provider's template in VS Code's language; the arguments are data (names, ids, the server's words). */
function say(template: string, ...args: string[]): string {
  return vscode.l10n.t(template, ...args);
}

function wordsOf(task: Task): CancelWords {
  return cancelWordsOf(task.provider);
}

export async function cancelFlow(deps: CancelFlowDeps, connectionId: string, taskId: string): Promise<CancelOutcome> {
  const task = deps.store.task(connectionId, taskId);
  if (!task) {
    await deps.prompts.showErrorMessage(vscode.l10n.t('Task {0} is not loaded. Refresh and try again.', taskId), {});
    return 'missing';
  }
  const { target } = describeTask(task);
  const where = deps.connectionName(connectionId);
  const words = wordsOf(task);
  const name = displayName(task.name);
  const yes = say(words.action);
  const question = target ? say(words.question, name, target, where) : say(words.questionWithoutTarget, name, where);
  // "Keep Running", not VS Code's "Cancel": two buttons saying "Cancel" ask the person to guess which is which.
  const answer = await deps.prompts.showWarningMessage(
    question,
    { modal: true, detail: say(words.detail, task.id, target || name, name), closeLabel: keepRunning() },
    yes,
  );
  if (answer !== yes) return 'dismissed';
  try {
    await deps.cancel(connectionId, taskId, false);
    return 'requested';
  } catch (e) {
    const error = asProviderError(e);
    deps.log?.(vscode.l10n.t('Cancel task {0}', taskId), error);
    if (error.kind === 'not-cancelable' && words.force) {
      // One warning says it all (why, the risk, the server's words), then the typed id: no second modal.
      const force = vscode.l10n.t('Force Cancel…');
      const canForce = task.capabilities.forceCancel;
      const next = await deps.prompts.showWarningMessage(
        say(words.force.refusedHeading, task.id),
        {
          modal: true,
          detail: [canForce ? say(words.force.risk) : undefined, vscode.l10n.t('The server said: {0}', error.message)]
            .filter(Boolean)
            .join('\n\n'),
          closeLabel: keepRunning(),
        },
        ...(canForce ? [force] : []),
      );
      if (next === force) return typedForceCancel(deps, connectionId, task);
      return 'dismissed';
    }
    await showCancelError(deps, task, error);
    return 'failed';
  }
}

/** Force Cancel from a menu or the panel: one warning with the API's own caution, then the typed id. */
export async function forceCancelFlow(
  deps: CancelFlowDeps,
  connectionId: string,
  taskId: string,
): Promise<CancelOutcome> {
  const task = deps.store.task(connectionId, taskId);
  if (!task) {
    await deps.prompts.showErrorMessage(vscode.l10n.t('Task {0} is not loaded. Refresh and try again.', taskId), {});
    return 'missing';
  }
  const force = wordsOf(task).force;
  if (!force || !task.capabilities.forceCancel) {
    // The menu offers it only where it exists; a stale command (a palette run, an old panel) sends nothing.
    await deps.prompts.showInformationMessage(
      vscode.l10n.t('"{0}" cannot be force-canceled: nothing was sent.', displayName(task.name)),
      {},
    );
    return 'dismissed';
  }
  const { target } = describeTask(task);
  const proceed = vscode.l10n.t('Continue…');
  const warning = [say(force.warning), vscode.l10n.t('You will be asked to type the task id to confirm.')].join('\n\n');
  const first = await deps.prompts.showWarningMessage(
    target
      ? vscode.l10n.t('Force cancel "{0}" on {1}?', displayName(task.name), target)
      : vscode.l10n.t('Force cancel "{0}"?', displayName(task.name)),
    { modal: true, detail: warning, closeLabel: keepRunning() },
    proceed,
  );
  if (first !== proceed) return 'dismissed';
  return typedForceCancel(deps, connectionId, task);
}

function keepRunning(): string {
  return vscode.l10n.t('Keep Running');
}

/**
 * The second consent: the person types the id. The id stays in sight while typing: VS Code replaces the prompt with
 * the validation message, so the title names it and so does the message.
 */
async function typedForceCancel(deps: CancelFlowDeps, connectionId: string, task: Task): Promise<CancelOutcome> {
  const force = wordsOf(task).force;
  if (!force) return 'dismissed';
  const typed = await deps.prompts.showInputBox({
    title: vscode.l10n.t('Force Cancel Task {0}', task.id),
    prompt: say(force.typeIdPrompt, task.id),
    placeHolder: task.id,
    ignoreFocusOut: true,
    validateInput: v =>
      v.trim() === task.id ? undefined : vscode.l10n.t('Type the task id {0} exactly to confirm.', task.id),
  });
  if (typed === undefined || typed.trim() !== task.id) {
    if (typed !== undefined)
      await deps.prompts.showInformationMessage(vscode.l10n.t('The task id did not match: nothing was sent.'), {});
    return 'dismissed';
  }
  try {
    await deps.cancel(connectionId, task.id, true);
    return 'requested';
  } catch (e) {
    const error = asProviderError(e);
    deps.log?.(vscode.l10n.t('Force cancel task {0}', task.id), error);
    await showCancelError(deps, task, error);
    return 'failed';
  }
}

async function showCancelError(deps: CancelFlowDeps, task: Task, error: ProviderError): Promise<void> {
  let message: string;
  switch (error.kind) {
    case 'not-found':
      message = vscode.l10n.t(
        'Task {0} was not found on the server: it may have finished and expired. Refresh to see the current tasks.',
        task.id,
      );
      break;
    case 'conflict':
      message = vscode.l10n.t(
        'The server could not cancel task {0} (conflict). It may be finishing or already cancelling; refresh to see its state.',
        task.id,
      );
      break;
    case 'not-cancelable':
      message = say(wordsOf(task).refused, task.id, errorText(error), displayName(task.name));
      break;
    default:
      message = say(wordsOf(task).failed, task.id, errorText(error), displayName(task.name));
  }
  await deps.prompts.showErrorMessage(message, {});
}

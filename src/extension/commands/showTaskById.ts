import * as vscode from 'vscode';
import { asProviderError } from '../../core/errors';
import { type CommandDeps, resolveConnection } from './deps';
import { errorText } from '../errorText';

/** Looks a task up by id with X-Result-TTL, so a finished task the list no longer shows can still be read. */
export function registerShowTaskById(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.showTaskById', async (arg?: unknown) => {
      const connectionId = await resolveConnection(deps, arg, vscode.l10n.t('Where is the task?'));
      if (!connectionId) return;
      const id = await deps.prompts.showInputBox({
        title: vscode.l10n.t('Show Task by ID'),
        prompt: vscode.l10n.t('Task id (a CRDB task id, an action uid, a task id of the cloud provider)'),
        ignoreFocusOut: true,
        validateInput: v => (v.trim() ? undefined : vscode.l10n.t('Enter a task id.')),
      });
      if (!id?.trim()) return;
      try {
        const task = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up task {0}…', id.trim()) },
          () => deps.service.fetchTask(connectionId, id.trim()),
        );
        deps.openDetails(connectionId, task.id);
      } catch (e) {
        const error = asProviderError(e);
        deps.log.error(deps.service.nameOf(connectionId), error);
        const message =
          error.kind === 'not-found'
            ? vscode.l10n.t(
                'Task {0} was not found on {1}. Finished tasks are kept only for a while.',
                id.trim(),
                deps.service.nameOf(connectionId),
              )
            : vscode.l10n.t('Could not look up task {0}: {1}', id.trim(), errorText(error));
        await deps.prompts.showErrorMessage(message, {});
      }
    }),
  );
}

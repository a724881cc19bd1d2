import * as vscode from 'vscode';
import { isActive } from '../../core/task';
import { taskLabel } from '../tree/format';
import { type CommandDeps, resolveTask } from './deps';

const CONFIRM_MS = 5000;

/** "Notify Me When Done": this task's end shows a notification even with `redisTasks.notifications` off. */
export function registerNotifyMe(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.notifyWhenDone', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg, t => isActive(t.status));
      if (!ref) return;
      const task = deps.store.task(ref.connectionId, ref.taskId);
      if (task && !isActive(task.status)) {
        await deps.prompts.showInformationMessage(vscode.l10n.t('{0} has already finished.', taskLabel(task)), {});
        return;
      }
      deps.notifyMe.add(ref.connectionId, ref.taskId);
      // A confirmation that asks nothing: the status bar, not another toast to dismiss.
      vscode.window.setStatusBarMessage(
        vscode.l10n.t('$(bell) You will be notified when {0} finishes.', task ? taskLabel(task) : ref.taskId),
        CONFIRM_MS,
      );
    }),
  );
}

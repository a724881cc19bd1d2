import * as vscode from 'vscode';
import { type CommandDeps, resolveConnection, resolveTask, isTaskRef } from './deps';

export function registerOpenTaskDetails(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.openTaskDetails', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg);
      if (ref) deps.openDetails(ref.connectionId, ref.taskId);
    }),
  );
}

/** The provider's web console: the task's own URL when the provider gives one, else the connection's. */
export function registerOpenInConsole(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.openInConsole', async (arg?: unknown) => {
      let url: string | undefined;
      if (isTaskRef(arg)) {
        url =
          deps.store.task(arg.connectionId, arg.taskId)?.capabilities.consoleUrl ??
          deps.service.consoleUrl(arg.connectionId);
      } else {
        const id = await resolveConnection(deps, arg);
        if (!id) return;
        await deps.service.source(id).catch(() => undefined);
        url = deps.service.consoleUrl(id);
      }
      if (!url) {
        await deps.prompts.showInformationMessage(vscode.l10n.t('No web console address is known for this task.'), {});
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
  );
}

export function registerShowLog(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(vscode.commands.registerCommand('redisTasks.showLog', () => deps.log.show()));
}

/** The status bar item's click: a quick pick of the running tasks that opens one's details. */
export function registerShowRunningTasks(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.showRunningTasks', async () => {
      const ref = await resolveTask(
        deps,
        undefined,
        // What the status bar's tooltip lists: running and queued tasks the filter shows.
        t => (t.status === 'running' || t.status === 'pending') && deps.service.shows(t),
      );
      if (ref) deps.openDetails(ref.connectionId, ref.taskId);
    }),
  );
}

import * as vscode from 'vscode';
import { consoleLink, isEmulated } from '../consoleLink';
import { type CommandDeps, resolveConnection, resolveTask, isTaskRef } from './deps';

/**
 * A click on a task row passes the row's own `command.arguments`, a plain `{connectionId, taskId}`; the context menu
 * passes the tree node itself (a TreeItem), and the palette nothing. Only the click is a preview (details/panel.ts).
 */
export function isRowClick(arg: unknown): boolean {
  return isTaskRef(arg) && !(arg instanceof vscode.TreeItem);
}

export function registerOpenTaskDetails(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.openTaskDetails', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg);
      if (ref) deps.openDetails(ref.connectionId, ref.taskId, isRowClick(arg) ? 'preview' : 'pin');
    }),
  );
}

/** The provider's web console: the task's own page when the provider links one, else the connection's (consoleLink.ts). */
export function registerOpenInConsole(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.openInConsole', async (arg?: unknown) => {
      const ref = isTaskRef(arg) ? arg : undefined;
      const id = ref?.connectionId ?? (await resolveConnection(deps, arg));
      if (!id) return;
      const config = deps.connections.get(id);
      if (isEmulated(config)) {
        await deps.prompts.showInformationMessage(
          vscode.l10n.t('"{0}" talks to the emulator: there is no web console to open.', deps.service.nameOf(id)),
          {},
        );
        return;
      }
      if (!ref) await deps.service.source(id).catch(() => undefined);
      const task = ref ? deps.store.task(ref.connectionId, ref.taskId) : undefined;
      const url = consoleLink(config, task, deps.service.consoleUrl(id));
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

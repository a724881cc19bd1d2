import * as vscode from 'vscode';
import { addConnectionFlow, editConnectionFlow } from '../connections/flows';
import { isDemo } from '../connections/model';
import { type CommandDeps, resolveConnection } from './deps';
import { errorText } from '../errorText';

export function registerAddConnection(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.addConnection', async () => {
      const config = await addConnectionFlow(deps.flows);
      if (config) {
        deps.service.syncConnections(true);
      }
    }),
  );
}

export function registerEditConnection(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.editConnection', async (arg?: unknown) => {
      const id = await resolveConnection(deps, arg, vscode.l10n.t('Which connection?'));
      const existing = id ? deps.connections.get(id) : undefined;
      if (!existing) return;
      const config = await editConnectionFlow(deps.flows, existing);
      if (config) {
        deps.service.syncConnections(false);
        await deps.service.reconnect(config.id);
      }
    }),
  );
}

/** Removes the settings entry and its secret; a demo connection goes the same way. */
export function registerRemoveConnection(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.removeConnection', async (arg?: unknown) => {
      const id = await resolveConnection(deps, arg, vscode.l10n.t('Which connection?'));
      const existing = id ? deps.connections.get(id) : undefined;
      if (!existing) return;
      const remove = vscode.l10n.t('Remove');
      const answer = await deps.prompts.showWarningMessage(
        vscode.l10n.t('Remove the connection "{0}"?', existing.name),
        {
          modal: true,
          detail: vscode.l10n.t('Its stored credentials are deleted too. Tasks on the server are not affected.'),
        },
        remove,
      );
      if (answer !== remove) return;
      await deps.connections.remove(existing.id);
      deps.service.syncConnections(false);
      if (isDemo(existing) && !deps.demo.hasDemoConnections()) await deps.demo.stop();
    }),
  );
}

export function registerTryDemo(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.tryDemo', async () => {
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the demo emulator…') },
          () => deps.demo.start(),
        );
        deps.service.syncConnections(true);
      } catch (e) {
        deps.log.error('Demo', e as Error);
        await deps.prompts.showErrorMessage(vscode.l10n.t('Could not start the demo emulator: {0}', errorText(e)), {});
      }
    }),
  );
}

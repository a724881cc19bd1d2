import * as vscode from 'vscode';
import { type CommandDeps, resolveConnection } from './deps';

export function registerRefresh(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'redisTasks.tasks' } }, () => deps.service.refresh()),
    ),
  );
}

export function registerRefreshConnection(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.refreshConnection', async (arg?: unknown) => {
      const id = await resolveConnection(deps, arg);
      if (id)
        await vscode.window.withProgress({ location: { viewId: 'redisTasks.tasks' } }, () => deps.service.refresh(id));
    }),
  );
}

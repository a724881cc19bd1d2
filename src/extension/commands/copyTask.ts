import * as vscode from 'vscode';
import { type CommandDeps, resolveTask } from './deps';

export function registerCopyTaskId(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.copyTaskId', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg);
      if (ref) await vscode.env.clipboard.writeText(ref.taskId);
    }),
  );
}

/** The provider's own payload, as received: what a person pastes into a support ticket. */
export function registerCopyTaskJson(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.copyTaskJson', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg);
      if (!ref) return;
      const task = deps.store.task(ref.connectionId, ref.taskId);
      if (!task) return;
      const { raw, ...normalised } = task;
      await vscode.env.clipboard.writeText(JSON.stringify(raw ?? normalised, null, 2));
    }),
  );
}

import * as vscode from 'vscode';
import { isActive } from '../../core/task';
import { cancelFlow, forceCancelFlow, type CancelFlowDeps } from '../cancelFlow';
import { type CommandDeps, resolveTask } from './deps';

export function cancelDeps(deps: CommandDeps): CancelFlowDeps {
  return {
    prompts: deps.prompts,
    store: deps.store,
    cancel: (c, t, force) => deps.service.cancel(c, t, force),
    connectionName: c => deps.service.nameOf(c),
    log: (context, e) => deps.log.error(context, e),
  };
}

/**
 * Cancel Task, and Stop Update: the same command under the title of an AWS service update's menus (VS Code menus
 * cannot take a title per row; the row's `stopWord` token picks which one shows, package.json). The flow words each
 * question for the task's provider either way.
 */
export function registerCancelTask(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  const cancel = async (arg?: unknown) => {
    const ref = await resolveTask(deps, arg, t => t.capabilities.cancel && isActive(t.status));
    if (ref) await cancelFlow(cancelDeps(deps), ref.connectionId, ref.taskId);
  };
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.cancelTask', cancel),
    vscode.commands.registerCommand('redisTasks.stopUpdate', cancel),
  );
}

export function registerForceCancelTask(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.forceCancelTask', async (arg?: unknown) => {
      const ref = await resolveTask(deps, arg, t => t.capabilities.forceCancel && isActive(t.status));
      if (ref) await forceCancelFlow(cancelDeps(deps), ref.connectionId, ref.taskId);
    }),
  );
}

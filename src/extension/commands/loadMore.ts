import * as vscode from 'vscode';
import { asProviderError } from '../../core/errors';
import type { CommandDeps } from './deps';
import { errorText } from '../errorText';

/** "Load more" rows; a second click while a page is on its way does nothing (no duplicate pages). */
export function registerLoadMore(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  const loading = new Set<string>();
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.loadMore', async (arg?: { connectionId: string; groupId: string }) => {
      if (!arg?.connectionId || !arg.groupId) return;
      const key = `${arg.connectionId}\u0000${arg.groupId}`;
      if (loading.has(key)) return;
      loading.add(key);
      try {
        await deps.service.loadMore(arg.connectionId, arg.groupId);
      } catch (e) {
        const error = asProviderError(e);
        deps.log.error(deps.service.nameOf(arg.connectionId), error);
        await deps.prompts.showErrorMessage(vscode.l10n.t('Could not load more tasks: {0}', errorText(error)), {});
      } finally {
        loading.delete(key);
      }
    }),
  );
}

import * as vscode from 'vscode';
import { isEmulated } from './consoleLink';
import { systemTimer } from '../core/poller';
import { TaskStore } from '../core/store';
import type { RedisTasksApi } from './api';
import { cancelFlow, forceCancelFlow } from './cancelFlow';
import { cancelDeps, registerCancelTask, registerForceCancelTask } from './commands/cancelTask';
import {
  registerAddConnection,
  registerEditConnection,
  registerRemoveConnection,
  registerTryDemo,
} from './commands/connections';
import { registerCopyTaskId, registerCopyTaskJson } from './commands/copyTask';
import type { CommandDeps } from './commands/deps';
import { registerFilter } from './commands/filter';
import { registerLoadMore } from './commands/loadMore';
import { registerNotifyMe } from './commands/notifyMe';
import {
  registerOpenInConsole,
  registerOpenTaskDetails,
  registerShowLog,
  registerShowRunningTasks,
} from './commands/openTask';
import { registerRefresh, registerRefreshConnection } from './commands/refresh';
import { registerShowTaskById } from './commands/showTaskById';
import { ConnectionsModel } from './connections/model';
import { DemoController } from './demo';
import { TaskDetailsPanel, type OpenMode, type TaskDetailsHost } from './details/panel';
import { TaskLog } from './log';
import { FilterController } from './filterController';
import { notifyFinished } from './notifications';
import { NotifyMe } from './notifyMe';
import { createPrompts } from './prompts';
import { loadEmulator, loadProviders } from './providersLoader';
import { makeTryConnection } from './connections/trial';
import { SECTION, readSettings } from './settings';
import { RunningBadge, RunningStatusBar, viewCounts } from './statusBar';
import { TaskService } from './taskService';
import { TaskTreeProvider } from './tree/provider';
import { errorText } from './errorText';

const PERSIST_KEY = 'redisTasks.lastGoodTasks';
const PERSIST_DEBOUNCE_MS = 3000;

let disposeOnDeactivate: (() => Promise<void>) | undefined;

/**
 * Registers everything and returns at once: nothing here waits for the network, and neither the HTTP stack nor a
 * provider client is loaded until the first request.
 */
export function activate(ctx: vscode.ExtensionContext): RedisTasksApi {
  const store = new TaskStore(Date.now, { retentionMs: readSettings().retentionMs });
  const log = new TaskLog();
  const prompts = createPrompts();
  const connections = new ConnectionsModel(ctx.secrets);
  const notifyMe = new NotifyMe(store.keep);
  const service = new TaskService({
    store,
    connections,
    log,
    providers: loadProviders,
    settings: readSettings,
    isPanelOpen: (c, t) => TaskDetailsPanel.all().some(p => p.connectionId === c && p.taskId === t),
  });
  const demo = new DemoController(connections, loadEmulator, log);
  ctx.subscriptions.push(log, connections, service, demo);

  // The last good tasks, shown stale until the first refresh answers.
  store.restore(ctx.globalState.get(PERSIST_KEY), new Set(connections.list().map(c => c.id)));
  const filter = new FilterController(ctx.globalState, service, store);
  ctx.subscriptions.push(filter);

  const tree = new TaskTreeProvider({
    store,
    connections: () => connections.list(),
    consoleUrl: id => service.consoleUrl(id),
    shows: t => service.shows(t),
    filtering: () => filter.isFiltered() || filter.hideFinished,
    timer: systemTimer,
  });
  const view = vscode.window.createTreeView('redisTasks.tasks', { treeDataProvider: tree, showCollapseAll: true });
  ctx.subscriptions.push(tree, view);
  tree.setVisible(view.visible);

  // The status bar and the badge count the same thing, by the same function.
  const counts = viewCounts(store, connections, t => service.shows(t));
  const statusBar = new RunningStatusBar(store, id => service.nameOf(id), counts);
  const badge = new RunningBadge(store, view, counts);
  ctx.subscriptions.push(statusBar, badge);

  const host: TaskDetailsHost = {
    getTask: (c, t) => store.task(c, t),
    getState: (c, t) => {
      const conn = store.connection(c);
      return {
        connectionName: service.nameOf(c),
        stale: conn?.stale ?? false,
        cancelling: store.isCancelling(c, t),
        cancelRequestedAt: store.unansweredCancel(c, t),
        error: conn?.error && errorText(conn.error),
        emulated: isEmulated(connections.get(c)),
      };
    },
    onDidChangeTask: service.onDidChangeTask,
    refresh: async (c, t) => {
      await service.fetchTask(c, t);
    },
    cancel: async (c, t) => {
      await cancelFlow(cancelDeps(deps), c, t);
    },
    forceCancel: async (c, t) => {
      await forceCancelFlow(cancelDeps(deps), c, t);
    },
    setWatched: (c, t, watched) => service.setPanelWatched(c, t, watched),
  };
  const openDetails = (connectionId: string, taskId: string, mode: OpenMode = 'pin') => {
    TaskDetailsPanel.show(ctx.extensionUri, host, connectionId, taskId, mode);
  };
  ctx.subscriptions.push(TaskDetailsPanel.registerSerializer(ctx.extensionUri, host));

  const updateContext = () => {
    const list = connections.list();
    void vscode.commands.executeCommand('setContext', 'redisTasks.hasConnections', list.length > 0);
    void vscode.commands.executeCommand('setContext', 'redisTasks.filtered', filter.isFiltered());
    void vscode.commands.executeCommand('setContext', 'redisTasks.hideFinished', filter.hideFinished);
    view.message = filter.message();
  };

  const deps: CommandDeps = {
    store,
    service,
    prompts,
    connections,
    log,
    tree,
    demo,
    flows: {
      prompts,
      connections,
      providers: loadProviders,
      tryConnection: makeTryConnection({ providers: loadProviders, settings: readSettings, log }),
    },
    filter,
    notifyMe,
    openDetails,
    onFilterChanged: () => {
      updateContext();
      tree.refreshAll();
      statusBar.update();
      badge.update();
      void service.refresh();
    },
  };
  for (const register of [
    registerRefresh,
    registerRefreshConnection,
    registerFilter,
    registerShowTaskById,
    registerCancelTask,
    registerForceCancelTask,
    registerCopyTaskId,
    registerCopyTaskJson,
    registerOpenTaskDetails,
    registerOpenInConsole,
    registerShowLog,
    registerShowRunningTasks,
    registerAddConnection,
    registerEditConnection,
    registerRemoveConnection,
    registerTryDemo,
    registerLoadMore,
    registerNotifyMe,
  ])
    register(ctx, deps);

  // Polling gates: the view, details panels (the service tells the poller), window focus.
  service.poller.setFocused(vscode.window.state.focused);
  service.poller.setViewVisible(view.visible);
  ctx.subscriptions.push(
    view.onDidChangeVisibility(e => {
      service.poller.setViewVisible(e.visible);
      tree.setVisible(e.visible);
    }),
    vscode.window.onDidChangeWindowState(s => service.poller.setFocused(s.focused)),
    connections.onDidChange(() => {
      service.syncConnections(true);
      updateContext();
      tree.refreshAll();
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(`${SECTION}.pollInterval`)) {
        const s = readSettings();
        service.poller.setIntervals(s.activeIntervalMs, s.idleIntervalMs);
      }
      if (e.affectsConfiguration(`${SECTION}.finishedTaskRetentionHours`))
        store.setRetention(readSettings().retentionMs);
    }),
    service.onDidFinishWatchedTask(task => {
      const asked = notifyMe.has(task.source, task.id);
      // Read before the service releases it: the task ended after the person canceled it.
      const canceled = store.keep.has(task.source, task.id, 'canceled');
      notifyMe.finished(task);
      void notifyFinished(prompts, readSettings().notifications, task, service.nameOf(task.source), openDetails, {
        asked,
        canceled,
      });
    }),
  );

  // Persist the last good tasks, debounced: a poll that changes nothing writes nothing.
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  const persist = () => ctx.globalState.update(PERSIST_KEY, store.serialize());
  ctx.subscriptions.push(
    store.onDidChange(() => {
      if (persistTimer) return;
      persistTimer = setTimeout(() => {
        persistTimer = undefined;
        void persist();
      }, PERSIST_DEBOUNCE_MS);
    }),
  );
  disposeOnDeactivate = async () => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = undefined;
    await persist();
  };

  service.syncConnections(false);
  updateContext();

  // The demo: re-point demo connections at a fresh emulator, or start it for `npm start` (REDIS_TASKS_DEMO=1).
  // Both run in the background so activation returns at once.
  if (demo.hasDemoConnections() || (process.env.REDIS_TASKS_DEMO === '1' && connections.list().length === 0)) {
    demo.start().then(
      () => service.syncConnections(true),
      e => log.error('Demo', e as Error),
    );
  }

  return { store, poller: service.poller, connections, prompts, demo, service, tree, log, filter, view };
}

export async function deactivate(): Promise<void> {
  const d = disposeOnDeactivate;
  disposeOnDeactivate = undefined;
  await d?.();
}

import * as vscode from 'vscode';
import type { TaskStore } from '../../core/store';
import type { Task } from '../../core/task';
import type { ConnectionsModel } from '../connections/model';
import type { ConnectionFlowDeps } from '../connections/flows';
import type { DemoController } from '../demo';
import type { FilterController } from '../filterController';
import type { NotifyMeSeam } from '../notifyMe';
import { connectionPickItem, providerText } from '../connectionPickItem';
import type { TaskLog } from '../log';
import type { Prompts } from '../prompts';
import type { OpenMode } from '../details/panel';
import type { TaskService } from '../taskService';
import type { TaskTreeProvider } from '../tree/provider';
import { statusText, taskLabel } from '../tree/format';

/** What every command may use; each command file takes only what it needs from it. */
export interface CommandDeps {
  store: TaskStore;
  service: TaskService;
  prompts: Prompts;
  connections: ConnectionsModel;
  log: TaskLog;
  tree: TaskTreeProvider;
  demo: DemoController;
  flows: ConnectionFlowDeps;
  filter: FilterController;
  /** Tasks the person asked to hear about (Notify Me When Done); see notifyMe.ts. */
  notifyMe: NotifyMeSeam;
  /** `preview` re-uses the one preview panel and keeps the focus in the tree; the default pins (details/panel.ts). */
  openDetails(connectionId: string, taskId: string, mode?: OpenMode): void;
  /** Filter changed: re-read and redraw. */
  onFilterChanged(): void;
}

/** Commands get a tree node or the plain object a row's own `command` passes: both carry these. */
export type TaskRef = { connectionId: string; taskId: string };
export type ConnectionRef = { connectionId: string };

export function isTaskRef(v: unknown): v is TaskRef {
  return !!v && typeof (v as TaskRef).connectionId === 'string' && typeof (v as TaskRef).taskId === 'string';
}

export function isConnectionRef(v: unknown): v is ConnectionRef {
  return !!v && typeof (v as ConnectionRef).connectionId === 'string';
}

/** The task a command applies to: the node it was invoked on, or one picked from the palette. */
export async function resolveTask(
  deps: CommandDeps,
  arg: unknown,
  filter: (t: Task) => boolean = () => true,
): Promise<TaskRef | undefined> {
  if (isTaskRef(arg)) return { connectionId: arg.connectionId, taskId: arg.taskId };
  const items = deps.store
    .connectionIds()
    .flatMap(c => deps.store.allTasks(c))
    .filter(filter)
    .map(t => ({
      label: taskLabel(t),
      // The connection by name and provider, as every connection picker shows it.
      description: `${statusText(t.status)} · ${connectionText(deps, t.source)}`,
      detail: t.id,
      ref: { connectionId: t.source, taskId: t.id },
    }));
  if (!items.length) {
    await deps.prompts.showInformationMessage(
      vscode.l10n.t('No task to choose from. Refresh the Redis Tasks view first.'),
      {},
    );
    return undefined;
  }
  const pick = await deps.prompts.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Choose a task'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.ref;
}

export async function resolveConnection(
  deps: CommandDeps,
  arg: unknown,
  placeHolder?: string,
): Promise<string | undefined> {
  if (isConnectionRef(arg)) return arg.connectionId;
  const list = deps.connections.list();
  if (!list.length) {
    await deps.prompts.showInformationMessage(vscode.l10n.t('There is no connection yet. Add one first.'), {});
    return undefined;
  }
  if (list.length === 1) return list[0].id;
  const pick = await deps.prompts.showQuickPick(
    list.map(c => ({ ...connectionPickItem(c), id: c.id })),
    { placeHolder: placeHolder ?? vscode.l10n.t('Choose a connection'), matchOnDescription: true },
  );
  return pick?.id;
}

/** "Prod · Redis Enterprise": how a task picker names the connection a task is on. */
function connectionText(deps: CommandDeps, connectionId: string): string {
  const c = deps.connections.get(connectionId);
  return c ? `${c.name} · ${providerText(c)}` : connectionId;
}

import * as vscode from 'vscode';
import { TASK_STATUSES, type TaskStatus } from '../../core/task';
import { displayName } from '../displayNames';
import type { FilterState } from '../taskFilter';
import { WINDOWS } from '../taskFilter';
import type { TaskTypeChoice } from '../taskTypeCatalog';
import { statusText } from '../tree/format';
import type { CommandDeps } from './deps';

export type FilterItem = vscode.QuickPickItem &
  (
    | { role: 'separator' }
    | { role: 'status'; status: TaskStatus }
    | { role: 'window'; ms: number }
    | { role: 'type'; codes: string[] }
  );

function windowLabel(ms: number): string {
  const days = ms / (24 * 3600_000);
  if (ms === 3600_000) return vscode.l10n.t('Last hour');
  if (days === 1) return vscode.l10n.t('Last 24 hours');
  return vscode.l10n.t('Last {0} days', days);
}

function separator(label: string): FilterItem {
  return { role: 'separator', label, kind: vscode.QuickPickItemKind.Separator };
}

/**
 * Filter Tasks in one multi-select list: statuses, the time window and the task types by readable name under a
 * separator per provider, the current filter checked. Codes such as `SMUpdateBDB` never show: they are what is sent.
 */
export function filterItems(state: FilterState, types: readonly TaskTypeChoice[]): FilterItem[] {
  const items: FilterItem[] = [separator(vscode.l10n.t('Status'))];
  for (const s of TASK_STATUSES)
    items.push({ role: 'status', status: s, label: statusText(s), picked: state.statuses.includes(s) });
  items.push(separator(vscode.l10n.t('Started within')));
  for (const ms of WINDOWS) items.push({ role: 'window', ms, label: windowLabel(ms), picked: state.windowMs === ms });
  const known = new Set(types.flatMap(t => t.codes));
  let provider: string | undefined;
  for (const t of types) {
    if (t.provider !== provider) {
      provider = t.provider;
      items.push(separator(vscode.l10n.t('Task type · {0}', t.providerLabel)));
    }
    items.push({
      role: 'type',
      codes: t.codes,
      label: displayName(t.name),
      picked: t.codes.some(c => state.types.includes(c)),
    });
  }
  // A type in the filter that no task of this window showed yet (a filter from an earlier session) stays choosable.
  const unknown = state.types.filter(c => !known.has(c));
  if (unknown.length) {
    items.push(separator(vscode.l10n.t('Task type')));
    for (const c of unknown) items.push({ role: 'type', codes: [c], label: c, picked: true });
  }
  return items;
}

/**
 * The picks as a filter. Several windows mean "any of them", as several statuses do: the widest one. Nothing checked
 * in a section leaves that section unfiltered.
 */
export function stateFromPicks(picks: readonly FilterItem[]): Omit<FilterState, 'hideFinished'> {
  const statuses: TaskStatus[] = [];
  const types: string[] = [];
  let windowMs: number | undefined;
  for (const p of picks) {
    if (p.role === 'status') statuses.push(p.status);
    else if (p.role === 'type') types.push(...p.codes);
    else if (p.role === 'window') windowMs = Math.max(windowMs ?? 0, p.ms);
  }
  return { statuses, types: [...new Set(types)], windowMs };
}

/** Filter Tasks, Clear Filter and the hide-finished toggle of the view's title bar. */
export function registerFilter(ctx: vscode.ExtensionContext, deps: CommandDeps): void {
  const changed = async (update: Promise<void>) => {
    await update;
    deps.onFilterChanged();
  };
  const pick = async () => {
    const picks = await deps.prompts.showQuickPick(filterItems(deps.filter.get(), deps.filter.types.choices()), {
      canPickMany: true,
      title: vscode.l10n.t('Filter Tasks'),
      placeHolder: vscode.l10n.t('Tick what to show (none in a section = all of it)'),
      matchOnDescription: true,
    });
    if (!picks) return;
    await changed(deps.filter.set(stateFromPicks(picks)));
  };
  ctx.subscriptions.push(
    vscode.commands.registerCommand('redisTasks.filter', pick),
    // The same, as a filled funnel in the title bar while a filter is on: a second sign beside the view's message.
    vscode.commands.registerCommand('redisTasks.editFilter', pick),
    vscode.commands.registerCommand('redisTasks.clearFilter', () => changed(deps.filter.clear())),
    vscode.commands.registerCommand('redisTasks.hideFinished', () => changed(deps.filter.setHideFinished(true))),
    vscode.commands.registerCommand('redisTasks.showFinished', () => changed(deps.filter.setHideFinished(false))),
  );
}

import * as vscode from 'vscode';
import { isInsecureRemoteHttp } from '../../core/loopback';
import { showBidiControls } from '../../core/text';
import { certificateNotes } from '../certificateNotes';
import type { ConnectionConfig } from '../../core/connection';
import type { ConnectionView } from '../../core/store';
import type { Task, TaskGroup } from '../../core/task';
import { providerById } from '../../providers/registry';
import { providerLabel, tencentSiteText } from '../connections/fields';
import { isDemo } from '../connections/model';
import { displayName, groupDisplayName } from '../displayNames';
import type { Fold } from './folds';
import {
  md,
  relativeTime,
  statusIcon,
  statusText,
  taskAccessibilityLabel,
  taskRowContextValue,
  taskDescription,
  taskRowLabel,
  taskTooltip,
  type TaskRowState,
} from './format';
import { errorText } from '../errorText';
import { localizedDurationLabels } from '../details/localizedLabels';
import { formatDuration } from '../../shared/format';

/**
 * Tree nodes extend TreeItem and carry what commands need (Pick<> of these). Ids are stable across polls, so VS Code
 * keeps selection and expansion, and the provider can fire a change for exactly one row.
 */

export const nodeId = {
  connection: (c: string) => `c/${c}`,
  error: (c: string) => `e/${c}`,
  group: (c: string, g: string) => `g/${c}/${g}`,
  task: (c: string, t: string) => `t/${c}/${t}`,
  more: (c: string, g: string) => `m/${c}/${g}`,
  fold: (c: string, g: string, key: string) => `f/${c}/${g}/${key}`,
  message: (c: string, g: string, what: string) => `i/${c}/${g}/${what}`,
};

export class ConnectionNode extends vscode.TreeItem {
  readonly type = 'connection';
  constructor(
    public config: ConnectionConfig,
    view: ConnectionView | undefined,
    now: number,
  ) {
    super(config.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = nodeId.connection(config.id);
    this.update(config, view, now);
  }

  get connectionId(): string {
    return this.config.id;
  }

  update(config: ConnectionConfig, view: ConnectionView | undefined, now: number): void {
    this.config = config;
    this.label = config.name;
    const parts = [providerLabel(config.provider)];
    if (isDemo(config)) parts.push(vscode.l10n.t('demo'));
    if (view?.waitingSince !== undefined)
      parts.push(vscode.l10n.t('no answer for {0}', waitedFor(view.waitingSince, now)));
    else if (!view || view.status === 'loading') parts.push(vscode.l10n.t('loading…'));
    else if (view.status === 'error') parts.push(vscode.l10n.t('error'));
    if (view?.stale) {
      parts.push(
        view.updatedAt !== undefined
          ? vscode.l10n.t('stale, updated {0}', relativeTime(view.updatedAt, now))
          : vscode.l10n.t('stale'),
      );
    }
    this.description = parts.join(' · ');
    this.iconPath =
      view?.status === 'error'
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon(providerById(config.provider)?.icon ?? 'cloud');
    const tokens = ['connection'];
    if (isDemo(config)) tokens.push('demo');
    if (view?.error) tokens.push('error');
    this.contextValue = tokens.join(';');
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(config.name)}**  \n${md(providerLabel(config.provider))}`);
    if (config.endpoint) tip.appendMarkdown(`  \n${md(config.endpoint)}`);
    if (config.region)
      tip.appendMarkdown(`  \n${md(vscode.l10n.t('Region: {0}', config.region.split(',').join(', ')))}`);
    const signIn = signInText(config);
    if (signIn) tip.appendMarkdown(`  \n${md(signIn)}`);
    const site = tencentSiteText(config);
    if (site) tip.appendMarkdown(`  \n${md(site)}`);
    // Choices and facts about trust belong where the person looks at the connection, not only in a log.
    if (config.allowInsecureHttp && isInsecureRemoteHttp(config.endpoint))
      tip.appendMarkdown(
        `\n\n$(warning) ${md(vscode.l10n.t('Insecure HTTP allowed: the credentials cross the network in clear text.'))}`,
      );
    const note = certificateNotes.get(config.id);
    if (note?.kind === 'pinned-expired')
      tip.appendMarkdown(
        `\n\n$(warning) ${md(vscode.l10n.t('The pinned certificate expired on {0}. It is still trusted because it is pinned; ask for a renewed certificate and pin that one.', note.validTo))}`,
      );
    tip.supportThemeIcons = true;
    if (view?.error) tip.appendMarkdown(`\n\n${md(errorText(view.error))}`);
    this.tooltip = tip;
    this.accessibilityInformation = { label: [config.name, ...parts].join(', '), role: 'treeitem' };
  }
}

/** "12 s", "2 min 5 s": how long a request has gone unanswered, redrawn with the ages, written like the details panel's durations. */
function waitedFor(since: number, now: number): string {
  return formatDuration(Math.round((now - since) / 1000), localizedDurationLabels());
}

/** The one row a failing connection shows: the readable message and the ways out (click retries; menu edits). */
/** How a connection of a provider that signs in by itself (AWS) signs in: its profile, or the default chain. */
function signInText(config: ConnectionConfig): string | undefined {
  const s = providerById(config.provider)?.signIn;
  if (!s || config.user) return undefined;
  const profile = config.options?.[s.profileOption];
  return typeof profile === 'string' && profile
    ? vscode.l10n.t('Sign-in: {0} "{1}"', vscode.l10n.t(s.profile), profile)
    : vscode.l10n.t('Sign-in: {0}', vscode.l10n.t(s.chain));
}

export class ErrorNode extends vscode.TreeItem {
  readonly type = 'error';
  constructor(
    readonly connectionId: string,
    message: string,
  ) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.id = nodeId.error(connectionId);
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    this.description = vscode.l10n.t('Click to retry, or edit the connection');
    this.tooltip = new vscode.MarkdownString(
      `${md(message)}\n\n${md(vscode.l10n.t('Click to retry. Right-click to edit the connection. The tasks below are the last known ones.'))}`,
    );
    this.contextValue = 'connectionError';
    this.command = {
      command: 'redisTasks.refreshConnection',
      title: vscode.l10n.t('Retry'),
      arguments: [{ connectionId }],
    };
    this.accessibilityInformation = {
      label: vscode.l10n.t('Error: {0}. Activate to retry.', message),
      role: 'treeitem',
    };
  }
}

/** Families a provider names itself (Active-Active tasks, actions…) sit under one cluster: naming it on each repeats the connection. */
const FAMILY_KINDS: ReadonlySet<TaskGroup['kind']> = new Set(['crdb-tasks', 'actions', 'state-machines']);

/** What a group row adds to its name: an instance's id or a plan, never the cluster again nor what the name says. */
function groupContext(group: TaskGroup, label: string): string | undefined {
  if (!group.description || FAMILY_KINDS.has(group.kind)) return undefined;
  const parts = group.description.split(' · ').filter(p => p !== '' && !label.includes(p));
  return parts.join(' · ') || undefined;
}

export class GroupNode extends vscode.TreeItem {
  readonly type = 'group';
  constructor(
    readonly connectionId: string,
    public group: TaskGroup,
    tasks: readonly Task[],
  ) {
    super(groupDisplayName(group), vscode.TreeItemCollapsibleState.Expanded);
    this.id = nodeId.group(connectionId, group.id);
    this.update(group, tasks);
  }

  get groupId(): string {
    return this.group.id;
  }

  update(group: TaskGroup, tasks: readonly Task[]): void {
    this.group = group;
    const label = groupDisplayName(group);
    this.label = label;
    // Queued is not running: "2 running" over two pending tasks was a lie.
    const running = tasks.filter(t => t.status === 'running').length;
    const pending = tasks.filter(t => t.status === 'pending').length;
    const failure = group.failure && errorText(group.failure);
    const parts = [
      // A region that could not be read says so first: the rows under it are what it last showed.
      failure !== undefined ? vscode.l10n.t('not read: {0}', failure) : groupContext(group, label),
      running ? vscode.l10n.t('{0} running', running) : undefined,
      pending ? vscode.l10n.t('{0} queued', pending) : undefined,
    ].filter(Boolean);
    this.description = parts.join(' · ') || undefined;
    this.iconPath =
      failure !== undefined
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : new vscode.ThemeIcon(
            group.kind === 'crdb-tasks'
              ? 'globe'
              : group.kind === 'state-machines'
                ? 'type-hierarchy'
                : group.kind === 'instance'
                  ? 'database'
                  : 'tasklist',
          );
    this.contextValue = 'group';
    this.tooltip =
      failure !== undefined
        ? vscode.l10n.t(
            '{0} could not be read: {1}. The tasks under it are those it last showed; the other regions are up to date.',
            label,
            failure,
          )
        : (group.unsupportedReason ?? group.description);
    this.accessibilityInformation = { label: [label, ...parts].join(', '), role: 'treeitem' };
  }
}

export class TaskNode extends vscode.TreeItem {
  readonly type = 'task';
  constructor(
    public task: Task,
    state: TaskRowState & { connectionName: string; consoleUrl?: string },
  ) {
    super('', vscode.TreeItemCollapsibleState.None);
    this.id = nodeId.task(task.source, task.id);
    this.update(task, state);
  }

  get connectionId(): string {
    return this.task.source;
  }
  get taskId(): string {
    return this.task.id;
  }

  update(task: Task, state: TaskRowState & { connectionName: string; consoleUrl?: string }): void {
    this.task = task;
    this.label = taskRowLabel(task, state);
    this.description = taskDescription(task, state);
    this.iconPath = statusIcon(task.status, state.cancelling);
    this.tooltip = taskTooltip(task, state);
    this.contextValue = taskRowContextValue(task, state);
    this.accessibilityInformation = { label: taskAccessibilityLabel(task, state), role: 'treeitem' };
    this.command = {
      command: 'redisTasks.openTaskDetails',
      title: vscode.l10n.t('Open Task Details'),
      arguments: [{ connectionId: task.source, taskId: task.id }],
    };
  }
}

/** Alike finished tasks of a group as one row (folds.ts): "Succeeded · Automatic backup", "30 tasks · latest …". */
export class FoldNode extends vscode.TreeItem {
  readonly type = 'fold';
  constructor(
    readonly connectionId: string,
    readonly groupId: string,
    public fold: Fold,
    now: number,
  ) {
    super('', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = nodeId.fold(connectionId, groupId, fold.key);
    this.update(fold, now);
  }

  update(fold: Fold, now: number): void {
    this.fold = fold;
    const label = `${statusText(fold.status)} · ${showBidiControls(displayName(fold.name))}`;
    this.label = label;
    // A loop: Math.max(...list) passes every task of a long fold as an argument on the stack.
    let latest = -Infinity;
    for (const t of fold.tasks) latest = Math.max(latest, t.finishedAt ?? t.startedAt ?? -Infinity);
    const count = vscode.l10n.t('{0} tasks', fold.tasks.length);
    this.description = Number.isFinite(latest)
      ? vscode.l10n.t('{0} · latest finished {1}', count, relativeTime(latest, now))
      : count;
    this.iconPath = statusIcon(fold.status);
    this.contextValue = 'fold';
    this.tooltip = vscode.l10n.t('{0} alike finished tasks. Expand to see each one.', fold.tasks.length);
    this.accessibilityInformation = { label: `${label}, ${String(this.description)}`, role: 'treeitem' };
  }
}

export class LoadMoreNode extends vscode.TreeItem {
  readonly type = 'more';
  constructor(
    readonly connectionId: string,
    readonly groupId: string,
  ) {
    super(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = nodeId.more(connectionId, groupId);
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'loadMore';
    this.command = {
      command: 'redisTasks.loadMore',
      title: vscode.l10n.t('Load more'),
      arguments: [{ connectionId, groupId }],
    };
    this.accessibilityInformation = { label: vscode.l10n.t('Load more tasks'), role: 'button' };
  }
}

/** Empty, loading and "not supported on this server" rows. */
export class MessageNode extends vscode.TreeItem {
  readonly type = 'message';
  constructor(id: string, text: string, icon = 'info') {
    super(text, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'message';
  }
}

export type TreeNode = ConnectionNode | ErrorNode | GroupNode | FoldNode | TaskNode | LoadMoreNode | MessageNode;

import { showBidiControls } from '../../core/text';
import * as vscode from 'vscode';
import { isActive, type Task, type TaskKind, type TaskStatus } from '../../core/task';
import { displayName, displayProblem, displayStep } from '../displayNames';
import { CANCELLING_LOOK, STATUS_LOOK, providerWordAddsSomething } from '../../core/status-look';
import { cancelWordsOf } from '../../providers/registry';

/** How a task reads in the tree, the status bar and quick picks: one place for words, icons and colours. */

export function statusText(status: TaskStatus): string {
  return vscode.l10n.t(STATUS_LOOK[status].word);
}

export function kindText(kind: TaskKind): string {
  switch (kind) {
    case 'crdb-task':
      return vscode.l10n.t('Active-Active (CRDB) task');
    case 'action':
      return vscode.l10n.t('Action');
    case 'state-machine':
      return vscode.l10n.t('State machine');
    case 'cloud-task':
      return vscode.l10n.t('Cloud task');
  }
}

/** Icon and colour per status; the text in the description says the same, so colour is never the only signal. */
export function statusIcon(status: TaskStatus, cancelling = false): vscode.ThemeIcon {
  const look = cancelling ? CANCELLING_LOOK : STATUS_LOOK[status];
  const color = look.themeColor === undefined ? undefined : new vscode.ThemeColor(look.themeColor);
  return new vscode.ThemeIcon(look.spin ? `${look.icon}~spin` : look.icon, color);
}

let formatter: { language: string; fmt: Intl.RelativeTimeFormat } | undefined;

export function relativeTime(epochMs: number, now: number): string {
  // Times here are all in the past; a server clock ahead of ours must not make them read "in 4 sec.".
  const seconds = Math.min(0, Math.round((epochMs - now) / 1000));
  const abs = Math.abs(seconds);
  const fmt = relativeTimeFormat();
  if (abs < 60) return fmt.format(seconds, 'second');
  if (abs < 3600) return fmt.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return fmt.format(Math.round(seconds / 3600), 'hour');
  return fmt.format(Math.round(seconds / 86400), 'day');
}

/**
 * Every row is drawn again each few seconds: one formatter per language, not one per call. Making the first one costs
 * about 11 ms (ICU loads its data), so the tree makes it in a turn of its own (`warmRelativeTime`) before its first
 * draw instead of inside it (issue 16: no step over a few milliseconds).
 */
function relativeTimeFormat(): Intl.RelativeTimeFormat {
  const language = vscode.env.language || 'en';
  if (formatter?.language !== language)
    formatter = { language, fmt: new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' }) };
  return formatter.fmt;
}

/** Makes the formatter on a later turn of the event loop, alone; returns the undo for a disposed tree. */
export function warmRelativeTime(): () => void {
  const handle = setImmediate(relativeTimeFormat);
  return () => clearImmediate(handle);
}

export function taskLabel(task: Task): string {
  const target = task.target?.name ?? task.target?.id;
  const name = displayName(task.name);
  return showBidiControls(target ? `${name} · ${target}` : name);
}

export interface TaskRowState {
  cancelling: boolean;
  /** A cancel accepted at this time has not ended the task (the store's patience ran out): said in the tooltip. */
  cancelRequestedAt?: number;
  /** The connection talks to the emulator (consoleLink.ts): no console to open. */
  emulated?: boolean;
  stale: boolean;
  /** The region row above the task could not be read in the latest refresh (its last rows are shown): its label. */
  staleRegion?: string;
  now: number;
  /** The group the row is drawn in: a target that is the group itself is not repeated on its rows. */
  group?: { id: string; label: string };
}

/** The pieces a row is made of, each said once. */
function rowParts(task: Task, state: TaskRowState) {
  const active = isActive(task.status);
  const finished = task.finishedAt !== undefined && !active;
  return {
    word: state.cancelling ? cancellingText(task) : statusText(task.status),
    // "Pending 0%" says nothing "Pending" does not (Redis Enterprise and Alibaba report 0 before a task starts).
    progress:
      task.progress !== undefined && active && !(task.status === 'pending' && task.progress === 0)
        ? vscode.l10n.t('{0}%', Math.round(task.progress))
        : undefined,
    target: rowTarget(task, state),
    step:
      task.progress === undefined && task.currentStep && active
        ? displayStep(task.currentStep, task.provider)
        : undefined,
    age: finished
      ? vscode.l10n.t('finished {0}', relativeTime(task.finishedAt!, state.now))
      : task.startedAt !== undefined
        ? vscode.l10n.t('started {0}', relativeTime(task.startedAt, state.now))
        : undefined,
  };
}

function rowTarget(task: Task, state: TaskRowState): string | undefined {
  const t = task.target;
  if (!t) return undefined;
  const group = state.group;
  if (group && (t.id === group.id || (t.name !== undefined && t.name === group.label) || t.id === group.label))
    return undefined;
  return showBidiControls(t.name ?? t.id);
}

/**
 * "Running 45% · Update configuration": the status comes first, so the 300 px default sidebar still shows it when
 * the name is cut; the target and the time follow in the description.
 */
export function taskRowLabel(task: Task, state: TaskRowState): string {
  const p = rowParts(task, state);
  const status = p.progress ? `${p.word} ${p.progress}` : p.word;
  return `${status} · ${showBidiControls(displayName(task.name))}`;
}

/** "global-cart · started 3 min. ago". Staleness is said once, on the connection row and in the tooltip. */
export function taskDescription(task: Task, state: TaskRowState): string {
  const p = rowParts(task, state);
  return [p.target, p.step, p.age].filter(Boolean).join(' · ');
}

export function taskAccessibilityLabel(task: Task, state: TaskRowState): string {
  const target = task.target?.name ?? task.target?.id;
  const name = displayName(task.name);
  const head = target ? vscode.l10n.t('Task {0} on {1}', name, target) : vscode.l10n.t('Task {0}', name);
  const p = rowParts(task, state);
  return [head, p.word, p.progress, p.step, p.age, state.stale ? vscode.l10n.t('stale') : undefined]
    .filter(Boolean)
    .join(', ');
}

/** Markdown-escapes text from a server: a task name must not become a link or a heading. */
export function md(text: string): string {
  // Bidi controls first: a tooltip must not read "gifnoc" as "config" either.
  return showBidiControls(text).replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, c => `\\${c}`);
}

function when(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toLocaleString(vscode.env.language || 'en');
}

export function taskTooltip(task: Task, state: TaskRowState & { connectionName: string }): vscode.MarkdownString {
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Status'), state.cancelling ? cancellingText(task) : statusText(task.status)],
    [
      vscode.l10n.t('Provider status'),
      providerWordAddsSomething(task.status, task.providerStatus) ? task.providerStatus : undefined,
    ],
    [
      vscode.l10n.t('Progress'),
      task.progress === undefined ? undefined : vscode.l10n.t('{0}%', Math.round(task.progress)),
    ],
    [vscode.l10n.t('Current step'), displayStep(task.currentStep, task.provider)],
    [vscode.l10n.t('Started because'), task.reason],
    [vscode.l10n.t('Task ID'), task.id],
    [vscode.l10n.t('Type'), task.type],
    [vscode.l10n.t('Kind'), kindText(task.kind)],
    [vscode.l10n.t('Target'), task.target ? [task.target.name, task.target.id].filter(Boolean).join(' / ') : undefined],
    [vscode.l10n.t('Connection'), state.connectionName],
    [vscode.l10n.t('Started'), when(task.startedAt)],
    [vscode.l10n.t('Finished'), when(task.finishedAt)],
  ];
  const m = new vscode.MarkdownString();
  m.appendMarkdown(`**${md(displayName(task.name))}**\n\n`);
  if (state.stale)
    m.appendMarkdown(
      `_${md(
        state.staleRegion !== undefined
          ? vscode.l10n.t('Last known data: {0} could not be read in the latest refresh.', state.staleRegion)
          : vscode.l10n.t('Last known data: the latest refresh of this connection failed.'),
      )}_\n\n`,
    );
  const requested = state.cancelling ? undefined : when(state.cancelRequestedAt);
  if (requested !== undefined && isActive(task.status))
    m.appendMarkdown(`$(warning) ${md(cancelUnansweredText(task, requested))}\n\n`);
  for (const [k, v] of rows) if (v !== undefined && v !== '') m.appendMarkdown(`${md(k)}: ${md(v)}  \n`);
  for (const e of task.errors.slice(0, 5).map(p => displayProblem(p, task.provider)))
    m.appendMarkdown(`\n$(error) ${md([e.where, e.code, e.message].filter(Boolean).join(' · '))}  \n`);
  m.supportThemeIcons = true;
  return m;
}

/** "Cancelling…" in the words of the task's provider ("Stopping…" for an AWS service update). */
export function cancellingText(task: Pick<Task, 'provider'>): string {
  return vscode.l10n.t(cancelWordsOf(task.provider).inProgress);
}

/**
 * The tooltip's words for a cancel the provider accepted that has not ended the task, in the provider's words (the
 * details panel has the same, `localizedLabels.ts`).
 */
export function cancelUnansweredText(task: Pick<Task, 'provider'>, requestedAt: string): string {
  return vscode.l10n.t(cancelWordsOf(task.provider).unanswered, requestedAt);
}

/**
 * The context-menu tokens of a task row, derived in ONE place; package.json matches them with
 * `viewItem =~ /;cancelable/` and friends. `cancelable` needs the provider's cancel and an active status; beside it,
 * the provider's `menuToken` (`stopWord`) makes the menus offer the cancel in its words ("Stop Update").
 */
export function taskContextValue(task: Task, options: { cancelling: boolean; consoleUrl?: string }): string {
  const tokens = ['task'];
  const active = isActive(task.status);
  if (task.capabilities.cancel && active && !options.cancelling) {
    tokens.push('cancelable');
    const menuToken = cancelWordsOf(task.provider).menuToken;
    if (menuToken) tokens.push(menuToken);
  }
  if (task.capabilities.forceCancel && active) tokens.push('forceCancelable');
  if (task.capabilities.consoleUrl ?? options.consoleUrl) tokens.push('hasConsole');
  return tokens.join(';');
}

/**
 * A row's tokens: those of the task, less the console for an emulated connection (consoleLink.ts), plus
 * `notifiable` while "Notify Me When Done" can still mean something.
 */
export function taskRowContextValue(task: Task, state: TaskRowState & { consoleUrl?: string }): string {
  const tokens = taskContextValue(task, state)
    .split(';')
    .filter(t => !(state.emulated && t === 'hasConsole'));
  if (isActive(task.status)) tokens.push('notifiable');
  return tokens.join(';');
}

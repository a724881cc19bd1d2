import * as vscode from 'vscode';
import { FINAL_STATUSES, TASK_STATUSES, type TaskQuery, type TaskStatus } from '../core/task';
import { statusText } from './tree/format';

/** What Filter Tasks and the hide-finished toggle chose; persisted, so a window opens as it was left. */
export interface FilterState {
  statuses: TaskStatus[];
  /** Provider type codes (`SMUpdateBDB`, `"001"`): what the APIs filter on. */
  types: string[];
  /** A relative window ("last 24 hours"), recomputed at each poll; undefined = the `timeWindowDays` default. */
  windowMs?: number;
  hideFinished: boolean;
}

export const EMPTY_FILTER: FilterState = { statuses: [], types: [], hideFinished: false };

/** The one place the chosen filter becomes what the service asks the servers for. */
export function toQuery(state: FilterState): TaskQuery {
  let statuses = state.statuses;
  if (state.hideFinished) {
    const open = (statuses.length ? statuses : TASK_STATUSES).filter(s => !FINAL_STATUSES.has(s));
    // Only finished statuses picked and finished hidden: the toggle, being the last thing clicked, wins.
    statuses = open.length ? open : TASK_STATUSES.filter(s => !FINAL_STATUSES.has(s));
  }
  const query: TaskQuery = {};
  if (statuses.length) query.statuses = [...statuses];
  if (state.types.length) query.types = [...state.types];
  return query;
}

/** Filter Tasks chose something (the hide-finished toggle is its own switch, shown by its own icon). */
export function isFiltered(state: FilterState): boolean {
  return state.statuses.length > 0 || state.types.length > 0 || state.windowMs !== undefined;
}

const HOUR = 3600_000;
export const WINDOWS: readonly number[] = [HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR];

/** Short, for the view's message line. */
export function windowText(ms: number): string {
  if (ms === HOUR) return vscode.l10n.t('last hour');
  if (ms === 24 * HOUR) return vscode.l10n.t('last 24 h');
  return vscode.l10n.t('last {0} days', Math.round(ms / (24 * HOUR)));
}

/**
 * The sign in the view that a filter is on (`TreeView.message`), e.g. "Filtered: Running, Failed · last 24 h".
 * `typeName` turns a code back into the readable name the person picked.
 */
export function filterMessage(state: FilterState, typeName: (code: string) => string): string | undefined {
  const parts: string[] = [];
  // The list separator is a word of the language: Chinese lists with "、", not ", ".
  const comma = vscode.l10n.t(', ');
  if (state.statuses.length) parts.push(state.statuses.map(statusText).join(comma));
  if (state.types.length) {
    const names = [...new Set(state.types.map(typeName))];
    parts.push(names.length <= 2 ? names.join(comma) : vscode.l10n.t('{0} task types', names.length));
  }
  if (state.windowMs !== undefined) parts.push(windowText(state.windowMs));
  if (state.hideFinished) parts.push(vscode.l10n.t('finished hidden'));
  if (!parts.length) return undefined;
  if (!isFiltered(state)) return vscode.l10n.t('Finished tasks are hidden.');
  return vscode.l10n.t('Filtered: {0}', parts.join(' · '));
}

export function parseFilterState(v: unknown): FilterState {
  if (!v || typeof v !== 'object') return { ...EMPTY_FILTER };
  const o = v as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return {
    statuses: strings(o.statuses).filter((s): s is TaskStatus => (TASK_STATUSES as string[]).includes(s)),
    types: strings(o.types),
    windowMs: typeof o.windowMs === 'number' && WINDOWS.includes(o.windowMs) ? o.windowMs : undefined,
    hideFinished: o.hideFinished === true,
  };
}

import { STATUS_LOOK } from '../core/status-look';
import { validEpochMs, type Task, type TaskGroup, type TaskStatus } from '../core/task';

import { indent } from './json';
import { terminalLine } from './terminal';

// Read by the commands and tests beside the formatters.
export { jsonText, writeJsonArray } from './json';
export { terminalLine, terminalSafe } from './terminal';

export type Paint = (status: TaskStatus, text: string) => string;

/** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
export function painter(isTTY: boolean | undefined, env: Record<string, string | undefined>): Paint {
  if (!isTTY || env.NO_COLOR !== undefined || env.TERM === 'dumb') return (_s, text) => text;
  return (status, text) => {
    const ansi = STATUS_LOOK[status].ansi;
    return ansi ? `\u001b[${ansi}m${text}\u001b[39m` : text;
  };
}

/** Left-aligned columns separated by two spaces; `paint` colours a cell after padding so widths stay right. */
export function table(
  header: string[],
  rows: string[][],
  colour?: (row: number, col: number, padded: string) => string,
): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const widths = header.map((h, c) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, (r[c] ?? '').length);
    return w;
  });
  const line = (cells: string[], row: number) =>
    cells
      .map((cell, c) => {
        const padded = c === cells.length - 1 ? cell : cell.padEnd(widths[c]);
        return row >= 0 && colour ? colour(row, c, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n');
}

export function formatTime(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (validEpochMs(ms) === undefined) return 'unknown time';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function formatProgress(p: number | undefined): string {
  return p === undefined ? '-' : `${Math.round(p)}%`;
}

/** One status word per place: the provider's own word is a field of `get`, never echoed in brackets. */
export function statusText(t: Pick<Task, 'status'>): string {
  return STATUS_LOOK[t.status].cli;
}

/** What a person scans first: what runs, then what waits, then what went wrong, then the rest. */
const STATUS_ORDER: Partial<Record<TaskStatus, number>> = {
  running: 0,
  pending: 1,
  paused: 2,
  failed: 3,
  interrupted: 4,
  canceled: 5,
  succeeded: 6,
};

export function byStatusThenNewest(a: Task, b: Task): number {
  const s = (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9);
  return s || (b.startedAt ?? 0) - (a.startedAt ?? 0);
}

/** `12 min ago`: short enough for a table at 120 columns, exact times are in `get`. */
export function ago(ms: number | undefined, now: number): string {
  if (ms === undefined) return '-';
  if (validEpochMs(ms) === undefined) return 'unknown time';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return s < 5 ? 'just now' : `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

function targetText(t: Task): string {
  if (!t.target) return '-';
  return terminalLine(
    t.target.name && t.target.name !== t.target.id ? `${t.target.name} (${t.target.id})` : t.target.id,
  );
}

/** Columns that give way, widest first, when a table is wider than the terminal: names, targets and groups. */
const SHRINKABLE = [2, 3, 4];
const MIN_SHRUNK = 10;

/**
 * The `list` table: status (and progress) first, running tasks first, at most `width` columns (120 unless the
 * terminal says otherwise). Long names, targets and groups are cut with an ellipsis; ids never are (people copy them).
 */
export function taskTable(tasks: Task[], groups: TaskGroup[], paint: Paint, now: number, width = 120): string {
  const label = new Map(groups.map(g => [g.id, g.label]));
  const sorted = [...tasks].sort(byStatusThenNewest);
  const rows = sorted.map(t => [
    t.progress === undefined ? statusText(t) : `${statusText(t)} ${formatProgress(t.progress)}`,
    terminalLine(t.id),
    terminalLine(t.name),
    targetText(t),
    terminalLine(label.get(t.group) ?? t.group),
    ago(t.startedAt, now),
  ]);
  const header = ['STATUS', 'ID', 'NAME', 'TARGET', 'GROUP', 'STARTED'];
  fitColumns(header, rows, width);
  return table(header, rows, (row, col, padded) => (col === 0 ? paint(sorted[row].status, padded) : padded));
}

/** Cuts the widest shrinkable column by one until the table fits; cells cut end in an ellipsis. */
function fitColumns(header: string[], rows: string[][], width: number): void {
  const widths = header.map((h, c) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, r[c].length);
    return w;
  });
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    const c = SHRINKABLE.reduce((best, i) => (widths[i] > widths[best] ? i : best), SHRINKABLE[0]);
    if (widths[c] <= MIN_SHRUNK) break;
    widths[c]--;
  }
  for (const r of rows) {
    for (const c of SHRINKABLE) if (r[c].length > widths[c]) r[c] = `${r[c].slice(0, widths[c] - 1)}…`;
  }
}

/** A step's times as the other times of the CLI (UTC): the date alone, or when it started and ended. */
function stepTimes(s: Task['steps'][number]): string {
  const span = [
    s.startedAt === undefined ? '' : `started ${formatTime(s.startedAt)}`,
    s.finishedAt === undefined ? '' : `ended ${formatTime(s.finishedAt)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [s.at === undefined ? '' : formatTime(s.at), span].filter(Boolean).join(' · ');
}

/** One task in full: fields, then steps, shards and errors when there are any. */
export function taskDetails(t: Task, paint: Paint): string {
  const fields: Array<[string, string | undefined]> = [
    ['ID', t.id],
    ['Name', t.name],
    ['Type', t.type],
    ['Provider', t.provider],
    ['Kind', t.kind],
    ['Group', t.group],
    ['Target', t.target ? targetText(t) : undefined],
    ['Status', paint(t.status, statusText(t))],
    ['Provider status', t.providerStatus && t.providerStatus !== t.status ? t.providerStatus : undefined],
    ['Progress', t.progress === undefined ? undefined : formatProgress(t.progress)],
    ['Current step', t.currentStep],
    ['Started because', t.reason],
    ['Started', t.startedAt === undefined ? undefined : formatTime(t.startedAt)],
    ['Finished', t.finishedAt === undefined ? undefined : formatTime(t.finishedAt)],
    ['Remaining', t.remainingSeconds === undefined ? undefined : `${t.remainingSeconds} s`],
    ['Cancel', t.capabilities.cancel ? (t.capabilities.forceCancel ? 'yes (forced cancel available)' : 'yes') : 'no'],
    ['Console', t.capabilities.consoleUrl],
  ];
  const present = fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
  const width = present.reduce((w, [k]) => Math.max(w, k.length), 0);
  // Status is painted (our own escape codes) and made of escaped parts already; every other value is server text.
  const out = present.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${k === 'Status' ? v : terminalLine(v)}`);
  if (t.steps.length) {
    out.push(
      '',
      'Steps:',
      indent(
        table(
          ['STEP', 'PROGRESS', 'REMAINING', 'DETAIL'],
          t.steps.map(s => [
            terminalLine(s.name),
            formatProgress(s.progress),
            s.remainingSeconds === undefined ? '-' : `${s.remainingSeconds} s`,
            terminalLine([stepTimes(s), s.detail ?? ''].filter(Boolean).join(' · ')),
          ]),
        ),
      ),
    );
  }
  if (t.shards.length) {
    out.push(
      '',
      'Shards:',
      indent(
        table(
          ['SHARD', 'OPERATION', 'STATUS', 'PROGRESS', 'HEARTBEAT'],
          t.shards.map(s => [
            terminalLine(s.shardId),
            terminalLine(s.opName ?? '-'),
            terminalLine([s.statusCode, s.statusDescription].filter(Boolean).join(' ') || '-'),
            formatProgress(s.progress),
            formatTime(s.heartbeatAt),
          ]),
        ),
      ),
    );
  }
  if (t.errors.length) {
    out.push(
      '',
      'Errors:',
      ...t.errors.map(e =>
        terminalLine(`  - ${e.where ? `[${e.where}] ` : ''}${e.message}${e.code ? ` (${e.code})` : ''}`),
      ),
    );
  }
  return out.join('\n');
}

/** One line per poll of `wait`, on stderr. */
export function progressLine(t: Task, now: number): string {
  const parts = [formatTime(now), terminalLine(t.id), statusText(t)];
  if (t.progress !== undefined) parts.push(formatProgress(t.progress));
  if (t.currentStep) parts.push(terminalLine(t.currentStep));
  return parts.join('  ');
}

/** The task as JSON: the normalised fields, without the provider's payload unless asked. */
export function taskJson(t: Task, raw: boolean): Record<string, unknown> {
  if (raw) return { ...t };
  const { raw: _dropped, ...rest } = t;
  return rest;
}

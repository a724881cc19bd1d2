import '../extension/fakeVscode';
import { endpointKey } from '../../../src/core/counts';
import { isActive, type Task } from '../../../src/core/task';
import { matchesQuery } from '../../../src/extension/taskService';
import { cancellingText, relativeTime, statusText } from '../../../src/extension/tree/format';
import type { DrawnRow } from './fakeTreeView';
import { MessageNode, type TaskNode } from '../../../src/extension/tree/nodes';
import type { Known } from './oracle';
import type { Rig } from './rig';

/** Ages may lag the clock by this much: "at least once a minute". */
export const AGE_TOLERANCE_MS = 60_000;

const key = (c: string, t: string) => `${c}\u0000${t}`;
/**
 * What a row says while a cancel is on its way, in its provider's words ("Stopping…" for AWS; src/extension/tree/
 * format.ts; the fake l10n returns the English).
 */

/**
 * The promises issue 12 makes about the views, checked against what is drawn (not against the store) after every
 * step. Returns what is wrong, in words; an empty list is a pass.
 */
export class ViewInvariants {
  /** Every task ever drawn, and when it was first drawn. */
  private readonly everShown = new Map<string, { connectionId: string; id: string }>();
  steps = 0;
  maxRows = 0;
  /** What the run went through, so a test can tell it exercised the cases it is about. */
  readonly seen = { endedRows: 0, unlistedRows: 0, staleRows: 0, emptyRowsFiltered: 0 };

  constructor(private readonly rig: Rig) {}

  check(): string[] {
    this.steps++;
    const rig = this.rig;
    const now = rig.options.clock.now();
    const rows = rig.view.taskRows();
    this.maxRows = Math.max(this.maxRows, rows.length);
    const problems: string[] = [];
    const drawn = new Map<string, DrawnRow & { node: TaskNode }>();
    // A relative window ("last hour") moves on by itself; rows leave it at the next redraw, within the minute.
    const query = rig.effectiveQuery();
    if (query.since !== undefined) query.since -= AGE_TOLERANCE_MS;
    for (const r of rows) {
      const task = r.node.task;
      drawn.set(key(task.source, task.id), r);
      this.everShown.set(key(task.source, task.id), { connectionId: task.source, id: task.id });
      const current = rig.store.task(task.source, task.id);
      if (!current) {
        problems.push(`[store] a row for ${task.id} is drawn but the store no longer has it`);
        continue;
      }
      if (!matchesQuery(current, query))
        problems.push(`[filter] row ${describe(r)} does not pass the filter ${JSON.stringify(query)}`);
      const age = ageProblem(r, current, now);
      if (age) problems.push(age);
    }

    for (const [k, ref] of this.everShown) {
      const known = rig.oracle.get(ref.connectionId, ref.id);
      if (!known) continue;
      const expected = rig.oracle.expectedStatus(known);
      const row = drawn.get(k);
      if (!row) {
        if (this.mayBeGone(known, expected, now)) continue;
        problems.push(
          `[gone] ${ref.connectionId}/${ref.id} (${known.latest.name}, last known ${expected}) was shown and is gone` +
            (known.listed
              ? ' although still listed'
              : ` (unlisted ${Math.round((now - (known.unlistedAt ?? now)) / 1000)} s ago)`),
        );
        continue;
      }
      if (row.node.task.status === 'ended') this.seen.endedRows++;
      if (!known.listed) this.seen.unlistedRows++;
      if (rig.store.connection(ref.connectionId)?.stale) this.seen.staleRows++;
      if (rig.store.isCancelling(ref.connectionId, ref.id)) continue;
      if (!row.label.startsWith(statusText(expected)))
        problems.push(`[status] row ${describe(row)} should read ${statusText(expected)} (the latest answer)`);
      // "Running" means the latest answer said so, not that nobody asked since.
      if (isActive(row.node.task.status) && !isActive(expected))
        problems.push(`[status] row ${describe(row)} reads active but the provider said ${expected}`);
    }

    problems.push(...this.emptyRowProblems());
    problems.push(...this.countProblems(rows));
    return problems;
  }

  /**
   * An empty group or connection under a filter says it is the filter: the servers were asked with it, so "No tasks"
   * would say the instance has none when it may have many.
   */
  private emptyRowProblems(): string[] {
    if (!this.rig.filtering()) return [];
    const problems: string[] = [];
    for (const r of this.rig.view.rows()) {
      if (!(r.node instanceof MessageNode)) continue;
      if (r.label === 'No tasks match the filter') this.seen.emptyRowsFiltered++;
      if (r.label === 'No tasks') problems.push(`[empty] row ${r.id} says "No tasks" while a filter is on`);
    }
    return problems;
  }

  /** Hidden by the filter, or its retention ran out: the only two ways a shown task may leave. */
  private mayBeGone(k: Known, expected: Task['status'], now: number): boolean {
    const t = { ...k.latest, status: expected };
    if (!matchesQuery(t, this.rig.effectiveQuery())) return true;
    if (k.listed) return false;
    if (this.rig.panels.has(key(k.connectionId, k.id))) return false;
    const unlisted = k.unlistedAt ?? now;
    const at = k.atUnlisting ?? k.latest;
    const base = isActive(at.status) ? unlisted : Math.min(at.finishedAt ?? unlisted, unlisted);
    const until = Math.max(base, k.lastByIdAt ?? -Infinity) + this.rig.options.retentionMs;
    return now >= until;
  }

  private countProblems(rows: (DrawnRow & { node: TaskNode })[]): string[] {
    const rig = this.rig;
    const running = new Set<string>();
    for (const r of rows) {
      const t = r.node.task;
      const view = rig.store.connection(t.source);
      if (!view || view.status === 'error' || view.stale) continue;
      // "Cancelling…" is a running task whose cancel was accepted: it reads so until it ends (issue 13).
      const cancelling = t.status === 'running' && r.label.startsWith(cancellingText(t));
      if (!r.label.startsWith(statusText('running')) && !cancelling) continue;
      running.add(key(endpointKey(rig.connections.get(t.source), t.source), t.id));
    }
    const bar = rig.statusBarCount();
    const badge = rig.badgeCount();
    if (bar === running.size && badge === running.size) return [];
    return [
      `[count] status bar says ${bar}, badge ${badge}, running rows (current, once per endpoint) ${running.size}`,
    ];
  }
}

function describe(r: DrawnRow): string {
  return `"${r.label} · ${r.description}"`;
}

/** The drawn age must be what the timestamps give for some moment of the last minute. */
function ageProblem(r: DrawnRow & { node: TaskNode }, t: Task, now: number): string | undefined {
  const finished = t.finishedAt !== undefined && !isActive(t.status);
  const ts = finished ? t.finishedAt : t.startedAt;
  if (ts === undefined) return undefined;
  const word = finished ? 'finished' : 'started';
  const m = new RegExp(`${word} (.+?)(?: · |$)`).exec(r.description);
  if (!m) return `[age] row ${describe(r)} shows no "${word} …" age`;
  for (let lag = 0; lag <= AGE_TOLERANCE_MS; lag += 1000) if (relativeTime(ts, now - lag) === m[1]) return undefined;
  return `[age] row ${describe(r)} shows "${m[1]}" but ${word} ${relativeTime(ts, now)}`;
}

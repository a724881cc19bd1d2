import * as assert from 'node:assert/strict';
import type { Task } from '../../../src/core/task';
import {
  ago,
  byStatusThenNewest,
  formatProgress,
  formatTime,
  painter,
  progressLine,
  statusText,
  table,
  taskDetails,
  taskJson,
  taskTable,
} from '../../../src/cli/format';
import { task } from './fakes';

describe('cli formatting', () => {
  it('aligns columns and trims trailing spaces', () => {
    const out = table(
      ['A', 'LONGER'],
      [
        ['xxxx', 'y'],
        ['z', ''],
      ],
    );
    assert.equal(out, 'A     LONGER\nxxxx  y\nz');
  });

  it("writes a step's date as the other times, in UTC, before the step's own text", () => {
    const t = task({
      steps: [
        { name: 'Cache node rebooted', progress: 100, at: Date.UTC(2026, 10, 30, 8, 15, 0), detail: 'node-1' },
        { name: 'Release date', at: 1e300 },
        {
          name: 'node-2: complete',
          startedAt: Date.UTC(2026, 10, 30, 8, 0, 0),
          finishedAt: Date.UTC(2026, 10, 30, 8, 2, 0),
        },
      ],
    });
    const out = taskDetails(t, painter(false, {}));
    assert.match(out, /Cache node rebooted +100% +- +2026-11-30 08:15:00Z · node-1/);
    assert.match(out, /Release date +- +- +unknown time/);
    assert.match(out, /node-2: complete +- +- +started 2026-11-30 08:00:00Z, ended 2026-11-30 08:02:00Z/);
  });

  it('formats times as UTC without milliseconds, and "-" when unknown', () => {
    assert.equal(formatTime(Date.UTC(2026, 0, 31, 10, 0, 5, 123)), '2026-01-31 10:00:05Z');
    assert.equal(formatTime(undefined), '-');
  });

  it('rounds progress', () => {
    assert.equal(formatProgress(33.6), '34%');
    assert.equal(formatProgress(undefined), '-');
  });

  it('says the status once: the provider word is a field of get, never echoed in brackets (issue 13)', () => {
    assert.equal(statusText({ status: 'running' }), 'running');
    assert.equal(statusText({ status: 'failed' }), 'failed');
  });

  it('lists running first, then pending, failed and the rest, newest first within each', () => {
    const t = (id: string, status: Task['status'], startedAt: number) => task({ id, status, startedAt });
    const sorted = [
      t('s', 'succeeded', 5),
      t('p', 'pending', 1),
      t('r1', 'running', 1),
      t('f', 'failed', 9),
      t('r2', 'running', 2),
    ]
      .sort(byStatusThenNewest)
      .map(x => x.id);
    assert.deepEqual(sorted, ['r2', 'r1', 'p', 'f', 's']);
  });

  it('fits the list into 120 columns: long names, targets and groups are cut, ids never are', () => {
    const id = 'd83dbfd2-19cd-418a-ac7b-000000000003';
    const long = task({ id, name: 'N'.repeat(80), target: { id: 'T'.repeat(60) }, group: 'G'.repeat(50) });
    const out = taskTable([long], [], (_s, x) => x, Date.UTC(2026, 0, 31, 10, 5, 0));
    for (const line of out.split('\n')) assert.ok(line.length <= 120, `${line.length}: ${line}`);
    assert.match(out, new RegExp(`running 40%  ${id}  N+…  T+…  G+…  5 min ago`));
    assert.ok(taskTable([long], [], (_s, x) => x, 0, 300).includes('N'.repeat(80)), 'a wider terminal shows it all');
  });

  it('says how long ago a task started, in words short enough for a table', () => {
    const now = Date.UTC(2026, 0, 31, 12);
    assert.equal(ago(now - 2_000, now), 'just now');
    assert.equal(ago(now - 45_000, now), '45 s ago');
    assert.equal(ago(now - 12 * 60_000, now), '12 min ago');
    assert.equal(ago(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(ago(now - 2 * 86_400_000, now), '2 d ago');
    assert.equal(ago(undefined, now), '-');
    assert.equal(ago(1e300, now), 'unknown time');
  });

  it('colours only on a TTY without NO_COLOR or TERM=dumb', () => {
    assert.equal(painter(true, {})('failed', 'x'), '\u001b[31mx\u001b[39m');
    assert.equal(painter(false, {})('failed', 'x'), 'x');
    assert.equal(painter(true, { NO_COLOR: '' })('failed', 'x'), 'x');
    assert.equal(painter(true, { TERM: 'dumb' })('failed', 'x'), 'x');
    assert.equal(painter(true, {})('unknown', 'x'), 'x');
  });

  it('writes a progress line with time, id, status, progress and step', () => {
    assert.equal(
      progressLine(task({ currentStep: 'syncing' }), Date.UTC(2026, 0, 1)),
      '2026-01-01 00:00:00Z  t1  running  40%  syncing',
    );
  });

  it('drops raw from JSON unless asked', () => {
    assert.equal('raw' in taskJson(task(), false), false);
    assert.deepEqual(taskJson(task(), true).raw, { id: 't1', secretish: 'raw-payload' });
  });
});

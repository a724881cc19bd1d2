import * as assert from 'node:assert/strict';
import {
  formatProgress,
  formatTime,
  painter,
  progressLine,
  statusText,
  table,
  taskJson,
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

  it('formats times as UTC without milliseconds, and "-" when unknown', () => {
    assert.equal(formatTime(Date.UTC(2026, 0, 31, 10, 0, 5, 123)), '2026-01-31 10:00:05Z');
    assert.equal(formatTime(undefined), '-');
  });

  it('rounds progress', () => {
    assert.equal(formatProgress(33.6), '34%');
    assert.equal(formatProgress(undefined), '-');
  });

  it('shows the provider status only when it says something more', () => {
    assert.equal(statusText({ status: 'running', providerStatus: 'started' }), 'running (started)');
    assert.equal(statusText({ status: 'failed', providerStatus: 'failed' }), 'failed');
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
      '2026-01-01 00:00:00Z  t1  running (started)  40%  syncing',
    );
  });

  it('drops raw from JSON unless asked', () => {
    assert.equal('raw' in taskJson(task(), false), false);
    assert.deepEqual(taskJson(task(), true).raw, { id: 't1', secretish: 'raw-payload' });
  });
});

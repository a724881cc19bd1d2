import './fakeVscode';
import * as assert from 'node:assert/strict';
import { TaskStore } from '../../../src/core/store';
import { formatRequestLine, scrubSecrets } from '../../../src/extension/log';
import { RunningStatusBar } from '../../../src/extension/statusBar';
import { snapshot, task } from './fixtures';

describe('status bar', () => {
  it('shows "$(sync~spin) N running" while anything runs, lists them in the tooltip, and hides otherwise', () => {
    const store = new TaskStore();
    const bar = new RunningStatusBar(store, () => 'Prod');
    const item = bar.item as unknown as { text: string; visible: boolean; tooltip: { value: string }; command: string };
    assert.equal(item.visible, false);
    store.applySnapshot(
      'c1',
      snapshot([task('1', { progress: 40 }), task('2', { status: 'pending' }), task('3', { status: 'succeeded' })]),
    );
    assert.equal(item.visible, true);
    // Issue 12: a pending task is queued, not running; it is named in the tooltip, not counted.
    assert.equal(item.text, '$(sync~spin) 1 running');
    assert.match(item.tooltip.value, /1 queued, not counted/);
    assert.match(item.tooltip.value, /40%/);
    assert.match(item.tooltip.value, /Prod/);
    assert.equal(item.command, 'redisTasks.showRunningTasks');
    store.applySnapshot('c1', snapshot([task('1', { status: 'succeeded' })]));
    assert.equal(item.visible, false);
    bar.dispose();
  });
});

describe('request log', () => {
  it('one line per request; known secrets are scrubbed as a last line of defence', () => {
    const line = formatRequestLine('Prod', {
      method: 'GET',
      url: 'https://c:9443/v1/crdb_tasks?token=hunter22',
      status: 200,
      ms: 12.4,
      attempt: 2,
    });
    assert.equal(line, '[Prod] GET https://c:9443/v1/crdb_tasks?token=hunter22 → 200 in 12 ms (attempt 2)');
    assert.equal(
      scrubSecrets(line, ['hunter22']),
      '[Prod] GET https://c:9443/v1/crdb_tasks?token=*** → 200 in 12 ms (attempt 2)',
    );
    assert.match(
      formatRequestLine('Prod', { method: 'POST', url: 'u', ms: 1, attempt: 1, error: 'ECONNREFUSED' }),
      /failed: ECONNREFUSED/,
    );
  });
});

import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type { Prompts } from '../../../src/extension/prompts';
import { notifyFinished } from '../../../src/extension/notifications';
import { NotifyMe, type WatchApi } from '../../../src/extension/notifyMe';
import { readSettings } from '../../../src/extension/settings';
import { task } from './fixtures';

function recordingPrompts() {
  const shown: { kind: string; message: string }[] = [];
  const prompts = {
    showInformationMessage: async (message: string) => void shown.push({ kind: 'info', message }),
    showErrorMessage: async (message: string) => void shown.push({ kind: 'error', message }),
  } as unknown as Prompts;
  return { prompts, shown };
}

function watchApi(otherwise = false) {
  const calls: string[] = [];
  const api: WatchApi = {
    retain: (c, t) => void calls.push(`retain ${c}/${t}`),
    watch: (c, t) => void calls.push(`watch ${c}/${t}`),
    unwatch: (c, t) => void calls.push(`unwatch ${c}/${t}`),
    isWatchedOtherwise: () => otherwise,
  };
  return { api, calls };
}

describe('Notify Me When Done', () => {
  it('keeps the task and polls it while it runs, then forgets it and stops polling when it ends', () => {
    const { api, calls } = watchApi();
    const n = new NotifyMe();
    n.bind(api);
    n.add('c1', '7');
    assert.equal(n.has('c1', '7'), true);
    assert.deepEqual(calls, ['retain c1/7', 'watch c1/7']);
    n.finished(task('7', { status: 'succeeded' }));
    assert.equal(n.has('c1', '7'), false);
    assert.deepEqual(calls.slice(2), ['unwatch c1/7']);
    n.finished(task('7', { status: 'succeeded' }));
    assert.equal(calls.length, 3, 'a task nobody asked about is left alone');
  });

  it('does not stop polling a task an open panel or a cancel still watches', () => {
    const { api, calls } = watchApi(true);
    const n = new NotifyMe();
    n.bind(api);
    n.add('c1', '7');
    n.finished(task('7', { status: 'failed' }));
    assert.ok(!calls.includes('unwatch c1/7'));
  });
});

describe('finish notifications', () => {
  afterEach(() => delete settings['redisTasks.notifications']);

  it('are on by default; "off" turns them off', () => {
    assert.equal(readSettings().notifications, 'watched');
    settings['redisTasks.notifications'] = 'off';
    assert.equal(readSettings().notifications, 'off');
  });

  it('a failure is an error notification, a success an information one', async () => {
    const { prompts, shown } = recordingPrompts();
    await notifyFinished(prompts, 'watched', task('1', { status: 'failed' }), 'Prod', () => undefined);
    await notifyFinished(prompts, 'watched', task('2', { status: 'succeeded' }), 'Prod', () => undefined);
    assert.deepEqual(
      shown.map(s => s.kind),
      ['error', 'info'],
    );
    assert.match(shown[0].message, /Prod: Failed$/);
  });

  it('with notifications off, only a task the person asked about still notifies', async () => {
    const { prompts, shown } = recordingPrompts();
    await notifyFinished(prompts, 'off', task('1', { status: 'succeeded' }), 'Prod', () => undefined);
    assert.equal(shown.length, 0);
    await notifyFinished(prompts, 'off', task('1', { status: 'succeeded' }), 'Prod', () => undefined, true);
    assert.equal(shown.length, 1);
  });
});

import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type { Prompts } from '../../../src/extension/prompts';
import { notifyFinished } from '../../../src/extension/notifications';
import { KeepRegistry } from '../../../src/core/keep';
import { NotifyMe } from '../../../src/extension/notifyMe';
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

describe('Notify Me When Done', () => {
  it('keeps the task with its own reason, which makes the poller fetch it while it runs, until it ends', () => {
    const keep = new KeepRegistry();
    const n = new NotifyMe(keep);
    n.add('c1', '7');
    assert.equal(n.has('c1', '7'), true);
    assert.deepEqual(keep.reasons('c1', '7'), ['notify']);
    assert.equal(keep.isWatched('c1', '7'), true, 'fetched by id while it runs');
    n.finished(task('7', { status: 'succeeded' }));
    assert.equal(n.has('c1', '7'), false);
    assert.deepEqual(keep.reasons('c1', '7'), []);
  });

  it('leaves the other reasons alone: a panel still showing the task keeps it watched', () => {
    const keep = new KeepRegistry();
    const n = new NotifyMe(keep);
    keep.keep('c1', '7', 'panel');
    n.add('c1', '7');
    n.finished(task('7', { status: 'failed' }));
    assert.deepEqual(keep.reasons('c1', '7'), ['panel']);
    assert.equal(keep.isWatched('c1', '7'), true);
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
    await notifyFinished(prompts, 'off', task('1', { status: 'succeeded' }), 'Prod', () => undefined, { asked: true });
    assert.equal(shown.length, 1);
    await notifyFinished(prompts, 'off', task('1', { status: 'canceled' }), 'Prod', () => undefined, {
      canceled: true,
    });
    assert.equal(shown.length, 2, 'nor does a task the person canceled');
  });

  // Issue 13: after a cancel nothing told the person how it ended.
  it('after a cancel, says how it ended: canceled, succeeded anyway, or failed', async () => {
    const { prompts, shown } = recordingPrompts();
    for (const status of ['canceled', 'succeeded', 'failed', 'ended'] as const)
      await notifyFinished(prompts, 'watched', task('1', { status }), 'Prod', () => undefined, { canceled: true });
    const label = 'create_crdb · orders-db';
    assert.deepEqual(
      shown.map(s => [s.kind, s.message]),
      [
        ['info', `Canceled: ${label} on Prod.`],
        ['info', `${label} on Prod succeeded anyway: it finished before the cancel took effect.`],
        ['error', `${label} on Prod failed after the cancel request.`],
        ['info', `${label} on Prod ended after the cancel request: Finished, final state unknown`],
      ],
    );
  });

  // A stopped AWS service update was told as "Canceled: …", in words its stop confirmation does not use.
  it("after a stop, says how it ended in the provider's words (AWS: stopped, completed anyway)", async () => {
    const { prompts, shown } = recordingPrompts();
    const update = (status: 'canceled' | 'succeeded') =>
      task('upd:us-east-1:rg:sessions:u1', { provider: 'aws', name: 'Service update u1', target: undefined, status });
    for (const status of ['canceled', 'succeeded'] as const)
      await notifyFinished(prompts, 'watched', update(status), 'AWS', () => undefined, { canceled: true });
    assert.deepEqual(
      shown.map(s => s.message),
      [
        'Stopped: Service update u1 on AWS.',
        'Service update u1 on AWS completed anyway: it finished before the stop took effect.',
      ],
    );
  });
});

import './fakeVscode';
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { TaskStore } from '../../../src/core/store';
import { cancelFlow, forceCancelFlow, type CancelFlowDeps } from '../../../src/extension/cancelFlow';
import type { Prompts } from '../../../src/extension/prompts';
import { snapshot, task } from './fixtures';

interface Asked {
  kind: string;
  message: string;
  options?: unknown;
  items: string[];
}

/** Prompts answered from a script; every question is recorded. */
function scriptedPrompts(answers: (string | undefined)[]): { prompts: Prompts; asked: Asked[] } {
  const asked: Asked[] = [];
  const next = () => answers.shift();
  const message =
    (kind: string) =>
    (m: string, options: unknown, ...items: string[]) => {
      asked.push({ kind, message: m, options, items });
      return Promise.resolve(next());
    };
  const prompts = {
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showInputBox: (o: { prompt?: string; validateInput?: (v: string) => unknown }) => {
      asked.push({ kind: 'input', message: o.prompt ?? '', options: o, items: [] });
      return Promise.resolve(next());
    },
    showQuickPick: () => Promise.resolve(undefined),
    showOpenDialog: () => Promise.resolve(undefined),
    createQuickPick: () => {
      throw new Error('not used');
    },
  } as unknown as Prompts;
  return { prompts, asked };
}

function setup(answers: (string | undefined)[], cancelResults: (Error | undefined)[]) {
  const store = new TaskStore();
  store.applySnapshot('c1', snapshot([task('42')]));
  const { prompts, asked } = scriptedPrompts(answers);
  const calls: { taskId: string; force: boolean }[] = [];
  const deps: CancelFlowDeps = {
    prompts,
    store,
    cancel: async (_c, taskId, force) => {
      calls.push({ taskId, force });
      const r = cancelResults.shift();
      if (r) throw r;
      store.markCancelling('c1', taskId);
    },
    connectionName: () => 'Prod cluster',
  };
  return { deps, asked, calls, store };
}

describe('cancel flow', () => {
  it('asks once in a modal naming the task and its target, then cancels exactly once', async () => {
    const { deps, asked, calls, store } = setup(['Cancel Task'], [undefined]);
    const outcome = await cancelFlow(deps, 'c1', '42');
    assert.equal(outcome, 'requested');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].kind, 'warning');
    assert.deepEqual((asked[0].options as { modal: boolean }).modal, true);
    assert.match(asked[0].message, /create_crdb/);
    assert.match(asked[0].message, /orders-db/);
    // Issue 13: "Cancel" beside "Cancel Task". The dismissing button has its own name.
    assert.deepEqual(asked[0].items, ['Cancel Task']);
    assert.equal((asked[0].options as { closeLabel?: string }).closeLabel, 'Keep Running');
    assert.deepEqual(calls, [{ taskId: '42', force: false }]);
    assert.equal(store.isCancelling('c1', '42'), true);
  });

  it('dismissing the modal sends nothing', async () => {
    const { deps, calls } = setup([undefined], []);
    assert.equal(await cancelFlow(deps, 'c1', '42'), 'dismissed');
    assert.equal(calls.length, 0);
  });

  // Issue 13: three modals repeated the same warning. Now one warning, then the typed id.
  it("406: ONE warning (why, the risk, the server's words), then the typed id; a mismatch aborts", async () => {
    const notCancelable = new ProviderError('not-cancelable', 'Task 42 is in its commit phase.', { status: 406 });
    const { deps, asked, calls } = setup(['Cancel Task', 'Force Cancel…', '41'], [notCancelable]);
    const outcome = await cancelFlow(deps, 'c1', '42');
    assert.equal(outcome, 'dismissed');
    assert.deepEqual(calls, [{ taskId: '42', force: false }], 'only the first, normal cancel was sent');
    assert.deepEqual(
      asked.map(a => a.kind),
      ['warning', 'warning', 'input', 'info'],
    );
    assert.match(asked[1].message, /commit phase/);
    assert.deepEqual(asked[1].items, ['Force Cancel…']);
    assert.equal((asked[1].options as { closeLabel?: string }).closeLabel, 'Keep Running');
    const detail = (asked[1].options as { detail: string }).detail;
    assert.match(detail, /can leave the Active-Active database broken in the cluster configuration store/);
    assert.match(detail, /Task 42 is in its commit phase/, "the server's own words are shown");
    assert.match(asked[3].message, /did not match/);
  });

  it('the typed-id box keeps the id in sight while typing: in its title, its prompt and its validation message', async () => {
    const { deps, asked } = setup(['Continue…', undefined], []);
    await forceCancelFlow(deps, 'c1', '42');
    const input = asked.find(a => a.kind === 'input')!.options as {
      title: string;
      prompt: string;
      placeHolder: string;
      validateInput(v: string): string | undefined;
    };
    // VS Code shows the validation message in place of the prompt as soon as the person types.
    assert.match(input.title, /\b42\b/);
    assert.match(input.prompt, /\b42\b/);
    assert.match(input.validateInput('4') ?? '', /\b42\b/);
    assert.equal(input.validateInput(' 42 '), undefined);
  });

  it('406 on a task without forced cancel offers no forced cancel', async () => {
    const { deps, asked, calls, store } = setup(
      ['Cancel Task', undefined],
      [new ProviderError('not-cancelable', 'commit', { status: 406 })],
    );
    store.upsertTask(task('42', { capabilities: { cancel: true, forceCancel: false } }));
    assert.equal(await cancelFlow(deps, 'c1', '42'), 'dismissed');
    assert.deepEqual(asked[1].items, []);
    assert.doesNotMatch((asked[1].options as { detail: string }).detail, /forced cancel/);
    assert.equal(calls.length, 1);
  });

  it('404 and 409 get their own messages and no retry', async () => {
    const nf = setup(['Cancel Task'], [new ProviderError('not-found', 'gone', { status: 404 })]);
    assert.equal(await cancelFlow(nf.deps, 'c1', '42'), 'failed');
    assert.equal(nf.calls.length, 1);
    assert.equal(nf.asked[1].kind, 'error');
    assert.match(nf.asked[1].message, /not found/);

    const conflict = setup(['Cancel Task'], [new ProviderError('conflict', 'failed to cancel', { status: 409 })]);
    assert.equal(await cancelFlow(conflict.deps, 'c1', '42'), 'failed');
    assert.equal(conflict.calls.length, 1);
    assert.match(conflict.asked[1].message, /could not cancel task 42 \(conflict\)/);
    assert.notEqual(nf.asked[1].message, conflict.asked[1].message);
  });

  it('Force Cancel from the menu: warning, then the typed id; Escape in the input sends nothing', async () => {
    const { deps, calls, asked } = setup(['Continue…', undefined], []);
    assert.equal(await forceCancelFlow(deps, 'c1', '42'), 'dismissed');
    assert.equal(calls.length, 0);
    assert.equal((asked[0].options as { modal: boolean }).modal, true);
    assert.match((asked[0].options as { detail: string }).detail, /can break the CRDB/);
    assert.equal((asked[0].options as { closeLabel?: string }).closeLabel, 'Keep Running');
    assert.deepEqual(
      asked.map(a => a.kind),
      ['warning', 'input'],
      'one warning, then the id',
    );
  });

  // Issue 17: the AWS confirmation used Redis Enterprise's words ("commit phase", "CRDB").
  describe('an AWS service update: the words are AWS’s', () => {
    const UPDATE_NAME = 'Service update elasticache-20261115-001 (security-update, important)';
    const ID = 'upd:us-east-1:rg:sessions:elasticache-20261115-001';
    function awsSetup(answers: (string | undefined)[], cancelResults: (Error | undefined)[]) {
      const s = setup(answers, cancelResults);
      s.store.applySnapshot(
        'c1',
        snapshot([
          task(ID, {
            provider: 'aws',
            kind: 'cloud-task',
            name: UPDATE_NAME,
            target: { id: 'sessions', type: 'replication group' },
            capabilities: { cancel: true, forceCancel: false },
          }),
        ]),
      );
      return s;
    }

    it('asks to stop the update on its resource, says what BatchStopUpdateAction does, and stops once', async () => {
      const { deps, asked, calls } = awsSetup(['Stop Update'], [undefined]);
      assert.equal(await cancelFlow(deps, 'c1', ID), 'requested');
      assert.equal(asked.length, 1);
      assert.equal(asked[0].message, `Stop "${UPDATE_NAME}" on sessions (Prod cluster)?`);
      assert.deepEqual(asked[0].items, ['Stop Update']);
      const options = asked[0].options as { detail: string; closeLabel: string; modal: boolean };
      assert.equal(options.modal, true);
      assert.equal(options.closeLabel, 'Keep Running');
      assert.match(options.detail, /BatchStopUpdateAction, sent once/);
      assert.match(options.detail, /on sessions/);
      assert.match(options.detail, /nodes already updated stay updated/);
      assert.match(options.detail, /a node being updated finishes its update/);
      assert.match(options.detail, /the remaining nodes are not updated/);
      assert.match(options.detail, new RegExp(`Task ID: ${ID}`));
      assert.doesNotMatch(`${asked[0].message} ${options.detail}`, /commit phase|CRDB|Active-Active|Cancel/);
      assert.deepEqual(calls, [{ taskId: ID, force: false }]);
    });

    it('a refused stop is one error in AWS’s words: no commit phase, no forced cancel, nothing sent again', async () => {
      const refused = new ProviderError(
        'not-cancelable',
        'AWS did not stop elasticache-20261115-001 on sessions (InvalidStatus): no reason given',
      );
      const { deps, asked, calls } = awsSetup(['Stop Update'], [refused]);
      assert.equal(await cancelFlow(deps, 'c1', ID), 'failed');
      assert.deepEqual(
        asked.map(a => a.kind),
        ['warning', 'error'],
      );
      assert.match(asked[1].message, /^The service update was not stopped: AWS did not stop elasticache-20261115-001/);
      assert.deepEqual(asked[1].items, [], 'no Force Cancel…');
      assert.doesNotMatch(asked[1].message, /commit phase|canceled/);
      assert.equal(calls.length, 1);
    });

    it('Keep Running sends nothing; a forced cancel of it is refused before anything is sent', async () => {
      const kept = awsSetup(['Keep Running'], []);
      assert.equal(await cancelFlow(kept.deps, 'c1', ID), 'dismissed');
      assert.equal(kept.calls.length, 0);
      const forced = awsSetup(['Continue…', ID], []);
      assert.equal(await forceCancelFlow(forced.deps, 'c1', ID), 'dismissed');
      assert.equal(forced.calls.length, 0);
      assert.deepEqual(
        forced.asked.map(a => a.kind),
        ['info'],
      );
      assert.match(forced.asked[0].message, /cannot be force-canceled: nothing was sent/);
    });
  });

  it('a provider without words of its own is asked in plain words that promise nothing of its server', async () => {
    const { deps, asked, store } = setup(['Cancel Task'], [undefined]);
    store.upsertTask(task('42', { provider: 'redis-cloud', capabilities: { cancel: true, forceCancel: false } }));
    assert.equal(await cancelFlow(deps, 'c1', '42'), 'requested');
    assert.deepEqual(asked[0].items, ['Cancel Task']);
    const detail = (asked[0].options as { detail: string }).detail;
    assert.equal(detail, 'Task ID: 42. The request to cancel it is sent once.');
  });
});

import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import {
  addConnections,
  clickMatching,
  connectionRow,
  connectionTo,
  findTask,
  inputAnswers,
  run,
  stubPrompts,
  taskRows,
  waitFor,
  type PromptStub,
  type RecordingEmulator,
  type RedisTasksApi,
  type SeenRequest,
  useFreshExtension,
} from './support';

const RE = 'cancel-re';

const cancelPosts = (emu: RecordingEmulator, mark: number, taskId?: string): SeenRequest[] =>
  emu
    .since(mark, 'redis-enterprise')
    .filter(r => r.method === 'POST' && /\/actions\/cancel(\?|$)/.test(r.path) && (!taskId || r.path.includes(taskId)));

describe('cancel and forced cancel (Redis Enterprise CRDB tasks)', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;
  let prompts: PromptStub | undefined;

  before(async () => {
    ({ a, emu } = setup);
    await addConnections(a, [connectionTo(emu, 'redis-enterprise', RE)]);
  });

  afterEach(() => {
    prompts?.restore();
    prompts = undefined;
  });

  /** The task's row as the view reads it now. */
  async function rowOf(taskId: string) {
    const row = taskRows(await connectionRow(a, RE)).find(
      r => (r.node as unknown as { taskId: string }).taskId === taskId,
    );
    assert.ok(row, `no row for task ${taskId}`);
    return row;
  }

  it('a dismissed confirmation sends nothing', async () => {
    const task = findTask(a, RE, t => t.kind === 'crdb-task' && t.status === 'pending')!;
    assert.ok(task);
    prompts = stubPrompts(a, { showWarningMessage: clickMatching(undefined) });
    const mark = emu.requests.length;
    await run('redisTasks.cancelTask', { connectionId: RE, taskId: task.id });
    assert.equal(prompts.calls.length, 1, 'asked once');
    assert.equal((prompts.calls[0].args[1] as vscode.MessageOptions).modal, true, 'a modal question');
    assert.deepEqual(cancelPosts(emu, mark), []);
    assert.equal(a.store.isCancelling(RE, task.id), false);
  });

  it('Cancel Task asks once, sends one POST, shows "Cancelling…" until the next poll tells the truth', async () => {
    const task = findTask(a, RE, t => t.kind === 'crdb-task' && t.status === 'pending')!;
    prompts = stubPrompts(a, { showWarningMessage: clickMatching(/^Cancel Task$/) });
    const mark = emu.requests.length;
    await run('redisTasks.cancelTask', { connectionId: RE, taskId: task.id });
    const posts = cancelPosts(emu, mark);
    assert.equal(posts.length, 1, 'exactly one cancel request');
    assert.equal(posts[0].path, `/v1/crdb_tasks/${task.id}/actions/cancel`, 'a plain cancel has no force');
    assert.equal(prompts.calls.length, 1);
    assert.match(prompts.calls[0].text, new RegExp(`^Cancel "${task.name}" on ${task.target?.name}`));

    assert.equal(a.store.isCancelling(RE, task.id), true);
    const row = await rowOf(task.id);
    assert.match(row.label, /^Cancelling… · /);
    assert.doesNotMatch(row.contextValue, /;cancelable/, 'no second cancel while one is on its way');

    await run('redisTasks.refreshConnection', { connectionId: RE });
    const after = await waitFor(
      a,
      () => !a.store.isCancelling(RE, task.id) && a.store.task(RE, task.id),
      'the next data for the task',
    );
    // The cluster says `failed` with a task_cancelled error; the tree says what happened.
    assert.equal(after.status, 'canceled');
    assert.equal(after.providerStatus, 'failed');
    assert.match(JSON.stringify(after.errors), /cancelled by user request/);
    assert.match((await rowOf(task.id)).label, /^Canceled · /);
    assert.equal(cancelPosts(emu, mark).length, 1, 'the refresh did not send the cancel again');
  });

  describe('a task in its commit phase', () => {
    let committing: string;

    before(async () => {
      // update_crdb_config commits for ten minutes from about 20 s after the start.
      await emu.advance(40);
      await run('redisTasks.refreshConnection', { connectionId: RE });
      const t = findTask(a, RE, x => x.type === 'update_crdb_config' && x.status === 'running');
      assert.ok(t, 'a committing update_crdb_config task');
      committing = t.id;
    });

    it('Force Cancel with a mistyped id sends nothing; neither does Escape', async () => {
      let validationMessage: unknown;
      prompts = stubPrompts(a, {
        showWarningMessage: clickMatching(/^Continue…$/),
        showInputBox: async (o: vscode.InputBoxOptions) => {
          validationMessage = await o.validateInput?.('not-the-id');
          return 'not-the-id';
        },
      });
      const mark = emu.requests.length;
      await run('redisTasks.forceCancelTask', { connectionId: RE, taskId: committing });
      assert.ok(validationMessage, 'the input box itself refuses a mismatch');
      assert.deepEqual(cancelPosts(emu, mark), []);
      assert.ok(
        prompts.calls.some(
          c => c.method === 'showInformationMessage' && /did not match: nothing was sent/.test(c.text),
        ),
      );

      prompts.restore();
      prompts = stubPrompts(a, {
        showWarningMessage: clickMatching(/^Continue…$/),
        showInputBox: inputAnswers(undefined),
      });
      await run('redisTasks.forceCancelTask', { connectionId: RE, taskId: committing });
      assert.deepEqual(cancelPosts(emu, mark), []);
      assert.equal(a.store.isCancelling(RE, committing), false);
    });

    it('a plain cancel answered 406 leads to the forced cancel, sent once after the id is typed', async () => {
      const warnings: { message: string; detail?: string }[] = [];
      prompts = stubPrompts(a, {
        showWarningMessage: async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
          warnings.push({ message, detail: options.detail });
          return items.find(i => /^(Cancel Task|Force Cancel…|Continue…)$/.test(i));
        },
        showInputBox: inputAnswers(committing),
      });
      const mark = emu.requests.length;
      await run('redisTasks.cancelTask', { connectionId: RE, taskId: committing });

      const posts = cancelPosts(emu, mark, committing);
      assert.deepEqual(
        posts.map(p => p.path),
        [`/v1/crdb_tasks/${committing}/actions/cancel`, `/v1/crdb_tasks/${committing}/actions/cancel?force=true`],
        'the plain cancel (406), then one forced cancel',
      );
      // Issue 13: one warning after the 406 (it used to take two more modals), then the typed id.
      assert.equal(warnings.length, 2, warnings.map(w => w.message).join(' / '));
      assert.match(warnings[1].message, /reached its commit phase/);
      assert.match(warnings[1].detail ?? '', /broken in the cluster configuration store/);
      assert.match(warnings[1].detail ?? '', /The server said: .*commit phase/, "the server's own 406 words are shown");
      assert.equal(prompts.calls.filter(c => c.method === 'showErrorMessage').length, 0);
      assert.equal(a.store.isCancelling(RE, committing), true);

      await run('redisTasks.refreshConnection', { connectionId: RE });
      const done = await waitFor(
        a,
        () => !a.store.isCancelling(RE, committing) && a.store.task(RE, committing),
        'the forced cancel to show',
      );
      assert.equal(done.status, 'canceled');
      assert.match(JSON.stringify(done.errors), /forced/);
      assert.equal(cancelPosts(emu, mark).length, 2, 'nothing more was sent');
    });
  });
});

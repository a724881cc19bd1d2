import * as assert from 'node:assert/strict';
import {
  buildDetailsModel,
  buildPlaceholderModel,
  formatTime,
  RAW_JSON_LIMIT,
  type DetailsState,
} from '../../../src/extension/details/model';
import { serviceUpdateTask } from '../../../src/providers/aws/memorydb-updates';
import { fill, formatDuration } from '../../../src/shared/format';
import { crdbTask, englishDetailsLabels, failedTask, shardedAction, steppedTask, task, T0 } from './fixtures';

const L = englishDetailsLabels();
const fresh: DetailsState = { connectionName: 'Prod cluster', stale: false, cancelling: false };
const NOW = T0 + 90_000;
/** Redis Enterprise's own words for its forced cancel (its descriptor's `cancel.force`). */
const RE_FORCE_TITLE = 'Cancel even in the commit phase (can break the Active-Active database)';

describe('details: buildDetailsModel', () => {
  // Issue 13: a CRDB task's per-cluster states were numbered as steps.
  it("shows a CRDB task's clusters with the state each reports, not as numbered steps, and both cancel buttons", () => {
    const m = buildDetailsModel(crdbTask(), fresh, L, NOW);
    assert.equal(m.title, 'create_crdb · orders');
    assert.equal(m.status.text, 'Running');
    assert.equal(m.status.icon, 'sync', 'the same spinning icon as the tree row (issue 13)');
    assert.equal(m.status.spin, true);
    assert.deepEqual(m.clusters, [
      { name: 'cluster-east', state: 'creating_bdb' },
      { name: 'cluster-west', state: 'syncing' },
    ]);
    assert.deepEqual(m.steps, [], 'no numbered steps beside the clusters');
    assert.deepEqual(m.progress, { text: L.progressUnknown, indeterminate: true });
    assert.deepEqual(m.actions, {
      cancel: true,
      forceCancel: true,
      cancelLabel: 'Cancel Task',
      forceCancelTitle: RE_FORCE_TITLE,
      cancelDisabled: false,
      openConsole: false,
      pin: false,
    });
    assert.deepEqual(
      m.fields.map(f => f.label),
      ['Task ID', 'Type', 'Kind', 'Provider status', 'Target', 'Connection'],
    );
    assert.equal(m.fields.find(f => f.label === 'Provider status')?.value, 'started');
    assert.equal(m.fields.find(f => f.label === 'Target')?.value, 'orders (guid-1)');
    assert.equal(m.fields.find(f => f.label === 'Kind')?.value, 'Active-Active (CRDB) task');
    assert.equal(m.fields.find(f => f.label === 'Connection')?.value, 'Prod cluster');
  });

  it("shows why a task was started (Alibaba's ReasonCode) as a labelled field, not as an error", () => {
    const m = buildDetailsModel({ ...task(), status: 'failed', reason: '小版本升级', errors: [] }, fresh, L, NOW);
    assert.equal(m.fields.find(f => f.label === 'Started because')?.value, '小版本升级');
    assert.ok(!JSON.stringify(m).includes('Failed: 小版本升级'));
    const none = buildDetailsModel(task(), fresh, L, NOW);
    assert.equal(
      none.fields.find(f => f.label === 'Started because'),
      undefined,
      'no empty row where the provider gives no reason',
    );
  });

  it('ticks the duration of a running task from its start instead of freezing a number', () => {
    const m = buildDetailsModel(crdbTask(), fresh, L, NOW);
    const duration = m.times.find(t => t.label === 'Duration');
    assert.equal(duration?.liveSince, T0);
    assert.equal(m.now, NOW);
  });

  it("lists an action's shards with operation, status words and code, clamped progress and heartbeat time", () => {
    const m = buildDetailsModel(shardedAction(), fresh, L, NOW);
    assert.deepEqual(m.progress, { percent: 42.3, text: '42.3%', indeterminate: false });
    assert.deepEqual(m.shards, [
      {
        shardId: 'redis:1',
        operation: 'migrate',
        status: 'in progress (ok)',
        percent: 100,
        progressText: '100%',
        heartbeatAt: T0 + 50_000,
      },
      {
        shardId: 'redis:2',
        operation: 'migrate',
        status: 'waiting',
        percent: undefined,
        progressText: '',
        heartbeatAt: undefined,
      },
    ]);
    assert.deepEqual(m.actions, {
      cancel: true,
      forceCancel: false,
      cancelLabel: 'Cancel Task',
      forceCancelTitle: RE_FORCE_TITLE,
      cancelDisabled: false,
      openConsole: false,
      pin: false,
    });
  });

  it('says a shard\'s status once when its code is the same word ("done", not "done (done)")', () => {
    const t = shardedAction();
    t.shards = [{ shardId: 'redis:3', statusCode: 'done', statusDescription: 'Done' }];
    assert.equal(buildDetailsModel(t, fresh, L, NOW).shards[0]?.status, 'Done');
  });

  // Issue 13: completed steps said "Remaining: 0 s".
  it('gives steps their own progress and remaining time, marks the current one, and shows the overall remaining', () => {
    const m = buildDetailsModel(steppedTask(), fresh, L, NOW);
    assert.equal(m.remaining, '2 min 5 s');
    assert.equal(m.stepsHaveProgress, true);
    assert.deepEqual(
      m.steps.map(s => [s.index, s.name, s.progressText, s.remaining, s.current]),
      [
        [1, 'prepare', '100%', undefined, false],
        [2, 'copy data', '40%', '2 min 5 s', true],
        [3, 'switch', '0%', undefined, false],
      ],
    );
    assert.deepEqual(m.clusters, [], 'steps of a cloud task are steps');
    assert.equal(m.actions.openConsole, true);
    assert.equal(m.actions.cancel, false);
  });

  it('offers no console for a task of an emulated connection (its link would open the real console on ids that do not exist)', () => {
    const m = buildDetailsModel(steppedTask(), { ...fresh, emulated: true }, L, NOW);
    assert.equal(m.actions.openConsole, false);
  });

  it('a step done but still reporting time left, or any step of a finished task, shows no remaining time', () => {
    const t = steppedTask();
    t.steps = [
      { name: 'prepare', progress: 100, remainingSeconds: 12 },
      { name: 'copy data', remainingSeconds: 0 },
    ];
    assert.deepEqual(
      buildDetailsModel(t, fresh, L, NOW).steps.map(s => s.remaining),
      [undefined, undefined],
    );
    const ended = { ...steppedTask(), status: 'failed' as const, providerStatus: 'Failed' };
    const m = buildDetailsModel(ended, fresh, L, NOW);
    assert.deepEqual(
      m.steps.map(s => [s.remaining, s.current]),
      [
        [undefined, false],
        [undefined, false],
        [undefined, false],
      ],
    );
    assert.deepEqual(m.progress, { percent: 60, text: '60%', indeterminate: false }, 'where it stopped');
  });

  it("shows a failed task's errors, its duration, and no cancel or leftover remaining time", () => {
    const m = buildDetailsModel(failedTask(), fresh, L, NOW);
    assert.equal(m.status.text, 'Failed');
    assert.equal(m.status.icon, 'error');
    assert.deepEqual(m.errors, [
      { message: 'Out of memory on node 2', code: 'insufficient_resources', where: 'cluster-east' },
      { message: 'Timed out', code: undefined, where: undefined },
    ]);
    assert.equal(m.remaining, undefined);
    assert.deepEqual(m.actions, {
      cancel: false,
      forceCancel: false,
      cancelLabel: 'Cancel Task',
      forceCancelTitle: RE_FORCE_TITLE,
      cancelDisabled: false,
      openConsole: false,
      pin: false,
    });
    assert.equal(
      m.fields.find(f => f.label === 'Provider status'),
      undefined,
      '"failed" beside "Failed" adds nothing',
    );
    const times = Object.fromEntries(m.times.map(t => [t.label, t.value]));
    assert.equal(times.Started, formatTime(T0, L));
    assert.equal(times.Finished, formatTime(T0 + 3_725_000, L));
    assert.equal(times.Duration, '1 h 2 min');
    assert.ok(m.times.every(t => t.liveSince === undefined));
  });

  // Issue 13: a finished task kept an empty bar with "does not report progress".
  it('shows no progress for a finished task without a percent, nor one that reached 100 %', () => {
    const m = buildDetailsModel(task({ status: 'succeeded', providerStatus: 'completed' }), fresh, L, NOW);
    assert.equal(m.progress, undefined);
    assert.equal(m.status.icon, 'pass');
    assert.equal(m.status.spin, false);
    assert.deepEqual(m.times, []);
    const full = buildDetailsModel(task({ status: 'succeeded', progress: 100 }), fresh, L, NOW);
    assert.equal(full.progress, undefined);
  });

  it("labels the provider's own status word only where it differs from ours, in any case and either language", () => {
    const worded = (status: 'running' | 'succeeded' | 'pending', providerStatus: string, labels = L) =>
      buildDetailsModel(task({ status, providerStatus }), fresh, labels, NOW).fields.find(
        f => f.label === labels.providerStatus,
      )?.value;
    assert.equal(worded('running', 'running'), undefined);
    assert.equal(worded('running', 'RUNNING'), undefined);
    assert.equal(worded('running', ''), undefined);
    assert.equal(worded('succeeded', 'succeed'), 'succeed');
    assert.equal(worded('pending', 'Waiting'), 'Waiting');
    const chinese = { ...L, statusRunning: '运行中', providerStatus: '提供方状态' };
    assert.equal(worded('running', 'running', chinese), undefined, 'not "运行中" and then "running"');
    assert.equal(worded('running', '运行中', chinese), undefined);
    const m = buildDetailsModel(task({ status: 'running', providerStatus: 'running' }), fresh, L, NOW);
    assert.deepEqual(
      m.fields.filter(f => /running/i.test(f.value)),
      [],
      'the status is the header, and nowhere else',
    );
  });

  // Issue 13: after a cancel the panel said "Running" with Force Cancel still enabled.
  it('says "Cancelling…" as its status while a cancel is on its way, with both cancel buttons disabled', () => {
    const m = buildDetailsModel(
      crdbTask(),
      { ...fresh, stale: true, cancelling: true, error: 'Connection refused' },
      L,
      NOW,
    );
    assert.equal(m.status.text, 'Cancelling…');
    assert.equal(m.status.icon, 'loading');
    assert.equal(m.status.spin, true);
    assert.deepEqual(
      m.banners.map(b => [b.kind, b.text]),
      [['stale', 'Showing the last known data: Connection refused']],
      'no banner repeating "Cancelling…"',
    );
    assert.equal(m.actions.cancelDisabled, true);
    assert.equal(m.actions.cancel, true);
    assert.equal(m.actions.forceCancel, true);
    const ended = buildDetailsModel({ ...crdbTask(), status: 'canceled' }, { ...fresh, cancelling: true }, L, NOW);
    assert.equal(ended.status.text, 'Canceled', 'the end wins over a mark not yet cleared');
    assert.equal(ended.actions.cancel, false);
  });

  // Issue 13: an accepted cancel that never ends the task read "Cancelling…" forever.
  it('long after an accepted cancel, still running: the provider status, when it was asked, and the buttons back', () => {
    const requested = T0 + 30_000;
    const m = buildDetailsModel(crdbTask(), { ...fresh, cancelRequestedAt: requested }, L, NOW);
    assert.equal(m.status.text, 'Running');
    assert.equal(m.status.icon, 'sync');
    assert.deepEqual(
      m.banners.map(b => [b.kind, b.icon, b.text]),
      [
        [
          'cancel',
          'warning',
          `A cancel was requested at ${formatTime(requested, L)} and accepted, but the task is still running. You can cancel it again.`,
        ],
      ],
    );
    assert.equal(m.actions.cancelDisabled, false);
    assert.equal(m.actions.cancel, true);
    assert.equal(m.actions.forceCancel, true);
    const ended = buildDetailsModel(
      { ...crdbTask(), status: 'failed' },
      { ...fresh, cancelRequestedAt: requested },
      L,
      NOW,
    );
    assert.deepEqual(ended.banners, [], 'a task that ended needs no word about the cancel');
  });

  // Issue 17: an AWS service update is stopped, not "canceled" in Redis Enterprise's words.
  it("names the cancel button in the task's provider's words: Stop Update for AWS, Cancel Task elsewhere", () => {
    const update = task({
      provider: 'aws',
      kind: 'cloud-task',
      name: 'Service update elasticache-20261115-001',
      capabilities: { cancel: true, forceCancel: false },
    });
    const m = buildDetailsModel(update, fresh, L, NOW);
    assert.equal(m.actions.cancel, true);
    assert.equal(m.actions.forceCancel, false);
    assert.equal(m.actions.cancelLabel, 'Stop Update');
    assert.equal(buildDetailsModel(crdbTask(), fresh, L, NOW).actions.cancelLabel, 'Cancel Task');
    const alibaba = buildDetailsModel(task({ provider: 'alibaba' }), fresh, L, NOW);
    assert.equal(alibaba.actions.cancelLabel, L.cancel, 'a provider without words of its own gets the plain ones');
    assert.equal(alibaba.actions.forceCancelTitle, L.forceCancelTitle);
    // The words are the translated ones the labels carry, not the descriptor's English.
    const chinese = { ...L, providerCancel: { ...L.providerCancel, aws: { cancel: '停止更新' } } };
    assert.equal(buildDetailsModel(update, fresh, chinese, NOW).actions.cancelLabel, '停止更新');
  });

  // Issue 17: MemoryDB has no call that stops a service update; its details offer none.
  it('a MemoryDB service update offers no cancel at all, and says why it runs', () => {
    const update = serviceUpdateTask(
      {
        ClusterName: 'audit-log',
        ServiceUpdateName: 'memorydb-20261120-001',
        Status: 'in-progress',
        NodesUpdated: '1/3',
        Description: 'Valkey 7.3 security patch',
        ReleaseDate: T0 / 1000,
      },
      { connectionId: 'c', region: 'us-east-1', group: 'us-east-1/mdb/audit-log' },
      0,
    )!;
    const m = buildDetailsModel(update, fresh, L, NOW);
    assert.equal(m.actions.cancel, false);
    assert.equal(m.actions.forceCancel, false);
    assert.equal(m.progress?.text, fill(L.percent, 33.3));
    assert.deepEqual(
      m.fields.find(f => f.label === L.reason),
      { label: L.reason, value: 'Valkey 7.3 security patch' },
    );
    // The release date is a step with a date, written in the reader's locale as the panel's other times are.
    assert.deepEqual(
      m.steps.map(s => [s.name, s.detail]),
      [['release date', formatTime(T0, L)]],
    );
    assert.doesNotMatch(m.steps[0].detail!, /T\d\d:\d\d:\d\d/, 'not an ISO timestamp');
  });

  it("a step's date degrades alone: out of range it reads as unknown, and the step's own text follows a date", () => {
    const t = steppedTask();
    t.steps = [
      { name: 'dated', at: T0, detail: 'node-1' },
      { name: 'hostile', at: 1e300 },
      { name: 'plain', detail: 'as the server said' },
      { name: 'node done', startedAt: T0, finishedAt: T0 + 60_000 },
      { name: 'node going', startedAt: T0 },
      { name: 'node ended', finishedAt: T0 + 60_000 },
    ];
    assert.deepEqual(
      buildDetailsModel(t, fresh, L, NOW).steps.map(s => s.detail),
      [
        `${formatTime(T0, L)} · node-1`,
        L.statusUnknown,
        'as the server said',
        fill(L.stepStartedEnded, formatTime(T0, L), formatTime(T0 + 60_000, L)),
        fill(L.stepStarted, formatTime(T0, L)),
        fill(L.stepEnded, formatTime(T0 + 60_000, L)),
      ],
    );
    assert.equal(L.stepStartedEnded, 'started {0}, ended {1}');
  });

  // Issue 17: after Stop Update, the panel said "Cancelling…" and, ten minutes on, "A cancel was requested".
  it('an AWS update on its way to stop says "Stopping…", and later "A stop was requested"; Redis Enterprise keeps its words', () => {
    const update = task({
      provider: 'aws',
      kind: 'cloud-task',
      name: 'Service update elasticache-20261115-001',
      capabilities: { cancel: true, forceCancel: false },
    });
    const stopping = buildDetailsModel(update, { ...fresh, cancelling: true }, L, NOW);
    assert.equal(stopping.status.text, 'Stopping…');
    assert.equal(stopping.status.icon, 'loading');
    assert.equal(stopping.actions.cancelDisabled, true);
    assert.equal(stopping.actions.cancelLabel, 'Stop Update');
    const requested = T0 + 30_000;
    const unanswered = buildDetailsModel(update, { ...fresh, cancelRequestedAt: requested }, L, NOW);
    assert.deepEqual(
      unanswered.banners.map(b => [b.kind, b.text]),
      [
        [
          'cancel',
          `A stop was requested at ${formatTime(requested, L)} and accepted, but the service update is still running. You can stop it again.`,
        ],
      ],
    );
    assert.equal(buildDetailsModel(crdbTask(), { ...fresh, cancelling: true }, L, NOW).status.text, 'Cancelling…');
    assert.match(
      buildDetailsModel(crdbTask(), { ...fresh, cancelRequestedAt: requested }, L, NOW).banners[0].text,
      /^A cancel was requested at /,
    );
    assert.equal(
      buildDetailsModel(task({ provider: 'alibaba' }), { ...fresh, cancelling: true }, L, NOW).status.text,
      'Cancelling…',
    );
    // The translated words the labels carry, not the descriptor's English.
    const chinese = {
      ...L,
      providerCancel: {
        ...L.providerCancel,
        aws: { cancel: '停止更新', inProgress: '正在停止…', unanswered: '已于 {0} 请求停止' },
      },
    };
    assert.equal(buildDetailsModel(update, { ...fresh, cancelling: true }, chinese, NOW).status.text, '正在停止…');
    assert.equal(
      buildDetailsModel(update, { ...fresh, cancelRequestedAt: requested }, chinese, NOW).banners[0].text,
      `已于 ${formatTime(requested, L)} 请求停止`,
    );
  });

  it('offers Keep Open in the preview panel only', () => {
    assert.equal(buildDetailsModel(crdbTask(), { ...fresh, preview: true }, L, NOW).actions.pin, true);
    assert.equal(buildDetailsModel(crdbTask(), fresh, L, NOW).actions.pin, false);
    assert.equal(buildPlaceholderModel('c', 't', { ...fresh, preview: true }, L, NOW).actions.pin, true);
  });

  it('shows an error banner when the data is not stale', () => {
    const m = buildDetailsModel(crdbTask(), { ...fresh, error: 'Cancel failed (409)' }, L, NOW);
    assert.deepEqual(
      m.banners.map(b => [b.kind, b.text]),
      [['error', 'Cancel failed (409)']],
    );
    const stale = buildDetailsModel(crdbTask(), { ...fresh, stale: true }, L, NOW);
    assert.equal(stale.banners[0]?.text, 'Showing the last known data: the task could not be refreshed.');
  });

  it('pretty-prints the raw payload', () => {
    const m = buildDetailsModel(crdbTask(), fresh, L, NOW);
    assert.equal(m.raw?.text, JSON.stringify(crdbTask().raw, null, 2));
    assert.equal(m.raw?.truncated, false);
  });

  it('cuts a raw payload over the limit and says so', () => {
    const raw = { blob: 'x'.repeat(RAW_JSON_LIMIT + 5000) };
    const m = buildDetailsModel(task({ raw }), fresh, L, NOW);
    assert.equal(m.raw?.truncated, true);
    assert.equal(m.raw?.text.length, RAW_JSON_LIMIT);
    assert.match(m.raw?.note ?? '', /^Showing the first 200 KB of 205 KB\.$/);
  });

  it('survives payloads JSON cannot print', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    assert.equal(buildDetailsModel(task({ raw: cyclic }), fresh, L, NOW).raw?.text, '[object Object]');
    assert.equal(buildDetailsModel(task({ raw: { n: 10n } }), fresh, L, NOW).raw?.text, '{\n  "n": "10"\n}');
    assert.equal(buildDetailsModel(task({ raw: undefined }), fresh, L, NOW).raw?.text, 'undefined');
  });

  it('passes hostile server text through untouched: the script shows it with textContent, never as HTML', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const m = buildDetailsModel(task({ name: evil, errors: [{ message: evil }], providerStatus: evil }), fresh, L, NOW);
    assert.equal(m.name, evil);
    assert.equal(m.errors[0]?.message, evil);
    assert.equal(m.fields.find(f => f.label === 'Provider status')?.value, evil);
  });

  it('uses the labels it is given for every word', () => {
    const german = { ...L, statusRunning: 'Läuft', percent: '{0} %', progress: 'Fortschritt' };
    const m = buildDetailsModel(shardedAction(), fresh, german, NOW);
    assert.equal(m.status.text, 'Läuft');
    assert.equal(m.progress?.text, '42.3 %');
    assert.equal(m.labels, german);
  });
});

describe('details: buildPlaceholderModel', () => {
  it('shows the task id while loading, with no actions but Copy ID and Refresh', () => {
    const m = buildPlaceholderModel('conn-1', 't-9', fresh, L, NOW);
    assert.equal(m.loaded, false);
    assert.equal(m.name, 'Loading task t-9…');
    assert.equal(m.status.spin, true);
    assert.deepEqual(m.actions, {
      cancel: false,
      forceCancel: false,
      cancelLabel: 'Cancel Task',
      forceCancelTitle: L.forceCancelTitle,
      cancelDisabled: true,
      openConsole: false,
      pin: false,
    });
    assert.equal(m.raw, undefined);
  });

  it('stops spinning and shows the error when the task cannot be fetched', () => {
    const m = buildPlaceholderModel('conn-1', 't-9', { ...fresh, error: 'Task not found' }, L, NOW);
    assert.equal(m.status.spin, false);
    assert.deepEqual(
      m.banners.map(b => b.text),
      ['Task not found'],
    );
  });
});

describe('details: formatting', () => {
  it('formats durations in the largest two units', () => {
    assert.equal(formatDuration(0, L), '0 s');
    assert.equal(formatDuration(59.9, L), '59 s');
    assert.equal(formatDuration(60, L), '1 min 0 s');
    assert.equal(formatDuration(3599, L), '59 min 59 s');
    assert.equal(formatDuration(7260, L), '2 h 1 min');
    assert.equal(formatDuration(90_000, L), '1 d 1 h');
    assert.equal(formatDuration(-5, L), '0 s');
  });

  it('fills numbered placeholders and leaves unknown ones', () => {
    assert.equal(fill('{0} of {1} ({2})', 'a', 3), 'a of 3 ({2})');
  });

  it('falls back to ISO when the locale tag is invalid', () => {
    assert.equal(formatTime(T0, { ...L, locale: 'not a locale!!' }), new Date(T0).toISOString());
  });
});

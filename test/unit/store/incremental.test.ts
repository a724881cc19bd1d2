import * as assert from 'node:assert/strict';
import { TaskStore, compareTasks, type StoreChange } from '../../../src/core/store';
import type { Task } from '../../../src/core/task';
import { setSliceBudget } from '../../../src/core/slices';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sameTaskView, taskView } from '../../../src/core/taskView';
import { computeOrder, computeOrderSliced } from '../../../src/core/order';
import { TASK_STATUSES } from '../../../src/core/task';
import { snapshot, task } from './fixtures';

/** A small deterministic generator: the same "random" pages on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** The order the store promised before it merged pages: every task of the group, fully sorted. */
function fullOrder(store: TaskStore, connectionId: string, groupId: string): string[] {
  return store
    .allTasks(connectionId)
    .filter(t => t.group === groupId)
    .sort(compareTasks)
    .map(t => t.id);
}

describe('TaskStore: comparing what a row shows', () => {
  it('sameTaskView says equal exactly when every shown field is equal, whatever the objects and key order', () => {
    const steps = () => [{ name: 's', progress: 10 }];
    const target = () => ({ id: 'bdb:1', name: 'orders' });
    const a = task('1', { steps: steps(), target: target() });
    // [why, the change, whether the row still looks the same]
    const variants: Array<[string, Partial<Task>, boolean]> = [
      ['same values, new objects', { steps: steps(), target: target() }, true],
      // Not a value a provider gives (progress is a number or absent): told apart, at worst one redraw too many.
      ['progress undefined vs null', { progress: null as unknown as number, steps: steps(), target: target() }, false],
      ['NaN progress vs none', { progress: NaN, steps: steps(), target: target() }, false],
      [
        'a key present as undefined vs absent',
        {
          steps: [{ name: 's', progress: 10, detail: undefined }],
          target: { id: 'bdb:1', name: 'orders', type: undefined },
        },
        true,
      ],
      ['a step progress changed', { steps: [{ name: 's', progress: 11 }], target: target() }, false],
      ['a step more', { steps: [...steps(), { name: 't' }], target: target() }, false],
      [
        'target keys in another order (drawn the same)',
        { steps: steps(), target: { name: 'orders', id: 'bdb:1' } },
        true,
      ],
      ['target renamed', { steps: steps(), target: { id: 'bdb:1', name: 'billing' } }, false],
      ['no target', { steps: steps(), target: undefined }, false],
      [
        'number vs numeric string',
        { startedAt: String(a.startedAt) as unknown as number, steps: steps(), target: target() },
        false,
      ],
      ['status changed', { status: 'succeeded', steps: steps(), target: target() }, false],
      ['an error added', { errors: [{ message: 'x' }], steps: steps(), target: target() }, false],
      ['a shard added', { shards: [{ shardId: '1' }], steps: steps(), target: target() }, false],
      [
        'capability changed',
        { capabilities: { cancel: false, forceCancel: true }, steps: steps(), target: target() },
        false,
      ],
      ['a start reason given', { reason: '小版本升级', steps: steps(), target: target() }, false],
      ['only raw changed (not shown)', { raw: { other: true }, steps: steps(), target: target() }, true],
    ];
    for (const [why, over, same] of variants) {
      const b = task('1', over);
      assert.equal(sameTaskView(a, b), same, why);
      assert.equal(sameTaskView(b, a), same, `${why} (reversed)`);
    }
  });

  it('sameTaskView is the deep comparison of the two taskView lists, without making them', () => {
    // Few values per field, so that equal and unequal pairs are both common.
    const value = fc.constantFrom<unknown>(undefined, null, 0, -0, 1, NaN, '', 'a', '1', true, false, { a: 1 });
    const step = fc.record({ name: fc.constantFrom('s', 't'), progress: value, detail: value }, { requiredKeys: [] });
    const shard = fc.record({ shardId: fc.constantFrom('1', '2'), progress: value }, { requiredKeys: [] });
    const problem = fc.record({ message: fc.constantFrom('x', 'y'), code: value }, { requiredKeys: [] });
    const variant = fc.record(
      {
        name: value,
        status: fc.constantFrom('running', 'succeeded'),
        progress: value,
        startedAt: value,
        reason: value,
        target: fc.option(fc.record({ id: value, name: value }, { requiredKeys: [] }), { nil: undefined }),
        capabilities: fc.record({ cancel: fc.boolean(), forceCancel: fc.boolean(), consoleUrl: value }),
        steps: fc.array(step, { maxLength: 2 }),
        shards: fc.array(shard, { maxLength: 2 }),
        errors: fc.array(problem, { maxLength: 1 }),
        raw: value,
      },
      { requiredKeys: ['status', 'capabilities', 'steps', 'shards', 'errors'] },
    );
    let equal = 0;
    const field = fc.constantFrom('name', 'progress', 'startedAt', 'reason', 'raw', 'target');
    // A second version: another task, or a copy of the first with at most one field changed.
    const pair = variant.chain(x =>
      fc.tuple(
        fc.constant(x),
        fc.oneof(
          variant,
          fc.tuple(field, value, fc.boolean()).map(([k, v, change]) => {
            const y: Record<string, unknown> = structuredClone(x);
            if (change) y[k] = k === 'target' ? { id: v } : v;
            return y as typeof x;
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(pair, ([x, y]) => {
        const a = task('1', x as Partial<Task>);
        const b = task('1', y as Partial<Task>);
        const expected = isDeepStrictEqual(taskView(a), taskView(b));
        if (expected) equal++;
        assert.equal(sameTaskView(a, b), expected);
        assert.equal(sameTaskView(a, { ...a, steps: a.steps.map(z => ({ ...z })) }), true);
      }),
      { numRuns: 2000 },
    );
    assert.ok(equal > 0, 'some pairs were equal');
  });

  it('two step lists that flatten alike are still told apart', () => {
    // One step with every field vs two: the list's length comes first, so the flat views differ.
    const one = task('1', { steps: [{ name: 'a', progress: 1, remainingSeconds: 2, detail: 'b' }] });
    const two = task('1', { steps: [{ name: 'a', progress: 1 }, { name: 'b' }] });
    assert.equal(sameTaskView(one, two), false);
    // A missing target vs an empty one.
    assert.equal(sameTaskView(task('1', { target: undefined }), task('1', { target: {} as never })), false);
  });

  it('the same snapshot object applied twice emits nothing', () => {
    const store = new TaskStore();
    const snap = snapshot([task('1'), task('2')]);
    store.applySnapshot('c1', snap);
    const events: StoreChange[] = [];
    store.onDidChange(e => events.push(e));
    store.applySnapshot('c1', snap);
    assert.equal(events.length, 0);
  });
});

describe('TaskStore: pages merged into the order', () => {
  it('after every page, each group is in exactly the fully sorted order', () => {
    const random = rng(7);
    const statuses = ['running', 'pending', 'succeeded', 'failed', 'paused'] as const;
    const store = new TaskStore();
    const make = (i: number) =>
      task(`t${i}`, {
        group: random() < 0.8 ? 'crdb' : 'actions',
        status: statuses[Math.floor(random() * statuses.length)],
        // Some ties and some missing start times, so the id tie-break and -Infinity are exercised.
        startedAt: random() < 0.1 ? undefined : 1_700_000_000_000 + Math.floor(random() * 50) * 1000,
      });
    store.applySnapshot(
      'c1',
      snapshot(
        Array.from({ length: 30 }, (_, i) => make(i)),
        { crdb: 'p2' },
      ),
    );
    for (let page = 0; page < 25; page++) {
      const tasks: Task[] = [];
      for (let k = 0; k < 20; k++) {
        // Mostly new tasks; some already known (updated, possibly moved to the other group or re-sorted), a few twice.
        const r = random();
        const i = r < 0.7 ? 1000 + page * 20 + k : Math.floor(random() * (1000 + page * 20));
        tasks.push(make(i));
        if (r > 0.97) tasks.push(make(i));
      }
      store.appendPage('c1', 'crdb', tasks, page < 24 ? `p${page + 3}` : undefined);
      for (const g of ['crdb', 'actions']) {
        assert.deepEqual(
          store.tasksOf('c1', g).map(t => t.id),
          fullOrder(store, 'c1', g),
          `group ${g} after page ${page}`,
        );
      }
    }
  });

  it('pages newest first, as providers send them, append in exactly the fully sorted order', () => {
    const store = new TaskStore();
    // Finished tasks, each page older than the last, several per page and with equal start times (the id decides).
    const make = (i: number) =>
      task(`t${1000 - i}`, { status: 'succeeded', startedAt: 1_700_000_000_000 - Math.floor(i / 3) * 1000 });
    const page = (p: number) => Array.from({ length: 7 }, (_, k) => make(p * 7 + k));
    store.applySnapshot('c1', snapshot(page(0), { crdb: 'p1' }));
    for (let p = 1; p < 20; p++) {
      store.appendPage('c1', 'crdb', page(p), p < 19 ? `p${p + 1}` : undefined);
      assert.deepEqual(
        store.tasksOf('c1', 'crdb').map(t => t.id),
        fullOrder(store, 'c1', 'crdb'),
        `after page ${p}`,
      );
    }
    assert.equal(store.tasksOf('c1', 'crdb').length, 140);
  });

  it('names a group whose order changed, and one that lost its last task', () => {
    const store = new TaskStore();
    store.applySnapshot(
      'c1',
      snapshot([task('1', { group: 'crdb' }), task('2', { group: 'actions', status: 'succeeded' })]),
    );
    const events: StoreChange[] = [];
    store.onDidChange(e => events.push(e));
    // Task 2 moves from "actions" (which becomes empty) to "crdb".
    store.appendPage('c1', 'crdb', [task('2', { group: 'crdb', status: 'succeeded' })], undefined);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].groups.map(g => g.groupId).sort(), ['actions', 'crdb']);
    assert.deepEqual(events[0].tasks, [{ connectionId: 'c1', taskId: '2' }]);
    assert.deepEqual(store.tasksOf('c1', 'actions'), []);
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['1', '2'],
    );
  });

  it('an unchanged page changes no order and names only its own group (its "Load more" row)', () => {
    const store = new TaskStore();
    const tasks = [task('1', { status: 'succeeded' }), task('2', { status: 'succeeded' })];
    store.applySnapshot('c1', snapshot([...tasks, task('3', { group: 'actions' })], { crdb: 'p2' }));
    const events: StoreChange[] = [];
    store.onDidChange(e => events.push(e));
    store.appendPage(
      'c1',
      'crdb',
      tasks.map(t => ({ ...t, raw: { fresh: true } })),
      'p3',
    );
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].groups, [{ connectionId: 'c1', groupId: 'crdb' }]);
    assert.deepEqual(events[0].tasks, []);
  });

  it('upsertTask places one task by merge, also into a group not shown yet', () => {
    const store = new TaskStore();
    store.applySnapshot('c1', snapshot([task('1'), task('5', { status: 'succeeded' }), task('9')]));
    store.upsertTask(task('7', { status: 'succeeded' }));
    store.upsertTask(task('1', { status: 'failed' }));
    store.upsertTask(task('4', { group: 'other' }));
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      fullOrder(store, 'c1', 'crdb'),
    );
    assert.deepEqual(
      store.tasksOf('c1', 'crdb').map(t => t.id),
      ['9', '7', '5', '1'],
    );
    assert.deepEqual(
      store.tasksOf('c1', 'other').map(t => t.id),
      ['4'],
    );
  });
});

describe('TaskStore: a long snapshot compared in slices (issue 16)', () => {
  const N = 700; // more than a few checkpoints
  const sorted = (c: StoreChange) => ({
    ...c,
    tasks: c.tasks.map(t => t.taskId).sort(),
    removed: c.removed.map(t => t.taskId).sort(),
  });

  it('applySnapshotSliced changes the store and names the changes exactly as applySnapshot does', async () => {
    const random = rng(16);
    const first = Array.from({ length: N }, (_, i) => task(String(i), { progress: 10 }));
    const next = () =>
      first
        .filter(() => random() > 0.05)
        .map(t => (random() < 0.2 ? { ...t, progress: 50, status: random() < 0.5 ? 'succeeded' : t.status } : { ...t }))
        .concat([task('new-1'), task('new-2')]);
    for (let round = 0; round < 5; round++) {
      const a = new TaskStore(() => 0);
      const b = new TaskStore(() => 0);
      a.applySnapshot('c1', snapshot(first));
      await b.applySnapshotSliced('c1', snapshot(first));
      const tasks = next();
      const expected = a.applySnapshot('c1', snapshot(tasks));
      const got = await b.applySnapshotSliced('c1', snapshot(tasks.map(t => ({ ...t }))));
      assert.deepEqual(sorted(got), sorted(expected));
      assert.ok(got.tasks.length > 0 && got.tasks.length < N, 'some tasks changed, not all');
      assert.deepEqual(b.tasksOf('c1', 'crdb'), a.tasksOf('c1', 'crdb'));
    }
  });

  it('the order sorted in slices is exactly the one sorted at once, across runs and groups', async () => {
    const restore = setSliceBudget(0);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              group: fc.constantFrom('a', 'b', 'c'),
              status: fc.constantFrom(...TASK_STATUSES),
              startedAt: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
            }),
            { maxLength: 1300 },
          ),
          async rows => {
            const tasks = rows.map((r, i) => task(`t${i}`, r));
            assert.deepEqual(await computeOrderSliced(tasks), computeOrder(tasks));
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      restore();
    }
  });

  it('a snapshot that lists an id twice is ordered as applySnapshot orders it', async () => {
    const a = new TaskStore(() => 0);
    const b = new TaskStore(() => 0);
    const list = [task('1'), task('2'), task('1', { startedAt: 5, status: 'succeeded' }), task('3')];
    a.applySnapshot('c1', snapshot(list));
    await b.applySnapshotSliced('c1', snapshot(list));
    assert.deepEqual(
      b.tasksOf('c1', 'crdb').map(t => t.id),
      a.tasksOf('c1', 'crdb').map(t => t.id),
    );
    assert.equal(b.tasksOf('c1', 'crdb').length, 3);
  });

  it('a task replaced while the slices run (fetched by id) is compared again at the commit, not trusted', async () => {
    const store = new TaskStore(() => 0);
    const first = Array.from({ length: N }, (_, i) => task(String(i), { progress: 10 }));
    store.applySnapshot('c1', snapshot(first));
    const again = first.map(t => ({ ...t }));
    // No budget: the slices give the loop a turn after the second checkpoint, whatever the machine's speed.
    const restore = setSliceBudget(0);
    const pending = store.applySnapshotSliced('c1', snapshot(again));
    // Runs in the first turn the slices give away: the compared-against version of task 5 is gone.
    await new Promise(resolve => setImmediate(resolve));
    store.upsertTask({ ...first[5], progress: 90 });
    const change = await pending.finally(restore);
    assert.deepEqual(
      change.tasks.map(t => t.taskId),
      ['5'],
      'the list brought task 5 back to 10 %: that row changes again, nothing else',
    );
    assert.equal(store.task('c1', '5')?.progress, 10);
  });
});

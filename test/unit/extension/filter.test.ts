import './fakeVscode';
import * as assert from 'node:assert/strict';
import { TaskStore } from '../../../src/core/store';
import type { TaskQuery } from '../../../src/core/task';
import { type FilterItem, filterItems, stateFromPicks } from '../../../src/extension/commands/filter';
import { FilterController } from '../../../src/extension/filterController';
import { EMPTY_FILTER, filterMessage, parseFilterState, toQuery } from '../../../src/extension/taskFilter';
import { TaskTypeCatalog } from '../../../src/extension/taskTypeCatalog';
import { snapshot, task } from './fixtures';

const HOUR = 3600_000;

function storeWithTypes(): TaskStore {
  const store = new TaskStore(() => 0);
  store.ensureConnection('c1');
  store.applySnapshot(
    'c1',
    snapshot([
      task('1', { type: 'SMUpdateBDB', name: 'Update database', kind: 'action', group: 'actions' }),
      task('2', { type: 'create_crdb', name: 'Create Active-Active database' }),
    ]),
  );
  store.ensureConnection('c2');
  store.applySnapshot('c2', {
    groups: [{ id: 'i1', label: 'cache-1', kind: 'instance' }],
    tasks: [
      // Two codes of Alibaba's two task APIs under one readable name: one choice.
      task('a', { source: 'c2', provider: 'alibaba', group: 'i1', type: 'CreateIns', name: 'Create instance' }),
      task('b', { source: 'c2', provider: 'alibaba', group: 'i1', type: 'CreateInstance', name: 'Create instance' }),
    ],
    more: {},
  });
  return store;
}

class Memory {
  data = new Map<string, unknown>();
  get(k: string): unknown {
    return this.data.get(k);
  }
  async update(k: string, v: unknown): Promise<void> {
    this.data.set(k, JSON.parse(JSON.stringify(v)));
  }
}

const labels = (items: FilterItem[], pred: (i: FilterItem) => boolean) => items.filter(pred).map(i => i.label);

describe('Filter Tasks in one step', () => {
  it('one list: statuses, windows and readable type names under a separator per provider, in the tree order; no provider code shows', () => {
    const types = new TaskTypeCatalog(storeWithTypes()).choices();
    const items = filterItems(EMPTY_FILTER, types);
    assert.deepEqual(
      labels(items, i => i.role === 'separator'),
      ['Status', 'Started within', 'Task type · Redis Enterprise', 'Task type · Alibaba Cloud'],
    );
    assert.deepEqual(
      labels(items, i => i.role === 'type'),
      ['Create Active-Active database', 'Update database', 'Create instance'],
    );
    for (const i of items)
      assert.doesNotMatch(`${i.label} ${i.description ?? ''}`, /SMUpdateBDB|create_crdb|CreateIns/);
    assert.equal(items.filter(i => i.picked).length, 0);
  });

  it('the current filter is checked, and picking it again gives the same filter back', () => {
    const types = new TaskTypeCatalog(storeWithTypes()).choices();
    const state = {
      statuses: ['running', 'failed'] as const,
      types: ['CreateIns', 'CreateInstance'],
      windowMs: 24 * HOUR,
    };
    const items = filterItems({ ...state, statuses: [...state.statuses], hideFinished: false }, types);
    const picked = items.filter(i => i.picked);
    assert.deepEqual(
      picked.map(i => i.label),
      ['Running', 'Failed', 'Last 24 hours', 'Create instance'],
    );
    assert.deepEqual(stateFromPicks(picked), {
      statuses: ['running', 'failed'],
      types: ['CreateIns', 'CreateInstance'],
      windowMs: 24 * HOUR,
    });
  });

  it('a type from an earlier session that no task showed yet stays checked rather than silently dropped', () => {
    const items = filterItems({ ...EMPTY_FILTER, types: ['SMReshardBDB'] }, []);
    const type = items.find(i => i.role === 'type');
    assert.equal(type?.picked, true);
    assert.deepEqual(stateFromPicks(items.filter(i => i.picked)).types, ['SMReshardBDB']);
  });

  it('several windows checked mean the widest; nothing checked means no filter', () => {
    const items = filterItems(EMPTY_FILTER, []);
    const windows = items.filter(i => i.role === 'window');
    assert.equal(stateFromPicks([windows[0], windows[2]]).windowMs, 7 * 24 * HOUR);
    assert.deepEqual(stateFromPicks([]), { statuses: [], types: [], windowMs: undefined });
  });
});

describe('the filter as a query and as the view message', () => {
  it('hide finished keeps only unfinished statuses, intersected with the chosen ones', () => {
    assert.deepEqual(toQuery(EMPTY_FILTER), {});
    assert.deepEqual(toQuery({ ...EMPTY_FILTER, hideFinished: true }).statuses, [
      'pending',
      'running',
      'paused',
      'interrupted',
      'unknown',
    ]);
    assert.deepEqual(toQuery({ ...EMPTY_FILTER, statuses: ['running', 'failed'], hideFinished: true }).statuses, [
      'running',
    ]);
    const q: TaskQuery = toQuery({ ...EMPTY_FILTER, statuses: ['succeeded'], types: ['x'], hideFinished: true });
    assert.ok(!q.statuses?.includes('succeeded'));
    assert.deepEqual(q.types, ['x']);
  });

  it('says what is filtered, in readable words; nothing when nothing is', () => {
    const name = (c: string) => ({ SMUpdateBDB: 'Update database' })[c] ?? c;
    assert.equal(filterMessage(EMPTY_FILTER, name), undefined);
    assert.equal(
      filterMessage({ ...EMPTY_FILTER, statuses: ['running', 'failed'], windowMs: 24 * HOUR }, name),
      'Filtered: Running, Failed · last 24 h',
    );
    assert.equal(
      filterMessage({ ...EMPTY_FILTER, types: ['SMUpdateBDB'], hideFinished: true }, name),
      'Filtered: Update database · finished hidden',
    );
    assert.equal(filterMessage({ ...EMPTY_FILTER, types: ['a', 'b', 'c'] }, name), 'Filtered: 3 task types');
    assert.equal(filterMessage({ ...EMPTY_FILTER, hideFinished: true }, name), 'Finished tasks are hidden.');
  });

  it('a stored filter is read defensively: unknown statuses and windows are dropped', () => {
    assert.deepEqual(
      parseFilterState({ statuses: ['running', 'bogus'], types: ['x', 3], windowMs: 5, hideFinished: 1 }),
      {
        statuses: ['running'],
        types: ['x'],
        windowMs: undefined,
        hideFinished: false,
      },
    );
    assert.deepEqual(parseFilterState(undefined), EMPTY_FILTER);
  });
});

describe('FilterController', () => {
  it('hands the service the query, persists it, and a new window starts with it', async () => {
    const memory = new Memory();
    const sent: { q: TaskQuery; w?: number }[] = [];
    const target = { setQuery: (q: TaskQuery, w?: number) => void sent.push({ q, w }) };
    const store = storeWithTypes();
    const a = new FilterController(memory, target, store);
    assert.deepEqual(sent, [{ q: {}, w: undefined }]);
    await a.set({ statuses: ['running'], types: ['SMUpdateBDB'], windowMs: HOUR });
    await a.setHideFinished(true);
    assert.equal(a.isFiltered(), true);
    assert.equal(a.message(), 'Filtered: Running · Update database · last hour · finished hidden');

    sent.length = 0;
    const b = new FilterController(memory, target, store);
    assert.deepEqual(sent, [{ q: { statuses: ['running'], types: ['SMUpdateBDB'] }, w: HOUR }]);
    assert.equal(b.hideFinished, true);
    await b.clear();
    assert.equal(b.isFiltered(), false);
    assert.equal(b.hideFinished, true, 'Clear Filter leaves the hide-finished toggle as it is');
    assert.equal(b.message(), 'Finished tasks are hidden.');
    a.dispose();
    b.dispose();
  });

  it('remembers the types it has seen, so a type filtered away is still offered', () => {
    const store = storeWithTypes();
    const c = new FilterController(new Memory(), { setQuery: () => undefined }, store);
    store.applySnapshot('c1', snapshot([task('9', { type: 'SMReshardBDB', name: 'Reshard database' })]));
    const names = c.types.choices().map(t => t.name);
    assert.ok(names.includes('Reshard database'), names.join());
    assert.ok(names.includes('Update database'), 'a type no longer listed is still a choice');
    c.dispose();
  });
});

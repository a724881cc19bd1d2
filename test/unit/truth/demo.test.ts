import '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { isActive, type Task } from '../../../src/core/task';
import { allModules } from '../../../src/emulator/modules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createSource } from '../../../src/providers';
import { ViewInvariants } from './invariants';
import { Rig } from './rig';

/**
 * Issue 12, "invariant tests over time": the demo emulator on its manual clock, watched for simulated hours through
 * the views a person sees, refreshed at the poller's active interval. After every step the drawn tree, the status
 * bar and the badge are checked against what the providers answered (see invariants.ts).
 */

const HOUR = 3600_000;
const COLLECT = process.env.TRUTH_COLLECT === '1';
const STEP_MS = 10_000;

function connectionsOf(emu: RunningEmulator): { config: ConnectionConfig; secret: string }[] {
  const out = emu.connections().map(i => ({
    config: {
      id: `demo-${i.provider}`,
      name: i.name,
      provider: i.provider,
      endpoint: i.endpoint,
      user: i.user,
      region: i.region,
      options: i.options && Object.keys(i.options).length ? { ...i.options } : undefined,
    },
    secret: i.secret,
  }));
  // Redis Cloud's client-side quota runs on real time; simulated hours in seconds would wait on it.
  const cloud = out.find(c => c.config.provider === 'redis-cloud')!;
  cloud.config.options = { ...cloud.config.options, requestsPerMinute: 1_000_000 };
  // The same cluster added twice: its tasks are drawn twice and counted once.
  const re = out.find(c => c.config.provider === 'redis-enterprise')!;
  out.push({ config: { ...re.config, id: 'demo-re-again', name: 'Same cluster again' }, secret: re.secret });
  return out;
}

/** The fields of a row a by-id answer may add to but never take away. */
function lostFields(before: Task, after: Task): string[] {
  const lost: string[] = [];
  const check = (name: string, a: unknown, b: unknown) => {
    if (a !== undefined && a !== '' && (b === undefined || b === '')) lost.push(name);
  };
  check('name', before.name, after.name);
  check('type', before.type, after.type);
  check('target.id', before.target?.id, after.target?.id);
  check('target.name', before.target?.name, after.target?.name);
  check('startedAt', before.startedAt, after.startedAt);
  check('finishedAt', before.finishedAt, after.finishedAt);
  if (before.status === after.status) {
    check('progress', before.progress, after.progress);
    if (before.progress !== undefined && after.progress !== undefined && after.progress < before.progress)
      lost.push(`progress ${before.progress} → ${after.progress}`);
  }
  if (before.steps.length > after.steps.length) lost.push('steps');
  if (before.errors.length > after.errors.length) lost.push('errors');
  if (!isActive(before.status) && isActive(after.status)) lost.push(`status ${before.status} → ${after.status}`);
  return lost;
}

async function play(
  scenario: string,
  hours: number,
): Promise<{ steps: number; rows: number; opened: number; emptyRowsFiltered: number }> {
  const emu = await startEmulator({ modules: allModules(), clock: 'manual', scenario, host: '127.0.0.1', http: true });
  const rig = new Rig({
    connections: connectionsOf(emu),
    createSource,
    clock: emu.context.clock,
    retentionMs: HOUR,
  });
  const invariants = new ViewInvariants(rig);
  let opened = 0;
  // TRUTH_COLLECT=1 counts every kind of problem over the whole run instead of stopping at the first (to see all
  // that is wrong with a version of the code, e.g. the one before issue 12).
  const tally = new Map<string, { count: number; first: string }>();
  const report = (problems: string[], where: string) => {
    if (!COLLECT) return assert.deepEqual(problems.slice(0, 5), [], where);
    for (const p of problems) {
      const kind = /^\[(\w+)\]/.exec(p)?.[1] ?? 'other';
      const t = tally.get(kind) ?? { count: 0, first: `${where}: ${p}` };
      t.count++;
      tally.set(kind, t);
    }
  };
  try {
    await rig.service.refresh();
    const end = emu.context.clock.now() + hours * HOUR;
    let i = 0;
    while (emu.context.clock.now() < end) {
      i++;
      // A person at work: opens a row now and then, closes it later; filters for a while; one cluster fails.
      if (i % 7 === 0) {
        // Each connection in turn, a different row each time.
        const ids = rig.connections.list().map(c => c.id);
        const mine = rig.view.taskRows().filter(r => r.node.task.source === ids[(i / 7) % ids.length]);
        const row = mine[(i * 31) % Math.max(1, mine.length)];
        if (row) {
          const { source, id } = row.node.task;
          const before = rig.store.task(source, id)!;
          await rig.open(source, id);
          opened++;
          const after = rig.store.task(source, id);
          const drawnAfter = rig.view.taskRows().find(r => r.node.task.id === id && r.node.task.source === source);
          const openProblems: string[] = [];
          if (!after) openProblems.push(`[open] opening ${source}/${id} removed its row`);
          else {
            if (drawnAfter && drawnAfter.label !== row.label)
              openProblems.push(`[open] opening ${source}/${id} turned "${row.label}" into "${drawnAfter.label}"`);
            const lost = lostFields(before, after);
            if (lost.length) openProblems.push(`[open] opening ${source}/${id} lost ${lost.join(', ')}`);
          }
          report(openProblems, `opening at step ${i}`);
          if (i % 3 === 0) rig.close(source, id);
        }
      }
      if (i === 120) rig.setFilter({ statuses: ['pending', 'running', 'failed'] }, 24 * HOUR);
      if (i === 200) rig.setFilter({}, undefined);
      if (i === 240) emu.context.faults.set([{ mode: 'unauthorized', provider: 'alibaba' }]);
      if (i === 260) emu.context.faults.clear();
      await rig.step(STEP_MS);
      report(invariants.check(), `step ${i}, ${new Date(emu.context.clock.now()).toISOString()}`);
    }
    if (COLLECT) {
      for (const [kind, t] of tally)
        console.log(`  ${scenario} [${kind}] ×${t.count}, first: ${t.first.slice(0, 300)}`);
      assert.equal(tally.size, 0, 'problems found (listed above)');
    }
    return { steps: invariants.steps, rows: invariants.maxRows, opened, ...invariants.seen };
  } finally {
    rig.dispose();
    await emu.close();
  }
}

describe('the views stay true over time (demo emulator, manual clock)', function () {
  this.timeout(120_000);

  it('demo scenario, two simulated hours: finished tasks stay, ages move, filter holds, counts agree, opening only adds', async () => {
    const r = await play('demo', 2);
    assert.ok(r.steps >= 700, `${r.steps} steps`);
    assert.ok(r.opened > 50, `${r.opened} tasks opened`);
    // The filter of steps 120-200 empties instances (the servers are asked with it): their rows were checked.
    assert.ok(r.emptyRowsFiltered > 0, `${r.emptyRowsFiltered} empty rows seen under the filter`);
  });

  it('old-cluster scenario (no Active-Active list, v1 actions), one simulated hour', async () => {
    const r = await play('old-cluster', 1);
    assert.ok(r.steps >= 350);
  });
});

// Issue 17, MemoryDB service updates: the row a person watches in the drawn tree moves with NodesUpdated and ends in
// place, one row for the one operation, with the view invariants holding after every step.
describe('a MemoryDB service update watched in the tree (AWS demo, manual clock)', function () {
  this.timeout(60_000);

  it('its row progresses 0/3 → 3/3 nodes and ends succeeded, the only row of its cluster', async () => {
    const emu = await startEmulator({ modules: allModules(), clock: 'manual', host: '127.0.0.1', http: true });
    const rig = new Rig({
      connections: connectionsOf(emu).filter(c => c.config.provider === 'aws'),
      createSource,
      clock: emu.context.clock,
      retentionMs: HOUR,
    });
    const invariants = new ViewInvariants(rig);
    const id = 'mupd:us-east-1:audit-log:memorydb-20261120-001';
    try {
      await rig.service.refresh();
      const seen: { status: string; progress?: number; label: string }[] = [];
      for (let i = 0; i < 40; i++) {
        const rows = rig.view.taskRows().filter(r => r.node.task.group === 'us-east-1/mdb/audit-log');
        assert.deepEqual(
          rows.map(r => r.node.task.id),
          [id],
          `step ${i}: one row for the cluster`,
        );
        const t = rows[0].node.task;
        seen.push({ status: t.status, progress: t.progress, label: rows[0].label });
        await rig.step(STEP_MS);
        assert.deepEqual(invariants.check().slice(0, 5), [], `step ${i}`);
      }
      const progress = seen.map(x => x.progress ?? -1);
      assert.deepEqual(
        progress,
        [...progress].sort((a, b) => a - b),
        'progress never goes back',
      );
      assert.deepEqual([...new Set(progress)], [0, 33.3, 66.7, 100]);
      assert.equal(seen[0].status, 'running');
      assert.equal(seen.at(-1)!.status, 'succeeded');
      assert.match(seen[0].label, /MemoryDB service update memorydb-20261120-001/);
    } finally {
      rig.dispose();
      await emu.close();
    }
  });
});

import '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConnectionConfig } from '../../../src/core/connection';
import { Clock } from '../../../src/emulator/clock';
import { ViewInvariants } from './invariants';
import { Rig } from './rig';
import { ScriptedSource, ScriptedWorld, type ScriptedTask, type WorldShape } from './scripted';

/**
 * Issue 12, the randomised scenario: many tasks starting, progressing, finishing, failing and being canceled, on
 * worlds that list like Redis Enterprise (running only) or like the clouds (everything), with or without a by-id
 * call; a person opening, closing, canceling and filtering; a server failing for a while. Simulated hours on the
 * emulator's manual clock, the same invariants after every step as the demo test.
 */

const HOUR = 3600_000;
const SIM_MS = 3 * HOUR;

const taskArb: fc.Arbitrary<ScriptedTask> = fc.record({
  createdAtS: fc.integer({ min: 0, max: 3 * 3600 }),
  queuedS: fc.integer({ min: 0, max: 120 }),
  runS: fc.integer({ min: 5, max: 1800 }),
  outcome: fc.constantFrom('succeeded' as const, 'failed' as const, 'canceled' as const),
});

const shapeArb: fc.Arbitrary<WorldShape> = fc.record({
  listing: fc.constantFrom('running-only' as const, 'all' as const),
  byId: fc.boolean(),
  ttlS: fc.integer({ min: 30, max: 3600 }),
});

type Act =
  | { kind: 'open' | 'close' | 'cancel'; pick: number }
  | {
      kind: 'filter';
      statuses: ('pending' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'ended')[];
      hours?: number;
    }
  | { kind: 'clear' | 'fail' | 'recover' };

const actArb: fc.Arbitrary<Act> = fc.oneof(
  fc.record({ kind: fc.constantFrom('open' as const, 'close' as const, 'cancel' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('filter' as const),
    statuses: fc.subarray(['pending', 'running', 'succeeded', 'failed', 'canceled', 'ended'] as const),
    hours: fc.option(fc.constantFrom(1, 24), { nil: undefined }),
  }),
  fc.record({ kind: fc.constantFrom('clear' as const, 'fail' as const, 'recover' as const) }),
);

const scenarioArb = fc.record({
  worlds: fc.tuple(
    fc.record({ shape: shapeArb, tasks: fc.array(taskArb, { minLength: 5, maxLength: 40 }) }),
    fc.record({ shape: shapeArb, tasks: fc.array(taskArb, { minLength: 5, maxLength: 40 }) }),
  ),
  retentionMinutes: fc.integer({ min: 20, max: 120 }),
  steps: fc.array(
    fc.record({ seconds: fc.integer({ min: 2, max: 90 }), act: fc.option(actArb, { freq: 4, nil: undefined }) }),
    {
      minLength: 300,
      maxLength: 300,
    },
  ),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const seen = { endedRows: 0, unlistedRows: 0, staleRows: 0, runs: 0 };

async function run(s: Scenario): Promise<void> {
  const clock = new Clock('manual');
  const worlds = s.worlds.map(w => new ScriptedWorld(clock.now(), w.tasks, w.shape, () => clock.now()));
  const endpoints = ['https://a.example:9443', 'https://b.example:9443'];
  // Two connections to world A (one cluster added twice), one to world B.
  const configs: ConnectionConfig[] = [
    { id: 'a1', name: 'A', provider: 'redis-enterprise', endpoint: endpoints[0], user: 'u' },
    { id: 'a2', name: 'A again', provider: 'redis-enterprise', endpoint: endpoints[0], user: 'v' },
    { id: 'b', name: 'B', provider: 'redis-enterprise', endpoint: endpoints[1], user: 'u' },
  ];
  const rig = new Rig({
    connections: configs.map(config => ({ config, secret: 'x' })),
    createSource: config => new ScriptedSource(config.id, worlds[endpoints.indexOf(config.endpoint!)]),
    clock,
    retentionMs: s.retentionMinutes * 60_000,
  });
  const invariants = new ViewInvariants(rig);
  try {
    await rig.service.refresh();
    const end = clock.now() + SIM_MS;
    for (let i = 0; clock.now() < end; i++) {
      const step = s.steps[i % s.steps.length];
      const act = step.act;
      const rows = rig.view.taskRows();
      const row = act && 'pick' in act ? rows[act.pick % Math.max(1, rows.length)] : undefined;
      if (act?.kind === 'open' && row) await rig.open(row.node.task.source, row.node.task.id);
      else if (act?.kind === 'close' && row) rig.close(row.node.task.source, row.node.task.id);
      else if (
        act?.kind === 'cancel' &&
        row &&
        (row.node.task.status === 'running' || row.node.task.status === 'pending')
      )
        await rig.service.cancel(row.node.task.source, row.node.task.id, false).catch(() => undefined);
      else if (act?.kind === 'filter')
        rig.setFilter(act.statuses.length ? { statuses: act.statuses } : {}, act.hours ? act.hours * HOUR : undefined);
      else if (act?.kind === 'clear') rig.setFilter({}, undefined);
      else if (act?.kind === 'fail') worlds[i % 2].failing = true;
      else if (act?.kind === 'recover') for (const w of worlds) w.failing = false;
      await rig.step(step.seconds * 1000);
      const problems = invariants.check();
      assert.deepEqual(
        problems.slice(0, 3),
        [],
        `step ${i} at +${Math.round((clock.now() - worlds[0].startMs) / 1000)} s`,
      );
    }
    seen.runs++;
    seen.endedRows += invariants.seen.endedRows;
    seen.unlistedRows += invariants.seen.unlistedRows;
    seen.staleRows += invariants.seen.staleRows;
  } finally {
    rig.dispose();
  }
}

describe('the views stay true over time (randomised scenario, manual clock)', function () {
  this.timeout(120_000);

  it('three simulated hours of random tasks, cancels, opens, filters and outages: every invariant holds after every step', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, s => run(s)),
      {
        numRuns: Number(process.env.TRUTH_RUNS ?? 8),
        seed: process.env.TRUTH_SEED ? Number(process.env.TRUTH_SEED) : undefined,
        // Shrinking hours of steps takes minutes: on demand only (the seed and path are printed either way).
        endOnFailure: process.env.TRUTH_SHRINK !== '1',
      },
    );
  });
});

// Item 1: "Refresh" of N connections × M tasks (providers mixed) through the real Poller and TaskStore, until the
// store holds every task (first pages, then every "Load more"), against the floor: the same HTTP requests through a
// bare undici loop with the same concurrency (the Poller's: connections at a time, one request in flight each).
import { Agent } from 'undici';
import { DEFAULT_CONCURRENCY } from '../../src/core/poller';
import { TaskStore } from '../../src/core/store';
import { benchSources, fullRefresh } from './full-refresh';
import {
  QUICK,
  figure,
  measure,
  measureLoopDelay,
  median,
  medianOf,
  ms,
  rotatedRounds,
  spread,
  type LoopDelay,
  recordRequests,
  replay,
  startEmulatorProcess,
  type Measured,
  type RecordedRequest,
  runMain,
} from './lib';

const SHAPES: Array<[number, number]> = QUICK
  ? [
      [20, 1000],
      [50, 100],
    ]
  : [
      [50, 1000],
      [200, 100],
    ];
const ROUNDS = QUICK ? 2 : 3;

async function main(): Promise<void> {
  for (const [n, m] of SHAPES) {
    const emu = await startEmulatorProcess(`scale:${m}`);
    try {
      const sources = benchSources(n, emu.connections);
      await emu.reset();
      // Warm-up round, recorded: the floor replays exactly these requests.
      const perConnection: RecordedRequest[][] = sources.map(() => []);
      const rec = await recordRequests(() => fullRefresh(sources, new TaskStore()));
      // The recorder saw every request in creation order; AsyncLocalStorage does not cross the diagnostics channel,
      // so requests are attributed by replaying the same refresh once more per connection, one at a time.
      for (let i = 0; i < n; i++) {
        await emu.reset();
        const one = await recordRequests(() =>
          (async () => {
            const s = sources[i];
            const snap = await s.refresh({});
            for (const [group, first] of Object.entries(snap.more)) {
              for (let cursor: string | undefined = first; cursor;) cursor = (await s.loadMore(group, cursor, {})).next;
            }
          })(),
        );
        perConnection[i] = one.requests;
      }
      const agents = sources.map(() => new Agent({ connections: 6, keepAliveTimeout: 30_000 }));
      await emu.reset();
      await replay(perConnection, DEFAULT_CONCURRENCY, agents);
      // Each side's rounds: cost, event-loop delay, and the emulator's own CPU meanwhile (its process, all threads:
      // what the floor's wall time is made of).
      const side = () => ({ runs: [] as Measured[], delays: [] as LoopDelay[], emulator: [] as number[] });
      const [oursSide, floorSide, keepingSide] = [side(), side(), side()];
      const round = async (into: ReturnType<typeof side>, fn: () => Promise<unknown>) => {
        await emu.reset();
        const before = emu.cpuMs();
        let measured: Measured | undefined;
        into.delays.push(
          await measureLoopDelay(async () => {
            measured = await measure(fn);
          }),
        );
        const after = emu.cpuMs();
        into.runs.push(measured!);
        if (before !== undefined && after !== undefined) into.emulator.push(after - before);
      };
      let held = 0;
      await rotatedRounds(ROUNDS, [
        async () => {
          const store = new TaskStore();
          await round(oursSide, () => fullRefresh(sources, store));
          held = sources.reduce((k, _, i) => k + store.allTasks(`conn-${i}`).length, 0);
        },
        () => round(floorSide, () => replay(perConnection, DEFAULT_CONCURRENCY, agents)),
        () => round(keepingSide, () => replay(perConnection, DEFAULT_CONCURRENCY, agents, [])),
      ]);
      const { runs: ours, delays, emulator: emulatorInOurs } = oursSide;
      const { runs: floor, delays: floorDelays, emulator: emulatorInFloor } = floorSide;
      const { runs: keeping, delays: keepingDelays } = keepingSide;
      const o = medianOf(ours);
      const f = medianOf(floor);
      const requests = perConnection.reduce((k, l) => k + l.length, 0);
      figure(
        `refresh ${n} connections x ${m} tasks (${held} tasks in store, ${requests} requests, ${rec.requests.length} in warm-up, concurrency ${DEFAULT_CONCURRENCY})`,
        spread(ours.map(x => x.wallMs)),
        `bare undici ${spread(floor.map(x => x.wallMs))}`,
        o.wallMs / f.wallMs,
        '<= 1.2x',
        o.wallMs / f.wallMs <= 1.2,
      );
      figure(
        `refresh ${n}x${m} client CPU`,
        spread(ours.map(x => x.cpuMs)),
        `bare undici ${spread(floor.map(x => x.cpuMs))}`,
        o.cpuMs / f.cpuMs,
        '<= 1.5x',
        o.cpuMs / f.cpuMs <= 1.5,
      );
      const p99 = median(delays.map(d => d.p99Ms));
      const max = Math.max(...delays.map(d => d.maxMs));
      // The same measure around the floor: what this machine's loop shows with almost no work of ours (the emulator
      // busy on the other core, undici, JSON.parse and the garbage collector's threads).
      const floorP99 = median(floorDelays.map(d => d.p99Ms));
      const floorMax = Math.max(...floorDelays.map(d => d.maxMs));
      figure(
        `event-loop delay during the ${n}x${m} refresh (Poller + TaskStore + sources), p99 / max over ${delays.length} rounds`,
        `${ms(p99)} / ${ms(max)}`,
        `bare undici ${ms(floorP99)} / ${ms(floorMax)}`,
        p99 / floorP99,
        'p99 <= 5 ms, max <= 16 ms',
        p99 <= 5 && max <= 16,
      );
      // The same refresh against a floor that keeps every parsed body until the round ends, as the store keeps its
      // tasks: what holding the data costs alone (information; the goals above stay against the bare floor).
      const k = medianOf(keeping);
      figure(
        `refresh ${n}x${m} client CPU against a floor that keeps what it parses`,
        spread(ours.map(x => x.cpuMs)),
        `bare undici keeping every body ${spread(keeping.map(x => x.cpuMs))}, itself ${(k.cpuMs / f.cpuMs).toFixed(2)}x the bare floor`,
        o.cpuMs / k.cpuMs,
        'information',
        undefined,
      );
      figure(
        `event-loop delay of that floor (${n}x${m}), p99 / max over ${keepingDelays.length} rounds`,
        `${ms(median(keepingDelays.map(d => d.p99Ms)))} / ${ms(Math.max(...keepingDelays.map(d => d.maxMs)))}`,
        `bare undici ${ms(floorP99)} / ${ms(floorMax)}`,
        median(keepingDelays.map(d => d.p99Ms)) / floorP99,
        'information',
        undefined,
      );
      // Each side is single-threaded, so a round lasts at least as long as the busier side's CPU: the floor's wall is
      // the emulator's CPU, ours is our client's. The wall ratio follows client CPU / emulator CPU.
      if (emulatorInOurs.length && emulatorInFloor.length) {
        const e = median(emulatorInFloor);
        figure(
          `what bounds the wall (${n}x${m}): our client CPU / our wall; the emulator's CPU / the floor's wall`,
          `${ms(o.cpuMs)} / ${ms(o.wallMs)} (emulator ${ms(median(emulatorInOurs))} in our rounds)`,
          `emulator ${ms(e)} / floor wall ${ms(f.wallMs)}`,
          o.cpuMs / e,
          'information',
          undefined,
        );
      }
      await Promise.all(sources.map(s => s.close()));
      await Promise.all(agents.map(a => a.close()));
    } finally {
      await emu.close();
    }
  }
}

runMain(main);

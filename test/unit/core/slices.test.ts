import * as assert from 'node:assert/strict';
import { CHECK_EVERY, forEachSliced, mapSliced, setSliceBudget } from '../../../src/core/slices';

/** How many turns of the event loop passed while `p` ran: a setImmediate chain counts them. */
async function turnsDuring<T>(p: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await p();
  running = false;
  return { value, turns };
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('slices: long work lets the event loop run (issue 16)', () => {
  it('mapSliced gives map()’s result; a list shorter than one checkpoint runs in one go', async () => {
    const restore = setSliceBudget(0);
    try {
      const items = Array.from({ length: CHECK_EVERY * 8 + 7 }, (_, i) => i);
      const long = await turnsDuring(() => mapSliced(items, (x, i) => x * 2 + i));
      assert.deepEqual(
        long.value,
        items.map((x, i) => x * 2 + i),
      );
      assert.equal(long.turns, 4, 'with no budget, every other checkpoint gives the loop a turn');
      const short = await turnsDuring(() => mapSliced(items.slice(0, CHECK_EVERY), x => x));
      assert.equal(short.turns, 0);
    } finally {
      restore();
    }
  });

  it('with the real budget, work of 40 ms gives the loop a turn at least every few milliseconds', async () => {
    const items = Array.from({ length: CHECK_EVERY * 20 }, (_, i) => i);
    const seen: number[] = [];
    // 1,280 items of 1/32 ms each: at least 40 ms of work, so at least 40 / (budget + one checkpoint's work) turns.
    const r = await turnsDuring(() => forEachSliced(items, x => void (busy(1 / 32), seen.push(x))));
    assert.deepEqual(seen, items);
    assert.ok(r.turns >= 8, `${r.turns} turns`);
  });

  it('the budget is shared: a second slicer in the same turn finds it spent and waits for the next turn', async () => {
    const restore = setSliceBudget(0);
    try {
      let turn = 0;
      let running = true;
      const tick = () => {
        if (!running) return;
        turn++;
        setImmediate(tick);
      };
      setImmediate(tick);
      const at: Record<string, number> = {};
      const items = Array.from({ length: CHECK_EVERY + 1 }, (_, i) => i);
      await Promise.all([
        forEachSliced(items, i => void (i === CHECK_EVERY && (at.a = turn))),
        forEachSliced(items, i => void (i === CHECK_EVERY && (at.b = turn))),
      ]);
      running = false;
      // a's checkpoint opened this turn's budget; with a budget per slicer b would have gone on in turn 0 too.
      assert.deepEqual(at, { a: 0, b: 1 });
    } finally {
      restore();
    }
  });
});

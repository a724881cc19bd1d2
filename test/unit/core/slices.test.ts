import * as assert from 'node:assert/strict';
import { SLICE_ITEMS, forEachSliced, mapSliced } from '../../../src/core/slices';

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

describe('slices: long work lets the event loop run (issue 16)', () => {
  it('mapSliced gives map()’s result and yields once per full slice, never for a short list', async () => {
    const items = Array.from({ length: SLICE_ITEMS * 3 + 7 }, (_, i) => i);
    const long = await turnsDuring(() => mapSliced(items, (x, i) => x * 2 + i));
    assert.deepEqual(
      long.value,
      items.map((x, i) => x * 2 + i),
    );
    assert.equal(long.turns, 3, 'the loop ran between the four slices');
    const short = await turnsDuring(() => mapSliced(items.slice(0, SLICE_ITEMS), x => x));
    assert.equal(short.turns, 0, 'a list of one slice runs in one go, as before');
  });

  it('forEachSliced visits every item in order, yielding like mapSliced', async () => {
    const seen: number[] = [];
    const r = await turnsDuring(() => forEachSliced([1, 2, 3, 4, 5], x => void seen.push(x), 2));
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.equal(r.turns, 2);
  });
});

/**
 * Work that grows with the number of tasks is cut into slices, between which the event loop runs: the extension host
 * is shared by every extension, and one long synchronous step makes typing and the other extensions stutter
 * (issue 16: no step over a few milliseconds).
 *
 * The budget is shared: several connections answer in the same turn of the event loop (the poller asks four at a
 * time), and slices of 250 items each still added up to 10-15 ms per turn. So every slicer looks at the clock every
 * `CHECK_EVERY` items and yields once the sliced work of this turn, by all of them together, passed `BUDGET_MS`.
 * Where a yield falls depends on the machine's speed; what the work produces never does, and a list shorter than
 * `CHECK_EVERY` items is done in one go, as before.
 */
export const BUDGET_MS = 2;
export const CHECK_EVERY = 64;

let budgetMs = BUDGET_MS;

/** Tests set 0 to make every other checkpoint yield, whatever the machine's speed; returns the undo. */
export function setSliceBudget(ms: number): () => void {
  const before = budgetMs;
  budgetMs = ms;
  return () => (budgetMs = before);
}

/** When sliced work began in the current turn; cleared at the turn's end (an immediate runs after its I/O). */
let turnStart: number | undefined;

/** One turn of the event loop: timers, I/O and other extensions' callbacks run before the work goes on. */
export function yieldToLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/**
 * Yields when the sliced work of this turn has used its budget; otherwise goes on at once. The HTTP client calls it
 * when an answer is complete, before anyone reads it: four answers ready in the same turn are read in four turns.
 */
export async function checkpoint(): Promise<void> {
  const now = performance.now();
  if (turnStart === undefined) {
    turnStart = now;
    setImmediate(() => (turnStart = undefined));
    return;
  }
  if (now - turnStart < budgetMs) return;
  turnStart = undefined;
  await yieldToLoop();
}

/** `items.map(fn)`, letting the event loop run whenever this turn's budget is spent. */
export async function mapSliced<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % CHECK_EVERY === 0) await checkpoint();
    out[i] = fn(items[i], i);
  }
  return out;
}

/** `for (const item of items) fn(item)`, yielding like `mapSliced`. */
export async function forEachSliced<T>(items: readonly T[], fn: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % CHECK_EVERY === 0) await checkpoint();
    fn(items[i], i);
  }
}

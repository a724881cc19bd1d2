/**
 * Work that grows with the number of tasks is cut into slices, between which the event loop runs: the extension host
 * is shared by every extension, and one long synchronous step makes typing and the other extensions stutter
 * (issue 16: no step over a few milliseconds). Slices are counted in items, not measured in time, so where a slice
 * ends never depends on the machine's speed and a test sees the same turns on every run.
 */
export const SLICE_ITEMS = 250;

/** One turn of the event loop: timers, I/O and other extensions' callbacks run before the work goes on. */
export function yieldToLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/** `items.map(fn)`, yielding to the event loop after every `slice` items (never for a list shorter than that). */
export async function mapSliced<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
  slice = SLICE_ITEMS,
): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % slice === 0) await yieldToLoop();
    out[i] = fn(items[i], i);
  }
  return out;
}

/** `for (const item of items) fn(item)`, yielding like `mapSliced`. */
export async function forEachSliced<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
  slice = SLICE_ITEMS,
): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % slice === 0) await yieldToLoop();
    fn(items[i], i);
  }
}

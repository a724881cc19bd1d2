import { randomUUID } from 'node:crypto';
import { checkpoint } from '../core/slices';
import type { ListSpan } from './bounds';

/** A list shorter than this is parsed with the rest of the body, in one call. */
export const SLICED_LIST_BYTES = 256 * 1024;
/** About this many bytes of a long list are parsed per call: a fraction of a millisecond. */
export const SLICE_BYTES = 64 * 1024;

/**
 * `JSON.parse` of an answer whose long lists are parsed a slice of items at a time, the event loop let run between
 * slices: one Redis Enterprise answer of 10,000 actions (3.4 MB, no paging) took 11-16 ms in one step (issue 16).
 * `spans` are the lists the bounds counter found while the body arrived (`BoundsCounter`, at depth 1 or 2).
 *
 * The rest of the body is parsed with each long list replaced by a string no server can guess, then each list is put
 * back where that string landed. The result is `JSON.parse`'s: a body the slices cannot reproduce exactly (malformed,
 * an empty item, the list's key given twice so that a later value wins) is handed to `parseWhole`, which fails or
 * decides as one call would.
 */
export async function parseJsonSliced(
  body: Buffer,
  spans: readonly ListSpan[] | undefined,
  parseWhole: (text: string) => unknown,
  sizes: { listBytes: number; sliceBytes: number } = { listBytes: SLICED_LIST_BYTES, sliceBytes: SLICE_BYTES },
): Promise<unknown> {
  const long = (spans ?? []).filter(s => s.close - s.open > sizes.listBytes && s.commas.length > 0);
  if (long.length > 0) {
    // Anything the slices cannot reproduce (a slice throws, or a list cannot be put back) is parsed whole below,
    // once: that parse sits outside the try, so its own error is the one thrown.
    try {
      const document = await parseWithLists(body, long, sizes.sliceBytes);
      if (document !== NOT_PLACED) return document;
    } catch {
      /* parsed whole below, which fails or decides as one call would */
    }
  }
  return parseWhole(body.toString('utf8'));
}

/** The body with each long list parsed in slices and put back; NOT_PLACED when one cannot be put back. */
async function parseWithLists(body: Buffer, long: readonly ListSpan[], sliceBytes: number): Promise<unknown> {
  const mark = `\u0000${randomUUID()}:`;
  const pieces: Buffer[] = [];
  let from = 0;
  long.forEach((s, k) => {
    pieces.push(body.subarray(from, s.open), Buffer.from(JSON.stringify(`${mark}${k}`)));
    from = s.close + 1;
  });
  pieces.push(body.subarray(from));
  let document: unknown = JSON.parse(Buffer.concat(pieces).toString('utf8'));
  for (let k = 0; k < long.length; k++) {
    await checkpoint();
    document = place(document, `${mark}${k}`, await parseList(body, long[k], sliceBytes));
    if (document === NOT_PLACED) return NOT_PLACED;
  }
  return document;
}

/** The list's items, a slice of about `sliceBytes` per `JSON.parse`; throws where the list is not valid JSON. */
async function parseList(body: Buffer, span: ListSpan, sliceBytes: number): Promise<unknown[]> {
  const { open, close, commas } = span;
  const items: unknown[] = [];
  // Item i runs from after bound(i) to before bound(i + 1): the opening bracket, the commas, the closing bracket.
  const bound = (i: number) => (i === 0 ? open : i > commas.length ? close : commas[i - 1]);
  const count = commas.length + 1;
  for (let first = 0; first < count;) {
    let last = first + 1;
    while (last < count && bound(last + 1) - bound(first) < sliceBytes) last++;
    const text = body.toString('utf8', bound(first) + 1, bound(last));
    // '[ ]' would parse, but between two commas (or after the last one) an empty item is not JSON.
    if (text.trim() === '') throw new SyntaxError('empty list item');
    const slice = JSON.parse(`[${text}]`) as unknown[];
    for (let j = 0; j < slice.length; j++) items.push(slice[j]);
    first = last;
    if (first < count) await checkpoint();
  }
  return items;
}

const NOT_PLACED = Symbol('not placed');

/** `document` with the string `mark` replaced by `items`, where it is the whole document or one member of it. */
function place(document: unknown, mark: string, items: unknown[]): unknown {
  if (document === mark) return items;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return NOT_PLACED;
  const o = document as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (o[key] !== mark) continue;
    // Defined, not assigned: a member named "__proto__" stays a member, as JSON.parse makes it.
    Object.defineProperty(o, key, { value: items, writable: true, enumerable: true, configurable: true });
    return o;
  }
  // A later member of the same name replaced the list: JSON.parse keeps the later one.
  return NOT_PLACED;
}

import { ProviderError } from '../core/errors';
import * as say from '../core/say';
import { LIMITS } from '../core/limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

export type BoundsLimits = { [K in 'maxDepth' | 'maxArrayItems' | 'maxContainers' | 'maxValues']: number };

/**
 * Where a list sits in the body's bytes: the whole body when it is an array, or one member of the top-level object
 * (`{"actions": [...]}`). `open` and `close` are the offsets of its brackets, `commas` those of the commas between its
 * items. A long list can then be parsed a few hundred items at a time (`http/sliced-json.ts`).
 */
export interface ListSpan {
  open: number;
  close: number;
  commas: number[];
}

/**
 * What a JSON body would expand to, counted on its bytes without parsing it: one pass, no allocation. UTF-8 never
 * puts these ASCII bytes inside a multi-byte character, so counting bytes is exact. Malformed JSON is left to the
 * parser; only the bounds are decided here. Returns the bound that was exceeded, in words, or undefined.
 */
export function exceededBound(body: Uint8Array, limits: BoundsLimits = LIMITS): say.Said | undefined {
  const counter = new BoundsCounter(limits);
  counter.push(body);
  return counter.exceeded;
}

/**
 * The same count, fed chunk by chunk as the body arrives: the HTTP client counts while it reads, so the pass over a
 * large answer runs in the turns between socket reads instead of in one synchronous step before parsing (issue 16).
 * Its state carries across chunks, a string or an escape cut by a chunk boundary included.
 */
export class BoundsCounter {
  private depth = 0;
  private containers = 0;
  private values = 0;
  private inString = false;
  /** A backslash ended the last chunk inside a string: the next byte is escaped. */
  private escaped = false;
  // Items of each open array; objects count their members against the value bound only.
  private readonly items: number[] = [];
  private readonly isArray: boolean[] = [];
  /** The first bound exceeded; once set, later chunks are not counted. */
  exceeded: say.Said | undefined;
  /** The lists found at depth 1 or 2, when asked for: complete ones only (a list cut by a malformed body is not). */
  readonly spans: ListSpan[] | undefined;
  /** Bytes counted before the current chunk: offsets are the body's, not the chunk's. */
  private offset = 0;
  /** The depth of the list whose commas are being noted (-1: none). */
  private spanDepth = -1;
  private span: ListSpan | undefined;

  constructor(
    private readonly limits: BoundsLimits = LIMITS,
    options: { spans?: boolean } = {},
  ) {
    this.spans = options.spans ? [] : undefined;
  }

  push(body: Uint8Array): void {
    if (this.exceeded) return;
    this.exceeded = this.count(body);
    this.offset += body.length;
  }

  /**
   * The byte loop, on locals (a closure or field writes inside it made it twice as slow). Inside a string only a quote
   * or a backslash matters: `Buffer#indexOf` finds the next of each natively, which made the pass three times faster
   * on a real answer (most of its bytes are strings). Both positions are kept until passed, so a string full of
   * escapes is still read once.
   */
  private count(chunk: Uint8Array): say.Said | undefined {
    const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const { limits, items, isArray, spans, offset } = this;
    let { depth, containers, values, inString, spanDepth, span } = this;
    let i = 0;
    if (this.escaped) {
      this.escaped = false;
      i = 1;
    }
    const n = body.length;
    // -2: not looked for yet; -1: none in the rest of the chunk.
    let nextQuote = -2;
    let nextBackslash = -2;
    while (i < n) {
      if (inString) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = body.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = body.indexOf(BACKSLASH, i);
        if (nextBackslash !== -1 && (nextQuote === -1 || nextBackslash < nextQuote)) {
          i = nextBackslash + 2;
          continue;
        }
        if (nextQuote === -1) {
          i = n;
          break;
        }
        inString = false;
        i = nextQuote + 1;
        continue;
      }
      const b = body[i++];
      switch (b) {
        case QUOTE:
          inString = true;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (++depth > limits.maxDepth) return say.t('nesting deeper than {0} levels', limits.maxDepth);
          if (++containers > limits.maxContainers)
            return say.t('more than {0} objects and arrays', limits.maxContainers);
          if (++values > limits.maxValues) return say.t('more than {0} values', limits.maxValues);
          // A list that is the body, or a member of the top-level object: its commas are noted.
          if (spans && b === OPEN_ARRAY && spanDepth === -1 && (depth === 1 || (depth === 2 && !isArray[0]))) {
            spanDepth = depth;
            span = { open: offset + i - 1, close: -1, commas: [] };
          }
          isArray.push(b === OPEN_ARRAY);
          items.push(0);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (depth === spanDepth) {
            if (b === CLOSE_ARRAY) {
              span!.close = offset + i - 1;
              spans!.push(span!);
            }
            spanDepth = -1;
            span = undefined;
          }
          depth = Math.max(0, depth - 1);
          isArray.pop();
          items.pop();
          break;
        case COMMA:
          if (depth === spanDepth) span!.commas.push(offset + i - 1);
          if (++values > limits.maxValues) return say.t('more than {0} values', limits.maxValues);
          if (isArray.length && isArray[isArray.length - 1]) {
            const k = ++items[items.length - 1];
            if (k >= limits.maxArrayItems) return say.t('an array of more than {0} items', limits.maxArrayItems);
          }
          break;
      }
    }
    // A backslash as the last byte inside a string escapes the first byte of the next chunk.
    if (i > n) this.escaped = true;
    this.depth = depth;
    this.containers = containers;
    this.values = values;
    this.inString = inString;
    this.spanDepth = spanDepth;
    this.span = span;
    return undefined;
  }
}

export function boundsError(what: say.Words, bound: say.Said, status?: number): ProviderError {
  return new ProviderError(
    'bad-response',
    say.t('The answer to {0} was refused unread: it holds {1}, more than any real answer.', what, bound),
    { status, code: 'RESPONSE_TOO_COMPLEX' },
  );
}

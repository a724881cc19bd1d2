import { ProviderError } from '../core/errors';
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
 * What a JSON body would expand to, counted on its bytes without parsing it: one pass, no allocation. UTF-8 never
 * puts these ASCII bytes inside a multi-byte character, so counting bytes is exact. Malformed JSON is left to the
 * parser; only the bounds are decided here. Returns the bound that was exceeded, in words, or undefined.
 */
export function exceededBound(body: Uint8Array, limits: BoundsLimits = LIMITS): string | undefined {
  let depth = 0;
  let containers = 0;
  let values = 0;
  let inString = false;
  // Items of each open array; objects count their members against the value bound only.
  const items: number[] = [];
  const isArray: boolean[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    switch (b) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (++depth > limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
        if (++containers > limits.maxContainers) return `more than ${limits.maxContainers} objects and arrays`;
        if (++values > limits.maxValues) return `more than ${limits.maxValues} values`;
        isArray.push(b === OPEN_ARRAY);
        items.push(0);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth = Math.max(0, depth - 1);
        isArray.pop();
        items.pop();
        break;
      case COMMA:
        if (++values > limits.maxValues) return `more than ${limits.maxValues} values`;
        if (isArray.length && isArray[isArray.length - 1]) {
          const n = ++items[items.length - 1];
          if (n >= limits.maxArrayItems) return `an array of more than ${limits.maxArrayItems} items`;
        }
        break;
    }
  }
  return undefined;
}

export function boundsError(what: string, bound: string, status?: number): ProviderError {
  return new ProviderError(
    'bad-response',
    `The answer to ${what} was refused unread: it holds ${bound}, more than any real answer.`,
    { status, code: 'RESPONSE_TOO_COMPLEX' },
  );
}

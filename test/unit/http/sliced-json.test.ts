import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BoundsCounter } from '../../../src/http/bounds';
import { parseJsonSliced } from '../../../src/http/sliced-json';
import { setSliceBudget } from '../../../src/core/slices';

/** Tiny sizes, so that small generated bodies take the sliced path with slices of one to a few items. */
const TINY = { listBytes: 0, sliceBytes: 12 };

/** The body's spans as the HTTP client gets them: counted chunk by chunk, cut at `cut`. */
function spansOf(body: Buffer, cut = 7): NonNullable<BoundsCounter['spans']> {
  const counter = new BoundsCounter(undefined, { spans: true });
  for (let i = 0; i < body.length; i += cut) counter.push(body.subarray(i, i + cut));
  return counter.spans!;
}

/** JSON.parse's verdict: the value, or that it throws. */
function whole(text: string): { value?: unknown; threw?: true } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { threw: true };
  }
}

async function sliced(body: Buffer, sizes = TINY): Promise<{ value?: unknown; threw?: true; wholeCalls: number }> {
  let wholeCalls = 0;
  try {
    const value = await parseJsonSliced(
      body,
      spansOf(body),
      text => {
        wholeCalls++;
        return JSON.parse(text) as unknown;
      },
      sizes,
    );
    return { value, wholeCalls };
  } catch {
    return { threw: true, wholeCalls };
  }
}

describe('a long list is parsed in slices, with the value JSON.parse gives (issue 16)', () => {
  let undo: () => void;
  // Every checkpoint yields: the slices really run in several turns.
  beforeEach(() => (undo = setSliceBudget(0)));
  afterEach(() => undo());

  it('a top-level list and a list inside the top-level object come back equal, without a whole parse', async () => {
    for (const text of [
      '[{"a":1},{"b":[1,2,3]},"x,y",null,  7 ]',
      '{"actions":[{"uid":"1","name":"a, b"},{"uid":"2"}],"state-machines":[1,2,3],"n":5}',
      ' \n{"x":{"deep":[1,2]},"list":[[1,2],[3,[4,5]],{"k":"]"}]}\n',
    ]) {
      const r = await sliced(Buffer.from(text));
      assert.deepEqual(r.value, JSON.parse(text), text);
      assert.equal(r.wholeCalls, 0, `${text}: parsed in slices`);
    }
  });

  it('any JSON value, placed as a list or a member list, parses to what JSON.parse gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 12 }),
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        fc.string({ maxLength: 6 }),
        fc.boolean(),
        async (items, others, key, topLevel) => {
          const doc = topLevel ? items : { ...others, [key]: items };
          const text = JSON.stringify(doc, null, topLevel ? undefined : 1);
          const r = await sliced(Buffer.from(text));
          assert.deepEqual(r.value, JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a body JSON.parse refuses is refused, and one it accepts is read the same, whatever the damage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom('', ',', ' ', ']', '[', '}', '"', '\\', ',,', ', ]', 'x'),
        fc.boolean(),
        async (items, at, insert, wrap) => {
          const good = JSON.stringify(wrap ? { list: items } : items);
          const i = at % (good.length + 1);
          const text = good.slice(0, i) + insert + good.slice(i);
          const expected = whole(text);
          const r = await sliced(Buffer.from(text));
          if (expected.threw) assert.equal(r.threw, true, `${text} must be refused`);
          else assert.deepEqual(r.value, expected.value, text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an empty item the slices alone would accept ("[ ]" after the last comma) is refused as JSON.parse does', async () => {
    const text = '[1111111111111,2222222222222, ]';
    assert.equal(whole(text).threw, true);
    assert.equal((await sliced(Buffer.from(text), { listBytes: 0, sliceBytes: 14 })).threw, true);
  });

  it('a member given twice keeps the later value, as JSON.parse does', async () => {
    const text = '{"actions":[1,2,3,4,5,6,7,8],"actions":[9]}';
    const r = await sliced(Buffer.from(text));
    assert.deepEqual(r.value, { actions: [9] });
  });

  it('a list named "__proto__" stays a member and does not become the prototype', async () => {
    const text = '{"__proto__":[1,2,3,4,5,6,7,8,9,10]}';
    const r = (await sliced(Buffer.from(text))).value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(r, '__proto__')?.value, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('multi-byte text across slices reads the same', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `任务 ${i} · ünïcødé 🚀`);
    const text = JSON.stringify({ items });
    const r = await sliced(Buffer.from(text));
    assert.deepEqual(r.value, { items });
    assert.equal(r.wholeCalls, 0);
  });

  it('a short list (under the size) is parsed whole, in one call', async () => {
    const text = '[1,2,3]';
    const r = await sliced(Buffer.from(text), { listBytes: 1024, sliceBytes: 12 });
    assert.deepEqual(r.value, [1, 2, 3]);
    assert.equal(r.wholeCalls, 1);
  });

  it('the counter notes the commas of the list only, not those inside its items or strings', () => {
    const body = Buffer.from('{"a":[{"x":[1,2]},"p,q",3],"b":4}');
    const [span, ...rest] = spansOf(body, 3);
    assert.equal(rest.length, 0);
    assert.equal(body.toString('utf8', span.open, span.close + 1), '[{"x":[1,2]},"p,q",3]');
    assert.deepEqual(
      span.commas.map(c => body[c]),
      [0x2c, 0x2c],
    );
    assert.equal(span.commas.length, 2);
  });
});

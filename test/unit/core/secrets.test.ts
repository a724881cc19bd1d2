import * as assert from 'node:assert/strict';
import { MAX_SCRUB_DEPTH, REDACTED, Scrubber } from '../../../src/core/secrets';

describe('Scrubber.value: looks first, copies only what holds a secret', () => {
  const secret = 'pa"ss\\wo rd/Secret-42';
  const s = Scrubber.forConnection('admin', secret);

  it('a value without a secret comes back as the same object, nothing copied', () => {
    const v = { id: 't1', steps: [{ name: 'a', detail: 'x'.repeat(40) }], raw: { nested: [[{ k: 'v' }]] } };
    assert.equal(s.value(v), v);
  });

  it('a secret in a string, a key, deep in arrays or under an own __proto__ key is replaced; the rest is shared', () => {
    const clean = { big: 'x'.repeat(100) };
    const v = JSON.parse(
      JSON.stringify({ a: [[[`see ${secret}`]]], [`k-${secret}`]: 1, clean, p: 0 }).replace(
        '"p":0',
        `"__proto__":"${JSON.stringify(secret).slice(1, -1)}"`,
      ),
    ) as Record<string, unknown>;
    const out = s.value(v);
    assert.notEqual(out, v);
    assert.deepEqual(out.a, [[[`see ${REDACTED}`]]]);
    assert.equal(out[`k-${REDACTED}`], 1);
    assert.equal(Object.prototype.hasOwnProperty.call(out, `k-${secret}`), false);
    assert.equal(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, REDACTED, 'an own key, not a prototype');
    assert.equal(out.clean, v.clean, 'an untouched branch is shared, not copied');
    assert.ok(!JSON.stringify(out).includes('Secret-42'));
  });

  it('deeper than the walk goes is cut, with or without a secret down there', () => {
    let deep: unknown = 'plain';
    for (let i = 0; i <= MAX_SCRUB_DEPTH + 1; i++) deep = [deep];
    assert.ok(JSON.stringify(s.value({ deep })).includes('[nested too deep]'));
  });
});

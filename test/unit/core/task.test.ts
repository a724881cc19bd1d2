import * as assert from 'node:assert/strict';
import { clampPercent, toEpochMs, toNumber } from '../../../src/core/task';

describe('core task helpers', () => {
  describe('toNumber', () => {
    it('accepts numbers and numeric strings', () => {
      assert.equal(toNumber(42), 42);
      assert.equal(toNumber('100'), 100);
      assert.equal(toNumber(' 12.5 '), 12.5);
      assert.equal(toNumber('0'), 0);
    });
    it('gives undefined for anything else', () => {
      for (const v of ['', '  ', 'abc', '12abc', null, undefined, true, {}, [], NaN, Infinity])
        assert.equal(toNumber(v), undefined, String(v));
    });
  });

  describe('clampPercent', () => {
    it('keeps 0-100 and passes undefined through', () => {
      assert.equal(clampPercent(-3), 0);
      assert.equal(clampPercent(55), 55);
      assert.equal(clampPercent(140), 100);
      assert.equal(clampPercent(undefined), undefined);
    });
  });

  describe('toEpochMs', () => {
    const t = Date.UTC(2025, 9, 14, 0, 1, 27);
    it('reads epoch seconds as numbers and strings', () => {
      assert.equal(toEpochMs(t / 1000), t);
      assert.equal(toEpochMs(String(t / 1000)), t);
    });
    it('keeps epoch milliseconds', () => assert.equal(toEpochMs(t), t));
    it('parses ISO strings', () => {
      assert.equal(toEpochMs('2025-10-14T00:01:27Z'), t);
      assert.equal(toEpochMs('2025-10-14T00:01:27.000+00:00'), t);
    });
    it('gives undefined for garbage and absence', () => {
      for (const v of ['', 'not a date', null, undefined, {}]) assert.equal(toEpochMs(v), undefined, String(v));
    });
  });
});

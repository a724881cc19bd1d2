import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { normaliseFingerprint } from '../../../src/http/client';
import { redactUrl, scrub } from '../../../src/http/redact';
import { parseRetryAfter, retryDelayMs } from '../../../src/http/retry';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

describe('http pure helpers', () => {
  describe('retryDelayMs', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    it('stays between half the cap and the cap, the cap doubling per retry', () => {
      assert.equal(
        retryDelayMs(policy, 1, () => 0),
        50,
      );
      assert.equal(
        retryDelayMs(policy, 1, () => 1),
        100,
      );
      assert.equal(
        retryDelayMs(policy, 3, () => 0),
        200,
      );
      assert.equal(
        retryDelayMs(policy, 3, () => 1),
        400,
      );
    });
    it('never exceeds maxDelayMs', () => {
      assert.equal(
        retryDelayMs(policy, 20, () => 1),
        1000,
      );
      for (let i = 0; i < 50; i++) {
        const d = retryDelayMs(policy, 10);
        assert.ok(d >= 500 && d <= 1000, String(d));
      }
    });
  });

  describe('parseRetryAfter', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    it('reads seconds', () => assert.equal(parseRetryAfter('3', 10_000, now), 3000));
    it('reads an HTTP date', () => assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', 10_000, now), 5000));
    it('treats a date in the past as now', () =>
      assert.equal(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', 10_000, now), 0));
    it('ignores garbage and absence', () => {
      assert.equal(parseRetryAfter('soon', 10_000, now), undefined);
      assert.equal(parseRetryAfter(undefined, 10_000, now), undefined);
      assert.equal(parseRetryAfter('', 10_000, now), undefined);
    });
    it('caps a hostile value', () => assert.equal(parseRetryAfter('86400', 10_000, now), 10_000));
    it('never goes negative', () => assert.equal(parseRetryAfter('-5', 10_000, now), 0));
  });

  describe('normaliseFingerprint', () => {
    it('accepts the forms users paste', () => {
      assert.equal(normaliseFingerprint(FP), FP);
      assert.equal(normaliseFingerprint(FP.replace(/:/g, '').toLowerCase()), FP);
      assert.equal(normaliseFingerprint(`sha256/${FP}`), FP);
      assert.equal(normaliseFingerprint(`SHA256:${FP.toLowerCase()}`), FP);
      assert.equal(normaliseFingerprint(` ${FP.replace(/:/g, ' ')} `), FP);
    });
    it('rejects a wrong length with kind tls', () => {
      assert.throws(
        () => normaliseFingerprint('AB:CD'),
        (e: unknown) => e instanceof ProviderError && e.kind === 'tls' && /64 hexadecimal digits/.test(e.message),
      );
      assert.throws(() => normaliseFingerprint(`${FP}:00`), ProviderError);
    });
    it('accepts a "SHA-256 " label but not hex digits hidden in other text', () => {
      assert.equal(normaliseFingerprint(`SHA-256 ${FP}`), FP);
      assert.throws(() => normaliseFingerprint(`fingerprint ${FP}`), ProviderError);
      assert.throws(() => normaliseFingerprint(`${FP.slice(0, 20)}zz${FP.slice(20)}`), ProviderError);
    });
  });

  describe('redactUrl', () => {
    it('hides signatures, keys, tokens and passwords, and keeps the rest', () => {
      const out = redactUrl(
        'https://h/v2/index.php?Action=GetRedisTaskList&SecretId=AKID1&Signature=a%2Bb&Nonce=1&AccessKeyId=LTAI&SecurityToken=tok&password=pw',
      );
      assert.equal(
        out,
        'https://h/v2/index.php?Action=GetRedisTaskList&SecretId=***&Signature=***&Nonce=1&AccessKeyId=***&SecurityToken=***&password=***',
      );
    });
    it('hides credentials in the authority', () => {
      assert.equal(
        redactUrl('https://admin:pw@cluster:9443/v1/crdb_tasks'),
        'https://***:***@cluster:9443/v1/crdb_tasks',
      );
    });
    it('does not echo an unparsable URL', () => assert.equal(redactUrl('not a url password=x'), '[unparsable url]'));
  });

  describe('scrub', () => {
    it('removes every occurrence of each secret', () => {
      assert.equal(scrub('pw=hunter2; again hunter2 and key-123', ['hunter2', 'key-123']), 'pw=***; again *** and ***');
    });
    it('leaves text alone for absent or very short secrets (which would mangle everything)', () => {
      assert.equal(scrub('abc', [undefined, 'a', '']), 'abc');
    });
  });
});

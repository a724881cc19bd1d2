import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../src/core/errors';
import type { FaultMode } from '../../../src/emulator/faults';
import { PROVIDERS, expectProviderError, startHarness, type Harness } from './harness';

/**
 * Every fault a broken or hostile server can produce, per provider: a ProviderError of the right kind with a message a
 * person can read, and the same source works again as soon as the fault clears.
 */
const CASES: { mode: FaultMode; kind: ErrorKind | ErrorKind[]; timeoutMs?: number; html?: boolean }[] = [
  { mode: 'status-500', kind: 'server', html: true },
  { mode: 'status-502', kind: 'server', html: true },
  { mode: 'status-503', kind: 'server', html: true },
  { mode: 'reset', kind: 'network' },
  { mode: 'hang', kind: 'timeout', timeoutMs: 300 },
  { mode: 'trickle', kind: 'timeout', timeoutMs: 300 },
  { mode: 'truncated-json', kind: 'bad-response' },
  { mode: 'wrong-content-type', kind: 'bad-response', html: true },
  { mode: 'huge-body', kind: 'bad-response' },
  { mode: 'throttle', kind: 'throttled' },
  { mode: 'unauthorized', kind: 'auth' },
];

describe('hostile server: every fault gives a readable ProviderError and the source recovers', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.emu.reset());

  for (const provider of PROVIDERS) {
    describe(provider, () => {
      for (const c of CASES) {
        it(`${c.mode}: kind ${String(c.kind)}, readable, and the next refresh works`, async () => {
          const source = h.source(provider, c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}, `${provider}-${c.mode}`);
          h.fault(c.mode, provider);
          const e = await expectProviderError(source.refresh({}), c.kind, `${provider} ${c.mode}`);
          if (c.html) assert.doesNotMatch(e.message, /<script|<h1/i, 'the HTML page is not pasted into the message');
          if (c.mode === 'huge-body') assert.match(e.message, /larger than \d+ MB/);
          h.emu.context.faults.clear();
          const snap = await source.refresh({});
          assert.ok(snap.groups.length > 0, 'the same source refreshes again once the fault clears');
        });
      }
    });
  }

  describe('clock skew (signed APIs)', () => {
    it('tencent: the emulator clock 10 minutes ahead gives AuthFailure.SignatureExpire as an auth error naming the clock', async () => {
      const source = h.source('tencent', {}, 'tencent-skew');
      h.emu.context.clock.advance(600_000);
      try {
        const e = await expectProviderError(source.refresh({}), 'auth', 'tencent real clock skew');
        assert.equal(e.code, 'AuthFailure.SignatureExpire');
        assert.match(e.message, /clock|time/i, 'the message points at the clock');
      } finally {
        h.emu.context.clock.advance(-600_000);
      }
      assert.ok((await source.refresh({})).groups.length > 0, 'works again once the clocks agree');
    });

    it('alibaba: the service clock 20 minutes ahead gives InvalidTimeStamp.Expired as an auth error naming the clock', async () => {
      const source = h.source('alibaba', {}, 'alibaba-skew');
      h.setAlibabaSkewMs(20 * 60_000);
      try {
        const e = await expectProviderError(source.refresh({}), 'auth', 'alibaba real clock skew');
        assert.equal(e.code, 'InvalidTimeStamp.Expired');
        assert.match(e.message, /clock|time/i, 'the message points at the clock');
      } finally {
        h.setAlibabaSkewMs(0);
      }
      assert.ok((await source.refresh({})).groups.length > 0, 'works again once the clocks agree');
    });

    for (const provider of ['tencent', 'alibaba'] as const) {
      it(`${provider}: the clock-skew fault mode gives the same auth error`, async () => {
        const source = h.source(provider, {}, `${provider}-skew-fault`);
        h.fault('clock-skew', provider);
        const e = await expectProviderError(source.refresh({}), 'auth', `${provider} clock-skew fault`);
        assert.match(String(e.code), /SignatureExpire|InvalidTimeStamp\.Expired/);
        h.emu.context.faults.clear();
        assert.ok((await source.refresh({})).groups.length > 0);
      });
    }
  });

  describe('a failing connection does not disturb the others', () => {
    for (const provider of PROVIDERS) {
      it(`${provider} failing (503 and reset) while the three others refresh normally`, async () => {
        const failing = h.source(provider, {}, `${provider}-failing`);
        const others = PROVIDERS.filter(p => p !== provider).map(p => h.source(p, {}, `${p}-bystander-of-${provider}`));
        h.emu.context.faults.set([{ mode: 'status-503', provider }]);
        const [bad, ...good] = await Promise.allSettled([failing.refresh({}), ...others.map(s => s.refresh({}))]);
        assert.equal(bad.status, 'rejected');
        for (const g of good) assert.equal(g.status, 'fulfilled', g.status === 'rejected' ? String(g.reason) : '');
        h.emu.context.faults.set([{ mode: 'reset', provider }]);
        const [bad2, ...good2] = await Promise.allSettled([failing.refresh({}), ...others.map(s => s.refresh({}))]);
        assert.equal(bad2.status, 'rejected');
        for (const g of good2) assert.equal(g.status, 'fulfilled', g.status === 'rejected' ? String(g.reason) : '');
        await expectProviderError(Promise.reject(bad.reason), 'server', `${provider} bystander 503`);
      });
    }
  });

  describe('a changed certificate (pin mismatch)', () => {
    for (const provider of PROVIDERS) {
      it(`${provider}: a rotated certificate is refused as tls/PIN_MISMATCH; a source pinned to the new one works`, async () => {
        const pinnedToOld = h.source(provider, {}, `${provider}-old-pin`);
        await pinnedToOld.refresh({});
        const previous = h.emu.certificate!.fingerprint256;
        const next = await h.emu.rotateCertificate();
        assert.notEqual(next.fingerprint256, previous);
        const e = await expectProviderError(pinnedToOld.refresh({}), 'tls', `${provider} pin mismatch`);
        assert.equal(e.code, 'PIN_MISMATCH');
        assert.match(e.message, /pinned/);
        const pinnedToNew = h.source(provider, {}, `${provider}-new-pin`);
        assert.ok((await pinnedToNew.refresh({})).groups.length > 0);
      });
    }
  });
});

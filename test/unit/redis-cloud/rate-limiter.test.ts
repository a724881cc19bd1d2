import { strict as assert } from 'node:assert';
import {
  RateLimiter,
  TokenBucket,
  limiterForAccount,
  DEFAULT_POLICY,
} from '../../../src/providers/redis-cloud/rate-limiter';

function fakeTime() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    slept,
    // Sleeping moves the fake clock: no real time passes in these tests.
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('redis-cloud token bucket', () => {
  it('allows a burst, then says how long to wait', () => {
    const t = fakeTime();
    const b = new TokenBucket({ capacity: 3, refillPerMs: 1 / 1000, now: t.now });
    assert.equal(b.tryTake(), 0);
    assert.equal(b.tryTake(), 0);
    assert.equal(b.tryTake(), 0);
    assert.equal(b.tryTake(), 1000);
    t.advance(1000);
    assert.equal(b.tryTake(), 0);
  });
  it('never refills above capacity', () => {
    const t = fakeTime();
    const b = new TokenBucket({ capacity: 2, refillPerMs: 1, now: t.now });
    t.advance(10_000);
    assert.equal(b.available(), 2);
  });
  it('charges retries into debt that later requests pay', () => {
    const t = fakeTime();
    const b = new TokenBucket({ capacity: 1, refillPerMs: 1 / 100, now: t.now });
    b.charge();
    b.charge();
    assert.equal(b.available(), -1);
    assert.equal(b.tryTake(), 200);
  });
});

describe('redis-cloud rate limiter', () => {
  const policy = { requestsPerMinute: 60, steadyShare: 0.5, burst: 2 };

  it('keeps steady use at the configured share of the quota', async () => {
    const t = fakeTime();
    const l = new RateLimiter(policy, t);
    const start = t.now();
    for (let i = 0; i < 12; i++) await l.acquire();
    // 2 in the burst, then one every 2 s (30 per minute = half of 60).
    assert.equal(t.now() - start, 10 * 2000);
  });

  it('slows down when the server says the quota is running low', async () => {
    const t = fakeTime();
    const l = new RateLimiter({ requestsPerMinute: 400, steadyShare: 0.5, burst: 20 }, t);
    assert.equal(l.delayMs(), 0);
    l.observeRemaining(200);
    assert.equal(l.delayMs(), 0, 'plenty left: no change');
    l.observeRemaining(30);
    assert.ok(l.delayMs() > 0, 'below the reserve: the next request waits');
    await l.acquire();
    assert.ok(t.slept.length > 0);
  });

  it("pauses after a 429 for the server's delay", async () => {
    const t = fakeTime();
    const l = new RateLimiter(policy, t);
    l.pause(5000);
    assert.equal(l.delayMs(), 5000);
    const before = t.now();
    await l.acquire();
    assert.ok(t.now() - before >= 5000);
  });

  it('shares one limiter per account key', () => {
    const t = fakeTime();
    const a = limiterForAccount('key-a', DEFAULT_POLICY, t);
    assert.equal(limiterForAccount('key-a', DEFAULT_POLICY, t), a);
    assert.notEqual(limiterForAccount('key-b', DEFAULT_POLICY, t), a);
  });

  it('stops waiting when aborted', async () => {
    const l = new RateLimiter(policy, {
      now: () => 0,
      sleep: async (_ms, signal) => {
        if (signal?.aborted) throw new Error('aborted');
      },
    });
    l.pause(1000);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(l.acquire(ac.signal), /aborted/);
  });
});

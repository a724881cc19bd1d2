/**
 * Redis Cloud allows 400 requests per minute per account key, shared by every client using that key. We stay well
 * under it on our own (a token bucket refilled at a fraction of the quota), and slow further when the server says
 * the quota is running low (`X-Rate-Limit-Remaining`) or tells us to wait (429).
 */

export interface TokenBucketOptions {
  /** Most requests sent back to back. */
  capacity: number;
  /** Tokens added per millisecond. */
  refillPerMs: number;
  now: () => number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.capacity;
    this.updatedAt = options.now();
  }

  private refill(): void {
    const now = this.options.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.options.capacity, this.tokens + elapsed * this.options.refillPerMs);
    this.updatedAt = now;
  }

  /** Takes a token and returns 0, or returns how many milliseconds until one is there (taking nothing). */
  tryTake(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.options.refillPerMs);
  }

  /** Takes a token even when there is none: a retry the HTTP layer already sent. Later requests wait for it. */
  charge(): void {
    this.refill();
    this.tokens = Math.max(-this.options.capacity, this.tokens - 1);
  }

  /** Never more than `n` tokens (may be negative: a debt later requests pay by waiting). */
  clampTo(n: number): void {
    this.refill();
    this.tokens = Math.max(-this.options.capacity, Math.min(this.tokens, n));
  }

  available(): number {
    this.refill();
    return this.tokens;
  }
}

export interface RateLimitPolicy {
  /** The account's quota. */
  requestsPerMinute: number;
  /** Share of the quota we use in steady state, leaving room for the console, Terraform and other clients. */
  steadyShare: number;
  burst: number;
}

export const DEFAULT_POLICY: RateLimitPolicy = { requestsPerMinute: 400, steadyShare: 0.5, burst: 20 };

export interface LimiterDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class RateLimiter {
  private readonly bucket: TokenBucket;
  private pausedUntil = 0;
  /** When the server's remaining count drops to this, we stop spending what is left of the window. */
  private readonly reserve: number;

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly deps: LimiterDeps,
  ) {
    this.bucket = new TokenBucket({
      capacity: policy.burst,
      refillPerMs: (policy.requestsPerMinute * policy.steadyShare) / 60_000,
      now: deps.now,
    });
    this.reserve = Math.max(1, Math.round(policy.requestsPerMinute * 0.1));
  }

  /** How long the next request would wait now, in milliseconds (0: it can go). For tests and the poller. */
  delayMs(): number {
    const pause = Math.max(0, this.pausedUntil - this.deps.now());
    const tokens = this.bucket.available();
    const refill =
      tokens >= 1 ? 0 : Math.ceil((1 - tokens) / ((this.policy.requestsPerMinute * this.policy.steadyShare) / 60_000));
    return Math.max(pause, refill);
  }

  /** Waits until a request may go, then counts it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const pause = this.pausedUntil - this.deps.now();
      if (pause > 0) {
        await this.deps.sleep(pause, signal);
        continue;
      }
      const wait = this.bucket.tryTake();
      if (wait === 0) return;
      await this.deps.sleep(wait, signal);
    }
  }

  /** An attempt sent without `acquire` (the HTTP layer's retry). */
  charge(): void {
    this.bucket.charge();
  }

  /** The server's `X-Rate-Limit-Remaining`: slow down before the quota runs out, never after. */
  observeRemaining(remaining: number): void {
    if (!Number.isFinite(remaining) || remaining < 0) return;
    if (remaining <= this.reserve * 2) this.bucket.clampTo(remaining - this.reserve);
  }

  /** A 429: nothing goes out until the server's delay has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.deps.now() + ms);
  }
}

/** One limiter per account key in this process: two connections with the same key share one quota. */
const limiters = new Map<string, RateLimiter>();

export function limiterForAccount(accountKey: string, policy: RateLimitPolicy, deps: LimiterDeps): RateLimiter {
  const id = `${accountKey}\u0000${policy.requestsPerMinute}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiter(policy, deps);
    limiters.set(id, limiter);
  }
  return limiter;
}

export interface RetryPolicy {
  /** Total attempts for a read, the first included. Writes always get exactly one. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 10_000 };

/** Full jitter: a random delay up to an exponentially growing cap, so many clients do not retry in step. */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds, bounded so a hostile server cannot park us for hours. */
export function parseRetryAfter(
  value: string | undefined,
  maxMs: number,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  let ms: number;
  if (Number.isFinite(seconds)) ms = seconds * 1000;
  else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(Math.max(0, ms), maxMs);
}

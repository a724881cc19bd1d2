import { backoffMs } from '../core/time';

export interface RetryPolicy {
  /** Total attempts for a read, the first included. Writes always get exactly one. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 10_000 };

/** The pause before the `retry`-th retry of a read: the core's equal-jitter backoff under this policy. */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return backoffMs(retry, policy.baseDelayMs, policy.maxDelayMs, random);
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

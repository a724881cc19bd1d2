import { backoffMs } from '../core/time';

/** The longest pause `wait` takes between polls of a throttling server. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * The pause before the next poll. Throttling doubles it per throttled poll in a row, with jitter (half to all of the
 * doubled interval) so many waiting scripts do not come back in step; a server's Retry-After is a floor, and one
 * that is negative, in the past or zero never means "now".
 */
export function nextPauseMs(
  intervalMs: number,
  throttledInARow: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  if (throttledInARow <= 0) return Math.max(intervalMs, retryAfterMs ?? 0);
  const backoff = backoffMs(throttledInARow + 1, intervalMs, MAX_BACKOFF_MS, random);
  return Math.max(intervalMs, backoff, Math.min(retryAfterMs ?? 0, MAX_BACKOFF_MS * 2));
}

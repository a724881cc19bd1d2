import { ProviderError } from './errors';
import * as say from './say';

/**
 * The one injectable clock: wall time and timers. The poller, the Redis Cloud rate limiter, the HTTP retries and the
 * CLI's `wait` all take one, so tests move time instead of waiting for it.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    // A pending timer must not keep a process (the CLI, a test run) alive.
    (h as { unref?: () => void }).unref?.();
    return h;
  },
  clearTimeout: h => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Waits `ms` on `clock`; an abort rejects at once with kind `aborted`. */
export function sleep(ms: number, signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ProviderError('aborted', say.t('The request was canceled.')));
    const onAbort = () => {
      clock.clearTimeout(t);
      reject(new ProviderError('aborted', say.t('The request was canceled.')));
    };
    // A sleep that someone awaits keeps the process alive, unlike the poller's background timers.
    const t = clock === systemClock ? setTimeout(done, ms) : clock.setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Exponential backoff with equal jitter: the `attempt`-th step (1-based) doubles from `baseMs` up to `maxMs`, and
 * the delay is half the step plus a random share of the other half, so clients that failed together do not come
 * back together, yet none comes back at once.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

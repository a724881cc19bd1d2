import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { Poller, type PollRequest, type PollerHost, type PollerTimer } from '../../../src/core/poller';

/** A timer that moves only when the test says so. */
class FakeTimer implements PollerTimer {
  private t = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const next = [...this.pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets promise callbacks run (no wall-clock time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

interface Deferred {
  resolve(): void;
  reject(e: unknown): void;
}

class FakeHost implements PollerHost {
  calls: PollRequest[] = [];
  active = new Set<string>();
  activeTasks = new Set<string>();
  /** When set, polls wait until the test resolves them. */
  manual = false;
  pending: Deferred[] = [];
  fail?: (r: PollRequest) => unknown;
  poll(r: PollRequest): Promise<void> {
    this.calls.push(r);
    if (this.fail) {
      const e = this.fail(r);
      if (e) return Promise.reject(e);
    }
    if (!this.manual) return Promise.resolve();
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
  hasActive(id: string): boolean {
    return this.active.has(id);
  }
  isTaskActive(c: string, t: string): boolean {
    return this.activeTasks.has(`${c}/${t}`);
  }
  count(id: string): number {
    return this.calls.filter(c => c.connectionId === id).length;
  }
}

function make(options: Partial<ConstructorParameters<typeof Poller>[1]> = {}) {
  const timer = new FakeTimer();
  const host = new FakeHost();
  const poller = new Poller(host, {
    activeIntervalMs: 5000,
    idleIntervalMs: 60_000,
    timer,
    random: () => 1,
    ...options,
  });
  return { timer, host, poller };
}

describe('Poller', () => {
  it('does not poll while the view is hidden, and polls at once when it becomes visible', async () => {
    const { timer, host, poller } = make();
    poller.setConnections(['a']);
    await timer.advance(600_000);
    assert.equal(host.calls.length, 0);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 1);
    assert.equal(host.calls[0].list, true);
  });

  it('polls at the idle interval when nothing runs, and at the active one while something runs', async () => {
    const { timer, host, poller } = make();
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 1);
    await timer.advance(59_999);
    assert.equal(host.count('a'), 1);
    await timer.advance(1);
    assert.equal(host.count('a'), 2);
    host.active.add('a');
    poller.touch();
    await timer.advance(5000);
    assert.equal(host.count('a'), 3);
    await timer.advance(5000);
    assert.equal(host.count('a'), 4);
  });

  it('stops when the window loses focus or the view hides', async () => {
    const { timer, host, poller } = make();
    host.active.add('a');
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    poller.setFocused(false);
    await timer.advance(60_000);
    assert.equal(host.count('a'), 1);
    poller.setFocused(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 2, 'focus back: the overdue poll runs at once');
    poller.setViewVisible(false);
    await timer.advance(60_000);
    assert.equal(host.count('a'), 2);
  });

  it('a gate reopening soon after a poll waits for the rest of the interval', async () => {
    const { timer, host, poller } = make();
    host.active.add('a');
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    poller.setFocused(false);
    await timer.advance(1000);
    poller.setFocused(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 1);
    await timer.advance(4000);
    assert.equal(host.count('a'), 2);
  });

  it('interval 0 means manual only', async () => {
    const { timer, host, poller } = make({ activeIntervalMs: 0, idleIntervalMs: 0 });
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(600_000);
    assert.equal(host.calls.length, 0);
    await poller.refreshNow('a');
    assert.equal(host.count('a'), 1);
  });

  it('keeps one request in flight per connection: a manual refresh joins the running poll', async () => {
    const { timer, host, poller } = make();
    host.manual = true;
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 1);
    const joined = poller.refreshNow('a');
    await timer.advance(120_000);
    assert.equal(host.count('a'), 1, 'no second request while the first is in flight');
    host.pending.shift()!.resolve();
    await joined;
    assert.equal(host.count('a'), 1);
  });

  it('runs at most `concurrency` connections at once', async () => {
    const { timer, host, poller } = make({ concurrency: 4 });
    host.manual = true;
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    poller.setConnections(ids);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(host.calls.length, 4);
    assert.equal(poller.inFlightCount(), 4);
    host.pending.shift()!.resolve();
    await settle();
    assert.equal(host.calls.length, 5);
    host.pending.shift()!.resolve();
    await settle();
    assert.equal(host.calls.length, 6);
    assert.deepEqual(new Set(host.calls.map(c => c.connectionId)), new Set(ids));
  });

  it('backs off exponentially after failures, capped, and recovers after a success', async () => {
    const { timer, host, poller } = make({ backoffBaseMs: 1000, backoffMaxMs: 8000 });
    let failing = true;
    host.fail = () => (failing ? new ProviderError('network', 'down') : undefined);
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(host.count('a'), 1);
    assert.equal(poller.dueAt('a'), 1000);
    await timer.advance(1000);
    assert.equal(poller.dueAt('a'), 1000 + 2000);
    await timer.advance(2000);
    assert.equal(poller.dueAt('a'), 3000 + 4000);
    await timer.advance(4000);
    assert.equal(poller.dueAt('a'), 7000 + 8000);
    await timer.advance(8000);
    assert.equal(poller.dueAt('a'), 15000 + 8000, 'capped');
    failing = false;
    await timer.advance(8000);
    assert.equal(host.count('a'), 6);
    assert.equal(poller.dueAt('a'), 23000 + 60_000, 'back to the idle interval');
  });

  it('jitters the backoff between 50 and 100 % of the step', () => {
    const low = make({ random: () => 0, backoffBaseMs: 1000 }).poller;
    const high = make({ random: () => 1, backoffBaseMs: 1000 }).poller;
    const e = new ProviderError('network', 'x');
    assert.equal(low.backoffMs(3, e), 2000);
    assert.equal(high.backoffMs(3, e), 4000);
  });

  it('a throttled error waits at least its retryAfterMs', async () => {
    const { timer, host, poller } = make({ backoffBaseMs: 1000 });
    host.fail = () => new ProviderError('throttled', 'slow down', { retryAfterMs: 30_000 });
    poller.setConnections(['a']);
    poller.setViewVisible(true);
    await timer.advance(0);
    assert.equal(poller.dueAt('a'), 30_000);
    await timer.advance(29_999);
    assert.equal(host.count('a'), 1);
  });

  it('a failure on one connection does not delay another', async () => {
    const { timer, host, poller } = make({ backoffBaseMs: 100_000 });
    host.fail = r => (r.connectionId === 'bad' ? new ProviderError('auth', 'no') : undefined);
    poller.setConnections(['bad', 'good']);
    poller.setViewVisible(true);
    await timer.advance(0);
    await timer.advance(60_000);
    assert.equal(host.count('good'), 2);
    assert.equal(host.count('bad'), 1);
  });

  it('polls a watched running task while the view is hidden, and stops once it is no longer active', async () => {
    const { timer, host, poller } = make();
    poller.setConnections(['a']);
    host.activeTasks.add('a/t1');
    poller.watch('a', 't1');
    await timer.advance(5000);
    assert.equal(host.count('a'), 1);
    assert.equal(host.calls[0].list, false);
    assert.deepEqual(host.calls[0].tasks, ['t1']);
    host.activeTasks.delete('a/t1');
    poller.touch();
    await timer.advance(600_000);
    assert.equal(host.count('a'), 1);
  });

  it('removing a connection stops its polling', async () => {
    const { timer, host, poller } = make();
    poller.setConnections(['a', 'b']);
    poller.setViewVisible(true);
    await timer.advance(0);
    poller.setConnections(['b']);
    await timer.advance(60_000);
    assert.equal(host.count('a'), 1);
    assert.equal(host.count('b'), 2);
    poller.dispose();
    await timer.advance(600_000);
    assert.equal(host.count('b'), 2);
  });
});

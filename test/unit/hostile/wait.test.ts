import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { nextPauseMs } from '../../../src/cli/backoff';
import { ProviderError } from '../../../src/core/errors';
import { HttpClient } from '../../../src/http/client';
import { RedisCloudApi } from '../../../src/providers/redis-cloud/api';
import { DEFAULT_POLICY, RateLimiter } from '../../../src/providers/redis-cloud/rate-limiter';
import { fakeDeps, fakeIo, RE_ENV, sleepingClock, task } from '../cli/fakes';
import { json, startServer } from '../http/servers';

/** The sleeping clock (no test here waits in real time for a backoff), with the jitter fixed at its middle. */
const clock = () => sleepingClock({ random: () => 0.5 });

describe('hostile server: wait cannot flood a throttling server and its --timeout is a deadline (issue 14, defects 6, 7)', function () {
  this.timeout(10_000);

  it('defect 6: --interval 0 against a server throttling with Retry-After 0 backs off exponentially from a 1 s floor', async () => {
    const c = clock();
    const throttled = new ProviderError('throttled', 'HTTP 429', { status: 429, retryAfterMs: 0 });
    const { deps, rec } = fakeDeps(
      { gets: [...Array.from({ length: 8 }, () => throttled), task({ status: 'succeeded' })] },
      c.extra,
    );
    const io = fakeIo({ env: RE_ENV });
    assert.equal(await runCli(['wait', 't1', '--interval', '0'], io, deps), EXIT.ok, io.err);
    assert.equal(rec.gets.length, 9);
    assert.ok(
      c.sleeps.every(ms => ms >= 1000),
      `every pause is at least the 1 s floor: ${c.sleeps.join(', ')}`,
    );
    for (let i = 1; i < c.sleeps.length; i++)
      assert.ok(c.sleeps[i] >= c.sleeps[i - 1], `pauses grow while throttled: ${c.sleeps.join(', ')}`);
    assert.ok(c.sleeps[c.sleeps.length - 1] >= 30_000, `and reach tens of seconds: ${c.sleeps.join(', ')}`);
    assert.ok(
      c.sleeps.every(ms => ms <= 60_000),
      'bounded by a minute',
    );
  });

  it('defect 6: the backoff has jitter, and a negative or past Retry-After never means "now"', () => {
    assert.notEqual(
      nextPauseMs(1000, 3, undefined, () => 0),
      nextPauseMs(1000, 3, undefined, () => 1),
    );
    for (const retryAfter of [0, -5000, undefined]) {
      assert.ok(nextPauseMs(1000, 1, retryAfter, Math.random) >= 1000);
      assert.ok(nextPauseMs(1000, 4, retryAfter, () => 0) >= 8000);
    }
    assert.equal(
      nextPauseMs(1000, 1, 9000, () => 0.5),
      9000,
      'a longer Retry-After is honoured',
    );
  });

  it('defect 6: the HTTP client never retries at once on Retry-After 0, negative or in the past', async () => {
    for (const header of ['0', '-5', 'Thu, 01 Jan 1970 00:00:00 GMT']) {
      const server = await startServer((_req, res) => json(res, 429, {}, { 'retry-after': header }));
      const waits: number[] = [];
      const http = new HttpClient({
        sleep: async ms => {
          waits.push(ms);
        },
        random: () => 0,
      });
      try {
        const res = await http.request({ method: 'GET', url: `${server.url}/x` });
        assert.equal(res.status, 429);
        assert.equal(server.hits.length, 3, 'three attempts');
        assert.equal(waits.length, 2, `${header}: two waits between them`);
        assert.ok(waits[0] >= 150 && waits[1] >= 300, `${header}: jittered backoff applies: ${waits.join(', ')}`);
      } finally {
        await http.close();
        await server.close();
      }
    }
  });

  it("defect 6: Redis Cloud's rate limiter does not resume at once after a 429 with a negative Retry-After", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: { type: 'THROTTLED' } }, { 'retry-after': '-5' }),
    );
    const now = Date.UTC(2026, 1, 1);
    const limiter = new RateLimiter(DEFAULT_POLICY, { now: () => now, sleep: async () => undefined });
    const http = new HttpClient({ sleep: async () => undefined });
    const api = new RedisCloudApi({ http, endpoint: server.url, accountKey: 'acct', secretKey: 'secret-1', limiter });
    try {
      await assert.rejects(api.listTasks(), (e: unknown) => e instanceof ProviderError && e.kind === 'throttled');
      assert.ok(limiter.delayMs() >= 10_000, `the next request waits: ${limiter.delayMs()} ms`);
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('defect 7: --timeout aborts the request in flight (a hanging server), exit 8', async () => {
    let aborted = false;
    const { deps } = fakeDeps({});
    const base = deps.createSource!;
    deps.createSource = (config, secret, d) => ({
      ...base(config, secret, d),
      // Hangs until its signal fires, like a server that never answers.
      getTask: (_id, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new ProviderError('aborted', 'Stopped waiting.'));
          });
        }),
    });
    const io = fakeIo({ env: RE_ENV });
    const code = await runCli(['wait', 't1', '--timeout', '0.05'], io, deps);
    assert.equal(code, EXIT.waitTimeout, io.err);
    assert.ok(aborted, 'the request in flight was aborted');
    assert.match(io.err, /did not finish within 0.05 s/);
  });

  it('defect 7: a hanging real server is given up on at the --timeout deadline, its socket closed', async () => {
    let socketClosed!: () => void;
    const closed = new Promise<void>(r => (socketClosed = r));
    const server = await startServer(req => {
      req.socket.on('close', () => socketClosed());
    });
    try {
      const io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'pw-123456' } });
      const code = await runCli(['wait', 't1', '--endpoint', server.url, '--user', 'u', '--timeout', '0.3'], io);
      assert.equal(code, EXIT.waitTimeout, io.err);
      assert.equal(server.hits.length, 1, 'one request, not retried after the deadline');
      // Resolves only when the client drops the socket; a request left hanging would time the test out.
      await closed;
    } finally {
      await server.close();
    }
  });
});

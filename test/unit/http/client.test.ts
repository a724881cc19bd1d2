import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { HttpClient, type RequestLogEntry } from '../../../src/http/client';
import { json, startServer, type Handler, type TestServer } from './servers';

/** Retries without real waiting: the delays are a millisecond. */
const FAST = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('http client behaviour (local HTTP server)', () => {
  let server: TestServer;
  let handler: Handler;
  let client: HttpClient;
  let log: RequestLogEntry[];

  before(async () => {
    server = await startServer((req, res, hit) => handler(req, res, hit));
  });
  after(() => server.close());
  beforeEach(() => {
    server.hits.length = 0;
    log = [];
    client = new HttpClient({ retry: FAST, log: e => log.push(e) });
  });
  afterEach(() => client.close());

  /** Answers the n-th request (1-based, counted from this test's start) with the n-th function. */
  function sequence(...steps: Handler[]): void {
    const start = server.hits.length;
    handler = (req, res, hit) => steps[Math.min(hit - start - 1, steps.length - 1)](req, res, hit);
  }
  const status =
    (code: number, headers: Record<string, string> = {}): Handler =>
    (_q, res) =>
      json(res, code, { code }, headers);
  const reset: Handler = req => req.socket.destroy();

  describe('retries', () => {
    it('retries a GET answered 503, then succeeds', async () => {
      sequence(status(503), status(200));
      const res = await client.request({ method: 'GET', url: `${server.url}/x` });
      assert.equal(res.status, 200);
      assert.equal(server.hits.length, 2);
    });

    it('returns the last 5xx after the attempts run out', async () => {
      sequence(status(502));
      const res = await client.request({ method: 'GET', url: `${server.url}/x` });
      assert.equal(res.status, 502);
      assert.equal(server.hits.length, 3);
    });

    it('sends a POST answered 503 exactly once', async () => {
      sequence(status(503), status(200));
      const res = await client.request({ method: 'POST', url: `${server.url}/cancel`, body: '{}' });
      assert.equal(res.status, 503);
      assert.equal(server.hits.length, 1);
    });

    it('retries a POST marked idempotent', async () => {
      sequence(status(503), status(200));
      const res = await client.request({ method: 'POST', url: `${server.url}/describe`, body: '{}', idempotent: true });
      assert.equal(res.status, 200);
      assert.equal(server.hits.length, 2);
    });

    it('retries a 429 with Retry-After: 0', async () => {
      sequence(status(429, { 'retry-after': '0' }), status(200));
      const res = await client.request({ method: 'GET', url: `${server.url}/x` });
      assert.equal(res.status, 200);
      assert.equal(server.hits.length, 2);
    });

    it('retries a GET after a connection reset', async () => {
      sequence(reset, status(200));
      const res = await client.request({ method: 'GET', url: `${server.url}/x` });
      assert.equal(res.status, 200);
      assert.equal(server.hits.length, 2);
    });

    it('does not retry a POST after a connection reset, and reports kind network', async () => {
      sequence(reset, status(200));
      await assert.rejects(
        client.request({ method: 'POST', url: `${server.url}/cancel`, body: '{}', what: 'the cancel' }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'network' && /the cancel/.test(e.message),
      );
      assert.equal(server.hits.length, 1);
    });

    it('signs every attempt afresh', async () => {
      sequence(status(503), status(503), status(200));
      let signs = 0;
      const res = await client.request({
        method: 'GET',
        url: `${server.url}/x`,
        sign: r => ({ ...r, headers: { ...r.headers, 'x-attempt-signature': `sig-${++signs}` } }),
      });
      assert.equal(res.status, 200);
      assert.equal(signs, 3);
      assert.deepEqual(
        server.hits.map(h => h.headers['x-attempt-signature']),
        ['sig-1', 'sig-2', 'sig-3'],
      );
    });
  });

  describe('size cap', () => {
    it('refuses a body whose content-length is over maxBytes', async () => {
      sequence((_q, res) => {
        res.writeHead(200, { 'content-length': 5000 });
        res.end(Buffer.alloc(5000, 0x20));
      });
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/big`, maxBytes: 1024, what: 'the big list' }),
        (e: unknown) =>
          e instanceof ProviderError && e.kind === 'bad-response' && /the big list is larger than/.test(e.message),
      );
    });

    it('refuses a chunked body that grows over maxBytes', async () => {
      sequence((_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }); // no content-length: chunked
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(512, 0x20));
        res.end();
      });
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/stream`, maxBytes: 2048 }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'bad-response' && /larger than/.test(e.message),
      );
    });

    it('reads a body under the cap', async () => {
      sequence(status(200));
      const res = await client.request({ method: 'GET', url: `${server.url}/ok`, maxBytes: 1024 });
      assert.deepEqual(JSON.parse(res.text()), { code: 200 });
      assert.equal(res.headers['content-type'], 'application/json');
    });
  });

  describe('timeouts and aborts', () => {
    it('gives kind timeout when the server never answers', async () => {
      sequence(() => {
        /* never answers */
      });
      const c = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
      try {
        await assert.rejects(
          c.request({ method: 'GET', url: `${server.url}/hang`, timeoutMs: 300 }),
          (e: unknown) => e instanceof ProviderError && e.kind === 'timeout',
        );
      } finally {
        await c.close();
      }
    });

    it("gives kind aborted when the caller's signal fires", async () => {
      const controller = new AbortController();
      sequence(() => controller.abort());
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/slow`, signal: controller.signal }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'aborted',
      );
      assert.equal(server.hits.length, 1, 'an aborted read is not retried');
    });

    it('gives kind aborted for a signal aborted before the request', async () => {
      sequence(status(200));
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/x`, signal: AbortSignal.abort() }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'aborted',
      );
    });
  });

  describe('log', () => {
    it('writes one entry per attempt, with secrets in the URL redacted', async () => {
      sequence(status(503), status(200));
      const url = `${server.url}/?Action=DescribeTaskList&SecretId=AKIDsecret&Signature=abc%2Bdef&AccessKeyId=LTAIkey&password=hunter2&Limit=20`;
      await client.request({ method: 'GET', url });
      assert.equal(log.length, 2);
      assert.deepEqual(
        log.map(e => [e.attempt, e.status]),
        [
          [1, 503],
          [2, 200],
        ],
      );
      for (const e of log) {
        assert.doesNotMatch(e.url, /AKIDsecret|abc|LTAIkey|hunter2/);
        assert.match(e.url, /SecretId=\*\*\*&Signature=\*\*\*&AccessKeyId=\*\*\*&password=\*\*\*&Limit=20/);
        assert.match(e.url, /Action=DescribeTaskList/);
      }
    });

    it('logs a failed attempt with its error', async () => {
      sequence(reset);
      await assert.rejects(client.request({ method: 'POST', url: `${server.url}/x`, body: '' }));
      assert.equal(log.length, 1);
      assert.equal(log[0].status, undefined);
      assert.match(log[0].error ?? '', /closed/);
    });
  });

  it('maps a refused connection to kind network with a hint', async () => {
    const c = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      await assert.rejects(
        c.request({ method: 'GET', url: 'http://127.0.0.1:1/' }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'network' && /refused/.test(e.message),
      );
    } finally {
      await c.close();
    }
  });
});

import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { ProviderError } from '../../../src/core/errors';
import { HttpClient } from '../../../src/http/client';
import { json, startServer, type TestServer } from './servers';

/**
 * The client aborts a request with one controller of its own (its timer or the caller's signal). Nothing of a request
 * may outlive it: a long-lived caller signal (the poller's) must not collect a listener per request.
 */
describe('http client: a settled request leaves nothing behind', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => {
      if (req.url?.startsWith('/hang')) return; // never answers
      json(res, req.url === '/fail' ? 500 : 200, { ok: true });
    });
  });
  after(() => server.close());

  it('removes its listener from the caller signal after success, an HTTP error and a timeout', async () => {
    const caller = new AbortController();
    const client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await client.request({ method: 'GET', url: `${server.url}/ok`, signal: caller.signal })).status,
          200,
        );
      assert.equal(
        (await client.request({ method: 'GET', url: `${server.url}/fail`, signal: caller.signal })).status,
        500,
      );
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/hang`, signal: caller.signal, timeoutMs: 200 }),
        (e: unknown) => e instanceof ProviderError && e.kind === 'timeout' && /within/.test(e.message),
      );
      assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
      assert.equal(caller.signal.aborted, false, "our timeout never aborts the caller's signal");
    } finally {
      await client.close();
    }
  });

  it('names the request by its redacted URL when no purpose was given', async () => {
    const client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      await assert.rejects(
        client.request({ method: 'GET', url: `${server.url}/hang?Signature=s3cr3t`, timeoutMs: 200 }),
        (e: unknown) =>
          e instanceof ProviderError &&
          e.message.includes('GET ') &&
          e.message.includes('Signature=***') &&
          !e.message.includes('s3cr3t'),
      );
    } finally {
      await client.close();
    }
  });
});

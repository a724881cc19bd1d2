import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { ProviderError } from '../../../src/core/errors';
import type { ProviderId } from '../../../src/core/task';
import { HttpClient } from '../../../src/http/client';
import { createSource } from '../../../src/providers';
import { fakeIo } from '../cli/fakes';
import { json, startServer, type TestServer } from '../http/servers';
import { ENV, PASSWORD, USER, cliArgs, fakeEnterprise } from './fake-servers';
import { rejection } from '../support/rejection';

const REGION: Partial<Record<ProviderId, string>> = { tencent: 'ap-guangzhou', alibaba: 'cn-hangzhou' };

describe('hostile server: ids cannot rewrite paths, only a 2xx is an answer, CR/LF is a usage error (issue 14, defects 11, 12)', function () {
  this.timeout(20_000);

  describe('dot segments', () => {
    let server: TestServer;
    beforeEach(async () => {
      // Any POST "succeeds", as the cluster did when `cancel ..` reached /v1/actions/cancel.
      server = await fakeEnterprise([(req, res) => (req.method === 'POST' ? json(res, 200, {}) : false)]);
    });
    afterEach(() => server.close());

    for (const id of ['..', '.', '%2e%2e']) {
      it(`defect 11: cancel ${id} sends nothing and does not say "Cancel requested"`, async () => {
        const io = fakeIo({ env: ENV });
        const code = await runCli(['cancel', id, ...cliArgs(server)], io);
        const posts = server.hits.filter(h => h.method === 'POST');
        if (id === '%2e%2e') {
          // Percent-encoded by the client itself: an id like any other, sent to its own path.
          assert.deepEqual(
            posts.map(p => p.url),
            ['/v1/crdb_tasks/%252e%252e/actions/cancel'],
          );
          return;
        }
        assert.notEqual(code, EXIT.ok, io.out);
        assert.doesNotMatch(io.out, /Cancel requested/);
        assert.equal(posts.length, 0, `no POST was sent: ${posts.map(p => p.url).join(', ')}`);
        assert.match(io.err, /"\." or "\.\."/);
      });
    }

    it('defect 11: get .. reads no collapsed path either', async () => {
      const io = fakeIo({ env: ENV });
      assert.notEqual(await runCli(['get', '..', ...cliArgs(server)], io), EXIT.ok);
      assert.equal(server.hits.length, 0, server.hits.map(h => h.url).join(', '));
    });
  });

  describe('a 3xx is never a success, for every provider', () => {
    let server: TestServer;
    beforeEach(async () => {
      server = await startServer((_req, res) =>
        json(
          res,
          307,
          { Items: { KVStoreTask: [] }, TotalCount: 0, Response: { TaskList: [] } },
          { location: 'http://127.0.0.1:1/' },
        ),
      );
    });
    afterEach(() => server.close());

    for (const provider of ['redis-enterprise', 'redis-cloud', 'tencent', 'alibaba'] as ProviderId[]) {
      it(`defect 12: ${provider}: a 307 with a JSON body is a bad-response error, decided in one place`, async () => {
        const source = createSource(
          { id: 'c', name: 'c', provider, endpoint: server.url, user: 'AKID-user', region: REGION[provider] },
          { secret: PASSWORD },
        );
        try {
          const e = await rejection(source.refresh({}));
          assert.equal(e.kind, 'bad-response', e.message);
          assert.equal(e.code, 'HTTP307', e.message);
          assert.match(e.message, /redirect \(HTTP 307\)/);
        } finally {
          await source.close();
        }
      });
    }

    it('defect 12: the CLI lists no "No tasks." for Alibaba behind a 307, and exits non-zero', async () => {
      const io = fakeIo({ env: { REDIS_TASKS_SECRET_KEY: PASSWORD } });
      const code = await runCli(
        [
          'list',
          '--provider',
          'alibaba',
          '--endpoint',
          server.url,
          '--access-key-id',
          'AK1',
          '--region',
          'cn-hangzhou',
        ],
        io,
      );
      assert.equal(code, EXIT.other, io.out + io.err);
      assert.doesNotMatch(io.out, /No tasks/);
    });
  });

  describe('CR/LF in a region, key or secret', () => {
    let server: TestServer;
    beforeEach(async () => {
      server = await fakeEnterprise();
    });
    afterEach(() => server.close());

    const cases: Array<{ label: string; argv: string[]; env: Record<string, string> }> = [
      {
        label: 'region',
        argv: ['--provider', 'tencent', '--secret-id', 'AKID1', '--region', 'ap-guangzhou\r\nX-Evil: 1'],
        env: { REDIS_TASKS_SECRET_KEY: PASSWORD },
      },
      { label: 'user', argv: ['--user', 'admin\nX-Evil: 1'], env: ENV },
      { label: 'secret', argv: ['--user', USER], env: { REDIS_TASKS_PASSWORD: 'pass\r\nword' } },
    ];
    for (const c of cases) {
      it(`CR/LF in the ${c.label} is a usage error (exit 2), not a network error retried three times`, async () => {
        const io = fakeIo({ env: c.env });
        const code = await runCli(['list', '--endpoint', server.url, ...c.argv], io);
        assert.equal(code, EXIT.usage, io.err);
        assert.match(io.err, /line break or another control character/);
        assert.equal(server.hits.length, 0);
      });
    }

    it('the core refuses such a connection too (the extension gets the same rule), and never as a network error', async () => {
      assert.throws(
        () =>
          createSource(
            { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: 'a\nb' },
            { secret: PASSWORD },
          ),
        (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request' && e.code === 'CONTROL_CHARACTER',
      );
      const waits: number[] = [];
      const http = new HttpClient({ sleep: async ms => void waits.push(ms) });
      try {
        const e = await rejection(
          http.request({ method: 'GET', url: `${server.url}/x`, headers: { 'x-api-key': 'a\r\nb' } }),
        );
        assert.equal(e.kind, 'bad-request', e.message);
        assert.equal(waits.length, 0, 'not retried');
      } finally {
        await http.close();
      }
    });
  });
});

import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '../../../src/core/errors';
import { HttpClient } from '../../../src/http/client';
import type { ServerCertificate } from '../../../src/emulator/certificate';
import { generateCertificate } from '../../../src/emulator/certificate';
import { json, startServer, testCertificate, type TestServer } from './servers';

const NO_RETRY = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

describe('http client TLS', () => {
  let cert: ServerCertificate;
  let server: TestServer;
  let dir: string;

  before(async () => {
    cert = await testCertificate();
    server = await startServer((_req, res) => json(res, 200, { ok: true }), cert);
    dir = mkdtempSync(join(tmpdir(), 'rtb-tls-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function get(client: HttpClient) {
    try {
      return await client.request({ method: 'GET', url: `${server.url}/v1/ping`, what: 'the ping' });
    } finally {
      await client.close();
    }
  }

  it('rejects the self-signed certificate under system trust, with kind tls and a hint to pin', async () => {
    await assert.rejects(get(new HttpClient({ retry: NO_RETRY })), (e: unknown) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, 'tls');
      assert.match(e.message, /self-signed.*pin its fingerprint/);
      return true;
    });
  });

  const forms: Array<[string, (fp: string) => string]> = [
    ['AB:CD:… (as Node prints it)', fp => fp],
    ['lower-case hex without colons', fp => fp.replace(/:/g, '').toLowerCase()],
    ['a sha256/ prefix', fp => `sha256/${fp}`],
  ];
  for (const [name, form] of forms) {
    it(`accepts the right pin given as ${name}`, async () => {
      const res = await get(
        new HttpClient({ tls: { mode: 'pinned', fingerprint256: form(cert.fingerprint256) }, retry: NO_RETRY }),
      );
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.text()), { ok: true });
    });
  }

  it('refuses a wrong pin with kind tls, and no request reaches the server', async () => {
    const other = await generateCertificate('other');
    const before = server.hits.length;
    await assert.rejects(
      get(
        new HttpClient({
          tls: { mode: 'pinned', fingerprint256: other.fingerprint256 },
          retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        }),
      ),
      (e: unknown) => {
        assert.ok(e instanceof ProviderError);
        assert.equal(e.kind, 'tls');
        assert.equal(e.code, 'PIN_MISMATCH');
        assert.match(e.message, /is not the pinned one/);
        return true;
      },
    );
    assert.equal(server.hits.length, before);
  });

  it('refuses a malformed pin before connecting', () => {
    assert.throws(
      () => new HttpClient({ tls: { mode: 'pinned', fingerprint256: 'abc' } }),
      (e: unknown) => e instanceof ProviderError && e.kind === 'tls',
    );
  });

  it('trusts the server through a CA file containing its certificate', async () => {
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, cert.cert);
    const res = await get(new HttpClient({ tls: { mode: 'ca-file', caFile }, retry: NO_RETRY }));
    assert.equal(res.status, 200);
  });

  it('explains an unreadable CA file with kind tls', () => {
    assert.throws(
      () => new HttpClient({ tls: { mode: 'ca-file', caFile: join(dir, 'missing.pem') } }),
      (e: unknown) => e instanceof ProviderError && e.kind === 'tls' && /Cannot read the CA file/.test(e.message),
    );
  });
});

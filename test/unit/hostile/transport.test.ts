import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { HttpClient } from '../../../src/http/client';
import { createSource } from '../../../src/providers';
import { fakeIo } from '../cli/fakes';
import type { TestServer } from '../http/servers';
import { ENV, PASSWORD, USER, cliArgs, fakeEnterprise } from './fake-servers';
import { rejection } from '../support/rejection';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

describe('hostile server: credentials never cross plain HTTP by accident (issue 14, defect 1)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await fakeEnterprise();
  });
  afterEach(() => server.close());

  it('defect 1: --fingerprint on an http:// endpoint is a usage error and no byte is sent', async () => {
    const io = fakeIo({ env: ENV });
    const code = await runCli(['list', ...cliArgs(server, ['--fingerprint', FP])], io);
    assert.equal(code, EXIT.usage, io.err);
    assert.match(io.err, /--fingerprint cannot apply to a plain http:\/\/ endpoint/);
    assert.equal(server.hits.length, 0, 'no request reached the server');
  });

  it('defect 1: --ca on an http:// endpoint is a usage error too', async () => {
    const io = fakeIo({ env: ENV });
    assert.equal(await runCli(['list', ...cliArgs(server, ['--ca', '/nonexistent.pem'])], io), EXIT.usage);
    assert.equal(server.hits.length, 0);
  });

  it('defect 1: the core refuses a pin on http:// before sending (the extension gets the same rule)', async () => {
    const source = createSource(
      {
        id: 'c',
        name: 'c',
        provider: 'redis-enterprise',
        endpoint: server.url,
        user: USER,
        tls: { mode: 'pinned', fingerprint256: FP },
      },
      { secret: PASSWORD },
    );
    try {
      const e = await rejection(source.refresh({}));
      assert.equal(e.kind, 'tls');
      assert.equal(e.code, 'TLS_ON_PLAIN_HTTP');
      assert.equal(server.hits.length, 0);
    } finally {
      await source.close();
    }
  });

  it('defect 1: http:// to another machine is refused without allowInsecureHttp, before any connection', async () => {
    const http = new HttpClient({});
    try {
      const e = await rejection(
        http.request({ method: 'GET', url: 'http://cluster.example.invalid:8080/v1/actions', headers: { a: 'b' } }),
      );
      assert.equal(e.code, 'INSECURE_HTTP', e.message);
      assert.match(e.message, /allowInsecureHttp/);
    } finally {
      await http.close();
    }
    const io = fakeIo({ env: ENV });
    const code = await runCli(['list', '--endpoint', 'http://cluster.example.invalid:8080', '--user', USER], io);
    assert.equal(code, EXIT.usage, io.err);
    assert.match(io.err, /--allow-insecure-http/);
  });

  it('defect 1: the loopback (the demo emulator) and an explicit allowInsecureHttp are allowed', async () => {
    const io = fakeIo({ env: ENV });
    assert.equal(await runCli(['list', ...cliArgs(server)], io), EXIT.ok, io.err);
    const http = new HttpClient({ allowInsecureHttp: true });
    try {
      // Passes the transport check; fails later on the name, which proves it was allowed to try.
      const e = await rejection(http.request({ method: 'GET', url: 'http://cluster.example.invalid:8080/x' }));
      assert.notEqual(e.code, 'INSECURE_HTTP');
    } finally {
      await http.close();
    }
  });
});

import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as diagnostics from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { HttpClient, type CertificateNote } from '../../../src/http/client';
import { testCertificate } from '../http/servers';

/**
 * Node's own mark on a socket whose renegotiation was refused (`tls.TLSSocket#disableRenegotiation`). A real
 * renegotiation cannot be provoked here (OpenSSL 3 clients ignore a TLS 1.2 HelloRequest unless asked), so the test
 * proves the refusal is set on every socket the client opens, which is what stops a certificate swap.
 */
function renegotiationDisabled(socket: TLSSocket): boolean {
  const sym = Object.getOwnPropertySymbols(socket).find(x => x.description === 'disable-renegotiation');
  return sym !== undefined && (socket as unknown as Record<symbol, unknown>)[sym] === true;
}

/** Every socket undici connects while `fn` runs, seen through its diagnostics channel. */
async function socketsDuring(fn: () => Promise<void>): Promise<TLSSocket[]> {
  const seen: TLSSocket[] = [];
  const onConnected = (m: unknown) => seen.push((m as { socket: TLSSocket }).socket);
  diagnostics.subscribe('undici:client:connected', onConnected);
  try {
    await fn();
  } finally {
    diagnostics.unsubscribe('undici:client:connected', onConnected);
  }
  return seen;
}

async function tlsServer(key: string, cert: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer({ key, cert, maxVersion: 'TLSv1.2' }, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('hostile server: TLS renegotiation and expired pinned certificates (issue 14, defect 4 and the tooltip note)', function () {
  this.timeout(20_000);

  for (const mode of ['pinned', 'ca-file'] as const) {
    it(`defect 4: renegotiation is refused on every ${mode} connection the client opens`, async () => {
      const c = await testCertificate();
      const server = await tlsServer(c.key, c.cert);
      const dir = mkdtempSync(join(tmpdir(), 'rtb-ca-'));
      const caFile = join(dir, 'ca.pem');
      writeFileSync(caFile, c.cert);
      const http = new HttpClient({
        tls: mode === 'pinned' ? { mode, fingerprint256: c.fingerprint256 } : { mode, caFile },
        connections: 2,
      });
      try {
        const sockets = await socketsDuring(async () => {
          // Two at once: two sockets, each checked.
          const url = server.url.replace('127.0.0.1', 'localhost');
          const [a, b] = await Promise.all([
            http.request({ method: 'GET', url }),
            http.request({ method: 'GET', url }),
          ]);
          assert.equal(a.status, 200);
          assert.equal(b.status, 200);
        });
        assert.ok(sockets.length >= 1, 'sockets were opened');
        for (const s of sockets) assert.ok(renegotiationDisabled(s), 'renegotiation is disabled on this socket');
      } finally {
        await http.close();
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('defect 4: renegotiation is refused through a proxy too (the tunnel socket to the server)', async () => {
    const c = await testCertificate();
    const server = await tlsServer(c.key, c.cert);
    // A CONNECT proxy on the loopback that pipes the tunnel to the server.
    const proxy = http.createServer();
    let tunnels = 0;
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      tunnels++;
      const [host, port] = String(req.url).split(':');
      const upstream = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>(r => proxy.listen(0, '127.0.0.1', () => r()));
    const dir = mkdtempSync(join(tmpdir(), 'rtb-ca-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, c.cert);
    const client = new HttpClient({
      tls: { mode: 'ca-file', caFile },
      proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    });
    try {
      const sockets = await socketsDuring(async () => {
        const res = await client.request({ method: 'GET', url: server.url.replace('127.0.0.1', 'localhost') });
        assert.equal(res.status, 200);
      });
      assert.equal(tunnels, 1, 'the request went through the proxy');
      const tlsSockets = sockets.filter(s => s instanceof TLSSocket);
      assert.ok(tlsSockets.length >= 1, 'the TLS socket to the server was seen');
      for (const s of tlsSockets) assert.ok(renegotiationDisabled(s), 'renegotiation is disabled on the tunnel');
    } finally {
      await client.close();
      await server.close();
      proxy.closeAllConnections();
      await new Promise<void>(r => proxy.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an expired pinned certificate is still accepted, and reported once so the connection can say so', async () => {
    const notAfter = new Date(Date.now() - 24 * 3600 * 1000);
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(notAfter.getTime() - 30 * 24 * 3600 * 1000),
      notAfterDate: notAfter,
    });
    const fingerprint256 = new X509Certificate(pems.cert).fingerprint256;
    const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    const notes: CertificateNote[] = [];
    const http = new HttpClient({ tls: { mode: 'pinned', fingerprint256 }, onCertificateNote: n => notes.push(n) });
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const res = await http.request({ method: 'GET', url });
      assert.equal(res.status, 200, 'the pin is the trust: an expired pinned certificate still works');
      await http.request({ method: 'GET', url });
      assert.equal(notes.length, 1, 'said once, not per request');
      assert.equal(notes[0].kind, 'pinned-expired');
      assert.ok(Date.parse(notes[0].validTo) < Date.now());
    } finally {
      await http.close();
      server.closeAllConnections();
      await new Promise<void>(r => server.close(() => r()));
    }
  });
});

import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generateCertificate, type ServerCertificate } from '../../../src/emulator/certificate';

export interface TestServer {
  url: string;
  /** Requests that reached the handler. */
  hits: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  /** TLS handshakes or TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

/** A server on 127.0.0.1:0 that counts what reaches it; HTTPS with a fresh self-signed certificate when given one. */
export async function startServer(handler: Handler, cert?: ServerCertificate): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const state: TestServer = { url: '', hits: [], connections: 0, close: async () => undefined };
  const wrapped = (req: http.IncomingMessage, res: http.ServerResponse) => {
    state.hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    handler(req, res, state.hits.length);
  };
  const server = cert ? https.createServer({ key: cert.key, cert: cert.cert }, wrapped) : http.createServer(wrapped);
  server.on('connection', s => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  state.url = `${cert ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>(resolve => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

let shared: Promise<ServerCertificate> | undefined;
/** One certificate for the whole run: generating one costs a little CPU. */
export function testCertificate(): Promise<ServerCertificate> {
  shared ??= generateCertificate('localhost');
  return shared;
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

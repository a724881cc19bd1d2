import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Clock } from './clock';
import { FaultInjector, type FaultMode, type FaultRule } from './faults';
import { generateCertificate, type ServerCertificate } from './certificate';
import { echoedCredentials, poisonAnswer, type HostileProfile } from './hostile-data';
import { hostileProfileFor } from './hostile';
import type {
  EmulatorConnectionInfo,
  EmulatorContext,
  EmulatorModule,
  EmulatorRequest,
  EmulatorResponse,
} from './types';

export interface EmulatorOptions {
  modules: EmulatorModule[];
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Plain HTTP instead of HTTPS with a generated self-signed certificate. */
  http?: boolean;
  scenario?: string;
  /** `manual` freezes time: only `/__emulator/clock/advance` moves it (tests). */
  clock?: 'real' | 'manual';
  /** Reuse a certificate (tests that pin, then swap it to prove a pin mismatch). */
  certificate?: ServerCertificate;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** Present for HTTPS. */
  certificate?: ServerCertificate;
  context: EmulatorContext;
  modules: EmulatorModule[];
  connections(): EmulatorConnectionInfo[];
  /**
   * Serves a new self-signed certificate from now on and drops open connections, as a cluster whose certificate was
   * replaced (or a man in the middle) would: a client that pinned the old one must refuse it. Also
   * `POST /__emulator/certificate/rotate`. HTTPS only.
   */
  rotateCertificate(): Promise<ServerCertificate>;
  reset(): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const context: EmulatorContext = {
    clock: new Clock(options.clock ?? 'real'),
    scenario: options.scenario ?? 'demo',
    faults: new FaultInjector(),
  };
  const modules = options.modules;
  for (const m of modules) m.reset(context);
  let certificate = options.http ? undefined : (options.certificate ?? (await generateCertificate()));
  const sockets = new Set<Socket>();

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    readBody(req)
      .then(async body => {
        const host = req.headers.host ?? 'localhost';
        const url = new URL(req.url ?? '/', `${certificate ? 'https' : 'http'}://${host}`);
        const ereq: EmulatorRequest = { method: req.method ?? 'GET', url, headers: req.headers, body, host };
        if (url.pathname.startsWith('/__emulator/')) return send(res, await control(ereq));
        for (const m of modules) {
          let answer = await m.handle(ereq, context);
          if (!answer) continue;
          const profile = hostileProfileFor(m.provider);
          if (context.scenario === 'hostile') answer = poisonAnswer(answer, profile);
          const fault = context.faults.take(url.pathname, m.provider);
          return fault ? applyFault(res, fault, answer, ereq, profile) : send(res, answer);
        }
        send(res, {
          status: 404,
          json: { error_code: 'not_found', message: `No emulated API serves ${req.method} ${url.pathname}` },
        });
      })
      .catch(e => {
        if (e === TOO_LARGE) return send(res, { status: 413, json: { message: 'Request body too large' } });
        send(res, { status: 500, json: { message: `Emulator error: ${(e as Error).message}` } });
      });
  };

  const control = async (req: EmulatorRequest): Promise<EmulatorResponse> => {
    const path = req.url.pathname;
    if (path === '/__emulator/info') {
      return {
        status: 200,
        json: {
          url: base,
          fingerprint256: certificate?.fingerprint256,
          scenario: context.scenario,
          now: context.clock.now(),
          connections: connections(),
        },
      };
    }
    if (req.method !== 'POST' && req.method !== 'DELETE') return { status: 405, json: { message: 'Use POST' } };
    if (path === '/__emulator/clock/advance') {
      const seconds = Number(req.url.searchParams.get('seconds') ?? '0');
      if (!Number.isFinite(seconds) || seconds < 0) return { status: 400, json: { message: 'seconds must be >= 0' } };
      context.clock.advance(seconds * 1000);
      return { status: 200, json: { now: context.clock.now() } };
    }
    if (path === '/__emulator/faults') {
      if (req.method === 'DELETE') context.faults.clear();
      else {
        try {
          context.faults.set(JSON.parse(req.body.toString('utf8') || '[]') as FaultRule[]);
        } catch (e) {
          return { status: 400, json: { message: (e as Error).message } };
        }
      }
      return { status: 200, json: { ok: true } };
    }
    if (path === '/__emulator/certificate/rotate') {
      if (!certificate)
        return { status: 409, json: { message: 'The emulator serves plain HTTP: there is no certificate to rotate.' } };
      const next = await rotateCertificate();
      return { status: 200, json: { fingerprint256: next.fingerprint256 } };
    }
    if (path === '/__emulator/reset') {
      reset();
      return { status: 200, json: { ok: true } };
    }
    return { status: 404, json: { message: `Unknown control ${path}` } };
  };

  const server = certificate
    ? https.createServer({ key: certificate.key, cert: certificate.cert }, handler)
    : http.createServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `${certificate ? 'https' : 'http'}://${options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1')}:${port}`;
  const connections = () => modules.map(m => m.connectionInfo(base));
  const rotateCertificate = async (): Promise<ServerCertificate> => {
    if (!certificate || !(server instanceof https.Server))
      throw new Error('The emulator serves plain HTTP: there is no certificate to rotate.');
    const next = await generateCertificate();
    server.setSecureContext({ key: next.key, cert: next.cert });
    certificate = next;
    running.certificate = next;
    // Kept-alive connections still speak with the old certificate: close them so the next request handshakes anew.
    for (const s of sockets) s.destroy();
    return next;
  };
  const reset = () => {
    context.faults.clear();
    for (const m of modules) m.reset(context);
  };
  const running: RunningEmulator = {
    url: base,
    port,
    certificate,
    context,
    modules,
    connections,
    rotateCertificate,
    reset,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return running;
}

/** Thrown (not sent) when a request body passes the cap, so the handler answers 413. */
class RequestTooLarge extends Error {}
const TOO_LARGE = new RequestTooLarge('Request body too large');

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        req.destroy();
        reject(TOO_LARGE);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  let body: string | Buffer = '';
  if (answer.body !== undefined) body = answer.body;
  else if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function applyFault(
  res: http.ServerResponse,
  fault: FaultMode,
  answer: EmulatorResponse,
  req: EmulatorRequest,
  profile: HostileProfile,
): void {
  switch (fault) {
    case 'status-500':
    case 'status-502':
    case 'status-503':
      // A proxy's error page, with markup a careless client would paste into its error message.
      return send(res, {
        status: Number(fault.slice(7)),
        body: '<html><body><h1>Service Unavailable</h1><script>alert(1)</script></body></html>',
        headers: { 'content-type': 'text/html' },
      });
    case 'throttle':
      return send(
        res,
        profile.error(req, 'throttle', 'Too many requests; slow down.') ?? {
          status: 429,
          headers: { 'retry-after': '1' },
          json: { message: 'Too many requests' },
        },
      );
    case 'unauthorized':
      return send(
        res,
        profile.error(req, 'unauthorized', 'The credentials are not valid (any more).') ?? {
          status: 401,
          json: { error_code: 'unauthorized', message: 'Unauthorized request. Invalid credentials.' },
        },
      );
    case 'clock-skew':
      // Where the API signs no timestamp there is nothing to be skewed: the normal answer goes out.
      return send(
        res,
        profile.error(
          req,
          'clock-skew',
          'Signature expired: the request timestamp is more than 5 minutes away from the server time.',
        ) ?? answer,
      );
    case 'echo-credentials':
      return send(
        res,
        profile.error(req, 'bad-request', echoedCredentials(req, profile.secretsKnown)) ?? {
          status: 400,
          json: { message: echoedCredentials(req, profile.secretsKnown) },
        },
      );
    case 'hostile':
      return send(res, poisonAnswer(answer, profile));
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return; // never answers; the client's timeout must fire
    case 'wrong-content-type':
      return send(res, {
        ...answer,
        headers: { ...(answer.headers ?? {}), 'content-type': 'text/html' },
        body: '<html>Maintenance</html>',
      });
    case 'truncated-json': {
      const full = answer.body !== undefined ? String(answer.body) : JSON.stringify(answer.json);
      return send(res, {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
        body: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
      });
    }
    case 'huge-body': {
      const size = 50 * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = size;
      });
      return pump();
    }
    case 'trickle': {
      const full = Buffer.from(answer.body !== undefined ? String(answer.body) : JSON.stringify(answer.json));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': full.length });
      let i = 0;
      const timer = setInterval(() => {
        if (i >= full.length || res.destroyed) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(full.subarray(i, i + 1));
        i++;
      }, 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
  }
}

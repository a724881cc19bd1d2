import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Clock } from './clock';
import { FaultInjector, type FaultRule } from './faults';
import { applyFault } from './fault-answers';
import { TOO_LARGE, readBody, send } from './wire';
import { generateCertificate, type ServerCertificate } from './certificate';
import { poisonAnswer } from './hostile-data';
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
          const fault = context.faults.take(url.pathname, m.provider, answer.region);
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

import { readFileSync } from 'node:fs';
import { TLSSocket } from 'node:tls';
import { Agent, Pool, ProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { ProviderError } from '../core/errors';
import * as say from '../core/say';
import type { TlsTrust } from '../core/connection';

/**
 * How the client reaches servers: the undici dispatcher for a trust mode (system CAs, a CA file, or a pinned
 * SHA-256 fingerprint) with or without a proxy, and the TLS checks every socket passes.
 */

export interface CertificateNote {
  kind: 'pinned-expired';
  validTo: string;
}

export interface DispatcherOptions {
  tls: TlsTrust;
  /** `http://host:port`; credentials in it are used but never logged. */
  proxy?: string;
  /** Concurrent connections per origin. */
  connections: number;
  /** Of the TCP and TLS handshake. */
  timeoutMs: number;
  /** Told once per client when a pinned certificate has expired (accepted: the pin is the trust). */
  onCertificateNote?: (note: CertificateNote) => void;
}

/** The dispatcher of one client: keep-alive pools per origin, every TLS socket guarded. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { tls, timeoutMs, connections } = options;
  const ca = tls.mode === 'ca-file' ? readCa(tls.caFile) : undefined;
  if (options.proxy) {
    if (tls.mode === 'pinned') {
      throw new ProviderError(
        'tls',
        say.t('A pinned certificate cannot be used through a proxy yet. Trust the cluster through a CA file instead.'),
      );
    }
    return new ProxyAgent({
      uri: options.proxy,
      connections,
      requestTls: ca ? { ca } : {},
      // The tunnel's TLS socket to the server is made inside ProxyAgent; its pool's connector is where we see it.
      factory: (origin: string | URL, opts: object) => {
        const o = opts as Pool.Options & { connect: buildConnector.connector };
        return new Pool(origin, { ...o, connect: guardedConnector(o.connect) });
      },
    });
  }
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    connect:
      tls.mode === 'pinned'
        ? pinnedConnector(tls.fingerprint256, timeoutMs, options.onCertificateNote)
        : guardedConnector(buildConnector({ ca, timeout: timeoutMs })),
  });
}

/** SHA-256 fingerprints as users paste them: `AB:CD:…`, `abcd…`, with or without a `sha256/` prefix. */
export function normaliseFingerprint(fp: string): string {
  // Only separators may be dropped: stripping every non-hex character would accept any text with 64 hex digits in it.
  const hex = fp
    .trim()
    .replace(/^sha-?256\s*[:/=]?\s*/i, '')
    .replace(/[:\s-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex))
    throw new ProviderError(
      'tls',
      say.t('"{0}" is not a SHA-256 certificate fingerprint (64 hexadecimal digits).', fp),
    );
  return hex.match(/../g)!.join(':');
}

/**
 * Every TLS socket we open, whatever the trust mode: renegotiation is refused, because a TLS 1.2 renegotiation can
 * present another certificate after the one we checked (the pin is checked once, at the handshake).
 */
function guardedConnector(
  base: buildConnector.connector,
  check?: (socket: TLSSocket) => Error | undefined,
): buildConnector.connector {
  return (opts, callback) => {
    base(opts, (err, socket) => {
      if (err || !socket) return callback(err, null);
      if (socket instanceof TLSSocket) {
        socket.disableRenegotiation();
        const refused = check?.(socket);
        if (refused) {
          socket.destroy();
          return callback(refused, null);
        }
      }
      callback(null, socket);
    });
  };
}

/**
 * Accepts the server's certificate only when its SHA-256 fingerprint is the pinned one. Chain verification is
 * replaced by the pin, which is stricter: only this exact certificate is trusted, not anything a CA signs. An expired
 * pinned certificate is still this certificate: accepted, and reported once so the connection can say so.
 */
function pinnedConnector(
  fingerprint256: string,
  timeoutMs: number,
  onNote?: (note: CertificateNote) => void,
): buildConnector.connector {
  const pin = normaliseFingerprint(fingerprint256);
  // No session resumption: a resumed session presents no certificate, and the pin must be checked on every connection.
  const base = buildConnector({ rejectUnauthorized: false, timeout: timeoutMs, maxCachedSessions: 0 });
  let noted = false;
  return guardedConnector(base, socket => {
    const cert = socket.getPeerCertificate();
    const got = cert && cert.fingerprint256;
    if (got !== pin) {
      return new ProviderError(
        'tls',
        got
          ? say.t(
              "The server's certificate (SHA-256 {0}) is not the pinned one ({1}). If the cluster certificate was replaced on purpose, edit the connection and pin the new one.",
              got,
              pin,
            )
          : say.t(
              'The server sent no certificate, not the pinned one ({0}). If the cluster certificate was replaced on purpose, edit the connection and pin the new one.',
              pin,
            ),
        { code: 'PIN_MISMATCH' },
      );
    }
    const validTo = Date.parse(cert.valid_to);
    if (!noted && onNote && Number.isFinite(validTo) && validTo < Date.now()) {
      noted = true;
      onNote({ kind: 'pinned-expired', validTo: cert.valid_to });
    }
    return undefined;
  });
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProviderError('tls', say.t('Cannot read the CA file {0}: {1}', file, (e as Error).message), { cause: e });
  }
}

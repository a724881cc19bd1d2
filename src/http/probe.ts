import * as tls from 'node:tls';
import { ProviderError } from '../core/errors';
import * as say from '../core/say';

export interface CertificateInfo {
  fingerprint256: string;
  subject: string;
  issuer: string;
  validTo: string;
  /** Whether the system CAs already trust it (then no pin is needed). */
  trusted: boolean;
  authorizationError?: string;
}

/**
 * Reads the certificate a server presents, without sending a request, so the user can be shown its fingerprint and
 * decide to pin it (the Add Connection flow, `redis-tasks --print-fingerprint`).
 */
export function probeCertificate(endpoint: string, timeoutMs = 10_000): Promise<CertificateInfo> {
  const url = new URL(endpoint);
  const port = Number(url.port || 443);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: url.hostname,
        port,
        servername: isIp(url.hostname) ? undefined : url.hostname,
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      () => {
        // Like every connection we open: no renegotiation, even for the moment this one lives.
        socket.disableRenegotiation();
        const cert = socket.getPeerCertificate();
        const info: CertificateInfo = {
          fingerprint256: cert.fingerprint256,
          subject: formatName(cert.subject),
          issuer: formatName(cert.issuer),
          validTo: cert.valid_to,
          trusted: socket.authorized,
          authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        };
        socket.end();
        resolve(info);
      },
    );
    socket.on('timeout', () => {
      socket.destroy();
      reject(new ProviderError('timeout', say.t('No TLS answer from {0} within {1} s.', url.host, timeoutMs / 1000)));
    });
    socket.on('error', (e: Error) =>
      reject(
        new ProviderError('network', say.t('Cannot read the certificate of {0}: {1}', url.host, e.message), {
          cause: e,
        }),
      ),
    );
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function formatName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

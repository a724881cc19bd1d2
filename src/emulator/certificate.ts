import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface ServerCertificate {
  key: string;
  cert: string;
  /** Colon-separated upper-case SHA-256, the form Node's `fingerprint256` and our pin use. */
  fingerprint256: string;
}

/** A fresh self-signed certificate for localhost, like a new Redis Enterprise cluster's `api` certificate. */
export async function generateCertificate(commonName = 'localhost'): Promise<ServerCertificate> {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: commonName },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}

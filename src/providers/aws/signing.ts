import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './credentials';
import type { AwsService } from './endpoints';

export interface RequestToSign {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs one POST with Signature Version 4 through `@smithy/signature-v4`, the signer the official SDKs use, with the
 * pure-JS SHA-256 of `@aws-crypto/sha256-js`. The signed `host` is the URL's host (with the port when not the
 * default), which is what undici sends; it is signed but not set by hand, since setting it would also change the TLS
 * server name. `x-amz-content-sha256` is added (the signer's `applyChecksum`), so the body is bound to the signature.
 */
export async function signRequest(
  req: RequestToSign,
  service: AwsService,
  region: string,
  credentials: AwsCredentials,
  signingDate: Date,
): Promise<Record<string, string>> {
  const url = new URL(req.url);
  const signer = new SignatureV4({
    service,
    region,
    credentials,
    sha256: Sha256,
    applyChecksum: true,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    headers: { ...req.headers, host: url.host },
    body: req.body,
  });
  const signed = await signer.sign(request, { signingDate });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

import { createHash, createHmac } from 'node:crypto';

/**
 * The service's side of Tencent's two signatures, written from Tencent's published algorithm (TC3-HMAC-SHA256 and
 * the HmacSHA1/HmacSHA256 parameter signature) and tested against its worked examples: independent of the client's
 * signer in src/providers/tencent, so a mistake there fails here instead of being mirrored.
 */

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The parsed `Authorization: TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=…, Signature=…`. */
export interface Tc3Claim {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function readTc3Claim(header: string): Tc3Claim | undefined {
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== 'TC3-HMAC-SHA256') return undefined;
  const fields = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const signature = fields.get('Signature') ?? '';
  const signedHeaders = (fields.get('SignedHeaders') ?? '').toLowerCase().split(';').filter(Boolean);
  if (scope.length !== 4 || scope[3] !== 'tc3_request' || !/^\d{4}-\d{2}-\d{2}$/.test(scope[1])) return undefined;
  if (!/^[0-9a-f]{64}$/i.test(signature) || !signedHeaders.length) return undefined;
  return { secretId: scope[0], date: scope[1], service: scope[2], signedHeaders, signature: signature.toLowerCase() };
}

export interface SignedRequest {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Values of the headers the claim lists, by lower-case name (`host` without its port). */
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
}

/** The signature the service expects for `req` under `claim`, at `timestamp` (X-TC-Timestamp). */
export function expectedTc3Signature(
  req: SignedRequest,
  claim: Tc3Claim,
  secretKey: string,
  timestamp: number,
): string {
  const names = [...claim.signedHeaders].sort();
  const canonicalHeaders = names.map(n => `${n}:${(req.headers[n] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = `${req.method}\n${req.path}\n${req.query}\n${canonicalHeaders}\n${names.join(';')}\n${sha256(req.body)}`;
  const scope = `${claim.date}/${claim.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  let key: Buffer = createHmac('sha256', `TC3${secretKey}`).update(claim.date).digest();
  for (const part of [claim.service, 'tc3_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/**
 * The parameter signature: METHOD + host + path + `?` + every parameter but Signature, sorted by name, as raw
 * `k=v` joined by `&`; base64 of its HMAC with the secret key.
 */
export function expectedParameterSignature(
  method: string,
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
  secretKey: string,
  algorithm: 'HmacSHA1' | 'HmacSHA256',
): string {
  const pairs = Object.keys(params)
    .filter(k => k !== 'Signature')
    .sort()
    .map(k => `${k}=${params[k]}`);
  const text = `${method}${host}${path}?${pairs.join('&')}`;
  return createHmac(algorithm === 'HmacSHA1' ? 'sha1' : 'sha256', secretKey)
    .update(text)
    .digest('base64');
}

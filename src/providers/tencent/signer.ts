import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud's two request signatures, as pure functions so the emulator verifies with the very code the client
 * signs with, and both are tested against the worked examples of Tencent's documentation.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** Unix seconds; also fixes the UTC date of the credential scope. */
  timestamp: number;
  /** The product: the first label of the official host (`redis`). */
  service: string;
  /** The host as signed: the official host name, without a port. */
  host: string;
  method?: 'POST' | 'GET';
  path?: string;
  /** The raw query string without `?` (GET requests). */
  query?: string;
  contentType: string;
  /** The exact bytes sent: the hash covers them, so a re-serialised body would not verify. */
  payload: string | Buffer;
  /**
   * Further headers to sign besides `content-type` and `host` (a verifier passes what the client listed in
   * `SignedHeaders`). Names are lower-cased and sorted; values trimmed and lower-cased, as Tencent specifies.
   */
  extraHeaders?: Record<string, string>;
  /**
   * The derived signing key for this date and service (`tc3SigningKey`), when the caller keeps it: it changes once a
   * day, and deriving it is three HMACs of the four a signature costs.
   */
  signingKey?: Buffer;
}

export interface Tc3Signature {
  signature: string;
  /** The whole `Authorization` header value. */
  authorization: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `yyyy-mm-dd` of a Unix timestamp in UTC, as the credential scope wants it. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3Sign(input: Tc3Input): Tc3Signature {
  const method = input.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': input.contentType, host: input.host };
  for (const [k, v] of Object.entries(input.extraHeaders ?? {})) headers[k.toLowerCase()] = v;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map(n => `${n}:${headers[n].trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    method,
    input.path ?? '/',
    input.query ?? '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const kSigning = input.signingKey ?? tc3SigningKey(input.secretKey, date, input.service);
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { signature, authorization, credentialScope, canonicalRequest, stringToSign };
}

/** The key a TC3 signature is made with: HMAC chain of the secret key, the UTC date and the service. */
export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  return hmac(kService, 'tc3_request');
}

export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header; undefined if malformed. */
export function parseTc3Authorization(header: string): Tc3Authorization | undefined {
  const m =
    /^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/i.exec(
      header.trim(),
    );
  if (!m) return undefined;
  return {
    secretId: m[1],
    date: m[2],
    service: m[3],
    signedHeaders: m[4].toLowerCase().split(';'),
    signature: m[5].toLowerCase(),
  };
}

export type LegacySignatureMethod = 'HmacSHA1' | 'HmacSHA256';

/**
 * The parameter signature (API 2.0, and the current API's `SignatureMethod` variant): the method, host and path, then
 * the parameters sorted by name as `k=v` with raw (not URL-encoded) values.
 */
export function legacyStringToSign(
  method: 'GET' | 'POST',
  host: string,
  path: string,
  params: Record<string, string>,
): string {
  const keys = Object.keys(params)
    .filter(k => k !== 'Signature')
    .sort();
  return `${method}${host}${path}?${keys.map(k => `${k}=${params[k]}`).join('&')}`;
}

/** Base64 HMAC of the string to sign; the caller URL-encodes it when it goes into a query string. */
export function legacySign(secretKey: string, stringToSign: string, method: LegacySignatureMethod): string {
  return createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', secretKey)
    .update(stringToSign, 'utf8')
    .digest('base64');
}

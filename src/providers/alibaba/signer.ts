import { createHash, createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's two request signatures for RPC-style APIs, as pure functions: the client signs with them and the
 * emulator recomputes them to verify. See docs/alibaba-signing.md for which one the client uses and why.
 */

/** RFC 3986 encoding as Alibaba wants it: `encodeURIComponent` also leaves `!'()*` alone, Alibaba does not. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type Params = Record<string, string>;

// ---- RPC signature v1 (HMAC-SHA1 over the canonical query) ----

/** Parameters sorted by name (byte order), encoded, joined by `&`. `Signature` itself is never part of it. */
export function rpcCanonicalQuery(params: Params): string {
  return Object.keys(params)
    .filter(k => k !== 'Signature')
    .sort()
    .map(k => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

export function rpcStringToSign(method: string, params: Params): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(rpcCanonicalQuery(params))}`;
}

/** Base64 HMAC-SHA1 keyed with `secret + "&"` (the `&` is where an unused token secret would go). */
export function rpcSignature(method: string, params: Params, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(rpcStringToSign(method, params), 'utf8').digest('base64');
}

/** Formats a time as Alibaba's `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). */
export function acsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---- ACS3-HMAC-SHA256 (signature in the Authorization header) ----

export const ACS3 = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = sha256Hex('');

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface Acs3Input {
  method: string;
  /** The path as sent, `/` for RPC APIs. */
  path: string;
  query: Params;
  /** Header names in any case; the signed ones are `host`, `content-type` and every `x-acs-*`. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (the `x-acs-content-sha256` header). */
  payloadHash: string;
  /** `query` already encoded and sorted (`acs3Query`), when the caller built it for the URL anyway. */
  canonicalQuery?: string;
}

export function acs3Query(query: Params): string {
  return Object.keys(query)
    .sort()
    .map(k => `${percentEncode(k)}=${percentEncode(query[k])}`)
    .join('&');
}

/** The headers that take part in the signature, lower-cased and sorted. */
export function acs3SignedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map(h => h.toLowerCase())
    .filter(h => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .sort();
}

export function acs3CanonicalRequest(
  input: Acs3Input,
  signedHeaders: string[] = acs3SignedHeaderNames(input.headers),
): string {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) lower[k.toLowerCase()] = v;
  const canonicalHeaders = signedHeaders.map(h => `${h}:${(lower[h] ?? '').trim()}\n`).join('');
  return [
    input.method.toUpperCase(),
    input.path || '/',
    input.canonicalQuery ?? acs3Query(input.query),
    canonicalHeaders,
    signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3}\n${sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(input: Acs3Input, secret: string, signedHeaders?: string[]): string {
  return createHmac('sha256', secret)
    .update(acs3StringToSign(acs3CanonicalRequest(input, signedHeaders)), 'utf8')
    .digest('hex');
}

export function acs3Authorization(input: Acs3Input, accessKeyId: string, secret: string): string {
  const signed = acs3SignedHeaderNames(input.headers);
  return `${ACS3} Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${acs3Signature(input, secret, signed)}`;
}

export interface ParsedAcs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`; undefined when it is not that shape. */
export function parseAcs3Authorization(value: string): ParsedAcs3Authorization | undefined {
  const m = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const parts: Record<string, string> = {};
  for (const piece of m[1].split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
  }
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) return undefined;
  return { accessKeyId: parts.Credential, signedHeaders: parts.SignedHeaders.split(';'), signature: parts.Signature };
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature Version 4 as AWS's published specification describes it ("Create a canonical request", "Create a string
 * to sign", "Calculate the signature" in the IAM user guide's Signature Version 4 pages), written here independently
 * of the client's signer (`@smithy/signature-v4`) so that the emulator proves the client right rather than agreeing
 * with it. Checked against AWS's own test vectors (test/fixtures/aws/sigv4-vectors.json).
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface SignableRequest {
  method: string;
  /** The path as sent on the wire (already percent-encoded once). */
  path: string;
  /** The raw query string without `?`. */
  query: string;
  /** Header name (any case) to value; repeated headers as arrays, in the order received. */
  headers: Record<string, string | string[] | undefined>;
  /** The hex SHA-256 of the payload, or what `x-amz-content-sha256` says it is. */
  payloadHash: string;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** RFC 3986 unreserved characters stay; everything else is `%XX` with upper-case hex, per UTF-8 byte. */
export function uriEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/** Non-S3 services: dot segments removed, each segment URI-encoded (the wire path thus encoded a second time). */
export function canonicalUri(path: string): string {
  const out: string[] = [];
  for (const seg of (path || '/').split('/')) {
    if (seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const joined = out.map(s => uriEncode(s)).join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** Parameters decoded, re-encoded the SigV4 way, sorted by name and then value. */
export function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map(p => {
      const eq = p.indexOf('=');
      const k = eq === -1 ? p : p.slice(0, eq);
      const v = eq === -1 ? '' : p.slice(eq + 1);
      return [uriEncode(decode(k)), uriEncode(decode(v))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Trimmed values with inner runs of spaces collapsed; repeated headers joined by commas. */
export function canonicalHeaderValue(value: string | string[] | undefined): string {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(v => v.trim().replace(/\s+/g, ' ')).join(',');
}

export function headerOf(headers: SignableRequest['headers'], name: string): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function canonicalRequest(req: SignableRequest, signedHeaders: string[]): string {
  const names = [...signedHeaders].map(h => h.toLowerCase()).sort();
  const headerLines = names.map(n => `${n}:${canonicalHeaderValue(headerOf(req.headers, n))}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    headerLines,
    names.join(';'),
    req.payloadHash,
  ].join('\n');
}

export interface Scope {
  date: string; // yyyymmdd
  region: string;
  service: string;
}

export function scopeString(s: Scope): string {
  return `${s.date}/${s.region}/${s.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: Scope, canonical: string): string {
  return [ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join('\n');
}

export function signingKey(secret: string, scope: Scope): Buffer {
  const kDate = hmac(`AWS4${secret}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  return hmac(kService, 'aws4_request');
}

export function signature(secret: string, amzDate: string, scope: Scope, canonical: string): string {
  return createHmac('sha256', signingKey(secret, scope))
    .update(stringToSign(amzDate, scope, canonical), 'utf8')
    .digest('hex');
}

export interface ParsedAuthorization {
  accessKeyId: string;
  scope: Scope;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const sig = fields.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !sig) return undefined;
  const [accessKeyId, date, region, service, terminator] = credential;
  if (terminator !== 'aws4_request' || !/^\d{8}$/.test(date) || !/^[0-9a-f]{64}$/.test(sig)) return undefined;
  return { accessKeyId, scope: { date, region, service }, signedHeaders: signedHeaders.split(';'), signature: sig };
}

export function sameSignature(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** `20150830T123600Z` to epoch milliseconds; undefined when it is not that shape. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? undefined : t;
}

import type { EmulatorRequest } from '../types';
import { canonicalRequest, parseAmzDate, parseAuthorization, sameSignature, sha256Hex, signature } from './sigv4';

/** A key the emulator knows. Temporary keys (ASIA…) are valid only with their session token and until they expire. */
export interface KnownKey {
  secret: string;
  sessionToken?: string;
  /** Epoch ms (real time). */
  expiresAt?: number;
}

export interface Verified {
  accessKeyId: string;
  region: string;
}

export interface AuthFailure {
  status: number;
  code: string;
  message: string;
}

/** AWS refuses a request whose X-Amz-Date is more than 15 minutes from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

function fmt(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * What AWS checks before it runs an action: an Authorization header in the SigV4 format, a credential scope for this
 * service whose date is the request's date, a known key, a fresh date, a body that matches `x-amz-content-sha256`
 * where sent, the session token of a temporary key, and the signature itself. Error codes are those of the service's
 * protocol: the query protocol's (`InvalidClientTokenId`, `SignatureDoesNotMatch`, …) or JSON 1.1's
 * (`UnrecognizedClientException`, `InvalidSignatureException`, …).
 */
export function verifySigV4(
  req: EmulatorRequest,
  /** The signing name: `elasticache`, `memorydb` (`service` in AWS's test vectors). */
  service: string,
  keys: Record<string, KnownKey>,
  realNow: number,
): Verified | AuthFailure {
  const json = service === 'memorydb';
  const codes = {
    missing: 'MissingAuthenticationToken',
    incomplete: 'IncompleteSignature',
    unknownKey: json ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
    mismatch: json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
    expiredToken: json ? 'ExpiredTokenException' : 'ExpiredToken',
  };
  const auth = one(req.headers.authorization);
  if (!auth) return { status: 403, code: codes.missing, message: 'Request is missing Authentication Token' };
  const parsed = parseAuthorization(auth);
  if (!parsed)
    return {
      status: 400,
      code: codes.incomplete,
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
    };
  const signed = parsed.signedHeaders.map(h => h.toLowerCase());
  const amzDate = one(req.headers['x-amz-date']);
  if (!signed.includes('host'))
    return { status: 400, code: codes.incomplete, message: "'Host' must be a signed header." };
  if (!amzDate || !signed.includes('x-amz-date'))
    return { status: 400, code: codes.incomplete, message: "'X-Amz-Date' must be sent and signed." };
  if (req.headers['x-amz-target'] !== undefined && !signed.includes('x-amz-target'))
    return { status: 400, code: codes.incomplete, message: "'X-Amz-Target' must be a signed header." };
  const at = parseAmzDate(amzDate);
  if (at === undefined)
    return {
      status: 400,
      code: codes.incomplete,
      message: `X-Amz-Date ${amzDate} is not in the ISO 8601 basic format.`,
    };
  if (parsed.scope.service !== service)
    return {
      status: 403,
      code: codes.mismatch,
      message: `Credential should be scoped to correct service: '${service}'.`,
    };
  if (parsed.scope.date !== amzDate.slice(0, 8))
    return {
      status: 403,
      code: codes.mismatch,
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scope.date}' != '${amzDate.slice(0, 8)}'`,
    };
  const key = keys[parsed.accessKeyId];
  if (!key)
    return { status: 403, code: codes.unknownKey, message: 'The security token included in the request is invalid.' };
  if (Math.abs(at - realNow) > MAX_SKEW_MS) {
    const bound =
      at < realNow ? `earlier than ${fmt(realNow - MAX_SKEW_MS)}` : `later than ${fmt(realNow + MAX_SKEW_MS)}`;
    return {
      status: 403,
      code: codes.mismatch,
      message: `Signature expired: ${amzDate} is now ${bound} (${fmt(realNow)} ${at < realNow ? '-' : '+'} 15 min.)`,
    };
  }
  const token = one(req.headers['x-amz-security-token']);
  if (key.sessionToken !== undefined) {
    if (token !== key.sessionToken)
      return { status: 403, code: codes.unknownKey, message: 'The security token included in the request is invalid.' };
    if (key.expiresAt !== undefined && key.expiresAt <= realNow)
      return {
        status: 403,
        code: codes.expiredToken,
        message: 'The security token included in the request is expired',
      };
  } else if (token !== undefined) {
    return { status: 403, code: codes.unknownKey, message: 'The security token included in the request is invalid.' };
  }
  const bodyHash = sha256Hex(req.body);
  const declared = one(req.headers['x-amz-content-sha256']);
  if (declared !== undefined && declared !== bodyHash)
    return {
      status: 400,
      code: codes.mismatch,
      message: 'The provided x-amz-content-sha256 header does not match what was computed.',
    };
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: req.host };
  const canonical = canonicalRequest(
    {
      method: req.method,
      path: req.url.pathname,
      query: req.url.search.replace(/^\?/, ''),
      headers,
      payloadHash: declared ?? bodyHash,
    },
    signed,
  );
  const expected = signature(key.secret, amzDate, parsed.scope, canonical);
  if (!sameSignature(expected, parsed.signature)) {
    // AWS echoes its canonical request and string to sign; neither carries the secret, but the first line is enough.
    return {
      status: 403,
      code: codes.mismatch,
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { accessKeyId: parsed.accessKeyId, region: parsed.scope.region };
}

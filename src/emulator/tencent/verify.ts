import { timingSafeEqual } from 'node:crypto';
import { expectedParameterSignature, expectedTc3Signature, readTc3Claim } from './signature-check';
import type { EmulatorRequest } from '../types';

/** How the service checks a request's signature; a failure carries Tencent's own code and message. */
export interface AuthFailure {
  code: string;
  message: string;
}

/** Tencent rejects timestamps more than 5 minutes away from its clock. */
export const MAX_SKEW_SECONDS = 300;

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The host the TC3 signature covers: the Host header without its port. */
export function signedHost(host: string): string {
  return host.replace(/:\d+$/, '');
}

function expired(timestamp: number, nowMs: number): AuthFailure | undefined {
  if (Math.abs(nowMs / 1000 - timestamp) <= MAX_SKEW_SECONDS) return undefined;
  return {
    code: 'AuthFailure.SignatureExpire',
    message: `Signature expired. Timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS} seconds away from the server time ${Math.floor(nowMs / 1000)}.`,
  };
}

export function verifyTc3(
  req: EmulatorRequest,
  secrets: ReadonlyMap<string, string>,
  nowMs: number,
): AuthFailure | undefined {
  const auth = readTc3Claim(header(req, 'authorization') ?? '');
  if (!auth)
    return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization header is missing or malformed.' };
  const timestamp = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp))
    return {
      code: 'MissingParameter',
      message: 'The request is missing a required parameter `Timestamp` (X-TC-Timestamp).',
    };
  const stale = expired(timestamp, nowMs);
  if (stale) return stale;
  const secretKey = secrets.get(auth.secretId);
  if (secretKey === undefined)
    return {
      code: 'AuthFailure.SecretIdNotFound',
      message: 'The SecretId is not found, please ensure that your SecretId is correct.',
    };
  if (auth.date !== new Date(timestamp * 1000).toISOString().slice(0, 10))
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The credential scope date does not match X-TC-Timestamp.',
    };
  if (auth.service !== 'redis')
    return {
      code: 'AuthFailure.SignatureFailure',
      message: `The credential scope names service "${auth.service}", not redis.`,
    };
  if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
    return { code: 'AuthFailure.SignatureFailure', message: 'SignedHeaders must include content-type and host.' };
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = header(req, name) ?? '';
  headers.host = signedHost(req.host);
  const method = req.method === 'GET' ? 'GET' : 'POST';
  const expected = expectedTc3Signature(
    { method, path: req.url.pathname, query: method === 'GET' ? req.url.search.slice(1) : '', headers, body: req.body },
    auth,
    secretKey,
    timestamp,
  );
  if (!same(expected, auth.signature)) {
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    };
  }
  return undefined;
}

/**
 * The parameter signature (HmacSHA1 / HmacSHA256) over method, Host header as sent, path and the sorted raw
 * parameters. Used by the legacy API and accepted by the current one.
 */
export function verifyParameterSignature(
  req: EmulatorRequest,
  params: Record<string, string>,
  secrets: ReadonlyMap<string, string>,
  nowMs: number,
): AuthFailure | undefined {
  for (const p of ['SecretId', 'Timestamp', 'Nonce', 'Signature']) {
    if (!params[p])
      return { code: 'MissingParameter', message: `The request is missing a required parameter \`${p}\`.` };
  }
  const method = params.SignatureMethod ?? 'HmacSHA1';
  if (method !== 'HmacSHA1' && method !== 'HmacSHA256')
    return {
      code: 'InvalidParameterValue',
      message: `SignatureMethod ${String(params.SignatureMethod)} is not HmacSHA1 or HmacSHA256.`,
    };
  const timestamp = Number(params.Timestamp);
  if (!Number.isInteger(timestamp))
    return { code: 'InvalidParameterValue', message: 'The parameter `Timestamp` must be Unix seconds.' };
  const stale = expired(timestamp, nowMs);
  if (stale) return stale;
  const secretKey = secrets.get(params.SecretId);
  if (secretKey === undefined)
    return {
      code: 'AuthFailure.SecretIdNotFound',
      message: 'The SecretId is not found, please ensure that your SecretId is correct.',
    };
  const verb = req.method === 'GET' ? 'GET' : 'POST';
  const expected = expectedParameterSignature(verb, req.host, req.url.pathname, params, secretKey, method);
  if (!same(expected, params.Signature)) {
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    };
  }
  return undefined;
}

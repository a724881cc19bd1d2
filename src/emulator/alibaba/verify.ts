import { createHash } from 'node:crypto';
import type { EmulatorRequest } from '../types';
import { acs3Signature, parseAcs3Authorization, rpcSignature, type Params } from '../../providers/alibaba/signer';

/**
 * Checks a request's signature the way R-kvstore does, in both schemes it accepts: RPC v1 (`Signature` among the
 * parameters) and ACS3-HMAC-SHA256 (the `Authorization` header). The signature is recomputed with the secret of the
 * key id the request names and compared.
 */

export interface AliFailure {
  status: number;
  code: string;
  message: string;
}

export interface Verified {
  action: string;
  version: string;
  params: Params;
  accessKeyId: string;
  scheme: 'rpc-v1' | 'acs3';
}

/** Requests more than 15 minutes off real time are refused, as the service does (clients sign with real time). */
const MAX_SKEW_MS = 15 * 60_000;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Query and (for form posts) body parameters: RPC v1 signs both. */
export function requestParams(req: EmulatorRequest): { query: Params; body: Params } {
  const query: Params = {};
  for (const [k, v] of req.url.searchParams) query[k] = v;
  const body: Params = {};
  if ((header(req, 'content-type') ?? '').includes('application/x-www-form-urlencoded') && req.body.length) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) body[k] = v;
  }
  return { query, body };
}

export class SignatureVerifier {
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly secrets: Record<string, string>,
    private readonly realNow: () => number = Date.now,
  ) {}

  reset(): void {
    this.nonces.clear();
  }

  verify(req: EmulatorRequest): Verified | AliFailure {
    const { query, body } = requestParams(req);
    const auth = header(req, 'authorization');
    if (query.Signature !== undefined) return this.verifyRpc(req, { ...query, ...body });
    if (auth) return this.verifyAcs3(req, auth, query, body);
    return {
      status: 400,
      code: 'MissingSignature',
      message: 'The input parameter "Signature" that is mandatory for processing this request is not supplied.',
    };
  }

  private verifyRpc(req: EmulatorRequest, params: Params): Verified | AliFailure {
    for (const p of ['AccessKeyId', 'SignatureMethod', 'SignatureNonce', 'Timestamp', 'Version', 'Action']) {
      if (!params[p]) return missing(p);
    }
    if (params.SignatureMethod !== 'HMAC-SHA1')
      return {
        status: 400,
        code: 'InvalidParameter',
        message: 'The specified parameter "SignatureMethod" is not valid.',
      };
    if (params.SignatureVersion !== undefined && params.SignatureVersion !== '1.0')
      return {
        status: 400,
        code: 'InvalidParameter',
        message: 'The specified parameter "SignatureVersion" is not valid.',
      };
    const secret = this.secrets[params.AccessKeyId];
    if (secret === undefined) return keyNotFound();
    const time = this.checkTime(params.Timestamp, 'Timestamp');
    if (time) return time;
    const expected = rpcSignature(req.method, params, secret);
    if (expected !== params.Signature) return mismatch(`${req.method}&%2F&…`);
    const nonce = this.checkNonce(params.SignatureNonce);
    if (nonce) return nonce;
    const { Signature: _signature, ...rest } = params;
    return {
      action: params.Action,
      version: params.Version,
      params: rest,
      accessKeyId: params.AccessKeyId,
      scheme: 'rpc-v1',
    };
  }

  private verifyAcs3(req: EmulatorRequest, auth: string, query: Params, body: Params): Verified | AliFailure {
    const parsed = parseAcs3Authorization(auth);
    if (!parsed)
      return {
        status: 400,
        code: 'IncompleteSignature',
        message: 'The request signature does not conform to Alibaba Cloud standards.',
      };
    const action = header(req, 'x-acs-action');
    const version = header(req, 'x-acs-version');
    const date = header(req, 'x-acs-date');
    const nonce = header(req, 'x-acs-signature-nonce');
    const contentHash = header(req, 'x-acs-content-sha256');
    if (!action) return missing('x-acs-action');
    if (!version) return missing('x-acs-version');
    if (!date) return missing('x-acs-date');
    if (!nonce) return missing('x-acs-signature-nonce');
    if (!contentHash) return missing('x-acs-content-sha256');
    for (const required of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (!parsed.signedHeaders.includes(required))
        return { status: 400, code: 'IncompleteSignature', message: `The header "${required}" must be signed.` };
    }
    const secret = this.secrets[parsed.accessKeyId];
    if (secret === undefined) return keyNotFound();
    const time = this.checkTime(date, 'x-acs-date');
    if (time) return time;
    if (createHash('sha256').update(req.body).digest('hex') !== contentHash) {
      return {
        status: 400,
        code: 'ContentSHA256NotMatched',
        message: 'The x-acs-content-sha256 header does not match the request body.',
      };
    }
    const headers: Record<string, string> = {};
    for (const name of parsed.signedHeaders) headers[name] = name === 'host' ? req.host : (header(req, name) ?? '');
    const expected = acs3Signature(
      { method: req.method, path: req.url.pathname, query, headers, payloadHash: contentHash },
      secret,
      parsed.signedHeaders,
    );
    if (expected !== parsed.signature) return mismatch('ACS3-HMAC-SHA256\n…');
    const replay = this.checkNonce(nonce);
    if (replay) return replay;
    return { action, version, params: { ...query, ...body }, accessKeyId: parsed.accessKeyId, scheme: 'acs3' };
  }

  private checkTime(value: string, name: string): AliFailure | undefined {
    if (!TIMESTAMP.test(value))
      return {
        status: 400,
        code: 'InvalidTimeStamp.Format',
        message: `Specified time stamp or date value "${name}" is not well formatted.`,
      };
    if (Math.abs(Date.parse(value) - this.realNow()) > MAX_SKEW_MS) {
      return {
        status: 400,
        code: 'InvalidTimeStamp.Expired',
        message: 'Specified time stamp or date value is expired.',
      };
    }
    return undefined;
  }

  private checkNonce(nonce: string): AliFailure | undefined {
    const now = this.realNow();
    if (this.nonces.size > 10_000) {
      for (const [n, at] of this.nonces) if (now - at > MAX_SKEW_MS) this.nonces.delete(n);
    }
    if (this.nonces.has(nonce))
      return { status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' };
    this.nonces.set(nonce, now);
    return undefined;
  }
}

function missing(name: string): AliFailure {
  return {
    status: 400,
    code: 'MissingParameter',
    message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  };
}

function keyNotFound(): AliFailure {
  return { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' };
}

function mismatch(stringToSignStart: string): AliFailure {
  // The service echoes its string to sign; we echo only its start, which carries no secret.
  return {
    status: 400,
    code: 'SignatureDoesNotMatch',
    message: `Specified signature is not matched with our calculation. server string to sign is:${stringToSignStart}`,
  };
}

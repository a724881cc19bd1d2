import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  canonicalRequest,
  parseAuthorization,
  sha256Hex,
  signature,
  stringToSign,
} from '../../../src/emulator/aws/sigv4';
import { verifySigV4, type KnownKey } from '../../../src/emulator/aws/verify';
import type { EmulatorRequest } from '../../../src/emulator/types';

interface Vector {
  name: string;
  req: string;
  creq?: string;
  sts?: string;
  authz: string;
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/aws/sigv4-vectors.json'), 'utf8')) as {
  credentials: { accessKeyId: string; secretAccessKey: string; amzDate: string };
  vectors: Vector[];
};
const { accessKeyId, secretAccessKey, amzDate } = fixture.credentials;
const SIGNED_AT = Date.UTC(2015, 7, 30, 12, 36, 0);

/** The suite's `.req` files: request line, `Name:value` headers (repeats allowed), a blank line, the body. */
function parseReq(text: string) {
  const [head, ...rest] = text.split('\n\n');
  const [requestLine, ...lines] = head.split('\n');
  const [method, target] = requestLine.split(' ');
  const q = target.indexOf('?');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1));
  }
  return {
    method,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    headers,
    body: Buffer.from(rest.join('\n\n'), 'utf8'),
  };
}

function emulatorRequest(
  v: Vector,
  mutate: (r: ReturnType<typeof parseReq>) => void = () => undefined,
): EmulatorRequest {
  const r = parseReq(v.req);
  mutate(r);
  const headers: Record<string, string> = { authorization: v.authz };
  for (const [k, vals] of Object.entries(r.headers)) headers[k] = vals.join(',');
  return {
    method: r.method,
    url: new URL(`https://example.amazonaws.com${r.path}${r.query ? `?${r.query}` : ''}`),
    headers,
    body: r.body,
    host: headers.host,
  };
}

const KEYS: Record<string, KnownKey> = { [accessKeyId]: { secret: secretAccessKey } };

describe('aws emulator SigV4 verifier against AWS test vectors', () => {
  for (const v of fixture.vectors) {
    it(`${v.name}: the signature we compute is AWS's`, () => {
      const r = parseReq(v.req);
      const auth = parseAuthorization(v.authz);
      assert.ok(auth, 'the authz line parses');
      const canonical = canonicalRequest({ ...r, payloadHash: sha256Hex(r.body) }, auth.signedHeaders);
      if (v.creq) assert.equal(canonical, v.creq);
      if (v.sts) assert.equal(stringToSign(amzDate, auth.scope, canonical), v.sts);
      assert.equal(signature(secretAccessKey, amzDate, auth.scope, canonical), auth.signature);
    });

    it(`${v.name}: the verifier accepts the signed request and refuses it with one byte changed`, () => {
      const keys: Record<string, KnownKey> = v.name.startsWith('post-sts')
        ? {
            [accessKeyId]: {
              secret: secretAccessKey,
              sessionToken: parseReq(v.req).headers['x-amz-security-token'][0],
            },
          }
        : KEYS;
      assert.deepEqual(verifySigV4(emulatorRequest(v), 'service', keys, SIGNED_AT), {
        accessKeyId,
        region: 'us-east-1',
      });
      const tampered = emulatorRequest(v, r => {
        r.body = Buffer.concat([r.body, Buffer.from('x')]);
      });
      const refused = verifySigV4(tampered, 'service', keys, SIGNED_AT);
      assert.ok('code' in refused && refused.code === 'SignatureDoesNotMatch', JSON.stringify(refused));
    });
  }

  const vanilla = fixture.vectors.find(v => v.name === 'get-vanilla')!;
  const code = (r: ReturnType<typeof verifySigV4>) => ('code' in r ? r.code : 'accepted');

  it('refuses a request more than 15 minutes from the server clock, either way, and accepts one within', () => {
    const req = emulatorRequest(vanilla);
    assert.equal(code(verifySigV4(req, 'service', KEYS, SIGNED_AT + 14 * 60_000)), 'accepted');
    const late = verifySigV4(req, 'service', KEYS, SIGNED_AT + 16 * 60_000);
    assert.ok('code' in late && late.code === 'SignatureDoesNotMatch' && /^Signature expired/.test(late.message));
    assert.equal(code(verifySigV4(req, 'service', KEYS, SIGNED_AT - 16 * 60_000)), 'SignatureDoesNotMatch');
  });

  it('refuses an unknown key (query and JSON 1.1 codes), a wrong secret and a scope of another service', () => {
    assert.equal(code(verifySigV4(emulatorRequest(vanilla), 'service', {}, SIGNED_AT)), 'InvalidClientTokenId');
    assert.equal(code(verifySigV4(emulatorRequest(vanilla), 'memorydb', {}, SIGNED_AT)), 'InvalidSignatureException');
    const wrong = { [accessKeyId]: { secret: 'not-the-secret' } };
    assert.equal(code(verifySigV4(emulatorRequest(vanilla), 'service', wrong, SIGNED_AT)), 'SignatureDoesNotMatch');
    assert.equal(code(verifySigV4(emulatorRequest(vanilla), 'elasticache', KEYS, SIGNED_AT)), 'SignatureDoesNotMatch');
  });

  it('refuses a missing or malformed Authorization, an unsigned host and a scope date that is not the request date', () => {
    const none = emulatorRequest(vanilla);
    delete none.headers.authorization;
    assert.equal(code(verifySigV4(none, 'service', KEYS, SIGNED_AT)), 'MissingAuthenticationToken');
    const bad = emulatorRequest(vanilla);
    bad.headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE';
    assert.equal(code(verifySigV4(bad, 'service', KEYS, SIGNED_AT)), 'IncompleteSignature');
    const unsignedHost = emulatorRequest(vanilla);
    unsignedHost.headers.authorization = vanilla.authz.replace(
      'SignedHeaders=host;x-amz-date',
      'SignedHeaders=x-amz-date',
    );
    assert.equal(code(verifySigV4(unsignedHost, 'service', KEYS, SIGNED_AT)), 'IncompleteSignature');
    const otherDay = emulatorRequest(vanilla);
    otherDay.headers.authorization = vanilla.authz.replace('/20150830/', '/20150831/');
    assert.equal(code(verifySigV4(otherDay, 'service', KEYS, SIGNED_AT)), 'SignatureDoesNotMatch');
  });

  it('checks x-amz-content-sha256 against the body where it is sent', () => {
    const form = fixture.vectors.find(v => v.name === 'post-x-www-form-urlencoded')!;
    const req = emulatorRequest(form);
    req.headers['x-amz-content-sha256'] = sha256Hex('something else');
    assert.equal(code(verifySigV4(req, 'service', KEYS, SIGNED_AT)), 'SignatureDoesNotMatch');
  });

  it('wants the session token of a temporary key, refuses a token on a long-term key, and an expired token', () => {
    const sts = fixture.vectors.find(v => v.name === 'post-sts-header-before')!;
    const token = parseReq(sts.req).headers['x-amz-security-token'][0];
    const temp = (expiresAt?: number) => ({
      [accessKeyId]: { secret: secretAccessKey, sessionToken: token, expiresAt },
    });
    assert.equal(code(verifySigV4(emulatorRequest(sts), 'service', temp(), SIGNED_AT)), 'accepted');
    assert.equal(code(verifySigV4(emulatorRequest(sts), 'service', temp(SIGNED_AT - 1), SIGNED_AT)), 'ExpiredToken');
    assert.equal(code(verifySigV4(emulatorRequest(sts), 'service', KEYS, SIGNED_AT)), 'InvalidClientTokenId');
    assert.equal(code(verifySigV4(emulatorRequest(vanilla), 'service', temp(), SIGNED_AT)), 'InvalidClientTokenId');
  });
});

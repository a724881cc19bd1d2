import { strict as assert } from 'node:assert';
import {
  EMPTY_SHA256,
  acs3Authorization,
  parseAcs3Authorization,
  percentEncode,
  rpcSignature,
  rpcStringToSign,
} from '../../../src/providers/alibaba/signer';

describe('alibaba signer', () => {
  it("reproduces the RPC v1 worked example of Alibaba's signature documentation", () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    assert.equal(
      rpcStringToSign('GET', params),
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    assert.equal(rpcSignature('GET', params, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    // Signature itself never takes part in what is signed.
    assert.equal(rpcSignature('GET', { ...params, Signature: 'x' }, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes as RFC 3986 wants, unlike encodeURIComponent', () => {
    assert.equal(percentEncode("a b*c!d'(e)~f/g+h"), 'a%20b%2Ac%21d%27%28e%29~f%2Fg%2Bh');
    assert.equal(percentEncode('名'), '%E5%90%8D');
  });

  it('signs ACS3-HMAC-SHA256 exactly as the official SDK does', () => {
    // The SDK's own implementation, an independent computation of the same signature.
    const sdk = require('@alicloud/openapi-core/dist/utils').default as {
      getAuthorization(req: unknown, alg: string, payload: string, id: string, secret: string): string;
    };
    const query = { RegionId: 'cn-hangzhou', 'InstanceIds.1': "r-a*b!c'(x)", Status: 'Running,Succeed' };
    const headers = {
      host: 'r-kvstore.aliyuncs.com',
      'x-acs-action': 'DescribeHistoryTasks',
      'x-acs-version': '2015-01-01',
      'x-acs-date': '2024-05-01T08:00:00Z',
      'x-acs-signature-nonce': '1f2e3d4c',
      'x-acs-content-sha256': EMPTY_SHA256,
    };
    const ours = acs3Authorization(
      { method: 'POST', path: '/', query, headers, payloadHash: EMPTY_SHA256 },
      'LTAIkey',
      'secret',
    );
    const theirs = sdk.getAuthorization(
      { method: 'POST', pathname: '/', query, headers: { ...headers, 'user-agent': 'x', accept: 'application/json' } },
      'ACS3-HMAC-SHA256',
      EMPTY_SHA256,
      'LTAIkey',
      'secret',
    );
    assert.equal(ours, theirs);
    const parsed = parseAcs3Authorization(ours);
    assert.deepEqual(parsed?.signedHeaders, [
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
    assert.equal(parsed?.accessKeyId, 'LTAIkey');
    assert.match(parsed?.signature ?? '', /^[0-9a-f]{64}$/);
    assert.equal(parseAcs3Authorization('Bearer abc'), undefined);
  });
});

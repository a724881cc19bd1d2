import * as assert from 'node:assert/strict';
import {
  expectedParameterSignature,
  expectedTc3Signature,
  readTc3Claim,
} from '../../../src/emulator/tencent/signature-check';

// The emulator's own check of Tencent's signatures, against the worked examples of Tencent's documentation
// (shared/apis.md §3): the client's signer is tested against the same examples in signer.test.ts, separately.
describe('the Tencent emulator checks signatures with its own implementation', () => {
  it('TC3-HMAC-SHA256: the documented DescribeInstances example', () => {
    const signature = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';
    const claim = readTc3Claim(
      `TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
    );
    assert.ok(claim);
    assert.deepEqual(claim.signedHeaders, ['content-type', 'host']);
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const expected = expectedTc3Signature(
      {
        method: 'POST',
        path: '/',
        query: '',
        headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
        body,
      },
      claim,
      'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      1551113065,
    );
    assert.equal(expected, signature);
    assert.notEqual(
      expectedTc3Signature(
        { method: 'POST', path: '/', query: '', headers: { 'content-type': 'application/json', host: 'x' }, body },
        claim,
        'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
        1551113065,
      ),
      signature,
      'a different signed header value gives a different signature',
    );
  });

  it('the parameter signature: the documented DescribeInstances example, HmacSHA256 and HmacSHA1', () => {
    const params = {
      Action: 'DescribeInstances',
      'InstanceIds.0': 'ins-09dx96dg',
      Nonce: '11886',
      Region: 'ap-guangzhou',
      SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
      SignatureMethod: 'HmacSHA256',
      Timestamp: '1465185768',
    };
    const key = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
    assert.equal(
      expectedParameterSignature('GET', 'cvm.api.qcloud.com', '/v2/index.php', params, key, 'HmacSHA256'),
      '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=',
    );
    // Tencent's HmacSHA1 figure is over the same string (its SignatureMethod parameter included).
    assert.equal(
      expectedParameterSignature('GET', 'cvm.api.qcloud.com', '/v2/index.php', params, key, 'HmacSHA1'),
      'RVSD1I6ip2Zo56I2HdqRVrt+1TE=',
    );
  });

  it('refuses malformed authorisations', () => {
    const sig = 'a'.repeat(64);
    assert.equal(
      readTc3Claim(`HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=${sig}`),
      undefined,
    );
    assert.equal(
      readTc3Claim(`TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm, SignedHeaders=host, Signature=${sig}`),
      undefined,
    );
    assert.equal(
      readTc3Claim('TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=zz'),
      undefined,
    );
  });
});

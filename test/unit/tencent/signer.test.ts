import { strict as assert } from 'node:assert';
import { legacySign, legacyStringToSign, parseTc3Authorization, tc3Sign } from '../../../src/providers/tencent/signer';

describe('tencent signer', () => {
  // Tencent's TC3-HMAC-SHA256 documentation, worked example (values in shared/apis.md).
  const example = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    timestamp: 1551113065,
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  };

  it('signs the documented TC3 example', () => {
    const s = tc3Sign(example);
    assert.equal(s.signature, '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    assert.equal(s.credentialScope, '2019-02-25/cvm/tc3_request');
    assert.equal(
      s.authorization,
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    assert.ok(
      s.canonicalRequest.startsWith(
        'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n',
      ),
    );
  });

  it('changes the signature when the body, key or time changes', () => {
    const base = tc3Sign(example).signature;
    assert.notEqual(tc3Sign({ ...example, payload: `${example.payload} ` }).signature, base);
    assert.notEqual(tc3Sign({ ...example, secretKey: 'other' }).signature, base);
    assert.notEqual(tc3Sign({ ...example, timestamp: example.timestamp + 1 }).signature, base);
  });

  it('signs extra headers in sorted order', () => {
    const s = tc3Sign({ ...example, extraHeaders: { 'X-TC-Action': 'DescribeInstances' } });
    assert.match(s.authorization, /SignedHeaders=content-type;host;x-tc-action,/);
    assert.ok(s.canonicalRequest.includes('host:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n'));
  });

  it('parses an Authorization header and rejects a malformed one', () => {
    const a = parseTc3Authorization(tc3Sign(example).authorization);
    assert.deepEqual(a, {
      secretId: example.secretId,
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    });
    assert.equal(parseTc3Authorization('TC3-HMAC-SHA256 Credential=x, Signature=abc'), undefined);
  });

  // API 2.0 signature documentation, worked example.
  const legacyParams = {
    Action: 'DescribeInstances',
    'InstanceIds.0': 'ins-09dx96dg',
    Nonce: '11886',
    Region: 'ap-guangzhou',
    SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
    SignatureMethod: 'HmacSHA256',
    Timestamp: '1465185768',
  };
  const legacyString =
    'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768';

  it('builds the documented legacy string to sign, sorted and without Signature', () => {
    assert.equal(
      legacyStringToSign('GET', 'cvm.api.qcloud.com', '/v2/index.php', { ...legacyParams, Signature: 'ignored' }),
      legacyString,
    );
  });

  it('signs the documented legacy example with HmacSHA256 and HmacSHA1', () => {
    assert.equal(
      legacySign('Gu5t9xGARNpq86cd98joQYCN3Cozk1qA', legacyString, 'HmacSHA256'),
      '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=',
    );
    assert.equal(
      legacySign('Gu5t9xGARNpq86cd98joQYCN3Cozk1qA', legacyString, 'HmacSHA1'),
      'RVSD1I6ip2Zo56I2HdqRVrt+1TE=',
    );
  });
});

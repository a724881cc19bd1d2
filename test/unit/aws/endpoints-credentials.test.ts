import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ProviderError } from '../../../src/core/errors';
import { credentialProviderFor, memoize, type AwsCredentials } from '../../../src/providers/aws/credentials';
import {
  defaultEndpoint,
  groupConsoleUrl,
  parseRegions,
  partitionOf,
  resolveEndpoint,
} from '../../../src/providers/aws/endpoints';

describe('aws endpoints', () => {
  it('every partition: standard, China (amazonaws.com.cn), GovCloud', () => {
    assert.equal(defaultEndpoint('elasticache', 'us-east-1'), 'https://elasticache.us-east-1.amazonaws.com');
    assert.equal(defaultEndpoint('elasticache', 'cn-north-1'), 'https://elasticache.cn-north-1.amazonaws.com.cn');
    assert.equal(
      defaultEndpoint('elasticache', 'cn-northwest-1'),
      'https://elasticache.cn-northwest-1.amazonaws.com.cn',
    );
    assert.equal(defaultEndpoint('elasticache', 'us-gov-west-1'), 'https://elasticache.us-gov-west-1.amazonaws.com');
    assert.equal(defaultEndpoint('memorydb', 'eu-west-1'), 'https://memory-db.eu-west-1.amazonaws.com');
    assert.equal(defaultEndpoint('memorydb', 'cn-north-1'), 'https://memory-db.cn-north-1.amazonaws.com.cn');
    assert.deepEqual(['us-east-1', 'cn-north-1', 'us-gov-east-1'].map(partitionOf), ['aws', 'aws-cn', 'aws-us-gov']);
  });

  it("console links open the task's resource: a replication group's or MemoryDB cluster's page, in its partition", () => {
    assert.equal(
      groupConsoleUrl('us-east-1/rg/orders-cache', 'us-east-1'),
      'https://console.aws.amazon.com/elasticache/home?region=us-east-1#/redis/orders-cache',
    );
    assert.equal(
      groupConsoleUrl('cn-north-1/mdb/ledger', 'cn-north-1'),
      'https://console.amazonaws.cn/memorydb/home?region=cn-north-1#/clusters/ledger',
    );
    // Pages we could not confirm: the region's ElastiCache page.
    for (const g of ['us-gov-west-1/sc/carts', 'us-gov-west-1/cc/memcached-legacy', 'us-gov-west-1'])
      assert.equal(
        groupConsoleUrl(g, 'us-gov-west-1'),
        'https://console.amazonaws-us-gov.com/elasticache/home?region=us-gov-west-1#',
      );
  });

  it('an override replaces the host of both services; a bare host means HTTPS; other schemes are refused', () => {
    const vpce = 'vpce-0abc-elasticache.us-east-1.vpce.amazonaws.com';
    assert.equal(resolveEndpoint(vpce, 'elasticache', 'us-east-1'), `https://${vpce}`);
    assert.equal(resolveEndpoint('http://127.0.0.1:9000/x', 'memorydb', 'us-east-1'), 'http://127.0.0.1:9000');
    assert.throws(
      () => resolveEndpoint('ftp://x', 'elasticache', 'us-east-1'),
      (e: ProviderError) => e.kind === 'bad-request',
    );
  });

  it('regions: comma or space separated, checked, without duplicates; none is an error', () => {
    assert.deepEqual(parseRegions('us-east-1, eu-west-1 us-east-1'), ['us-east-1', 'eu-west-1']);
    assert.throws(
      () => parseRegions('us-east-1,Virginia'),
      (e: ProviderError) => e.kind === 'bad-request',
    );
    assert.throws(
      () => parseRegions(''),
      (e: ProviderError) => e.kind === 'bad-request',
    );
  });
});

describe('aws credentials', () => {
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = [
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_CONFIG_FILE',
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
  ];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aws-creds-'));
    for (const k of ENV) saved[k] = process.env[k];
    writeFileSync(
      path.join(dir, 'credentials'),
      '[emu]\naws_access_key_id = AKIAFROMPROFILE00001\naws_secret_access_key = profileSecret\n' +
        '[temp]\naws_access_key_id = ASIAFROMPROFILE00002\naws_secret_access_key = s2\naws_session_token = tok2\n',
    );
    writeFileSync(
      path.join(dir, 'config'),
      '[profile fromconfig]\naws_access_key_id = AKIAFROMCONFIG000003\naws_secret_access_key = s3\n',
    );
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });
  after(() => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('a named profile from the shared credentials file (static and temporary keys)', async () => {
    const c = await credentialProviderFor({ profile: 'emu' })();
    assert.equal(c.accessKeyId, 'AKIAFROMPROFILE00001');
    assert.equal(c.secretAccessKey, 'profileSecret');
    const t = await credentialProviderFor({ profile: 'temp' })();
    assert.equal(t.sessionToken, 'tok2');
  });

  it('a profile defined in the config file', async () => {
    const c = await credentialProviderFor({ profile: 'fromconfig' })();
    assert.equal(c.accessKeyId, 'AKIAFROMCONFIG000003');
  });

  it('a missing profile fails as kind auth naming the profile, without reaching for instance metadata', async () => {
    await assert.rejects(credentialProviderFor({ profile: 'nope' })(), (e: ProviderError) => {
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /profile "nope"/);
      return true;
    });
  });

  it('typed keys win over a profile; a key without its secret is refused', async () => {
    const c = await credentialProviderFor({
      profile: 'emu',
      accessKeyId: 'AKIATYPED',
      secretAccessKey: 'typed',
      sessionToken: 'tk',
    })();
    assert.deepEqual(c, { accessKeyId: 'AKIATYPED', secretAccessKey: 'typed', sessionToken: 'tk' });
    assert.throws(
      () => credentialProviderFor({ accessKeyId: 'AKIATYPED' }),
      (e: ProviderError) => e.kind === 'auth',
    );
  });

  it('memoize: one resolution until five minutes before expiry, then a fresh one; a failure is not kept', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const base = (): Promise<AwsCredentials> => {
      calls++;
      if (fail) return Promise.reject(new Error('sso expired'));
      return Promise.resolve({
        accessKeyId: `k${calls}`,
        secretAccessKey: 's',
        expiration: new Date(now + 10 * 60_000),
      });
    };
    const p = memoize(base, () => now);
    assert.equal((await p()).accessKeyId, 'k1');
    assert.equal((await p()).accessKeyId, 'k1');
    now += 6 * 60_000;
    assert.equal((await p()).accessKeyId, 'k2');
    now += 6 * 60_000;
    fail = true;
    await assert.rejects(p());
    fail = false;
    assert.equal((await p()).accessKeyId, 'k4');
  });
});

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/errors';
import { Clock } from '../../../src/emulator/clock';
import { FaultInjector } from '../../../src/emulator/faults';
import { createModule, DEMO_REGION, DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../../src/emulator/tencent';
import type { EmulatorContext } from '../../../src/emulator/types';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/http/client';
import { tencentEndpoint } from '../../../src/providers/tencent';
import { INTL_ENDPOINT, parseSite, TencentApi } from '../../../src/providers/tencent/api';
import { parseTc3Authorization } from '../../../src/providers/tencent/signer';

/**
 * Tencent Cloud's international site: its API pages name `redis.intl.tencentcloudapi.com` ("Domain name for API
 * request"), signed as service `redis`, like the China site's `redis.tencentcloudapi.com`.
 */
describe('tencent: the international site', () => {
  const config = (options?: Record<string, string | boolean>, endpoint?: string) => ({
    id: 't',
    name: 'T',
    provider: 'tencent' as const,
    user: DEMO_SECRET_ID,
    region: DEMO_REGION,
    endpoint,
    options,
  });

  it('site intl calls redis.intl.tencentcloudapi.com; china (the default) the China host; an endpoint wins', () => {
    assert.equal(tencentEndpoint(config({ site: 'intl' })), 'https://redis.intl.tencentcloudapi.com');
    assert.equal(tencentEndpoint(config({ site: 'international' })), INTL_ENDPOINT);
    assert.equal(tencentEndpoint(config()), 'https://redis.tencentcloudapi.com');
    assert.equal(tencentEndpoint(config({ site: 'china' })), 'https://redis.tencentcloudapi.com');
    assert.equal(tencentEndpoint(config({ site: 'intl' }, 'http://127.0.0.1:9')), 'http://127.0.0.1:9');
    assert.equal(tencentEndpoint(config({ legacyApi: true })), 'https://redis.api.qcloud.com');
    assert.throws(
      () => tencentEndpoint(config({ site: 'intl', legacyApi: true })),
      (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request' && /international site/.test(e.message),
    );
    assert.throws(
      () => tencentEndpoint(config({ site: 'mars' })),
      (e: unknown) =>
        e instanceof ProviderError && e.kind === 'bad-request' && /"mars" is not china or intl/.test(e.message),
    );
    assert.equal(parseSite(undefined), 'china');
  });

  it('signs for the international host with service redis, and the emulator accepts it', async () => {
    const emulator = createModule();
    const ctx: EmulatorContext = { clock: new Clock('manual'), scenario: 'demo', faults: new FaultInjector() };
    emulator.reset(ctx);
    const sent: { host: string; authorization: string; headers: Record<string, string>; body: string }[] = [];
    // Delivers each signed request to the emulator as if it had reached redis.intl.tencentcloudapi.com.
    const http = {
      async request(req: HttpRequest): Promise<HttpResponse> {
        const signed = req.sign!({ url: req.url, headers: req.headers ?? {}, body: req.body });
        const url = new URL(signed.url);
        sent.push({
          host: url.host,
          authorization: signed.headers.authorization,
          headers: signed.headers,
          body: signed.body ?? '',
        });
        const answer = await emulator.handle(
          { method: req.method, url, headers: signed.headers, body: Buffer.from(signed.body ?? ''), host: url.host },
          ctx,
        );
        const body = Buffer.from(JSON.stringify(answer!.json));
        return {
          status: answer!.status,
          headers: { 'content-type': 'application/json' },
          body,
          text: () => body.toString(),
        };
      },
    } as unknown as HttpClient;
    const api = new TencentApi({
      http,
      endpoint: tencentEndpoint(config({ site: 'intl' })),
      secretId: DEMO_SECRET_ID,
      secretKey: DEMO_SECRET_KEY,
      region: DEMO_REGION,
      now: () => ctx.clock.now(),
    });
    const res = await api.call('DescribeInstances', { Limit: 10 }, 'the instances');
    assert.ok(Array.isArray(res.InstanceSet) && res.InstanceSet.length > 0, JSON.stringify(res).slice(0, 200));
    assert.equal(sent[0].host, 'redis.intl.tencentcloudapi.com');
    const auth = parseTc3Authorization(sent[0].authorization);
    assert.equal(auth?.service, 'redis', 'the first label of the host, not "redis.intl"');

    // The same request signed for another host does not verify: the emulator checks the host it was sent to.
    const wrong = await emulator.handle(
      {
        method: 'POST',
        url: new URL('https://redis.tencentcloudapi.com/'),
        headers: sent[0].headers,
        body: Buffer.from(sent[0].body),
        host: 'redis.tencentcloudapi.com',
      },
      ctx,
    );
    assert.match(JSON.stringify(wrong!.json), /AuthFailure/);
  });
});

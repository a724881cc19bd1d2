import { strict as assert } from 'node:assert';
import { tc3Sign, tc3SigningKey, utcDate } from '../../../src/providers/tencent/signer';
import { parseTencentTime, TENCENT_UTC_OFFSET_MINUTES } from '../../../src/providers/tencent/time';
import { taskFromList } from '../../../src/providers/tencent/tasks';

/** The regex reader parseTencentTime used before its digit-by-digit fast path: the fast path must answer the same. */
function reference(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y === 0 || mo === 0 || d === 0) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - TENCENT_UTC_OFFSET_MINUTES * 60_000;
}

describe('tencent fast paths answer what the slow ones did', () => {
  it('parseTencentTime: same value for good, placeholder, rolled-over and malformed times', () => {
    const samples = [
      '2021-12-30 00:00:00',
      '2021-12-30T23:59:59',
      '0000-00-00 00:00:00',
      '2021-00-10 10:00:00',
      '2021-02-30 10:00:00',
      '2021-13-01 25:61:61',
      ' 2021-12-30 00:00:00',
      '2021-12-30 00:00:00 ',
      '2021-12-30 0a:00:00',
      '2021/12/30 00:00:00',
      '2021-12-30X00:00:00',
      '2021-12-3000:00:00',
      '',
      undefined,
      '1999-01-01 00:00:00',
      '2021-12-30 00:00',
      '２０２１-12-30 00:00:00',
    ];
    for (const s of samples) assert.equal(parseTencentTime(s), reference(s), JSON.stringify(s));
  });

  it('tc3Sign with the kept signing key gives the same signature as deriving it', () => {
    const input = {
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      timestamp: 1551113065,
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{"Limit": 1}',
    };
    const derived = tc3Sign(input);
    const kept = tc3Sign({
      ...input,
      signingKey: tc3SigningKey(input.secretKey, utcDate(input.timestamp), input.service),
    });
    assert.equal(kept.authorization, derived.authorization);
    // A key of another day does not verify: the cache must follow the date.
    const stale = tc3Sign({
      ...input,
      signingKey: tc3SigningKey(input.secretKey, utcDate(input.timestamp - 86_400), input.service),
    });
    assert.notEqual(stale.signature, derived.signature);
  });

  it('taskFromList builds the same task as before, with one console URL string per instance', () => {
    const ctx = { connectionId: 'c1', region: 'ap-guangzhou', consoleUrls: new Map<string, string>() };
    const rec = (id: string, result: number) => ({
      taskId: id,
      startTime: '2021-12-30 00:00:00',
      endTime: '2021-12-30 00:01:00',
      taskType: '012',
      instanceName: 'orders',
      instanceId: 'crs-1',
      projectId: 0,
      progress: 0.5,
      result: String(result),
      raw: { TaskId: id },
    });
    const running = taskFromList(ctx, rec('1', 1));
    const done = taskFromList(ctx, rec('2', 2));
    assert.equal(Object.hasOwn(running, 'finishedAt'), false, 'an unfinished task has no finishedAt key at all');
    assert.equal(done.finishedAt, reference('2021-12-30 00:01:00'));
    assert.equal(
      running.capabilities.consoleUrl,
      'https://console.cloud.tencent.com/redis/instance/manage?ins=crs-1&rid=1',
    );
    assert.equal(running.capabilities.consoleUrl, done.capabilities.consoleUrl);
    assert.equal(ctx.consoleUrls.size, 1);
    assert.deepEqual(Object.keys(running), [
      'id',
      'source',
      'provider',
      'kind',
      'group',
      'name',
      'status',
      'providerStatus',
      'steps',
      'shards',
      'errors',
      'capabilities',
      'raw',
      'type',
      'target',
      'progress',
      'startedAt',
    ]);
  });
});

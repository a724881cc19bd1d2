import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createModule, DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../../src/emulator/tencent';

// The SDK honours http_proxy; these requests must stay on loopback.
delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

/**
 * Tencent's own Node SDK as an independent client: it signs with the service taken from the host's first label, so
 * it talks to `redis.tencentcloudapi.com:PORT` and an agent resolves that name to the emulator on 127.0.0.1.
 */
describe('the official Tencent SDK against our emulator', () => {
  let emu: RunningEmulator;
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    else callback(null, '127.0.0.1', 4);
  };
  const agent = new http.Agent({ lookup });
  const client = (
    signMethod: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1' = 'TC3-HMAC-SHA256',
    secretKey = DEMO_SECRET_KEY,
    reqMethod: 'POST' | 'GET' = 'POST',
  ) =>
    new CommonClient('redis.tencentcloudapi.com', '2018-04-12', {
      credential: { secretId: DEMO_SECRET_ID, secretKey },
      region: 'ap-guangzhou',
      profile: {
        signMethod,
        httpProfile: { endpoint: `redis.tencentcloudapi.com:${emu.port}`, protocol: 'http://', reqMethod, agent },
      },
    });

  // The SDK signs with the real clock: the emulator's manual clock starts there and is not advanced here.
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    agent.destroy();
    await emu.close();
  });

  it('lists instances and tasks with TC3-HMAC-SHA256', async () => {
    const instances = await client().request('DescribeInstances', { Limit: 2, Offset: 0 });
    assert.equal(instances.TotalCount, 3);
    assert.equal(instances.InstanceSet.length, 2);
    const tasks = await client().request('DescribeTaskList', {
      InstanceId: 'crs-gz000003',
      TaskTypes: ['017'],
      Limit: 10,
      Offset: 10,
    });
    assert.equal(tasks.TotalCount, 25);
    assert.equal(tasks.Tasks.length, 10);
    assert.ok(tasks.Tasks.every((t: { TaskType: string }) => t.TaskType === '017'));
    const info = await client().request('DescribeTaskInfo', { TaskId: 1004 });
    assert.equal(info.Status, 'failed');
    assert.ok(info.RequestId);
  });

  it('is accepted with the parameter signature (HmacSHA256 and HmacSHA1)', async () => {
    const a = await client('HmacSHA256').request('DescribeTaskList', { Result: [4] });
    assert.deepEqual(a.Tasks.map((t: { TaskId: number }) => t.TaskId).sort(), [1004, 1007]);
    const b = await client('HmacSHA1').request('DescribeTaskInfo', { TaskId: 1003 });
    assert.equal(b.Status, 'running');
  });

  it('is accepted signing a GET with TC3', async () => {
    const r = await client('TC3-HMAC-SHA256', DEMO_SECRET_KEY, 'GET').request('DescribeTaskInfo', { TaskId: 1001 });
    assert.equal(r.Status, 'succeed');
  });

  it("gets Tencent's error codes for a wrong key and a bad parameter", async () => {
    await assert.rejects(
      client('TC3-HMAC-SHA256', 'not-the-key').request('DescribeTaskList', {}),
      (e: { code?: string; requestId?: string }) => {
        assert.equal(e.code, 'AuthFailure.SignatureFailure');
        assert.ok(e.requestId);
        return true;
      },
    );
    await assert.rejects(
      client('HmacSHA256', 'not-the-key').request('DescribeTaskList', {}),
      (e: { code?: string }) => e.code === 'AuthFailure.SignatureFailure',
    );
    await assert.rejects(
      client().request('DescribeTaskList', { Limit: 20, Offset: 7 }),
      (e: { code?: string; message: string }) => {
        assert.equal(e.code, 'InvalidParameterValue');
        assert.match(e.message, /Offset/);
        return true;
      },
    );
    await assert.rejects(
      client().request('DescribeTaskInfo', {}),
      (e: { code?: string }) => e.code === 'MissingParameter',
    );
  });
});

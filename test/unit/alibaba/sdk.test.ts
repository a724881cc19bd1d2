import { strict as assert } from 'node:assert';
import * as OpenApi from '@alicloud/openapi-core';
import Client, * as Models from '@alicloud/r-kvstore20150101';
import { createModule, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../../src/emulator/alibaba';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';

delete process.env.http_proxy;
delete process.env.https_proxy;
delete process.env.HTTP_PROXY;
delete process.env.HTTPS_PROXY;

/** The official SDK as an independent client: proof that the emulator speaks Alibaba's real protocol. */
describe('alibaba official SDK against the emulator', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  after(async () => {
    await emu.close();
  });

  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  for (const mode of ['ACS3-HMAC-SHA256', 'v2'] as const) {
    const client = (secret = DEMO_ACCESS_KEY_SECRET) => {
      const config = new OpenApi.$OpenApiUtil.Config({
        accessKeyId: DEMO_ACCESS_KEY_ID,
        accessKeySecret: secret,
        regionId: 'cn-hangzhou',
        endpoint: emu.url.replace(/^http:\/\//, ''),
        protocol: 'http',
        ...(mode === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
      });
      return new Client(config);
    };

    it(`${mode}: describeInstances and describeHistoryTasks (typed)`, async () => {
      const c = client();
      const inst = await c.describeInstances(
        new Models.DescribeInstancesRequest({ regionId: 'cn-hangzhou', pageSize: 50 }),
      );
      assert.deepEqual(
        inst.body?.instances?.KVStoreInstance?.map(i => i.instanceId),
        ['r-bp1emu00000000001', 'r-bp1emu00000000002', 'r-bp1emu00000000003'],
      );
      const now = emu.context.clock.now();
      const hist = await c.describeHistoryTasks(
        new Models.DescribeHistoryTasksRequest({
          regionId: 'cn-hangzhou',
          instanceType: 'Instance',
          fromStartTime: iso(now - 86_400_000),
          toStartTime: iso(now),
          status: 'Running,Waiting',
          pageSize: 10,
          pageNumber: 1,
        }),
      );
      assert.deepEqual(hist.body?.items?.map(i => i.taskId).sort(), [
        't-emu0000000000001',
        't-emu0000000000003',
        't-emu0000000000004',
      ]);
      assert.equal(hist.body?.totalCount, 3);
    });

    it(`${mode}: DescribeTasks through the generic callApi, and MissingParameter without StartTime`, async () => {
      const c = client();
      const params = new OpenApi.$OpenApiUtil.Params({
        action: 'DescribeTasks',
        version: '2015-01-01',
        protocol: 'HTTP',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const now = emu.context.clock.now();
      const query = {
        InstanceId: 'r-bp1emu00000000002',
        StartTime: iso(now - 3_600_000).slice(0, 16) + 'Z',
        EndTime: iso(now + 60_000).slice(0, 16) + 'Z',
        Status: '0,1,2,4,7,8',
      };
      const runtime = new (await import('@darabonba/typescript')).RuntimeOptions({});
      const res = (await c.callApi(params, new OpenApi.$OpenApiUtil.OpenApiRequest({ query }), runtime)) as {
        body: { Items: { TaskId: string; Status: string }[]; TotalRecordCount: number };
      };
      assert.deepEqual(
        res.body.Items.map(i => [i.TaskId, i.Status]),
        [
          ['t-emu0000000000003', '1'],
          ['t-emu0000000000004', '1'],
        ],
      );
      const { StartTime: _s, ...noStart } = query;
      await assert.rejects(
        c.callApi(params, new OpenApi.$OpenApiUtil.OpenApiRequest({ query: noStart }), runtime),
        (e: { code?: string; message?: string }) => e.code === 'MissingParameter' && /StartTime/.test(e.message ?? ''),
      );
    });

    it(`${mode}: a wrong secret gets SignatureDoesNotMatch`, async () => {
      await assert.rejects(
        client('wrong-secret-value').describeInstances(
          new Models.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }),
        ),
        (e: { code?: string }) => e.code === 'SignatureDoesNotMatch',
      );
    });
  }
});

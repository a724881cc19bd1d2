// Item 2: the cost of our Tencent and Alibaba clients per task: list and normalise N tasks (pages of 100, signing
// included) against (a) the same requests through a bare undici loop that only parses JSON, (b) the official SDKs.
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import * as OpenApi from '@alicloud/openapi-core';
import Client, * as Models from '@alicloud/r-kvstore20150101';
import { createSource } from '../../src/providers/index';
import type { TaskSource } from '../../src/core/source';
import type { EmulatorConnectionInfo } from '../../src/emulator/types';
import {
  QUICK,
  figure,
  measure,
  medianOf,
  ms,
  recordRequests,
  replay,
  startEmulatorProcess,
  type Measured,
  runMain,
} from './lib';

for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[k];

const TASKS = QUICK ? 2_000 : 10_000;
const ROUNDS = QUICK ? 3 : 5;

/** Refresh, then "Load more" on every group until nothing is left: every task of the connection, normalised. */
async function listAll(source: TaskSource): Promise<number> {
  const snap = await source.refresh({});
  let count = snap.tasks.length;
  for (const [group, first] of Object.entries(snap.more)) {
    for (let cursor: string | undefined = first; cursor;) {
      const page = await source.loadMore(group, cursor, {});
      count += page.tasks.length;
      cursor = page.next;
    }
  }
  return count;
}

function ourSource(c: EmulatorConnectionInfo): TaskSource {
  return createSource(
    {
      id: `bench-${c.provider}`,
      name: c.name,
      provider: c.provider,
      endpoint: c.endpoint,
      user: c.user,
      // One region on both sides: the SDK baseline asks one (the demo connections name two).
      region: c.region?.split(',')[0],
      options: c.options,
    },
    { secret: c.secret },
  );
}

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function main(): Promise<void> {
  const emu = await startEmulatorProcess(`scale:${TASKS}`);
  const port = Number(new URL(emu.url).port);
  try {
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all)
        (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
          { address: '127.0.0.1', family: 4 },
        ]);
      else callback(null, '127.0.0.1', 4);
    };
    const tcAgent = new http.Agent({ lookup, keepAlive: true });
    const tcInfo = emu.connections.find(c => c.provider === 'tencent')!;
    const aliInfo = emu.connections.find(c => c.provider === 'alibaba')!;
    const tcRegion = tcInfo.region!.split(',')[0];
    const aliRegion = aliInfo.region!.split(',')[0];

    const tencentSdk = async () => {
      const client = new CommonClient('redis.tencentcloudapi.com', '2018-04-12', {
        credential: { secretId: tcInfo.user, secretKey: tcInfo.secret },
        region: tcRegion,
        profile: {
          signMethod: 'TC3-HMAC-SHA256',
          httpProfile: {
            endpoint: `redis.tencentcloudapi.com:${port}`,
            protocol: 'http://',
            reqMethod: 'POST',
            agent: tcAgent,
          },
        },
      });
      await client.request('DescribeInstances', { Limit: 1000, Offset: 0 });
      let n = 0;
      for (let offset = 0; ; offset += 100) {
        const r = (await client.request('DescribeTaskList', {
          InstanceId: 'crs-gz000001',
          Limit: 100,
          Offset: offset,
        })) as { Tasks: unknown[]; TotalCount: number };
        n += r.Tasks.length;
        if (r.Tasks.length < 100 || offset + 100 >= r.TotalCount) break;
      }
      return n;
    };
    const alibabaSdk = async () => {
      const config = new OpenApi.$OpenApiUtil.Config({
        accessKeyId: aliInfo.user,
        accessKeySecret: aliInfo.secret,
        regionId: aliRegion,
        endpoint: emu.url.replace(/^http:\/\//, ''),
        protocol: 'http',
      });
      const c = new Client(config);
      await c.describeInstances(new Models.DescribeInstancesRequest({ regionId: aliRegion, pageSize: 50 }));
      const now = Date.now();
      let n = 0;
      for (let page = 1; ; page++) {
        const r = await c.describeHistoryTasks(
          new Models.DescribeHistoryTasksRequest({
            regionId: aliRegion,
            instanceType: 'Instance',
            instanceId: 'r-bp1emu00000000001',
            fromStartTime: iso(now - 7 * 86_400_000),
            toStartTime: iso(now),
            pageSize: 100,
            pageNumber: page,
          }),
        );
        const items = r.body?.items ?? [];
        n += items.length;
        if (items.length < 100) break;
      }
      return n;
    };

    for (const [info, sdk, label] of [
      [tcInfo, tencentSdk, 'Tencent'],
      [aliInfo, alibabaSdk, 'Alibaba'],
    ] as const) {
      // One source for every round, like a connection that stays open: its keep-alive sockets are reused.
      const source = ourSource(info);
      await emu.reset();
      const rec = await recordRequests(() => listAll(source)); // warm-up, and the requests the floor sends
      const listed = rec.result;
      const floorAgent = new Agent({ connections: 6, keepAliveTimeout: 30_000 });
      await emu.reset();
      await replay([rec.requests], 1, [floorAgent]); // warm the floor's sockets too
      await emu.reset();
      await sdk();
      const ours: Measured[] = [];
      const floor: Measured[] = [];
      const sdkRuns: Measured[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        await emu.reset();
        ours.push(await measure(() => listAll(source)));
        await emu.reset();
        floor.push(await measure(() => replay([rec.requests], 1, [floorAgent])));
        await emu.reset();
        sdkRuns.push(await measure(() => sdk()));
      }
      const o = medianOf(ours);
      const f = medianOf(floor);
      const s = medianOf(sdkRuns);
      const what = `${label}: ${listed} tasks, ${rec.requests.length} requests`;
      figure(
        `client ${label} wall vs floor (${what})`,
        ms(o.wallMs),
        ms(f.wallMs),
        o.wallMs / f.wallMs,
        '<= 1.15x',
        o.wallMs / f.wallMs <= 1.15,
      );
      figure(
        `client ${label} CPU vs floor`,
        ms(o.cpuMs),
        ms(f.cpuMs),
        o.cpuMs / f.cpuMs,
        '<= 1.15x',
        o.cpuMs / f.cpuMs <= 1.15,
      );
      figure(
        `client ${label} wall vs official SDK`,
        ms(o.wallMs),
        ms(s.wallMs),
        o.wallMs / s.wallMs,
        '<= 0.7x',
        o.wallMs / s.wallMs <= 0.7,
      );
      figure(
        `client ${label} CPU vs official SDK`,
        ms(o.cpuMs),
        ms(s.cpuMs),
        o.cpuMs / s.cpuMs,
        '<= 0.7x',
        o.cpuMs / s.cpuMs <= 0.7,
      );
      figure(
        `client ${label} per task`,
        `${((o.wallMs * 1000) / listed).toFixed(1)} us wall, ${((o.cpuMs * 1000) / listed).toFixed(1)} us CPU`,
        `${((f.wallMs * 1000) / listed).toFixed(1)} us wall floor`,
        undefined,
        '-',
        undefined,
      );
      await source.close();
      await floorAgent.close();
    }
    tcAgent.destroy();
  } finally {
    await emu.close();
  }
}

runMain(main);

import { strict as assert } from 'node:assert';
import { toEpochMs } from '../../../src/core/task';
import { EMPTY_SHA256, acs3Authorization, acs3Query } from '../../../src/providers/alibaba/signer';
import { aliTimeMs } from '../../../src/providers/alibaba/time';
import { fromHistoryTask } from '../../../src/providers/alibaba/tasks';
import { parseHistoryTasks } from '../../../src/providers/alibaba/wire';

describe('alibaba fast paths answer what the slow ones did', () => {
  it('aliTimeMs equals toEpochMs for ISO times, rolled-over days, bad fields and other shapes', () => {
    const samples = [
      '2020-11-13T06:16:54Z',
      '2026-02-29T00:00:00Z',
      '2026-02-31T23:59:59Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-32T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z',
      '0999-01-01T00:00:00Z',
      '2026-01-01T00:00Z',
      '2026-01-01 00:00:00Z',
      '2026-01-01T00:00:00+08:00',
      '2026-01-01T0a:00:00Z',
      '1605248214',
      '1605248214000',
      '',
      '  ',
      undefined,
      'soon',
    ];
    for (const s of samples) assert.equal(aliTimeMs(s), toEpochMs(s), JSON.stringify(s));
  });

  it("acs3 with the URL's encoded query signs the same as encoding it again", () => {
    const query = { RegionId: 'cn-hangzhou', FromStartTime: '2026-11-16T09:31:55Z', 'Odd key': "a!b'c(d)e*" };
    const headers = {
      host: 'r-kvstore.aliyuncs.com',
      'x-acs-action': 'DescribeHistoryTasks',
      'x-acs-version': '2015-01-01',
      'x-acs-date': '2026-11-23T09:31:55Z',
      'x-acs-signature-nonce': 'n1',
      'x-acs-content-sha256': EMPTY_SHA256,
    };
    const input = { method: 'POST', path: '/', query, headers, payloadHash: EMPTY_SHA256 };
    assert.equal(
      acs3Authorization({ ...input, canonicalQuery: acs3Query(query) }, 'LTAIkey', 'secret'),
      acs3Authorization(input, 'LTAIkey', 'secret'),
    );
  });

  it('fromHistoryTask keeps the keys and values of the task it built before', () => {
    const page = parseHistoryTasks({
      TotalCount: 1,
      Items: [
        {
          TaskId: 't-1',
          TaskType: 'ModifyInsSpec',
          Status: 'Failed',
          Progress: 40,
          RemainTime: 0,
          StartTime: '2020-11-13T06:16:54Z',
          EndTime: '2020-11-13T06:20:00Z',
          InstanceId: 'r-1',
          InstanceName: 'orders',
          ReasonCode: 'Timeout',
          TaskDetail: '{"steps":[{"name":"a","progress":100,"remain":0}]}',
        },
      ],
    });
    const t = fromHistoryTask(page.items[0], {
      connectionId: 'c1',
      instanceId: 'r-1',
      consoleUrl: 'https://console/x',
    });
    assert.deepEqual(
      { ...t, raw: undefined },
      {
        id: 't-1',
        source: 'c1',
        provider: 'alibaba',
        kind: 'cloud-task',
        group: 'r-1',
        name: 'Change instance specification',
        type: 'ModifyInsSpec',
        target: { id: 'r-1', name: 'orders', type: 'instance' },
        shards: [],
        capabilities: { cancel: false, forceCancel: false, consoleUrl: 'https://console/x' },
        raw: undefined,
        status: 'failed',
        providerStatus: 'Failed',
        progress: 40,
        startedAt: Date.UTC(2020, 10, 13, 6, 16, 54),
        finishedAt: Date.UTC(2020, 10, 13, 6, 20, 0),
        remainingSeconds: undefined,
        currentStep: undefined,
        // ReasonCode is why the task started, not why it failed (it read "Failed: Timeout" before: wrong).
        reason: 'Timeout',
        steps: [{ name: 'a', progress: 100, remainingSeconds: 0 }],
        errors: [],
      },
    );
  });
});

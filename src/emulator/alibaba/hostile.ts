import type { HostileProfile } from '../hostile-data';
import { DEMO_ACCESS_KEY_SECRET } from './index';

/** Alibaba's hostile answers: HTTP 4xx with `{RequestId, HostId, Code, Message, Recommend}`. */
export const hostileProfile: HostileProfile = {
  keep: new Set(['TaskId', 'InstanceId', 'RegionId', 'RequestId', 'HostId', 'StepProgressInfo']),
  // DescribeHistoryTasks words and DescribeTasks codes alike.
  unknownStatus: { Status: 'Melting', InstanceStatus: 'Melting' },
  drop: ['Progress', 'StartTime', 'BeginTime', 'CurrentStepName', 'InstanceName'],
  secretsKnown: [DEMO_ACCESS_KEY_SECRET],
  error(req, kind, message) {
    const [status, code, headers] = {
      throttle: [400, 'Throttling.User', { 'x-acs-retry-after': '1000' }],
      unauthorized: [404, 'InvalidAccessKeyId.NotFound', undefined],
      'clock-skew': [400, 'InvalidTimeStamp.Expired', undefined],
      'bad-request': [400, 'InvalidParameter', undefined],
    }[kind] as [number, string, Record<string, string> | undefined];
    const text = kind === 'clock-skew' ? 'Specified time stamp or date value is expired.' : message;
    return {
      status,
      headers,
      json: {
        RequestId: 'EMU-HOSTILE-0000',
        HostId: req.host,
        Code: code,
        Message: text,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${code}`,
      },
    };
  },
};

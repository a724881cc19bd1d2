import { randomUUID } from 'node:crypto';
import type { HostileProfile } from '../hostile-data';
import { DEMO_SECRET_KEY } from './data';

/** Tencent's hostile answers: HTTP 200 with `Response.Error` (current API) or `{code, codeDesc}` (legacy API). */
export const hostileProfile: HostileProfile = {
  // InstanceId groups tasks and is sent back to DescribeTaskInfo; RequestId and Region are echoed metadata.
  keep: new Set(['InstanceId', 'RequestId', 'Region', 'redisId', 'codeDesc']),
  unknownStatus: { Result: 7, Status: 'melting', status: 99 },
  drop: ['Progress', 'StartTime', 'InstanceName', 'progress', 'startTime'],
  secretsKnown: [DEMO_SECRET_KEY],
  error(req, kind, message) {
    const legacy = req.url.pathname === '/v2/index.php';
    const [code, legacyCode] = {
      throttle: ['RequestLimitExceeded', 4400],
      unauthorized: ['AuthFailure.SecretIdNotFound', 4104],
      'clock-skew': ['AuthFailure.SignatureExpire', 4200],
      'bad-request': ['InvalidParameter', 4000],
    }[kind] as [string, number];
    if (legacy) return { status: 200, json: { code: legacyCode, message, codeDesc: code } };
    return { status: 200, json: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
  },
};

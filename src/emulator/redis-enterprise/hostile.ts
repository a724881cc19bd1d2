import type { HostileProfile } from '../hostile-data';
import { DEMO_PASSWORD } from './catalog';

/** Redis Enterprise's hostile answers: `{error_code, message}` errors, 429 when throttled. */
export const hostileProfile: HostileProfile = {
  // Ids the client sends back (`/v1/crdb_tasks/{id}`), joins on (`crdb_guid`, `bdb:1`) or compares (`action_type`).
  keep: new Set([
    'id',
    'uid',
    'guid',
    'crdb_guid',
    'action_uid',
    'task_id',
    'object_name',
    'object_uid',
    'object_type',
    'action_type',
    'href',
    'rel',
  ]),
  unknownStatus: { status: '<b>melting</b>' },
  drop: ['started', 'progress', 'name', 'errors'],
  secretsKnown: [DEMO_PASSWORD],
  error(_req, kind, message) {
    switch (kind) {
      case 'throttle':
        return { status: 429, headers: { 'retry-after': '1' }, json: { error_code: 'too_many_requests', message } };
      case 'unauthorized':
        return {
          status: 401,
          json: { error_code: 'unauthorized', message: 'Unauthorized request. Invalid credentials.' },
        };
      case 'clock-skew':
        return undefined; // basic auth carries no timestamp
      case 'bad-request':
        return { status: 400, json: { error_code: 'bad_request', message } };
    }
  },
};

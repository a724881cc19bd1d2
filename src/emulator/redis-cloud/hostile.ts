import type { HostileProfile } from '../hostile-data';

/** Redis Cloud's hostile answers: `{error: {type, status, description}}`, 429 with its own rate-limit headers. */
export const hostileProfile: HostileProfile = {
  keep: new Set(['taskId', 'href', 'rel', 'type', 'accountId']),
  unknownStatus: { status: 'processing-melted' },
  drop: ['timestamp', 'description', 'commandType'],
  // The user secret key travels in a header: an echo of the request already carries it.
  secretsKnown: [],
  error(_req, kind, message) {
    const body = (status: number, type: string, description: string) => ({
      error: { type, status: `${status}`, description },
    });
    switch (kind) {
      case 'throttle':
        return {
          status: 429,
          headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-retry-after-seconds': '1' },
          json: body(429, 'TOO_MANY_REQUESTS', message),
        };
      case 'unauthorized':
        return { status: 401, json: body(401, 'UNAUTHORIZED', 'Authentication failed for requested resource') };
      case 'clock-skew':
        return undefined; // API keys carry no timestamp
      case 'bad-request':
        return { status: 400, json: body(400, 'BAD_REQUEST', message) };
    }
  },
};

import type { HostileProfile } from '../hostile-data';
import { DEMO_SECRET_ACCESS_KEY } from './index';
import { queryError } from './xml-out';

/**
 * AWS's hostile answers. The query API answers XML, which the JSON poisoner leaves alone; MemoryDB's JSON gets
 * poisoned like every other provider's. Errors come in the protocol of the API that was called.
 */
export const hostileProfile: HostileProfile = {
  keep: new Set(['Name', 'SourceName', 'SourceType', 'Status', 'NextToken', 'ARN']),
  unknownStatus: { Status: 'melting' },
  drop: ['PendingUpdates', 'Date'],
  secretsKnown: [DEMO_SECRET_ACCESS_KEY],
  error(req, kind, message) {
    const [status, code] = {
      throttle: [400, 'Throttling'],
      unauthorized: [403, 'InvalidClientTokenId'],
      'clock-skew': [403, 'SignatureDoesNotMatch'],
      'bad-request': [400, 'InvalidParameterValue'],
    }[kind] as [number, string];
    const text = kind === 'clock-skew' ? 'Signature expired: the request time is more than 15 minutes off.' : message;
    if (req.headers['x-amz-target'] !== undefined) {
      const json = {
        throttle: 'ThrottlingException',
        unauthorized: 'UnrecognizedClientException',
        'clock-skew': 'InvalidSignatureException',
        'bad-request': 'InvalidParameterValueException',
      }[kind];
      return {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ __type: `com.amazonaws.memorydb#${json}`, message: text }),
      };
    }
    return {
      status,
      headers: { 'content-type': 'text/xml' },
      body: queryError('Sender', code, text, 'emu-hostile-0000'),
    };
  },
};

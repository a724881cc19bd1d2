import type * as http from 'node:http';
import type { FaultMode } from './faults';
import { echoedCredentials, poisonAnswer, type HostileProfile } from './hostile-data';
import type { EmulatorRequest, EmulatorResponse } from './types';
import { send } from './wire';

/** How each fault mode answers on the wire in place of (or from) the normal answer. */

export function applyFault(
  res: http.ServerResponse,
  fault: FaultMode,
  answer: EmulatorResponse,
  req: EmulatorRequest,
  profile: HostileProfile,
): void {
  switch (fault) {
    case 'status-500':
    case 'status-502':
    case 'status-503':
      // A proxy's error page, with markup a careless client would paste into its error message.
      return send(res, {
        status: Number(fault.slice(7)),
        body: '<html><body><h1>Service Unavailable</h1><script>alert(1)</script></body></html>',
        headers: { 'content-type': 'text/html' },
      });
    case 'throttle':
      return send(
        res,
        profile.error(req, 'throttle', 'Too many requests; slow down.') ?? {
          status: 429,
          headers: { 'retry-after': '1' },
          json: { message: 'Too many requests' },
        },
      );
    case 'unauthorized':
      return send(
        res,
        profile.error(req, 'unauthorized', 'The credentials are not valid (any more).') ?? {
          status: 401,
          json: { error_code: 'unauthorized', message: 'Unauthorized request. Invalid credentials.' },
        },
      );
    case 'clock-skew':
      // Where the API signs no timestamp there is nothing to be skewed: the normal answer goes out.
      return send(
        res,
        profile.error(
          req,
          'clock-skew',
          'Signature expired: the request timestamp is more than 5 minutes away from the server time.',
        ) ?? answer,
      );
    case 'echo-credentials':
      return send(
        res,
        profile.error(req, 'bad-request', echoedCredentials(req, profile.secretsKnown)) ?? {
          status: 400,
          json: { message: echoedCredentials(req, profile.secretsKnown) },
        },
      );
    case 'hostile':
      return send(res, poisonAnswer(answer, profile));
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return; // never answers; the client's timeout must fire
    case 'wrong-content-type':
      return send(res, {
        ...answer,
        headers: { ...(answer.headers ?? {}), 'content-type': 'text/html' },
        body: '<html>Maintenance</html>',
      });
    case 'truncated-json': {
      const full = answer.body !== undefined ? String(answer.body) : JSON.stringify(answer.json);
      return send(res, {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
        body: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
      });
    }
    case 'huge-body': {
      const size = 50 * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = size;
      });
      return pump();
    }
    case 'trickle': {
      const full = Buffer.from(answer.body !== undefined ? String(answer.body) : JSON.stringify(answer.json));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': full.length });
      let i = 0;
      const timer = setInterval(() => {
        if (i >= full.length || res.destroyed) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(full.subarray(i, i + 1));
        i++;
      }, 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
  }
}

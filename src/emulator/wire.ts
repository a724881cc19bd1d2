import type * as http from 'node:http';
import type { EmulatorResponse } from './types';

/** The emulator's side of HTTP: a request body read under a cap, an answer written with its length. */

const MAX_REQUEST_BYTES = 1024 * 1024;

/** Thrown (not sent) when a request body passes the cap, so the handler answers 413. */
class RequestTooLarge extends Error {}
export const TOO_LARGE = new RequestTooLarge('Request body too large');

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        req.destroy();
        reject(TOO_LARGE);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: http.ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  let body: string | Buffer = '';
  if (answer.body !== undefined) body = answer.body;
  else if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

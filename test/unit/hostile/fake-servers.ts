import type * as http from 'node:http';
import { json, startServer, type TestServer } from '../http/servers';

// Tests talk to 127.0.0.1 only: a proxy from the environment would swallow the requests.
for (const v of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[v];

export const USER = 'admin@example.com';
/** Chosen so every encoding differs from the raw text: a quote and a backslash (JSON), a space and a slash (URL). */
export const PASSWORD = 'pa"ss\\wo rd/Secret-42';
export const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

/** Every encoding the issue names: raw, URL-encoded, JSON-escaped, base64 of user:password, hex. */
export const ENCODINGS: Record<string, string> = {
  raw: PASSWORD,
  url: encodeURIComponent(PASSWORD),
  json: JSON.stringify(PASSWORD).slice(1, -1),
  basic: BASIC,
  hex: Buffer.from(PASSWORD).toString('hex'),
};

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | void;

/**
 * A hostile Redis Enterprise REST API on the loopback, not the project's emulator: the documented paths with
 * answers a test chooses. `routes` are asked first; anything they leave gets a small valid answer.
 */
export async function fakeEnterprise(routes: Route[] = []): Promise<TestServer> {
  return startServer((req, res) => {
    for (const r of routes) if (r(req, res) !== false && res.headersSent) return;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/v1/crdb_tasks') return json(res, 200, []);
    if (path === '/v2/actions') return json(res, 404, { error_code: 'not_found' });
    if (path === '/v1/actions') return json(res, 200, { actions: [], 'state-machines': [] });
    if (path === '/v1/cluster') return json(res, 200, { name: 'c1' });
    if (path === '/v1/bdbs') return json(res, 200, []);
    if (path === '/v1/crdbs') return json(res, 200, []);
    json(res, 404, { error_code: 'not_found' });
  });
}

export function cliArgs(server: TestServer, extra: string[] = []): string[] {
  return ['--provider', 'redis-enterprise', '--endpoint', server.url, '--user', USER, ...extra];
}

export const ENV = { REDIS_TASKS_PASSWORD: PASSWORD };

export function crdbTask(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 't-1', status: 'started', operation: 'create_crdb', ...over };
}

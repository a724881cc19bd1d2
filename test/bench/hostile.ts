// Figures for docs/security.md, against hostile servers on the loopback (not the emulator), in real time.
// Not a CI test. Run one case:  npx tsx --expose-gc test/bench/hostile.ts storm|memory|slowloris
//   storm      `wait --interval 0` against a server answering every request 429 with Retry-After: 0, for 30 s
//   memory     peak memory of `list --json` on the worst answer within the bounds, and on the worst ones beyond
//   slowloris  time for `list` with default settings to give up on a server that trickles one byte every 5 s
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { worstAnswerWithinBounds } from '../unit/hostile/worst-answer';

for (const v of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[v];

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    handler(req, res);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function sinkIo(): CliIo & { err: string; outBytes: number } {
  const io = {
    err: '',
    outBytes: 0,
    stdout: { write: (s: string) => void (io.outBytes += s.length) },
    stderr: { write: (s: string) => void (io.err += s) },
    env: { REDIS_TASKS_PASSWORD: 'bench-password-1' },
    stdinIsTTY: false,
    readStdinLine: async () => undefined,
    prompt: async () => '',
  };
  return io;
}

const args = (url: string) => ['--endpoint', url, '--user', 'bench'];
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

async function storm(): Promise<void> {
  const server = await serve((_req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
    res.end('{"error_code":"throttled"}');
  });
  const t0 = Date.now();
  const io = sinkIo();
  const code = await runCli(['wait', 't1', '--interval', '0', '--timeout', '30', ...args(server.url)], io);
  process.stdout.write(
    `storm: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s; ${server.hits()} requests in 30 s ` +
      `(${io.err.split('\n').filter(l => /will retry/.test(l)).length} polls)\n`,
  );
  await server.close();
}

async function memory(): Promise<void> {
  const item = Buffer.from('{"id":"t","status":"x"},');
  const idle = await cliChild(['--help']);
  process.stdout.write(
    `memory: baseline (--help): peak rss ${mb(Number(/maxrss-kb (\d+)/.exec(idle.err)?.[1]) * 1024)}\n`,
  );
  const cases: Array<[string, () => Buffer]> = [
    ['worst within the bounds (19,999 tasks)', worstAnswerWithinBounds],
    [
      '10^6 small tasks in 14 MB',
      () => Buffer.concat([Buffer.from('['), Buffer.alloc(item.length * 600_000 - 1, item), Buffer.from(']')]),
    ],
    [
      '16 MB of [{},{},…]',
      () => Buffer.concat([Buffer.from('['), Buffer.alloc(5_000_000 * 3 - 1, '{},'), Buffer.from(']')]),
    ],
    ['nesting 100,000 deep', () => Buffer.from(`[${'['.repeat(100_000)}${']'.repeat(100_000)}]`)],
  ];
  for (const [label, make] of cases) {
    const body = make();
    const server = await serve((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const b =
        path === '/v1/crdb_tasks'
          ? body
          : Buffer.from(path === '/v1/actions' ? '{"actions":[]}' : path === '/v1/cluster' ? '{"name":"c"}' : '[]');
      res.writeHead(path === '/v2/actions' ? 404 : 200, {
        'content-type': 'application/json',
        'content-length': b.length,
      });
      res.end(b);
    });
    // The CLI runs in a child process (dist/cli.js, as a user runs it): its peak RSS is the figure, unaffected by the
    // bodies this process built.
    const t0 = Date.now();
    const { code, err, outBytes } = await cliChild([
      ...(process.env.LIST_ARGS ?? 'list --json --raw').split(' '),
      ...args(server.url),
    ]);
    const rss = Number(/maxrss-kb (\d+)/.exec(err)?.[1] ?? NaN) * 1024;
    process.stdout.write(
      `memory: ${label}: exit ${code} in ${Date.now() - t0} ms; peak rss of the CLI ${mb(rss)}; ${outBytes} bytes out; ` +
        `${err
          .replace(/maxrss-kb \d+/, '')
          .trim()
          .slice(0, 140)}\n`,
    );
    await server.close();
  }
}

const ROOT = path.resolve(__dirname, '../..');

/** `node dist/cli.js …` with the peak-RSS reporter preloaded; stdout is counted, not kept. */
function cliChild(argv: string[]): Promise<{ code: number | null; err: string; outBytes: number }> {
  return new Promise(resolve => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'test/bench/maxrss.cjs'), path.join(ROOT, 'dist/cli.js'), ...argv],
      { env: { PATH: process.env.PATH, REDIS_TASKS_PASSWORD: 'bench-password-1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let outBytes = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => (outBytes += c.length));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', code => resolve({ code, err, outBytes }));
  });
}

async function slowloris(): Promise<void> {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const t = setInterval(() => res.write(' '), 5000);
    res.on('close', () => clearInterval(t));
  });
  const t0 = Date.now();
  const io = sinkIo();
  const code = await runCli(['list', ...args(server.url)], io);
  process.stdout.write(
    `slowloris: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s, ${server.hits()} requests; ${io.err.trim()}\n`,
  );
  await server.close();
}

const which = process.argv[2];
const run = which === 'storm' ? storm : which === 'memory' ? memory : which === 'slowloris' ? slowloris : undefined;
if (!run) {
  process.stderr.write('usage: hostile.ts storm|memory|slowloris\n');
  process.exit(2);
}
run().catch(e => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});

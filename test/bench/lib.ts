// Shared pieces of the benchmarks: the emulator in a child process, a recorder of the exact HTTP requests our clients
// send (undici's diagnostics channel), a bare undici replay of them (the floor), and one-line figures.
import { spawn, type ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import type { EmulatorConnectionInfo } from '../../src/emulator/types';

export const QUICK = process.env.BENCH_QUICK === '1';
export const ROOT = path.resolve(__dirname, '../..');

export interface BenchEmulator {
  url: string;
  connections: EmulatorConnectionInfo[];
  /** Back to the scenario's start: the Alibaba nonces are forgotten, so recorded requests can be sent again. */
  reset(): Promise<void>;
  /** CPU time the emulator process has used so far, all its threads (Linux `/proc`; undefined elsewhere). */
  cpuMs(): number | undefined;
  close(): Promise<void>;
}

/** A process's CPU time from `/proc/<pid>/task/<tid>/schedstat` (nanoseconds on the CPU, per thread), summed. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

export async function startEmulatorProcess(scenario: string): Promise<BenchEmulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'emulator-child.ts'), scenario],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', line => {
      rl.close();
      resolve(line);
    });
    child.once('exit', code => reject(new Error(`emulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as { url: string; connections: EmulatorConnectionInfo[] };
  const control = new Agent({ connections: 1 });
  return {
    url: info.url,
    connections: info.connections,
    async reset() {
      const r = await request(`${info.url}/__emulator/reset`, { method: 'POST', dispatcher: control });
      await r.body.text();
      if (r.statusCode !== 200) throw new Error(`reset answered ${r.statusCode}`);
    },
    cpuMs: () => processCpuMs(child.pid),
    async close() {
      await control.close();
      if (child.exitCode !== null) return;
      const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface RecordedRequest {
  origin: string;
  method: string;
  path: string;
  headers: string[];
  body?: string | Buffer;
}

/** Records every request undici creates while `fn` runs, keyed by what `keyOf` says (the connection). */
export async function recordRequests<T>(fn: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const onCreate = (message: unknown) => {
    const r = (
      message as { request: { origin: string; method: string; path: string; headers: string[]; body?: unknown } }
    ).request;
    const body = typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : undefined;
    requests.push({ origin: String(r.origin), method: r.method, path: r.path, headers: [...r.headers], body });
  };
  diagnostics.subscribe('undici:request:create', onCreate);
  try {
    const result = await fn();
    return { result, requests };
  } finally {
    diagnostics.unsubscribe('undici:request:create', onCreate);
  }
}

/**
 * The floor: the same requests through a bare undici loop, one Agent per connection like our clients, a connection's
 * requests one after the other, `concurrency` connections at a time. It only reads the body and parses JSON.
 * With `keep`, every parsed body is pushed onto it and so outlives the round, as a store's tasks must: the cost of
 * holding the data (the collector copying what survives) without any work on it.
 */
export async function replay(
  perConnection: RecordedRequest[][],
  concurrency: number,
  agents: Agent[],
  keep?: unknown[],
): Promise<number> {
  let next = 0;
  let parsed = 0;
  const worker = async () => {
    for (let i = next++; i < perConnection.length; i = next++) {
      for (const r of perConnection[i]) {
        const res = await request(`${r.origin}${r.path}`, {
          method: r.method as 'GET',
          headers: r.headers,
          body: r.body,
          dispatcher: agents[i],
        });
        const value: unknown = JSON.parse(await res.body.text());
        if (res.statusCode !== 200 || value === null)
          throw new Error(`floor request ${r.method} ${r.path} answered ${res.statusCode}`);
        keep?.push(value);
        parsed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, perConnection.length) }, worker));
  return parsed;
}

export interface Measured {
  wallMs: number;
  cpuMs: number;
}

export async function measure(fn: () => Promise<unknown>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  const c = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function medianOf(runs: Measured[]): Measured {
  return { wallMs: median(runs.map(r => r.wallMs)), cpuMs: median(runs.map(r => r.cpuMs)) };
}

/** One figure per line: `name  value  baseline  ratio  goal  ok|MISSED`. The runner collects lines starting with `FIGURE`. */
export function figure(
  name: string,
  value: string,
  baseline: string,
  ratio: number | undefined,
  goal: string,
  met: boolean | undefined,
): void {
  const r = ratio === undefined ? '-' : `${ratio.toFixed(2)}x`;
  const verdict = met === undefined ? 'info' : met ? 'ok' : 'MISSED';
  process.stdout.write(`FIGURE ${name} | ${value} | baseline ${baseline} | ratio ${r} | goal ${goal} | ${verdict}\n`);
}

export function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

/** "median (min-max over N rounds)": the spread says how far one run's figure can be trusted. */
export function spread(values: number[], unit = 'ms'): string {
  const s = [...values].sort((a, b) => a - b);
  return `${median(s).toFixed(1)} ${unit} (${s[0].toFixed(1)}-${s[s.length - 1].toFixed(1)} over ${s.length})`;
}

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/**
 * How long the event loop was kept from running while `fn` ran: what other extensions sharing the extension host
 * (and typing in the editor) feel. perf_hooks samples at 1 ms resolution.
 */
export async function measureLoopDelay(fn: () => Promise<unknown>): Promise<LoopDelay> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    await fn();
  } finally {
    h.disable();
  }
  return { p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
}

/** Runs each of `fns` once per round, the order rotated every round, so one's garbage is not collected in another's time. */
export async function rotatedRounds(rounds: number, fns: Array<() => Promise<void>>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < fns.length; k++) await fns[(r + k) % fns.length]();
  }
}

/** Runs a benchmark's `main` as the process: exit 0 when it resolves, 1 with the stack when it throws. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    e => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}

// Soak: many connections (mixed providers) polled against the emulator with faults mixed in, for minutes.
// Not a CI test. Run:  SOAK_MINUTES=10 SOAK_CONNECTIONS=200 npx tsx test/bench/soak.ts
// Prints heap at start and end, requests, errors by kind, and the count of unhandled rejections (goal: 0).
import { ProviderError } from '../../src/core/errors';
import type { TaskSource } from '../../src/core/source';
import type { ProviderId } from '../../src/core/task';
import { allModules } from '../../src/emulator/modules';
import { startEmulator } from '../../src/emulator/server';
import type { FaultMode, FaultRule } from '../../src/emulator/faults';
import { secretForms } from '../../src/core/secrets';
import { createSource } from '../../src/providers';

for (const v of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[v];

const MINUTES = Number(process.env.SOAK_MINUTES ?? '10');
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? '200');
const POLL_MS = Number(process.env.SOAK_POLL_MS ?? '5000');
/** How often the fault mix changes. */
const FAULT_PERIOD_MS = 10_000;
const FAULTS: FaultMode[] = [
  'status-500',
  'status-503',
  'reset',
  'truncated-json',
  'wrong-content-type',
  'throttle',
  'unauthorized',
  'hostile',
  'huge-body',
  'hang',
  'echo-credentials',
];

let unhandled = 0;
process.on('unhandledRejection', e => {
  unhandled++;
  process.stderr.write(`unhandled rejection: ${String(e)}\n`);
});
process.on('uncaughtException', e => {
  unhandled++;
  process.stderr.write(`uncaught exception: ${String(e)}\n`);
});

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  // HTTP keeps the emulator's CPU on TLS out of the way: the soak is about the client's memory and error handling.
  const emu = await startEmulator({ modules: allModules(), http: true, clock: 'real' });
  const infos = emu.connections();
  const providers: ProviderId[] = ['redis-enterprise', 'redis-cloud', 'tencent', 'alibaba'];
  const secrets = infos.map(i => i.secret);
  // Every encoding of every secret (raw, URL, JSON, base64 of user:secret, hex): task data is checked too, sampled.
  const forms = infos.flatMap(i => secretForms(i.user, i.secret));
  const sources: TaskSource[] = [];
  for (let n = 0; n < CONNECTIONS; n++) {
    const i = infos.find(c => c.provider === providers[n % providers.length])!;
    sources.push(
      createSource(
        {
          id: `soak-${n}`,
          name: `soak ${n}`,
          provider: i.provider,
          endpoint: i.endpoint,
          user: i.user,
          region: i.region,
          options: i.options,
        },
        { secret: i.secret },
        {
          timeoutMs: 2000,
          log: e => {
            if (secrets.some(s => JSON.stringify(e).includes(s))) leaks++;
          },
        },
      ),
    );
  }
  let leaks = 0;
  let polls = 0;
  const kinds: Record<string, number> = {};
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  process.stdout.write(
    `soak: ${CONNECTIONS} connections, ${MINUTES} min, poll every ${POLL_MS} ms; heap at start ${mb(start.heapUsed)} (rss ${mb(start.rss)})\n`,
  );

  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 500);
  let sampledSnapshots = 0;
  const end = Date.now() + MINUTES * 60_000;
  let f = 0;
  const faultTimer = setInterval(() => {
    // Two providers faulty at a time, rotating: the others must keep working.
    const rules: FaultRule[] = [0, 1].map(k => ({
      mode: FAULTS[(f + k) % FAULTS.length],
      provider: providers[(f + k) % providers.length],
    }));
    emu.context.faults.set(rules);
    f++;
  }, FAULT_PERIOD_MS);
  // The Redis Cloud account quota (400/min, shared by every connection with the same key) throttles most of the
  // Redis Cloud polls at this scale: that is expected and shows up as `throttled`.
  await Promise.all(
    sources.map(async (s, n) => {
      await new Promise(r => setTimeout(r, (n * POLL_MS) / CONNECTIONS)); // spread the start
      while (Date.now() < end) {
        const t0 = Date.now();
        try {
          const snap = await s.refresh({});
          kinds.ok = (kinds.ok ?? 0) + 1;
          if (polls % 25 === 0) {
            sampledSnapshots++;
            const text = JSON.stringify(snap);
            if (forms.some(form => text.includes(form))) leaks++;
          }
        } catch (e) {
          const kind = e instanceof ProviderError ? e.kind : 'not-a-ProviderError';
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          if (secrets.some(sec => String((e as Error).message).includes(sec))) leaks++;
        }
        polls++;
        await new Promise(r => setTimeout(r, Math.max(0, POLL_MS - (Date.now() - t0))));
      }
    }),
  );
  clearInterval(faultTimer);
  clearInterval(sampler);
  await Promise.all(sources.map(s => s.close()));
  await emu.close();
  (globalThis as { gc?: () => void }).gc?.();
  const finish = process.memoryUsage();
  process.stdout.write(`soak: ${polls} polls; outcomes ${JSON.stringify(kinds)}\n`);
  process.stdout.write(
    `soak: heap at start ${mb(start.heapUsed)}, at end ${mb(finish.heapUsed)} (rss ${mb(start.rss)} -> ${mb(finish.rss)})\n`,
  );
  process.stdout.write(`soak: peak heap ${mb(peakHeap)}, peak rss ${mb(peakRss)}\n`);
  process.stdout.write(
    `soak: unhandled rejections/exceptions ${unhandled}; secrets seen in errors, logs or ${sampledSnapshots} sampled snapshots ${leaks}\n`,
  );
  process.exitCode = unhandled === 0 && leaks === 0 ? 0 : 1;
}

main().catch(e => {
  process.stderr.write(`soak failed: ${(e as Error).stack}\n`);
  process.exit(2);
});

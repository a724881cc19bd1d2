// `npm run bench`: every benchmark in its own process (the emulator in another), one line per figure with its ratio
// to a baseline measured in the same run. BENCH_QUICK=1 scales the counts down. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { QUICK, ROOT } from './lib';

const items: Array<{ title: string; args: string[] }> = [
  { title: '3. Activation and sizes', args: ['--import', 'tsx', path.join(__dirname, 'activation.ts')] },
  { title: '3b. First refresh after activation', args: ['--import', 'tsx', path.join(__dirname, 'first-rows.ts')] },
  { title: '2. Client cost per task', args: ['--import', 'tsx', path.join(__dirname, 'client.ts')] },
  { title: '1. Refresh at scale', args: ['--import', 'tsx', path.join(__dirname, 'refresh.ts')] },
  { title: '1b. A refresh into the tree', args: ['--import', 'tsx', path.join(__dirname, 'tree-refresh.ts')] },
  {
    title: '1c. The same refresh with the store in a worker (a probe)',
    args: ['--import', 'tsx', path.join(__dirname, 'worker-refresh.ts')],
  },
  {
    title: '4-5. Polling, tree rows, memory',
    args: ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'polling.ts')],
  },
  {
    title: '6. One answer at the bounds',
    args: ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'memory-bound.ts')],
  },
];

const started = Date.now();
const header =
  `Redis Task Browser benchmarks (${QUICK ? 'BENCH_QUICK=1' : 'full'}) on ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ` +
  `${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
process.stdout.write(`${header}\n`);
const figures: string[] = [];
let failed = 0;
for (const item of items) {
  process.stdout.write(`\n== ${item.title}\n`);
  const r = spawnSync(process.execPath, item.args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = (r.stdout ?? '').split('\n').filter(l => l.startsWith('FIGURE '));
  for (const l of lines) process.stdout.write(`${l.slice(7)}\n`);
  figures.push(`## ${item.title}`, ...lines.map(l => l.slice(7)));
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`(exited with ${r.status})\n`);
  }
}
const footer = `${figures.filter(f => f.endsWith('| MISSED')).length} goals missed; ${((Date.now() - started) / 1000).toFixed(0)} s`;
process.stdout.write(`\n${footer}\n`);
writeFileSync(path.join(__dirname, 'last-run.txt'), `${header}\n${figures.join('\n')}\n${footer}\n`);
process.exit(failed ? 1 : 0);

// The memory bound on one answer (issue 14's defect 3) as a figure: the peak heap growth while a Redis Enterprise
// source reads the most expensive answer the bounds still let through (test/unit/hostile/worst-answer.ts), over a
// real HTTPS connection from the unit tests' fake cluster. Run with --expose-gc.
import { createSource } from '../../src/providers';
import { PASSWORD, USER, fakeEnterprise } from '../unit/hostile/fake-servers';
import { worstAnswerWithinBounds } from '../unit/hostile/worst-answer';
import { figure } from './lib';

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const GOAL = 200 * 2 ** 20;

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const body = worstAnswerWithinBounds();
  const server = await fakeEnterprise([
    (req, res) => {
      if (!(req.url ?? '').startsWith('/v1/crdb_tasks')) return false;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    },
  ]);
  const source = createSource(
    { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: USER },
    { secret: PASSWORD },
  );
  let peak = 0;
  let held = 0;
  for (let round = 0; round < 3; round++) {
    gc();
    const base = process.memoryUsage();
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    };
    // Sampled between turns of the event loop: the slices of the parse let it run while the answer is read.
    const timer = setInterval(sample, 1);
    try {
      held = (await source.refresh({})).tasks.length;
      sample();
    } finally {
      clearInterval(timer);
    }
  }
  await source.close();
  await server.close();
  figure(
    `memory: peak heap growth while one source reads the worst answer within the bounds (${held} tasks, as many values as fit, ${mb(body.length)}), max over 3 rounds`,
    mb(peak),
    `the answer's bytes ${mb(body.length)}`,
    peak / body.length,
    '<= 200 MB',
    peak <= GOAL,
  );
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);

import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { LIMITS } from '../../../src/core/limits';
import type { TaskSource } from '../../../src/core/source';
import fc from 'fast-check';
import { BoundsCounter, exceededBound } from '../../../src/http/bounds';
import { english } from '../../../src/core/say';

import { createSource } from '../../../src/providers';
import { guardSecrets } from '../../../src/providers/secret-guard';
import { fakeIo, task } from '../cli/fakes';
import type { TestServer } from '../http/servers';
import { ENV, PASSWORD, USER, cliArgs, fakeEnterprise } from './fake-servers';
import { worstAnswerWithinBounds } from './worst-answer';
import { rejection } from '../support/rejection';

/** The bound a body exceeds, in English (exceededBound gives it as a template with its numbers). */
const boundText = (...a: Parameters<typeof exceededBound>) => english(exceededBound(...a)!);

/** A body the test writes itself, as bytes, with a JSON content type. */
function serveBody(path: string, body: (path: string) => Buffer) {
  return fakeEnterprise([
    (req, res) => {
      const p = (req.url ?? '').split('?')[0];
      if (!p.startsWith(path)) return false;
      const b = body(p);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': b.length });
      res.end(b);
    },
  ]);
}

function source(server: TestServer): TaskSource {
  return createSource(
    { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: USER },
    { secret: PASSWORD },
  );
}

describe('hostile server: what one answer may expand to is bounded (issue 14, defects 3, 8)', function () {
  this.timeout(60_000);

  it('defect 3: 1,000,000 small tasks in one 14 MB answer are refused unread, with a clear error', async () => {
    const item = Buffer.from('{"id":"t","status":"x"},');
    const body = Buffer.concat([Buffer.from('['), Buffer.alloc(item.length * 600_000 - 1, item), Buffer.from(']')]);
    const server = await serveBody('/v1/crdb_tasks', () => body);
    const s = source(server);
    try {
      const e = await rejection(s.refresh({}));
      assert.equal(e.kind, 'bad-response');
      assert.equal(e.code, 'RESPONSE_TOO_COMPLEX', e.message);
      assert.match(e.message, /more than 20000 items|values|objects/);
    } finally {
      await s.close();
      await server.close();
    }
  });

  it('defect 3: 16 MB of [{},{},…] is refused before it is parsed', async () => {
    const n = 5_000_000;
    const body = Buffer.concat([Buffer.from('['), Buffer.alloc(n * 3 - 1, '{},'), Buffer.from(']')]);
    const server = await serveBody('/v1/crdb_tasks', () => body);
    const s = source(server);
    try {
      const e = await rejection(s.refresh({}));
      assert.equal(e.code, 'RESPONSE_TOO_COMPLEX', e.message);
    } finally {
      await s.close();
      await server.close();
    }
  });

  it('defect 8: a raw field nested 100,000 deep is refused by the gate, not a stack overflow', async () => {
    const depth = 100_000;
    const one = `{"id":"t","status":"started","deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const server = await serveBody('/v1/crdb_tasks', p => Buffer.from(p === '/v1/crdb_tasks' ? `[${one}]` : one));
    try {
      for (const extra of [
        ['list', '--json', '--raw'],
        ['get', 't', '--raw', '--json'],
      ]) {
        const io = fakeIo({ env: ENV });
        const code = await runCli([...extra, ...cliArgs(server)], io);
        assert.equal(code, EXIT.other, io.err);
        assert.match(io.err, /nesting deeper than 64 levels/);
        assert.doesNotMatch(io.err, /Maximum call stack/);
      }
    } finally {
      await server.close();
    }
  });

  it('issue 16: counted chunk by chunk as the body arrives, the verdict is the one-pass verdict, wherever chunks end', () => {
    const small = { maxDepth: 4, maxArrayItems: 5, maxContainers: 12, maxValues: 30 };
    // Strings full of quotes, backslashes and brackets: a chunk that ends inside a string or after a backslash must
    // not make the counter see structure that is text.
    const text = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', 'a', 'é') });
    const json = fc.jsonValue({ maxDepth: 6 }).map(v => JSON.stringify([v, text]));
    fc.assert(
      fc.property(json, fc.array(fc.nat(), { maxLength: 8 }), (doc, cuts) => {
        const body = Buffer.from(doc);
        const at = [...new Set(cuts.map(c => c % (body.length + 1)))].sort((a, b) => a - b);
        const counter = new BoundsCounter(small);
        let from = 0;
        for (const to of [...at, body.length]) {
          counter.push(body.subarray(from, to));
          from = to;
        }
        const whole = exceededBound(body, small);
        assert.equal(counter.exceeded && english(counter.exceeded), whole && english(whole));
        // The counter skips strings with indexOf: it must agree with the plain byte loop it replaced.
        assert.equal(whole && english(whole), byteLoop(body, small));
      }),
      { numRuns: 500 },
    );
    // Every single cut of one string with an escape at each position.
    const escaped = Buffer.from('[{"a":"x\\"\\\\[[[","b":[1,2,3,4,5,6]}]');
    for (let cut = 0; cut <= escaped.length; cut++) {
      const counter = new BoundsCounter(small);
      counter.push(escaped.subarray(0, cut));
      counter.push(escaped.subarray(cut));
      assert.equal(english(counter.exceeded!), 'an array of more than 5 items', `cut at ${cut}`);
    }
  });

  it('defect 3: exceededBound counts depth, array items, containers and values outside strings only', () => {
    assert.equal(exceededBound(Buffer.from('{"a":"[[[[{{{{,,,,"}')), undefined);
    assert.equal(exceededBound(Buffer.from('"\\"[[["')), undefined);
    assert.match(boundText(Buffer.from('['.repeat(65))), /nesting deeper than 64/);
    assert.equal(exceededBound(Buffer.from('['.repeat(64) + ']'.repeat(64))), undefined);
    assert.match(boundText(Buffer.from(`[${'1,'.repeat(30_000)}1]`)), /array of more than 20000 items/);
    const limits = { maxDepth: 64, maxArrayItems: 10, maxContainers: 3, maxValues: 100 };
    assert.match(boundText(Buffer.from('[{},{},{}]'), limits), /more than 3 objects and arrays/);
  });

  it('defect 3: a connection holds at most maxTasksPerConnection tasks, whatever the provider', async () => {
    const many = Array.from({ length: LIMITS.maxTasksPerConnection + 1 }, (_, i) => task({ id: `t${i}` }));
    const factory = guardSecrets(() => ({
      provider: 'redis-enterprise',
      connectionId: 'c',
      refresh: async () => ({ groups: [], tasks: many, more: {} }),
      loadMore: async () => ({ tasks: [] }),
      getTask: async () => many[0],
      close: async () => undefined,
    }));
    const s = factory({ id: 'c', name: 'c', provider: 'redis-enterprise', user: USER }, { secret: PASSWORD }, {});
    const e = await rejection(s.refresh({}));
    assert.equal(e.code, 'TOO_MANY_TASKS');
    assert.match(e.message, /more than the 20000 one connection may hold/);
  });

  it('defect 3: the worst answer within the bounds keeps the heap under 200 MB', async () => {
    // As many objects and values as the bounds allow, in 16 MB: the most expensive answer a server can still send.
    const body = worstAnswerWithinBounds();
    assert.ok(body.length < 16 * 1024 * 1024, `${body.length} bytes fit the size cap`);
    assert.equal(exceededBound(body), undefined, 'within every bound');
    const server = await serveBody('/v1/crdb_tasks', () => body);
    const s = source(server);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    };
    const timer = setInterval(sample, 2);
    try {
      const snap = await s.refresh({});
      sample();
      assert.equal(snap.tasks.length, LIMITS.maxArrayItems - 1);
    } finally {
      clearInterval(timer);
      await s.close();
      await server.close();
    }
    assert.ok(peak < 200 * 1024 * 1024, `peak growth ${(peak / 1048576).toFixed(0)} MB`);
  });
});

/** The plain byte loop the counter replaced (one byte at a time, strings included): the oracle for its verdicts. */
function byteLoop(body: Uint8Array, limits: { [k: string]: number }): string | undefined {
  let depth = 0;
  let containers = 0;
  let values = 0;
  let inString = false;
  const items: number[] = [];
  const isArray: boolean[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = String.fromCharCode(body[i]);
    if (inString) {
      if (b === '\\') i++;
      else if (b === '"') inString = false;
      continue;
    }
    if (b === '"') inString = true;
    else if (b === '{' || b === '[') {
      if (++depth > limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
      if (++containers > limits.maxContainers) return `more than ${limits.maxContainers} objects and arrays`;
      if (++values > limits.maxValues) return `more than ${limits.maxValues} values`;
      isArray.push(b === '[');
      items.push(0);
    } else if (b === '}' || b === ']') {
      depth = Math.max(0, depth - 1);
      isArray.pop();
      items.pop();
    } else if (b === ',') {
      if (++values > limits.maxValues) return `more than ${limits.maxValues} values`;
      if (isArray.at(-1) && ++items[items.length - 1] >= limits.maxArrayItems)
        return `an array of more than ${limits.maxArrayItems} items`;
    }
  }
  return undefined;
}

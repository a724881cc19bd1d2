import * as assert from 'node:assert/strict';
import type { Task } from '../../../src/core/task';
import { HOSTILE_MARKER, HOSTILE_TEXT } from '../../../src/emulator/hostile';
import { PROVIDERS, record, startHarness, type Harness } from './harness';

/** Every string of the normalised task (not its raw payload), with where it sits. */
function strings(
  value: unknown,
  path = '',
  out: { path: string; text: string }[] = [],
): { path: string; text: string }[] {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== 'raw') strings(v, `${path}.${k}`, out);
  return out;
}

const UNKNOWN_RAW: Record<string, RegExp> = {
  'redis-enterprise': /melting/,
  'redis-cloud': /processing-melted/,
  tencent: /^7$|melting/,
  alibaba: /Melting/,
};

describe('hostile server: HTML, scripts and terminal escapes in every string, unknown statuses, odd fields', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness('hostile');
  });
  after(() => h.close());

  for (const provider of PROVIDERS) {
    describe(provider, () => {
      let tasks: Task[];
      before(async () => {
        const snap = await h.source(provider, {}, `${provider}-hostile`).refresh({});
        tasks = snap.tasks;
        for (const t of tasks) record(`task ${provider}`, JSON.stringify({ ...t, raw: undefined }));
        for (const g of snap.groups) record(`group ${provider}`, JSON.stringify(g));
      });

      it('still lists tasks', () => {
        assert.ok(tasks.length > 0);
      });

      it("carries hostile text through unchanged as plain data (no escaping, no stripping: that is the view's job)", () => {
        const all = tasks.flatMap(t => strings(t));
        const hostile = all.filter(s => s.text.includes(HOSTILE_MARKER));
        assert.ok(hostile.length > 0, 'some display field carries the hostile text');
        assert.ok(
          hostile.some(s => s.text.includes(HOSTILE_TEXT)),
          'the whole hostile text, control characters included, arrives as sent',
        );
        assert.deepEqual(
          all.filter(s => /&lt;script|&amp;lt;/.test(s.text)),
          [],
          'nothing was HTML-escaped on the way',
        );
        const fields = new Set(hostile.map(s => s.path.replace(/\[\d+\]/g, '[]').replace(/^\[\]/, '')));
        // Tencent's list carries codes and numbers only, besides the instance name.
        const expected = provider === 'tencent' ? 1 : 2;
        assert.ok(fields.size >= expected, `hostile text reached several fields: ${[...fields].join(', ')}`);
      });

      it('maps the undocumented status to unknown and keeps the raw value', () => {
        const unknown = tasks.filter(t => t.status === 'unknown');
        assert.ok(
          unknown.length > 0,
          `a task is unknown: ${tasks.map(t => `${t.status}/${t.providerStatus}`).join(' ')}`,
        );
        assert.ok(
          unknown.some(t => UNKNOWN_RAW[provider].test(t.providerStatus)),
          unknown.map(t => t.providerStatus).join(' '),
        );
      });

      it('keeps the extra fields in raw and lets no __proto__ key change a prototype', () => {
        assert.ok(
          tasks.some(t => JSON.stringify(t.raw).includes('unexpectedField')),
          'the raw payload keeps what the docs do not mention',
        );
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        for (const t of tasks) {
          assert.equal(Object.getPrototypeOf(t), Object.prototype);
          assert.equal((t as unknown as Record<string, unknown>).polluted, undefined);
          assert.equal((t.capabilities as unknown as Record<string, unknown>).polluted, undefined);
        }
      });

      it('survives the record with fields left out', () => {
        for (const t of tasks) {
          assert.equal(typeof t.id, 'string');
          assert.ok(t.id.length > 0);
          assert.ok(Array.isArray(t.steps) && Array.isArray(t.errors) && Array.isArray(t.shards));
          if (t.progress !== undefined)
            assert.ok(Number.isFinite(t.progress) && t.progress >= 0 && t.progress <= 100, `progress ${t.progress}`);
        }
      });

      it('reads one hostile task by id', async () => {
        const t = tasks.find(x => x.status !== 'unknown') ?? tasks[0];
        const got = await h.source(provider, {}, `${provider}-hostile-get`).getTask(t.id, { group: t.group });
        assert.equal(got.id, t.id);
      });
    });
  }
});

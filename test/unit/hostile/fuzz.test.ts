import './../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { request } from 'undici';
import { jsonText, progressLine, taskDetails, taskJson, taskTable } from '../../../src/cli/format';
import { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import type { ProviderId, Task } from '../../../src/core/task';
import { allModules } from '../../../src/emulator/modules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { englishDetailsLabels } from '../details/fixtures';

const ENGLISH_LABELS = englishDetailsLabels();
import { buildDetailsModel } from '../../../src/extension/details/model';
import {
  taskAccessibilityLabel,
  taskContextValue,
  taskDescription,
  taskLabel,
  taskTooltip,
} from '../../../src/extension/tree/format';
import { createSource } from '../../../src/providers';

for (const v of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[v];

/**
 * Property-based fuzzing of every provider's response reader. Documented payloads are recorded from the emulator
 * (which follows each provider's API reference) through a proxy on the loopback; then the same proxy answers each
 * request with a random mutation of them, or with random JSON or text. The property: the only thing that may escape
 * a source is a ProviderError of kind bad-response, and every task it produces renders in the tree, the details
 * model and the CLI without throwing.
 */

type Mutation =
  | { kind: 'edit'; edits: Array<{ path: number[]; value?: unknown; remove: boolean }> }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string };

const jsonish = fc.jsonValue({ maxDepth: 3 });
const strange = fc.oneof(
  jsonish,
  fc.constantFrom(1e300, -1, 9e15, '9e15', '', '\u001b[30m\u202e\n', '__proto__', 'NaN', null, [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      edits: fc.array(fc.record({ path: fc.array(fc.nat(), { maxLength: 7 }), value: strange, remove: fc.boolean() }), {
        minLength: 1,
        maxLength: 5,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: jsonish }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 60 }) }) },
);

function applyEdit(root: unknown, path: number[], value: unknown, remove: boolean): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return remove ? undefined : value;
  const keys = Array.isArray(root) ? root.map((_, i) => i) : Object.keys(root);
  if (keys.length === 0) return remove ? root : value;
  const key = keys[path[0] % keys.length];
  const container = root as Record<string | number, unknown>;
  if (path.length === 1 && remove) {
    if (Array.isArray(root)) root.splice(key as number, 1);
    else delete container[key];
    return root;
  }
  container[key] = applyEdit(container[key], path.slice(1), value, remove);
  return root;
}

function mutate(documented: string | undefined, m: Mutation): string {
  if (m.kind === 'text') return m.text;
  if (m.kind === 'json' || documented === undefined) return JSON.stringify(m.kind === 'json' ? m.value : null);
  let doc: unknown = JSON.parse(documented);
  // Copies: fast-check reuses its values while shrinking, and an edit must not change them in place.
  for (const e of m.edits) doc = applyEdit(doc, e.path, structuredClone(e.value), e.remove);
  return JSON.stringify(doc) ?? 'null';
}

/** One request's key: the action a signed API names in a header or the query, else the path. */
function keyOf(req: http.IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://x');
  return String(
    req.headers['x-tc-action'] ?? req.headers['x-acs-action'] ?? url.searchParams.get('Action') ?? url.pathname,
  );
}

interface Proxy {
  url: string;
  recorded: Map<string, string>;
  mutation?: Mutation;
  close(): Promise<void>;
}

async function startProxy(emu: RunningEmulator): Promise<Proxy> {
  const state: Proxy = { url: '', recorded: new Map(), close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c as Buffer));
    req.on('end', () => {
      const key = keyOf(req);
      if (state.mutation) {
        let body: string;
        try {
          body = mutate(state.recorded.get(key), state.mutation);
        } catch (e) {
          res.writeHead(500).end(String(e));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
        return;
      }
      // Record: forward as is (the Host header too, so signatures still verify), keep the documented answer.
      void request(`${emu.url}${req.url}`, {
        method: req.method as 'GET',
        headers: req.headers as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      }).then(
        async r => {
          const text = await r.body.text();
          if (r.statusCode === 200) state.recorded.set(key, text);
          res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'application/json') });
          res.end(text);
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>(r => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

const STATE = { connectionName: 'c', stale: false, cancelling: false };

/** Every view a task reaches: none may throw on anything a provider produced. */
function renderEverywhere(tasks: Task[]): void {
  const now = Date.UTC(2026, 0, 1);
  const paint = (_s: string, t: string) => t;
  taskTable(tasks, [], paint, now);
  for (const t of tasks) {
    taskDetails(t, paint);
    progressLine(t, now);
    jsonText(taskJson(t, true));
    buildDetailsModel(t, STATE, ENGLISH_LABELS, now);
    const row = { cancelling: false, stale: false, now };
    taskLabel(t);
    taskDescription(t, row);
    taskAccessibilityLabel(t, row);
    taskTooltip(t, { ...row, connectionName: 'c' });
    taskContextValue(t, { cancelling: false });
  }
}

/** Only bad-response may escape; a not-found is what a single-task read says when a mutation removed the task. */
async function allowed(p: Promise<unknown>, also: ProviderError['kind'][] = []): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ProviderError && (e.kind === 'bad-response' || also.includes(e.kind))) return undefined;
    throw e;
  }
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

describe('fuzzing: every provider reader under random and mutated documented payloads (issue 14)', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let proxy: Proxy;
  before(async () => {
    emu = await startEmulator({ modules: allModules(), http: true, clock: 'manual', scenario: 'demo' });
    proxy = await startProxy(emu);
  });
  after(async () => {
    await proxy.close();
    await emu.close();
  });

  for (const provider of ['redis-enterprise', 'redis-cloud', 'tencent', 'alibaba'] as ProviderId[]) {
    it(`${provider}: only ProviderError(bad-response) escapes, and every task renders everywhere`, async () => {
      const info = emu.connections().find(c => c.provider === provider);
      assert.ok(info, `the emulator serves ${provider}`);
      const endpoint = info.endpoint.replace(emu.url, proxy.url);
      const source: TaskSource = createSource(
        {
          id: provider,
          name: provider,
          provider,
          endpoint,
          user: info.user,
          region: info.region,
          options: { ...(info.options ?? {}), requestsPerMinute: 1_000_000 },
        },
        { secret: info.secret },
        { sleep: async () => undefined, timeoutMs: 5000 },
      );
      try {
        proxy.mutation = undefined;
        const documented = await source.refresh({});
        assert.ok(documented.tasks.length > 0, 'the documented payloads hold tasks');
        const id = documented.tasks[0].id;
        const group = documented.tasks[0].group;
        await allowed(source.getTask(id, { group }), ['not-found']);
        assert.ok(proxy.recorded.size > 0, 'documented answers were recorded');
        renderEverywhere(documented.tasks);
        let produced = 0;
        await fc.assert(
          fc.asyncProperty(mutation, async m => {
            proxy.mutation = m;
            const snap = (await allowed(source.refresh({}))) as { tasks: Task[] } | undefined;
            if (snap) {
              produced += snap.tasks.length;
              renderEverywhere(snap.tasks);
            }
            const one = (await allowed(source.getTask(id, { group }), ['not-found'])) as Task | undefined;
            if (one) renderEverywhere([one]);
          }),
          { numRuns: RUNS },
        );
        assert.ok(produced > 0, 'some mutated payloads still produced tasks (the fuzzer reached the normalisers)');
      } finally {
        proxy.mutation = undefined;
        await source.close();
      }
    });
  }
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { createModule, DEMO_ACCOUNT_KEY, DEMO_SECRET_KEY } from '../../../src/emulator/redis-cloud';

delete process.env.http_proxy;
delete process.env.https_proxy;

/**
 * There is no official Node SDK for Redis Cloud to act as an independent client, so the emulator's answers are held
 * against the published OpenAPI schemas instead: declared property types, enums, formats and required fields.
 */
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  additionalProperties?: Schema | boolean;
};
const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/redis-cloud/openapi-subset.json'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

/** Where we knowingly differ from the spec, and why. */
const DOCUMENTED_DEVIATIONS: Record<string, string> = {
  // apis.md §2: documented as a string code, but the service sends `{type, status, description}`.
  'response.error': 'object',
};

function resolve(s: Schema): Schema {
  return s.$ref ? resolve(spec.components.schemas[s.$ref.replace('#/components/schemas/', '')]) : s;
}

function check(value: unknown, schema: Schema, path: string, problems: string[]): void {
  const s = resolve(schema);
  const bare = path.replace(/\[\d+\]/g, '');
  const deviation = Object.keys(DOCUMENTED_DEVIATIONS).find(k => bare.endsWith(`.${k}`));
  if (deviation && typeof value === DOCUMENTED_DEVIATIONS[deviation]) return;
  const t = s.type;
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (t === 'integer' ? !Number.isInteger(value) : t === 'number' ? typeof value !== 'number' : t && t !== actual) {
    problems.push(`${path}: expected ${t}, got ${actual}`);
    return;
  }
  if (s.enum && !s.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of the spec's values`);
  if (s.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(value)))
    problems.push(`${path}: not a uuid`);
  if (s.format === 'date-time' && Number.isNaN(Date.parse(String(value)))) problems.push(`${path}: not a date-time`);
  if (t === 'array' && s.items) (value as unknown[]).forEach((v, i) => check(v, s.items!, `${path}[${i}]`, problems));
  if (t === 'object' || s.properties) {
    const o = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) problems.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(o)) {
      const ps = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (ps) check(v, ps, `${path}.${k}`, problems);
    }
  }
}

function responseSchema(path: string): Schema {
  const content = spec.paths[path].get.responses['200'].content!;
  return Object.values(content)[0].schema;
}

describe('redis-cloud emulator against the OpenAPI spec', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  after(() => emu.close());

  async function get(path: string): Promise<unknown> {
    const res = await fetch(`${emu.url}/cloud/v1${path}`, {
      headers: { 'x-api-key': DEMO_ACCOUNT_KEY, 'x-api-secret-key': DEMO_SECRET_KEY },
    });
    assert.equal(res.status, 200, path);
    return res.json();
  }

  function conforms(value: unknown, schema: Schema, name: string): void {
    const problems: string[] = [];
    check(value, schema, name, problems);
    assert.deepEqual(problems, []);
  }

  it('the validator catches a wrong type, enum and format (it can fail)', () => {
    const problems: string[] = [];
    check(
      { taskId: 'nope', status: 'done', timestamp: 'yesterday', response: { resourceId: 'x' } },
      responseSchema('/v1/tasks/{taskId}'),
      'task',
      problems,
    );
    assert.equal(problems.length, 4);
  });

  it('GET /tasks conforms to TasksStateUpdate at every stage of the tasks', async () => {
    for (const advance of [0, 20_000, 60_000, 300_000]) {
      emu.context.clock.advance(advance);
      const body = (await get('/tasks')) as { tasks: unknown[] };
      assert.ok(body.tasks.length > 0);
      conforms(body, responseSchema('/v1/tasks'), 'tasks');
    }
  });

  it('GET /tasks/{taskId} conforms to TaskStateUpdate', async () => {
    const body = (await get('/tasks')) as { tasks: { taskId: string }[] };
    for (const t of body.tasks) conforms(await get(`/tasks/${t.taskId}`), responseSchema('/v1/tasks/{taskId}'), 'task');
  });

  it('subscription and database lists conform to their schemas', async () => {
    const pro = (await get('/subscriptions')) as { subscriptions: unknown[] };
    conforms(pro, responseSchema('/v1/subscriptions'), 'subscriptions');
    pro.subscriptions.forEach((s, i) => conforms(s, spec.components.schemas.Subscription, `subscriptions[${i}]`));
    const fixed = (await get('/fixed/subscriptions')) as { subscriptions: unknown[] };
    conforms(fixed, responseSchema('/v1/fixed/subscriptions'), 'fixed');
    fixed.subscriptions.forEach((s, i) => conforms(s, spec.components.schemas.FixedSubscription, `fixed[${i}]`));
    const dbs = (await get('/subscriptions/1206/databases?offset=0&limit=10')) as {
      subscription: { databases: unknown[] }[];
    };
    conforms(dbs, responseSchema('/v1/subscriptions/{subscriptionId}/databases'), 'databases');
    dbs.subscription[0].databases.forEach((d, i) => conforms(d, spec.components.schemas.Database, `databases[${i}]`));
    const fdbs = (await get('/fixed/subscriptions/151367/databases')) as { subscription: { databases: unknown[] } };
    conforms(fdbs, responseSchema('/v1/fixed/subscriptions/{subscriptionId}/databases'), 'fixedDatabases');
    fdbs.subscription.databases.forEach((d, i) =>
      conforms(d, spec.components.schemas.FixedDatabase, `fixedDatabases[${i}]`),
    );
  });
});

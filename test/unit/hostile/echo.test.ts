import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { ProviderError } from '../../../src/core/errors';
import { Scrubber, secretForms } from '../../../src/core/secrets';
import { createSource } from '../../../src/providers';
import { scrubError } from '../../../src/providers/secret-guard';
import { fakeIo } from '../cli/fakes';
import { json, startServer, type TestServer } from '../http/servers';
import { ENCODINGS, ENV, PASSWORD, USER, cliArgs, crdbTask, fakeEnterprise } from './fake-servers';

function assertClean(text: string, where: string): void {
  for (const [name, form] of Object.entries(ENCODINGS))
    assert.ok(!text.includes(form), `${where}: the ${name} form of the password is shown`);
}

/** A cluster that puts every encoding of the credentials it received into task names, errors and the raw payload. */
function echoingTasks(): unknown[] {
  return Object.entries(ENCODINGS).map(([name, form], i) =>
    crdbTask({
      id: `t-${i}`,
      operation: `echo ${form}`,
      errors: [{ cluster_name: form, description: `bad ${form}` }],
      extra: { [form]: form, note: name },
    }),
  );
}

describe('hostile server: credentials echoed in task data or a request id never reach a person (issue 14, defects 2, 9)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await fakeEnterprise([
      (req, res) => {
        if ((req.url ?? '').startsWith('/v1/crdb_tasks')) json(res, 200, echoingTasks());
      },
    ]);
  });
  afterEach(() => server.close());

  it('defect 2: the core scrubs task data (names, errors, raw) of every encoding of the secret', async () => {
    const source = createSource(
      { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: USER },
      { secret: PASSWORD },
    );
    try {
      const snap = await source.refresh({});
      assert.equal(snap.tasks.filter(t => t.kind === 'crdb-task').length, 5, 'every task is still listed');
      assertClean(JSON.stringify(snap), 'the snapshot');
      assert.ok(JSON.stringify(snap).includes('***'), 'the echoes are marked as removed');
    } finally {
      await source.close();
    }
  });

  for (const extra of [[], ['--json'], ['--json', '--raw']]) {
    it(`defect 2: the CLI's list ${extra.join(' ')} shows no encoding of the secret`, async () => {
      const io = fakeIo({ env: ENV });
      assert.equal(await runCli(['list', ...extra, ...cliArgs(server)], io), EXIT.ok, io.err);
      assertClean(io.out + io.err, `list ${extra.join(' ')}`);
    });
  }

  it('defect 2: Scrubber covers raw, URL-encoded, JSON-escaped, base64 of user:password and hex, keys included', () => {
    const s = Scrubber.forConnection(USER, PASSWORD);
    for (const form of Object.values(ENCODINGS)) assert.equal(s.text(`x${form}y`), 'x***y');
    const cleaned = s.value({ [PASSWORD]: [ENCODINGS.hex, { deep: ENCODINGS.basic }] });
    assertClean(JSON.stringify(cleaned), 'a scrubbed value');
    assert.ok(secretForms(USER, PASSWORD).length >= 5);
  });

  it('defect 9: a secret echoed in a request id is scrubbed from the error and from the CLI stderr', async () => {
    const cloud = await startServer((_req, res) =>
      json(res, 401, { error: { type: 'UNAUTHORIZED', description: 'no' } }, { 'x-request-id': ENCODINGS.hex }),
    );
    try {
      const source = createSource(
        { id: 'rc', name: 'rc', provider: 'redis-cloud', endpoint: cloud.url, user: 'account-key-1' },
        { secret: PASSWORD },
      );
      let caught: unknown;
      try {
        await source.refresh({});
      } catch (e) {
        caught = e;
      } finally {
        await source.close();
      }
      assert.ok(caught instanceof ProviderError);
      assert.equal(caught.kind, 'auth');
      assert.ok(caught.requestId !== undefined, 'the request id is kept');
      assertClean(`${caught.requestId} ${caught.describe()}`, 'the error');
      const io = fakeIo({ env: { REDIS_TASKS_SECRET_KEY: PASSWORD } });
      const code = await runCli(
        ['list', '--provider', 'redis-cloud', '--endpoint', cloud.url, '--account-key', 'account-key-1'],
        io,
      );
      assert.equal(code, EXIT.auth, io.err);
      assert.match(io.err, /request \*\*\*/);
      assertClean(io.err, 'stderr');
    } finally {
      await cloud.close();
    }
  });

  it('defect 9: scrubError keeps a request id one bounded line', () => {
    const e = new ProviderError('server', 'x', { requestId: `${PASSWORD}\n\u001b[2Jforged ${'z'.repeat(500)}` });
    const out = scrubError(e, Scrubber.forConnection(USER, PASSWORD)) as ProviderError;
    assert.ok(out.requestId!.length <= 121);
    assert.doesNotMatch(out.requestId!, /[\n\u001b]/);
    assertClean(out.requestId!, 'the request id');
  });
});

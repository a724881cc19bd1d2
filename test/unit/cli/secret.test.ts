import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { readSecret } from '../../../src/cli/secret';
import { UsageError } from '../../../src/cli/usageError';
import { fakeDeps, fakeIo } from './fakes';

const BASE = { REDIS_TASKS_ENDPOINT: 'https://c:9443', REDIS_TASKS_USER: 'admin' };

describe('cli secret sources', () => {
  it('takes the Redis Enterprise password from REDIS_TASKS_PASSWORD', async () => {
    const io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'pw-env' }, stdin: 'pw-stdin' });
    assert.deepEqual(await readSecret('redis-enterprise', 'admin', io), { secret: 'pw-env' });
  });

  for (const provider of ['tencent', 'alibaba', 'redis-cloud'] as const) {
    it(`takes the ${provider} secret key from REDIS_TASKS_SECRET_KEY, not REDIS_TASKS_PASSWORD`, async () => {
      const io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'wrong', REDIS_TASKS_SECRET_KEY: 'key-env' } });
      assert.deepEqual(await readSecret(provider, 'id', io), { secret: 'key-env' });
    });
  }

  it('reads the first line of piped stdin when the variable is not set', async () => {
    const io = fakeIo({ stdin: 'pw-line\r\nsecond line' });
    assert.deepEqual(await readSecret('redis-enterprise', 'admin', io), { secret: 'pw-line' });
    assert.equal(io.prompts.length, 0);
  });

  it('fails clearly on empty piped stdin', async () => {
    await assert.rejects(
      readSecret('tencent', 'id', fakeIo({ stdin: '' })),
      (e: unknown) => e instanceof UsageError && /REDIS_TASKS_SECRET_KEY/.test(e.message),
    );
  });

  it('prompts without echo on a terminal', async () => {
    const io = fakeIo({ tty: true, answers: ['typed-pw'] });
    assert.deepEqual(await readSecret('redis-enterprise', 'admin', io), { secret: 'typed-pw' });
    assert.deepEqual(io.prompts, [{ question: 'Password for admin: ', echo: false }]);
  });

  it('refuses an empty typed secret', async () => {
    await assert.rejects(readSecret('redis-enterprise', 'admin', fakeIo({ tty: true, answers: [''] })), UsageError);
  });

  it('hands the stdin secret to the source through runCli', async () => {
    const { deps, rec } = fakeDeps({});
    assert.equal(await runCli(['list'], fakeIo({ env: BASE, stdin: 'from-pipe' }), deps), 0);
    assert.deepEqual(rec.secrets, [{ secret: 'from-pipe' }]);
  });

  it('rejects --password on argv with exit 2 and never connects', async () => {
    const { deps, rec } = fakeDeps({});
    const io = fakeIo({ env: BASE });
    assert.equal(await runCli(['list', '--password', 'hunter2'], io, deps), 2);
    assert.match(io.err, /--password is not accepted.*REDIS_TASKS_PASSWORD/);
    assert.doesNotMatch(io.err, /hunter2/);
    assert.equal(rec.configs.length, 0);
  });

  it('does not ask for a secret before a usage error is found', async () => {
    const io = fakeIo({ env: BASE, tty: true, answers: ['x'] });
    assert.equal(await runCli(['list', '--status', 'bogus'], io, fakeDeps({}).deps), 2);
    assert.equal(io.prompts.length, 0);
  });
});

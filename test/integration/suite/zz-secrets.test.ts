// Named to run last (files run in name order): it reads everything the other suites left in the log and settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  PROVIDERS,
  WRONG_SECRET,
  addConnections,
  connectionRow,
  connectionTo,
  flushedLog,
  run,
  settingsConnections,
  userSettingsFile,
  waitFor,
  type RecordingEmulator,
  type RedisTasksApi,
  useFreshExtension,
} from './support';

const id = (p: string) => `secret-${p}`;

describe('no test secret ever appears in the log or the settings', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;
  /** Every secret the suites use, with the forms a careless client would leak (Basic credentials). */
  let secrets: string[];

  before(async () => {
    ({ a, emu } = setup);
    const re = emu.info('redis-enterprise');
    secrets = [
      ...PROVIDERS.map(p => emu.info(p).secret),
      WRONG_SECRET,
      Buffer.from(`${re.user}:${re.secret}`).toString('base64'),
    ];
    await addConnections(
      a,
      PROVIDERS.map(p => connectionTo(emu, p, id(p))),
    );
  });

  function assertNoSecret(text: string, where: string): void {
    for (const s of secrets) assert.ok(!text.includes(s), `a secret (${s.slice(0, 3)}…) appears in ${where}`);
  }

  it('the secrets are in SecretStorage, and not in redisTasks.connections nor settings.json', async () => {
    for (const p of PROVIDERS) assert.equal((await a.connections.secret(id(p)))?.secret, emu.info(p).secret);
    assertNoSecret(JSON.stringify(settingsConnections()), 'redisTasks.connections');
    assertNoSecret(fs.readFileSync(userSettingsFile(), 'utf8'), 'settings.json');
  });

  it('a server that echoes the credentials in its errors: the error rows do not repeat them', async () => {
    await emu.setFaults([{ mode: 'echo-credentials' }]);
    await run('redisTasks.refresh');
    for (const p of PROVIDERS) {
      await waitFor(a, () => a.store.connection(id(p))?.error, `${p} to fail`);
      const row = await connectionRow(a, id(p));
      const error = row.children.find(c => c.node.type === 'error');
      assert.ok(error, `${p}: an error row`);
      assertNoSecret(
        `${error.label} ${JSON.stringify(error.item.tooltip)} ${a.store.connection(id(p))?.error?.message}`,
        `the ${p} error row`,
      );
    }
    await emu.clearFaults();
  });

  it('the "Redis Tasks" log holds the requests of every suite and none of the secrets', async () => {
    const log = await flushedLog(a);
    // The log is really this channel's content: request lines of this suite's connections are in it, and those of
    // the connection the connections suite edited with a wrong password.
    for (const p of PROVIDERS)
      assert.ok(log.includes(`[${emu.info(p).name} [${id(p)}]]`), `the log has lines for ${p}`);
    assert.match(
      log,
      /\[IT cluster renamed\] GET .* → 401/,
      'the wrong-password requests of the connections suite are logged',
    );
    assert.match(log, /GET https:\/\/127\.0\.0\.1:\d+\/v1\/crdb_tasks/);
    assertNoSecret(log, 'the log file');
  });
});

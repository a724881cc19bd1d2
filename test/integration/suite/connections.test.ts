import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as vscode from 'vscode';
import {
  WRONG_SECRET,
  clickMatching,
  connectionRow,
  inputAnswers,
  quickPickAnswers,
  run,
  settingsConnections,
  stubPrompts,
  treeRows,
  userSettingsFile,
  waitFor,
  waitForConnectionOk,
  type PromptStub,
  type RecordingEmulator,
  type RedisTasksApi,
  useFreshExtension,
} from './support';

const PIN_ITEM = /^Trust this server's certificate/;
const hex = (fp: string) => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();

describe('Add, Edit and Remove Connection through prompts; secrets stay in SecretStorage', () => {
  const setup = useFreshExtension();
  let a: RedisTasksApi;
  let emu: RecordingEmulator;
  let prompts: PromptStub | undefined;

  before(async () => {
    ({ a, emu } = setup);
  });

  afterEach(() => {
    prompts?.restore();
    prompts = undefined;
  });

  function assertNoSecretInSettings(...secrets: string[]): void {
    const configured = JSON.stringify(settingsConnections());
    const file = fs.readFileSync(userSettingsFile(), 'utf8');
    assert.match(file, /redisTasks\.connections/, 'the connections are in this settings.json');
    for (const s of secrets) {
      assert.ok(!configured.includes(s), 'no secret in redisTasks.connections');
      assert.ok(!file.includes(s), `no secret in ${userSettingsFile()}`);
    }
    for (const entry of settingsConnections() as Record<string, unknown>[]) {
      for (const k of Object.keys(entry))
        assert.ok(
          ['id', 'name', 'provider', 'endpoint', 'user', 'region', 'tls', 'options'].includes(k),
          `unexpected key ${k}`,
        );
    }
  }

  it('Add Connection (Redis Enterprise): pins the certificate shown, stores the password in SecretStorage only', async () => {
    const info = emu.info('redis-enterprise');
    const warnings: { message: string; detail?: string }[] = [];
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Redis Enterprise$/, PIN_ITEM),
      showInputBox: inputAnswers('IT cluster', info.endpoint, info.user, info.secret),
      showWarningMessage: async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
        warnings.push({ message, detail: options.detail });
        return items.find(i => i === 'Pin Certificate');
      },
    });
    await run('redisTasks.addConnection');
    assert.equal(warnings.length, 1);
    assert.ok(
      hex(warnings[0].detail ?? '').includes(hex(emu.emulator.certificate!.fingerprint256)),
      'the fingerprint is shown before pinning',
    );

    const saved = a.connections.get('it-cluster');
    assert.ok(
      saved,
      `saved as it-cluster; have ${a.connections
        .list()
        .map(c => c.id)
        .join(', ')}`,
    );
    assert.equal(saved.name, 'IT cluster');
    assert.equal(saved.provider, 'redis-enterprise');
    assert.equal(saved.endpoint, info.endpoint);
    assert.equal(saved.tls?.mode, 'pinned');
    assert.equal(
      hex(saved.tls.mode === 'pinned' ? saved.tls.fingerprint256 : ''),
      hex(emu.emulator.certificate!.fingerprint256),
    );
    assert.equal((await a.connections.secret('it-cluster'))?.secret, info.secret, 'the password is in SecretStorage');
    assertNoSecretInSettings(info.secret);

    await waitForConnectionOk(a, 'it-cluster');
    const row = await connectionRow(a, 'it-cluster');
    assert.ok(row.children.length > 0, 'the new connection loads its tasks');
  });

  it('Add Connection (Tencent Cloud): region and API questions, endpoint override pinned', async () => {
    const info = emu.info('tencent');
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Tencent Cloud$/, PIN_ITEM, /^Current API/, /^China/),
      showInputBox: inputAnswers('IT tencent', info.endpoint, info.region, info.user, info.secret),
      showWarningMessage: clickMatching(/^Pin Certificate$/),
    });
    await run('redisTasks.addConnection');
    const saved = a.connections.get('it-tencent');
    assert.ok(saved);
    assert.equal(saved.region, info.region);
    assert.equal(saved.options?.legacyApi, undefined, 'the current API');
    assertNoSecretInSettings(info.secret);
    await waitForConnectionOk(a, 'it-tencent');
    assert.ok(a.store.allTasks('it-tencent').length > 0);
  });

  it('Edit Connection: a new name keeps the stored secret when the secret box is left empty', async () => {
    const info = emu.info('redis-enterprise');
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(PIN_ITEM),
      showInputBox: inputAnswers('IT cluster renamed', info.endpoint, info.user, ''),
      showWarningMessage: clickMatching(/^Pin Certificate$/),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    assert.equal(a.connections.get('it-cluster')?.name, 'IT cluster renamed');
    assert.equal((await a.connections.secret('it-cluster'))?.secret, info.secret);
    assert.equal((await connectionRow(a, 'it-cluster')).label, 'IT cluster renamed');
  });

  it('Edit Connection with a wrong password: SecretStorage has the new one, the tree shows a readable auth error', async () => {
    const info = emu.info('redis-enterprise');
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(PIN_ITEM),
      showInputBox: inputAnswers('IT cluster renamed', info.endpoint, info.user, WRONG_SECRET),
      showWarningMessage: clickMatching(/^Pin Certificate$/),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    assert.equal((await a.connections.secret('it-cluster'))?.secret, WRONG_SECRET);
    const view = await waitFor(
      a,
      () => a.store.connection('it-cluster')?.error && a.store.connection('it-cluster'),
      'the auth error',
    );
    assert.equal(view.error?.kind, 'auth');
    const row = await connectionRow(a, 'it-cluster');
    const error = row.children.find(c => c.node.type === 'error');
    assert.ok(error, 'an error row');
    assert.ok(
      error.label.length > 10 && !error.label.includes(WRONG_SECRET) && !error.label.includes(info.secret),
      error.label,
    );
    assert.equal(error.contextValue, 'connectionError');
    assertNoSecretInSettings(WRONG_SECRET, info.secret);

    // And back: the right password clears the error.
    prompts.restore();
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(PIN_ITEM),
      showInputBox: inputAnswers('IT cluster renamed', info.endpoint, info.user, info.secret),
      showWarningMessage: clickMatching(/^Pin Certificate$/),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    await waitForConnectionOk(a, 'it-cluster');
    assert.equal(a.store.connection('it-cluster')?.error, undefined);
  });

  it('Escape in the middle of Add Connection saves nothing', async () => {
    const before = JSON.stringify(settingsConnections());
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Redis Cloud$/),
      showInputBox: inputAnswers('half done', undefined),
    });
    await run('redisTasks.addConnection');
    assert.equal(JSON.stringify(settingsConnections()), before);
    assert.equal(a.connections.get('half-done'), undefined);
    assert.equal(await a.connections.secret('half-done'), undefined);
  });

  it('Remove Connection asks first; confirmed, it deletes the settings entry, its secret and its rows', async () => {
    prompts = stubPrompts(a, { showWarningMessage: clickMatching(undefined) });
    await run('redisTasks.removeConnection', { connectionId: 'it-tencent' });
    assert.ok(a.connections.get('it-tencent'), 'dismissed: still there');
    assert.ok(await a.connections.secret('it-tencent'));

    prompts.restore();
    prompts = stubPrompts(a, { showWarningMessage: clickMatching(/^Remove$/) });
    await run('redisTasks.removeConnection', { connectionId: 'it-tencent' });
    assert.equal(prompts.calls.length, 1);
    assert.match(prompts.calls[0].text, /Remove the connection "IT tencent"\?/);
    assert.equal(a.connections.get('it-tencent'), undefined);
    assert.ok(!(settingsConnections() as { id: string }[]).some(c => c.id === 'it-tencent'));
    assert.equal(await a.connections.secret('it-tencent'), undefined, 'the secret is deleted');
    await waitFor(a, () => a.store.connection('it-tencent') === undefined, 'the store to forget it');
    assert.ok(!(await treeRows(a)).some(r => r.node.id === 'c/it-tencent'));
  });
});

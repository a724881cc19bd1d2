import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

  it('Add Connection (Tencent Cloud): two regions ticked in the known list, API questions, endpoint override pinned', async () => {
    const info = emu.info('tencent');
    const regions = info.region!.split(',');
    assert.equal(regions.length, 2, 'the demo account has two regions');
    prompts = stubPrompts(a, {
      // The regions are ticked in Tencent's documented list (issue 13), the rest typed.
      showQuickPick: quickPickAnswers(
        /^Tencent Cloud$/,
        list => list.filter(i => regions.includes(i.label)),
        PIN_ITEM,
        /^Current API/,
        /^China/,
      ),
      showInputBox: inputAnswers('IT tencent', info.endpoint, info.user, info.secret),
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
    // Two regions: connection → region → instance → tasks, each region with its own instances and tasks.
    const row = await connectionRow(a, 'it-tencent');
    assert.deepEqual(
      row.children.map(r => r.label),
      regions,
    );
    for (const region of row.children) {
      const instances = region.children.filter(r => r.node.type === 'group');
      assert.ok(instances.length > 0, `instances under ${String(region.label)}`);
      assert.ok(
        instances.some(g => g.children.some(t => t.node.type === 'task')),
        `tasks under an instance of ${String(region.label)}`,
      );
    }
  });

  it('Add Connection tries the credentials first: a wrong password is refused before anything is saved', async () => {
    const info = emu.info('redis-enterprise');
    const mark = emu.requests.length;
    const warnings: { message: string; detail?: string; items: string[] }[] = [];
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Redis Enterprise$/, PIN_ITEM),
      showInputBox: inputAnswers('IT refused', info.endpoint, info.user, WRONG_SECRET),
      showWarningMessage: async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
        warnings.push({ message, detail: options.detail, items });
        return items.find(i => i === 'Pin Certificate'); // the trial's question: dismissed (Cancel)
      },
    });
    await run('redisTasks.addConnection');
    assert.equal(warnings.length, 2, 'the pin, then the failed trial');
    assert.match(warnings[1].message, /^Wrong credentials: /);
    assert.deepEqual(warnings[1].items, ['Edit Credentials', 'Save Anyway']);
    assert.ok(!`${warnings[1].message} ${warnings[1].detail}`.includes(WRONG_SECRET));
    assert.ok(emu.since(mark, 'redis-enterprise').length > 0, 'the typed password was tried on the server');
    assert.equal(a.connections.get('it-refused'), undefined, 'nothing saved');
    assert.equal(await a.connections.secret('it-refused'), undefined, 'no secret stored');
  });

  it('Edit Connection: one field, the name; nothing else is asked and the stored secret stays', async () => {
    const info = emu.info('redis-enterprise');
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Name$/),
      showInputBox: inputAnswers('IT cluster renamed'),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    assert.equal(prompts.calls.length, 2, prompts.calls.map(c => c.text).join(' | '));
    const fields = (await (prompts.calls[0].args[0] as Thenable<vscode.QuickPickItem[]>)).map(
      i => `${i.label}: ${i.description}`,
    );
    assert.ok(fields.includes('Name: IT cluster'), fields.join(' | '));
    assert.ok(
      fields.some(f => f.startsWith('TLS certificate trust: pinned ')),
      'the pin is shown, not asked again',
    );
    assert.ok(!fields.join().includes(info.secret), 'never the secret');
    assert.equal(a.connections.get('it-cluster')?.name, 'IT cluster renamed');
    assert.equal(a.connections.get('it-cluster')?.tls?.mode, 'pinned', 'the pin is kept');
    assert.equal((await a.connections.secret('it-cluster'))?.secret, info.secret);
    assert.equal((await connectionRow(a, 'it-cluster')).label, 'IT cluster renamed');
  });

  it('Edit Connection with a wrong password: refused unless saved anyway; then the tree shows a readable auth error', async () => {
    const info = emu.info('redis-enterprise');
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Password of the cluster user$/),
      showInputBox: inputAnswers(WRONG_SECRET),
      showWarningMessage: clickMatching(undefined),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    assert.equal((await a.connections.secret('it-cluster'))?.secret, info.secret, 'canceled: the right one stays');

    // Behaviour changed on purpose (issue 13): a wrong password is saved only when the person says so.
    prompts.restore();
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Password of the cluster user$/),
      showInputBox: inputAnswers(WRONG_SECRET),
      showWarningMessage: clickMatching(/^Save Anyway$/),
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

    // And back: the right password passes the trial, is saved, and clears the error.
    prompts.restore();
    prompts = stubPrompts(a, {
      showQuickPick: quickPickAnswers(/^Password of the cluster user$/),
      showInputBox: inputAnswers(info.secret),
    });
    await run('redisTasks.editConnection', { connectionId: 'it-cluster' });
    assert.ok(!prompts.calls.some(c => c.method === 'showWarningMessage'), 'the trial passed: nothing to ask');
    assert.equal((await a.connections.secret('it-cluster'))?.secret, info.secret);
    await waitForConnectionOk(a, 'it-cluster');
    assert.equal(a.store.connection('it-cluster')?.error, undefined);
  });

  it('Add Connection (AWS) by profile: the profile of the shared files signs in; several regions; no secret stored', async () => {
    const info = emu.info('aws');
    // A credentials file of this test, named as the AWS CLI names it: the official chain (fromIni) reads it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'it-aws-'));
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      `[it-emulator]\naws_access_key_id = ${info.user}\naws_secret_access_key = ${info.secret}\n`,
    );
    fs.writeFileSync(path.join(dir, 'config'), '[profile other]\nregion = us-east-1\n');
    const saved = { config: process.env.AWS_CONFIG_FILE, creds: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    try {
      const regions = info.region!.split(',');
      let profiles: string[] = [];
      prompts = stubPrompts(a, {
        showQuickPick: quickPickAnswers(
          /^Amazon ElastiCache$/,
          list => list.filter(i => regions.includes(i.label)),
          /^A named profile$/,
          list => {
            profiles = list.map(i => i.label);
            return list.find(i => i.label === 'it-emulator');
          },
          PIN_ITEM,
        ),
        showInputBox: inputAnswers('IT aws', info.endpoint),
        showWarningMessage: clickMatching(/^Pin Certificate$/),
      });
      await run('redisTasks.addConnection');
      assert.deepEqual(profiles.slice(0, 2).sort(), ['it-emulator', 'other']);
      const c = a.connections.get('it-aws');
      assert.ok(c, 'saved after the trial signed in with the profile');
      assert.equal(c.region, regions.join(','));
      assert.equal(c.options?.profile, 'it-emulator');
      assert.equal(c.user, undefined);
      assert.equal(await a.connections.secret('it-aws'), undefined, 'a profile needs no secret of ours');
      assertNoSecretInSettings(info.secret);
      await waitForConnectionOk(a, 'it-aws');
      // Two regions: connection → region → instance → tasks.
      const row = await connectionRow(a, 'it-aws');
      assert.deepEqual(
        row.children.map(r => r.label),
        regions,
      );
      const instances = row.children[0].children.filter(r => r.node.type === 'group');
      assert.ok(instances.length > 0, 'instances under the region');
      assert.ok(
        instances.some(g => g.children.some(t => t.node.type === 'task')),
        'tasks under an instance',
      );
    } finally {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.creds;
      if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE;
      if (saved.creds === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    }
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

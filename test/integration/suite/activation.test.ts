import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, getExtension, manifest, startTestEmulator } from './helpers';

describe('activation (inside a real VS Code extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  it('the extension is present and active', () => {
    const ext = getExtension();
    assert.equal(ext.id.toLowerCase(), EXTENSION_ID);
    assert.equal(ext.isActive, true);
  });

  it('runs with the environment the runner passes (extensionTestsEnv)', () => {
    assert.equal(process.env.REDIS_TASKS_TEST, '1');
    assert.equal(process.env.REDIS_TASKS_DEMO, undefined, 'the demo emulator must not start under test');
  });

  it('registers every command its manifest contributes', async () => {
    const contributed = (manifest().contributes?.commands ?? []).map(c => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter(c => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('the Redis Tasks view can be focused', async () => {
    // Rejects with "command not found" when the manifest does not contribute the view.
    await vscode.commands.executeCommand('redisTasks.tasks.focus');
  });

  it('the emulator helper serves inside the extension host, with a clock that only tests move', async () => {
    const emulator = await startTestEmulator({ http: true });
    try {
      const info = async () => (await (await fetch(`${emulator.url}/__emulator/info`)).json()) as { now: number };
      const before = (await info()).now;
      assert.equal((await info()).now, before, 'a manual clock stands still');
      const advanced = await fetch(`${emulator.url}/__emulator/clock/advance?seconds=90`, { method: 'POST' });
      assert.equal(advanced.status, 200);
      assert.equal((await info()).now, before + 90_000);
    } finally {
      await emulator.close();
    }
  });
});

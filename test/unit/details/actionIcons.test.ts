import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTION_ICONS } from '../../../src/shared/actionIcons';

// Issue 13: the tree showed one icon for Cancel and the panel another. The panel takes its icons from ACTION_ICONS;
// this holds the manifest's command icons to the same table.
describe('task actions have one icon, in the tree and on the details panel', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { commands: { command: string; icon?: string }[] };
  };
  const iconOf = (command: string) => manifest.contributes.commands.find(c => c.command === command)?.icon;

  for (const [command, action] of [
    ['redisTasks.cancelTask', 'cancel'],
    ['redisTasks.forceCancelTask', 'forceCancel'],
    ['redisTasks.openInConsole', 'openConsole'],
  ] as const) {
    it(`${command} shows $(${ACTION_ICONS[action]})`, () => {
      assert.equal(iconOf(command), `$(${ACTION_ICONS[action]})`);
    });
  }
});

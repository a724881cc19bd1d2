import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTION_ICONS } from '../../../src/shared/actionIcons';
import { whenHoldsForRow } from '../support/whenClause';

// Issue 13: the tree showed one icon for Cancel and the panel another. The panel takes its icons from ACTION_ICONS;
// this holds the manifest's command icons to the same table.
describe('task actions have one icon, in the tree and on the details panel', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { commands: { command: string; icon?: string }[] };
  };
  const iconOf = (command: string) => manifest.contributes.commands.find(c => c.command === command)?.icon;

  for (const [command, action] of [
    ['redisTasks.cancelTask', 'cancel'],
    ['redisTasks.stopUpdate', 'cancel'],
    ['redisTasks.forceCancelTask', 'forceCancel'],
    ['redisTasks.openInConsole', 'openConsole'],
    ['redisTasks.copyTaskId', 'copyId'],
  ] as const) {
    it(`${command} shows $(${ACTION_ICONS[action]})`, () => {
      assert.equal(iconOf(command), `$(${ACTION_ICONS[action]})`);
    });
  }
});

// Issue 13: the inline "Open Task Details" icon did what a click on the row already does.
describe('no inline tree icon repeats the click on its row', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: { 'view/item/context': { command: string; when: string; group?: string }[] } };
  };
  const inline = manifest.contributes.menus['view/item/context'].filter(m => m.group?.startsWith('inline'));
  // What a click on each kind of row runs (src/extension/tree/nodes.ts), and a contextValue of that row.
  const rowClicks = [
    { row: 'task', contextValue: 'task;cancelable;hasConsole', click: 'redisTasks.openTaskDetails' },
    { row: 'AWS task', contextValue: 'task;cancelable;stopWord;hasConsole', click: 'redisTasks.openTaskDetails' },
    { row: 'error', contextValue: 'connectionError', click: 'redisTasks.refreshConnection' },
  ];
  /** Whether a `when` clause of the form the manifest uses holds for a row with this contextValue. */
  const appliesTo = whenHoldsForRow;

  it('the manifest has inline icons to check', () => assert.ok(inline.length >= 2));
  for (const { row, contextValue, click } of rowClicks) {
    it(`${row} rows: no inline ${click}`, () => {
      const shown = inline.filter(m => appliesTo(m.when, contextValue)).map(m => m.command);
      assert.ok(shown.length > 0, `the ${row} row has inline icons (the check would pass on none)`);
      assert.ok(!shown.includes(click), `inline ${click} on ${row} rows: ${shown.join(', ')}`);
    });
  }
});

import './fakeVscode';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { taskRowContextValue } from '../../../src/extension/tree/format';
import { PROVIDERS } from '../../../src/providers/registry';
import { whenHoldsForRow } from '../support/whenClause';
import { task } from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

interface Manifest {
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<'view/item/context' | 'commandPalette', { command: string; when?: string; group?: string }[]>;
  };
}

// Issue 17: the confirmation said "Stop Update", the row's menu and inline icon "Cancel Task". VS Code menus cannot
// take a title per row, so an AWS row's stop is a second command under that title, picked by the row's `stopWord`.
describe('Stop Update in the menus of an AWS service update (package.json)', () => {
  const manifest = read('package.json') as unknown as Manifest;
  const nls = read('package.nls.json') as Record<string, string>;
  const nlsZh = read('package.nls.zh-cn.json') as Record<string, string>;
  const zhBundle = read('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const rowMenu = manifest.contributes.menus['view/item/context'];
  const shown = (contextValue: string, group: (g: string) => boolean) =>
    rowMenu
      .filter(m => m.group !== undefined && group(m.group) && whenHoldsForRow(m.when ?? '', contextValue))
      .map(m => m.command)
      .filter(c => c === 'redisTasks.cancelTask' || c === 'redisTasks.stopUpdate');

  const awsRow = taskRowContextValue(
    task('upd-1', { provider: 'aws', kind: 'cloud-task', capabilities: { cancel: true, forceCancel: false } }),
    { cancelling: false, stale: false, now: 0, consoleUrl: 'https://console.aws.amazon.com/elasticache' },
  );
  const reRow = taskRowContextValue(task('1'), { cancelling: false, stale: false, now: 0 });

  it('redisTasks.stopUpdate is a command titled in both languages with the words of the AWS confirmation', () => {
    const c = manifest.contributes.commands.find(x => x.command === 'redisTasks.stopUpdate');
    assert.ok(c, 'the command is contributed');
    assert.equal(c.title, '%redisTasks.command.stopUpdate%');
    const aws = PROVIDERS.find(p => p.id === 'aws')!;
    assert.equal(nls['redisTasks.command.stopUpdate'], aws.cancel!.action, 'the menu says what the modal says');
    assert.equal(nlsZh['redisTasks.command.stopUpdate'], zhBundle[aws.cancel!.action], 'and so in Chinese');
    assert.notEqual(nlsZh['redisTasks.command.stopUpdate'], nls['redisTasks.command.stopUpdate']);
    assert.equal(c.icon, manifest.contributes.commands.find(x => x.command === 'redisTasks.cancelTask')?.icon);
  });

  it('an AWS row offers Stop Update, inline and in its menu, and never Cancel Task', () => {
    assert.match(awsRow, /;stopWord(;|$)/);
    assert.deepEqual(
      shown(awsRow, g => g.startsWith('inline')),
      ['redisTasks.stopUpdate'],
    );
    assert.deepEqual(
      shown(awsRow, g => !g.startsWith('inline')),
      ['redisTasks.stopUpdate'],
    );
  });

  it('a Redis Enterprise row keeps Cancel Task, inline and in its menu, and no Stop Update', () => {
    assert.deepEqual(
      shown(reRow, g => g.startsWith('inline')),
      ['redisTasks.cancelTask'],
    );
    assert.deepEqual(
      shown(reRow, g => !g.startsWith('inline')),
      ['redisTasks.cancelTask'],
    );
  });

  it('every descriptor menu token has a command that its rows show (a token no menu knows would hide the cancel)', () => {
    const tokens = PROVIDERS.flatMap(p => (p.cancel?.menuToken ? [p.cancel.menuToken] : []));
    assert.deepEqual(tokens, ['stopWord']);
    for (const token of tokens)
      assert.ok(
        rowMenu.some(m => m.command !== 'redisTasks.cancelTask' && m.when?.includes(`;${token}(;|$)`)),
        `a menu entry for ;${token}`,
      );
  });

  it('the command palette lists the cancel once: Cancel Task, which asks in each provider’s words', () => {
    const palette = manifest.contributes.menus.commandPalette;
    assert.equal(palette.find(m => m.command === 'redisTasks.stopUpdate')?.when, 'false');
    assert.notEqual(palette.find(m => m.command === 'redisTasks.cancelTask')?.when, 'false');
  });
});

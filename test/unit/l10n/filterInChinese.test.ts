import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TaskStore } from '../../../src/core/store';
import { filterItems } from '../../../src/extension/commands/filter';
import { connectionPickItem } from '../../../src/extension/connectionPickItem';
import { EMPTY_FILTER, filterMessage } from '../../../src/extension/taskFilter';
import { TaskTypeCatalog } from '../../../src/extension/taskTypeCatalog';
import { snapshot, task } from '../extension/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const ZH = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** VS Code's `l10n.t` in Chinese: the bundle's entry, then `{n}` substitution. */
function chineseT(message: string, ...args: unknown[]): string {
  const found = Object.hasOwn(ZH, message) ? ZH[message] : message;
  return found.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Latin letters left in a string once names that stay Latin in Chinese consoles are taken out. */
const english = (s: string) => s.replace(/Redis Enterprise|Redis Cloud|Active-Active/g, '').match(/[A-Za-z]{3,}/g);

describe('Filter Tasks and the connection pickers in Simplified Chinese', () => {
  const englishT = fake.l10n.t;
  before(() => {
    fake.l10n.t = chineseT;
  });
  after(() => {
    fake.l10n.t = englishT;
  });

  it('every label and separator of the filter list is Chinese, type names included', () => {
    const store = new TaskStore(() => 0);
    store.ensureConnection('c1');
    store.applySnapshot('c1', snapshot([task('1', { type: 'SMUpdateBDB', name: 'Update database' })]));
    const items = filterItems(EMPTY_FILTER, new TaskTypeCatalog(store).choices());
    const leftovers = items.map(i => i.label).filter(l => english(l));
    assert.deepEqual(leftovers, []);
    assert.ok(items.some(i => i.label === ZH['Update database']));
  });

  it('the view message is Chinese', () => {
    const text = filterMessage({ ...EMPTY_FILTER, statuses: ['running', 'failed'], windowMs: 24 * 3600_000 }, c => c);
    assert.equal(text, `已筛选：${ZH.Running}、${ZH.Failed} · 最近 24 小时`);
    assert.equal(
      filterMessage({ ...EMPTY_FILTER, hideFinished: true }, c => c),
      '已隐藏已结束的任务。',
    );
  });

  it('a connection picker item names the provider in Chinese', () => {
    const item = connectionPickItem({ id: 't', name: '上海', provider: 'tencent', region: 'ap-shanghai' });
    assert.equal(item.description, `${ZH['Tencent Cloud']} · ap-shanghai`);
  });
});

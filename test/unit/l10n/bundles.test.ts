import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as alibaba from '../../../src/providers/alibaba/task-types';
import * as redisCloud from '../../../src/providers/redis-cloud/task-types';
import { OTHER_GROUP } from '../../../src/providers/redis-cloud/tasks';
import { ACTIONS, CRDB_OPERATIONS, crdbOperationLabel } from '../../../src/providers/redis-enterprise/labels';
import * as tencent from '../../../src/providers/tencent/task-types';
import { l10nMessages } from '../extension/l10nStrings';

const ROOT = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;

const NLS = readJson('package.nls.json');
const NLS_ZH = readJson('package.nls.zh-cn.json');
const BUNDLE = readJson('l10n/bundle.l10n.json');
const BUNDLE_ZH = readJson('l10n/bundle.l10n.zh-cn.json');

/** Values that are the same in Chinese: product names and API identifiers that Chinese consoles show in Latin letters. */
const SAME_IN_CHINESE = new Set([
  'AccessKey ID',
  'Amazon ElastiCache',
  'SecretId',
  'SecretKey',
  'Redis Cloud',
  'Redis Enterprise',
  '{0}%',
]);

/**
 * Names the providers produce outside their tables: fallbacks and the group labels written inline in a source. A
 * literal here that a provider stops using is harmless; a new one the provider adds must be added here and to both
 * bundles (the scan below catches inline group labels).
 */
const PROVIDER_FALLBACK_NAMES = [
  alibaba.taskTypeName(undefined),
  tencent.taskTypeName(undefined),
  crdbOperationLabel(undefined),
  'Cluster action',
  OTHER_GROUP.label,
];

function providerTableNames(): string[] {
  return [
    ...new Set([
      ...Object.values(alibaba.TASK_TYPE_NAMES),
      ...Object.values(redisCloud.TASK_TYPE_NAMES),
      ...Object.values(tencent.TASK_TYPE_NAMES),
      ...Object.values(tencent.LEGACY_TASK_NAMES),
      ...Object.values(CRDB_OPERATIONS),
      ...Object.values(ACTIONS),
    ]),
  ];
}

/** `label: '…'` literals in provider sources: the task families a provider names itself (Redis Enterprise's three). */
function inlineGroupLabels(): string[] {
  const out: string[] = [];
  const dir = path.join(ROOT, 'src/providers');
  for (const provider of readdirSync(dir, { withFileTypes: true }).filter(d => d.isDirectory())) {
    for (const file of readdirSync(path.join(dir, provider.name)).filter(f => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, provider.name, file), 'utf8');
      for (const m of text.matchAll(/\blabel: '((?:\\.|[^'\\])+)'/g)) out.push(m[1]);
    }
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map(m => m[0]).sort();
}

function missingKeys(from: Record<string, string>, to: Record<string, string>): string[] {
  return Object.keys(from).filter(k => !Object.hasOwn(to, k));
}

describe('translations (Simplified Chinese)', () => {
  it('package.nls.zh-cn.json has exactly the keys of package.nls.json', () => {
    assert.ok(Object.keys(NLS).length > 30);
    assert.deepEqual(missingKeys(NLS, NLS_ZH), [], 'keys without a Chinese translation');
    assert.deepEqual(missingKeys(NLS_ZH, NLS), [], 'Chinese keys that no longer exist in English');
  });

  it('l10n/bundle.l10n.zh-cn.json has exactly the keys of l10n/bundle.l10n.json', () => {
    assert.ok(Object.keys(BUNDLE).length > 300);
    assert.deepEqual(missingKeys(BUNDLE, BUNDLE_ZH), [], 'keys without a Chinese translation');
    assert.deepEqual(missingKeys(BUNDLE_ZH, BUNDLE), [], 'Chinese keys that no longer exist in English');
  });

  it('the English bundle maps each message to itself (the message is the key)', () => {
    assert.deepEqual(
      Object.entries(BUNDLE)
        .filter(([k, v]) => k !== v)
        .map(([k]) => k),
      [],
    );
  });

  it('every l10n.t message of the extension is in both bundles', () => {
    const messages = [...l10nMessages()];
    assert.ok(messages.length > 100);
    assert.deepEqual(
      messages.filter(m => !Object.hasOwn(BUNDLE, m)),
      [],
      'missing from bundle.l10n.json',
    );
    assert.deepEqual(
      messages.filter(m => !Object.hasOwn(BUNDLE_ZH, m)),
      [],
      'missing from bundle.l10n.zh-cn.json',
    );
  });

  it('every task type name of every provider table is a key of both bundles', () => {
    const names = providerTableNames();
    assert.ok(names.length > 100);
    assert.deepEqual(
      names.filter(n => !Object.hasOwn(BUNDLE, n)),
      [],
      'missing from bundle.l10n.json',
    );
    assert.deepEqual(
      names.filter(n => !Object.hasOwn(BUNDLE_ZH, n)),
      [],
      'missing from bundle.l10n.zh-cn.json',
    );
  });

  it('every group label and fallback name a provider produces is a key of both bundles', () => {
    const inline = inlineGroupLabels();
    assert.ok(
      inline.includes('Active-Active tasks') && inline.includes('State machines'),
      `found ${inline.join(', ')}`,
    );
    const names = [...inline, ...PROVIDER_FALLBACK_NAMES];
    assert.deepEqual(
      names.filter(n => !Object.hasOwn(BUNDLE, n)),
      [],
      'missing from bundle.l10n.json',
    );
    assert.deepEqual(
      names.filter(n => !Object.hasOwn(BUNDLE_ZH, n)),
      [],
      'missing from bundle.l10n.zh-cn.json',
    );
  });

  it('every %key% of package.json exists in both nls files', () => {
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map(m => m[1]);
    assert.ok(keys.length > 20);
    assert.deepEqual(
      keys.filter(k => !Object.hasOwn(NLS, k)),
      [],
      'missing from package.nls.json',
    );
    assert.deepEqual(
      keys.filter(k => !Object.hasOwn(NLS_ZH, k)),
      [],
      'missing from package.nls.zh-cn.json',
    );
  });

  it('translations keep every placeholder ({0}, {1}…)', () => {
    const broken = [
      ...Object.entries(BUNDLE).filter(
        ([k]) => Object.hasOwn(BUNDLE_ZH, k) && placeholders(BUNDLE_ZH[k]).join() !== placeholders(k).join(),
      ),
      ...Object.entries(NLS).filter(
        ([k, v]) => Object.hasOwn(NLS_ZH, k) && placeholders(NLS_ZH[k]).join() !== placeholders(v).join(),
      ),
    ].map(([k]) => k);
    assert.deepEqual(broken, []);
  });

  it('the manifest translation keeps command links and code spans', () => {
    const links = (s: string) => [...s.matchAll(/\(command:[\w.]+\)/g)].map(m => m[0]);
    const code = (s: string) => [...s.matchAll(/`[^`]+`/g)].map(m => m[0]);
    const broken = Object.keys(NLS).filter(
      k =>
        Object.hasOwn(NLS_ZH, k) &&
        (links(NLS[k]).join() !== links(NLS_ZH[k]).join() || code(NLS[k]).join() !== code(NLS_ZH[k]).join()),
    );
    assert.deepEqual(broken, []);
  });

  it('nothing is left in English by mistake: every translation is non-empty and differs from the English', () => {
    const untranslated = [
      ...Object.entries(BUNDLE_ZH)
        .filter(([k, v]) => !v.trim() || (v === k && !SAME_IN_CHINESE.has(k)))
        .map(([k]) => k),
      ...Object.entries(NLS_ZH)
        .filter(([k, v]) => !v.trim() || v === NLS[k])
        .map(([k]) => k),
    ];
    assert.deepEqual(untranslated, []);
  });
});

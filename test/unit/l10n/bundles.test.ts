import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BUNDLE_FILE,
  extractedMessages,
  generateBundle,
  inlineGroupLabels,
  PROVIDER_FALLBACK_NAMES,
  providerTableNames,
} from '../../../scripts/l10nBundle';

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
  // AWS's "member: change" (aws/descriptor.ts, AWS_STEP_TEXTS.ofMember): server text with a colon passes through it, so
  // it must stay exactly as it is; only its parts are translated, each on its own.
  '{0}: {1}',
]);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map(m => m[0]).sort();
}

function missingKeys(from: Record<string, string>, to: Record<string, string>): string[] {
  return Object.keys(from).filter(k => !Object.hasOwn(to, k));
}

/** Each key is in bundle.l10n.json and in bundle.l10n.zh-cn.json; the failure lists the missing ones per file. */
function assertInBothBundles(keys: string[]): void {
  assert.deepEqual(
    keys.filter(k => !Object.hasOwn(BUNDLE, k)),
    [],
    'missing from bundle.l10n.json',
  );
  assert.deepEqual(
    keys.filter(k => !Object.hasOwn(BUNDLE_ZH, k)),
    [],
    'missing from bundle.l10n.zh-cn.json',
  );
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

  it('l10n/bundle.l10n.json is what npm run l10n:export generates, and each of its messages has a Chinese translation', async function () {
    this.timeout(30_000);
    const generated = await generateBundle();
    const messages = Object.keys(JSON.parse(generated) as Record<string, unknown>);
    assert.ok(messages.length > 300);
    const fix = 'run npm run l10n:export, then translate in l10n/bundle.l10n.zh-cn.json';
    assert.deepEqual(
      messages.filter(m => !Object.hasOwn(BUNDLE, m)),
      [],
      `new messages: ${fix}`,
    );
    assert.deepEqual(
      Object.keys(BUNDLE).filter(k => !messages.includes(k)),
      [],
      `messages no longer used: ${fix}`,
    );
    assert.equal(readFileSync(BUNDLE_FILE, 'utf8'), generated, `not in the generated form: ${fix}`);
    assert.deepEqual(
      messages.filter(m => !Object.hasOwn(BUNDLE_ZH, m) || !BUNDLE_ZH[m].trim()),
      [],
      'messages without a Chinese translation',
    );
  });

  it('every l10n.t message of the extension is in both bundles', async function () {
    this.timeout(30_000);
    const messages = Object.keys(await extractedMessages());
    assert.ok(messages.length > 100);
    assertInBothBundles(messages);
  });

  it('every task type name of every provider table is a key of both bundles', () => {
    const names = providerTableNames();
    assert.ok(names.length > 100);
    assertInBothBundles(names);
  });

  it('every group label and fallback name a provider produces is a key of both bundles', () => {
    const inline = inlineGroupLabels();
    assert.ok(
      inline.includes('Active-Active tasks') && inline.includes('State machines'),
      `found ${inline.join(', ')}`,
    );
    const names = [...inline, ...PROVIDER_FALLBACK_NAMES];
    assertInBothBundles(names);
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

/**
 * `npm run l10n:export`: writes l10n/bundle.l10n.json, the English bundle translators start from. It holds
 * - every message of an `l10n.t('…')` call under src, found by @vscode/l10n-dev (the extractor of
 *   `npx @vscode/l10n-dev export -o l10n ./src`, called through its library so the test runs the same code),
 * - every template of a `say.t('…')` call (src/core/say.ts: the errors and words of the vscode-free layers), which
 *   the same extractor finds once the import of core/say reads as an import of @vscode/l10n (`asL10nImport`), and
 * - the names providers give tasks and task families: providers stay free of vscode, so they name things in English
 *   and the extension translates those names at display time (`displayName`, src/extension/displayNames.ts) with an
 *   `l10n.t(name)` that no extractor can read.
 * Keys are sorted so that a diff of the bundle shows what changed. A unit test (test/unit/l10n/bundles.test.ts) fails
 * when the committed bundle is not what this writes.
 */
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as alibaba from '../src/providers/alibaba/task-types';
import * as redisCloud from '../src/providers/redis-cloud/task-types';
import { OTHER_GROUP } from '../src/providers/redis-cloud/tasks';
import { ACTIONS, CRDB_OPERATIONS, crdbOperationLabel } from '../src/providers/redis-enterprise/labels';
import * as tencent from '../src/providers/tencent/task-types';
import { RESOURCE_STATUS } from '../src/providers/aws/status-map';
import { MODIFICATION_NAMES } from '../src/providers/aws/tasks';

export const ROOT = path.resolve(__dirname, '..');
export const BUNDLE_FILE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

let extracted: Promise<l10nJsonFormat> | undefined;

/** The messages of the `l10n.t` calls under src, as `@vscode/l10n-dev export ./src` writes them. */
export function extractedMessages(): Promise<l10nJsonFormat> {
  // Parsing every source takes seconds, and the tests ask several times in one process.
  extracted ??= extract();
  return extracted;
}

async function extract(): Promise<l10nJsonFormat> {
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter(f => /\.(ts|tsx|js|jsx)$/.test(f))
    .sort()
    .map(f => ({
      extension: path.extname(f),
      contents: asL10nImport(readFileSync(path.join(ROOT, 'src', f), 'utf8')),
    }));
  return getL10nJson(sources);
}

/**
 * `import * as say from '../core/say'` as `import * as say from '@vscode/l10n'`: the extractor only follows imports
 * of vscode and @vscode/l10n, and `say.t` has the same call shape, so it then extracts `say.t('…', …)` like `l10n.t`.
 */
export function asL10nImport(contents: string): string {
  return contents.replace(/(import \* as \w+ from )'(?:\.\.?\/)+(?:core\/)?say'/g, "$1'@vscode/l10n'");
}

/** The task type names of every provider table. */
export function providerTableNames(): string[] {
  return [
    ...new Set([
      ...Object.values(alibaba.TASK_TYPE_NAMES),
      ...Object.values(redisCloud.TASK_TYPE_NAMES),
      ...Object.values(tencent.TASK_TYPE_NAMES),
      ...Object.values(tencent.LEGACY_TASK_NAMES),
      ...Object.values(CRDB_OPERATIONS),
      ...Object.values(ACTIONS),
      // AWS: a modification is named by the resource's status, or by one of its own names.
      ...Object.values(RESOURCE_STATUS)
        .filter(r => r.status !== null)
        .map(r => r.name),
      ...Object.values(MODIFICATION_NAMES),
    ]),
  ];
}

/**
 * Names the providers produce outside their tables: fallbacks and the group labels written inline in a source. A
 * literal here that a provider stops using is harmless; a new one the provider adds must be added here (the scan
 * below catches inline group labels).
 */
export const PROVIDER_FALLBACK_NAMES = [
  alibaba.taskTypeName(undefined),
  tencent.taskTypeName(undefined),
  crdbOperationLabel(undefined),
  'Cluster action',
  OTHER_GROUP.label,
];

/** `label: '…'` literals in provider sources: the task families a provider names itself (Redis Enterprise's three). */
export function inlineGroupLabels(): string[] {
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

/** Every name a provider gives that `displayName` translates. */
export function providerDisplayNames(): string[] {
  return [...providerTableNames(), ...PROVIDER_FALLBACK_NAMES, ...inlineGroupLabels()];
}

/** The text of l10n/bundle.l10n.json. */
export async function generateBundle(): Promise<string> {
  const bundle: l10nJsonFormat = Object.fromEntries(providerDisplayNames().map(name => [name, name]));
  Object.assign(bundle, await extractedMessages());
  const sorted = Object.fromEntries(
    Object.keys(bundle)
      .sort()
      .map(k => [k, bundle[k]]),
  );
  return JSON.stringify(sorted, null, 2) + '\n';
}

if (require.main === module) {
  void generateBundle().then(text => {
    writeFileSync(BUNDLE_FILE, text);
    console.log(
      `${path.relative(ROOT, BUNDLE_FILE)}: ${Object.keys(JSON.parse(text) as Record<string, string>).length} messages`,
    );
  });
}

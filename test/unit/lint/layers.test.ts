import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { mayImportVscode } from '../support/vscodeModule';

// The layer rules are only worth having if they bite: each case lints a one-line file at a real path.
const ROOT = path.resolve(__dirname, '../../..');

type ConfigEntry = Linter.Config;

/** The project's own layer rules (every entry of eslint.config.mjs that sets no-restricted-imports), alone. */
async function layerRules(): Promise<ConfigEntry[]> {
  const url = pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href;
  const config = ((await import(url)) as { default: ConfigEntry[] }).default;
  const layers = config
    .filter(c => c.rules?.['no-restricted-imports'])
    .map(c => ({
      files: c.files,
      ...(c.ignores ? { ignores: c.ignores } : {}),
      rules: { 'no-restricted-imports': c.rules!['no-restricted-imports'] },
    }));
  assert.ok(layers.length >= 2, 'eslint.config.mjs lost its layer rules');
  return layers;
}

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  // The import rules need no type information; building it for a file that is not on disk would fail.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...(await layerRules())],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message);
}

describe('layer rules (eslint.config.mjs)', function () {
  this.timeout(60_000);

  for (const folder of ['src/core', 'src/http', 'src/providers/tencent', 'src/emulator', 'src/cli']) {
    it(`refuses a vscode import under ${folder}`, async () => {
      const errors = await restrictedImportErrors(`${folder}/layer-probe.ts`, "import * as vscode from 'vscode';\n");
      assert.equal(errors.length, 1);
      assert.match(errors[0], /only src\/extension may import vscode/);
    });
  }

  it('refuses a provider or the HTTP layer imported by a view', async () => {
    const errors = await restrictedImportErrors(
      'src/extension/tree/layer-probe.ts',
      "import { createSource } from '../../providers/index';\nimport { HttpClient } from '../../http/client';\n",
    );
    assert.equal(errors.length, 2);
    assert.match(errors[0], /Views never call an API/);
  });

  it('lets a view read what the registry says of the providers, and nothing else of theirs', async () => {
    const file = 'src/extension/tree/layer-probe.ts';
    assert.deepEqual(await restrictedImportErrors(file, "import { PROVIDERS } from '../../providers/registry';\n"), []);
    assert.equal(
      (await restrictedImportErrors(file, "import { tencent } from '../../providers/tencent/descriptor';\n")).length,
      1,
    );
    assert.equal((await restrictedImportErrors(file, "import { createSource } from '../../providers';\n")).length, 1);
  });

  it('refuses an extension import from a provider', async () => {
    const errors = await restrictedImportErrors(
      'src/providers/alibaba/layer-probe.ts',
      "import { statusText } from '../../extension/tree/format';\n",
    );
    assert.equal(errors.length, 1);
  });

  it('lets the extension import vscode', async () => {
    assert.deepEqual(
      await restrictedImportErrors('src/extension/layer-probe.ts', "import * as vscode from 'vscode';\n"),
      [],
    );
  });
});

describe('the unit tests’ fake vscode', () => {
  it('answers the extension layer and tests only, never src/core and the other plain-Node layers', () => {
    const at = (rel: string) => ({ filename: path.join(ROOT, rel) });
    assert.equal(mayImportVscode(at('src/extension/tree/provider.ts')), true);
    assert.equal(mayImportVscode(at('test/unit/extension/tree.test.ts')), true);
    for (const rel of ['src/core/store.ts', 'src/http/client.ts', 'src/providers/index.ts', 'src/cli/run.ts'])
      assert.equal(mayImportVscode(at(rel)), false, rel);
  });
});

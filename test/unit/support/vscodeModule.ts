/**
 * Answers `require('vscode')` with a fake, for the extension layer only. A request from any other folder (src/core,
 * src/http, src/providers, ...) still fails as it would in plain Node, so the unit suite cannot hide a `vscode`
 * import below the views (test/unit/lint/layers.test.ts proves it).
 */
import Module = require('node:module');
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src') + path.sep;
const EXTENSION_SRC = path.join(SRC, 'extension') + path.sep;

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Loader };

/** True when `parent` (a module object) may see vscode: the extension's sources, or test code outside src. */
export function mayImportVscode(parent: unknown): boolean {
  const file = (parent as { filename?: string } | null | undefined)?.filename ?? '';
  return file.startsWith(EXTENSION_SRC) || !file.startsWith(SRC);
}

/** Makes `require('vscode')` return `fake` for the extension layer. Returns the function that undoes it. */
export function provideFakeVscode(fake: unknown): () => void {
  const original = M._load;
  M._load = function (this: unknown, request, parent, isMain) {
    if (request === 'vscode' && mayImportVscode(parent)) return fake;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    M._load = original;
  };
}

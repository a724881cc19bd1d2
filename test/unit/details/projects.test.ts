// Each TypeScript project sees the globals of where its code runs, and no others: the extension is Node without the
// DOM, the webview is the DOM without Node, and only tests see mocha. A probe file compiled in each project proves it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

/** The globals `text` uses that the project at `projectDir` does not know, compiled as a file inside that project. */
function unknownNames(projectDir: string, text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, projectDir, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: d => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  assert.ok(config && config.errors.length === 0, `${projectDir}/tsconfig.json parses`);
  const probe = path.join(ROOT, projectDir, '__probe__.ts');
  const host = ts.createCompilerHost(config.options);
  const readSource = host.getSourceFile;
  host.getSourceFile = (file, language, ...rest) =>
    path.resolve(file) === probe ? ts.createSourceFile(file, text, language) : readSource(file, language, ...rest);
  host.fileExists = (
    exists => (file: string) =>
      path.resolve(file) === probe || exists(file)
  )(host.fileExists);
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([probe], config.options, host));
  const messages = diagnostics.map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const names = messages.map(m => /^Cannot find name '(\w+)'/.exec(m)?.[1]);
  assert.deepEqual(
    messages.filter((_, i) => !names[i]),
    [],
    'no error but unknown names',
  );
  return names.filter((n): n is string => Boolean(n)).sort();
}

const PROBE = `
export const seen = [
  typeof process, typeof Buffer, typeof require,
  typeof document, typeof window, typeof HTMLElement,
  typeof describe, typeof it,
];
`;

describe('type-check projects: the globals each one sees', function () {
  this.timeout(60_000);

  it('src (extension, CLI, emulator): Node, without the DOM or mocha', () => {
    assert.deepEqual(unknownNames('.', PROBE), ['HTMLElement', 'describe', 'document', 'it', 'window']);
  });

  it('src/webview: the DOM, without Node or mocha', () => {
    assert.deepEqual(unknownNames('src/webview', PROBE), ['Buffer', 'describe', 'it', 'process', 'require']);
  });

  it('test: Node and mocha, without the DOM', () => {
    assert.deepEqual(unknownNames('test', PROBE), ['HTMLElement', 'document', 'window']);
  });
});

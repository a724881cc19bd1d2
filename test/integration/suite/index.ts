// Entry point the extension host loads (extensionTestsPath): runs every *.test.js bundled next to this file.
// Adding a test file to test/integration/suite/ is all it takes to add tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const files = fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);

  let passed = 0;
  let failed = 0;
  let pending = 0;
  const failures = await new Promise<number>(resolve => {
    const runner = mocha.run(resolve);
    runner.on('pass', () => {
      passed++;
    });
    runner.on('fail', () => {
      failed++;
    });
    runner.on('pending', () => {
      pending++;
    });
  });
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} pending` : ''}`);
  // A hook failure counts in `failures` without a failed test: either way the run fails.
  if (failures > 0 || failed > 0) throw new Error(`${Math.max(failures, failed)} integration test(s) failed`);
}

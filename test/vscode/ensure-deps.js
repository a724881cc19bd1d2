// `npm start` on a fresh clone: install the project's packages first, so the demo is one command.
'use strict';
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
if (!existsSync(path.join(root, 'node_modules', 'tsx')) || !existsSync(path.join(root, 'node_modules', 'undici'))) {
  process.stdout.write("Installing the project's packages (npm ci)…\n");
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

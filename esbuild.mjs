// Builds five bundles. The extension bundle is what activation loads, so it must stay small and free of undici:
// the HTTP stack and provider clients live in dist/providers.js, required on the first request. The details page runs
// in the webview's browser: dist/webview/details.js holds it and the platform-neutral code it shares with the extension.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: release,
  legalComments: 'none',
  logLevel: 'warning',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/main.ts' },
    outdir: 'dist',
    external: ['vscode', './providers.js', './emulator.js'],
    metafile: true,
  },
  { ...common, entryPoints: { providers: 'src/providers/index.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { emulator: 'src/emulator/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];
const webview = {
  ...common,
  entryPoints: { details: 'src/webview/details.ts' },
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  // The Chromium of every VS Code the engines field allows runs ES2022.
  target: 'es2022',
  metafile: true,
};
builds.push(webview);

// The webview loads codicons from the extension itself: no remote resources.
mkdirSync('dist/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/codicons/${f}`);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  const inputs = Object.keys(results[0].metafile.inputs);
  const leaked = inputs.filter(
    i => i.includes('node_modules/undici') || i.startsWith('src/http/') || i.startsWith('src/providers/'),
  );
  if (leaked.length) {
    console.error(
      `dist/extension.js must not bundle the HTTP stack or provider clients (they load on first use):\n  ${leaked.join('\n  ')}`,
    );
    process.exit(1);
  }
  // The webview project's type check keeps Node APIs out of what the page imports; this keeps extension code out.
  const outside = Object.keys(results[builds.indexOf(webview)].metafile.inputs).filter(
    i => !/^src\/(webview|shared|core)\//.test(i),
  );
  if (outside.length) {
    console.error(
      `dist/webview/details.js may bundle only src/webview, src/shared and src/core:\n  ${outside.join('\n  ')}`,
    );
    process.exit(1);
  }
}

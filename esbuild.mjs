// The bundles. Activation loads dist/extension.js only, so it must stay small and free of undici. Each provider's
// client is its own bundle, dist/providers/<id>.js, required on the first request of a connection of that provider;
// the HTTP stack they share (undici, src/http) is dist/http.js, loaded once by whichever provider comes first.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

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
  metafile: true,
};

/** A provider is a folder of src/providers with a descriptor and an index (docs/adding-a-provider.md). */
const providerIds = readdirSync('src/providers', { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(`src/providers/${d.name}/index.ts`))
  .map(d => d.name);

const httpFiles = readdirSync('src/http').filter(f => f.endsWith('.ts'));
const httpDir = path.resolve('src/http') + path.sep;

/** Provider bundles reach the HTTP stack through dist/http.js rather than each carrying its own copy. */
const sharedHttp = {
  name: 'shared-http',
  setup(build) {
    build.onResolve({ filter: /\/http\// }, args => {
      const resolved = path.resolve(args.resolveDir, args.path);
      if (!resolved.startsWith(httpDir) || args.importer.startsWith(httpDir)) return undefined;
      return { path: '../http.js', external: true };
    });
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/main.ts' },
    outdir: 'dist',
    external: ['vscode'],
  },
  {
    ...common,
    // Every module of src/http, re-exported: what a provider imports from there is found here by name.
    stdin: {
      contents: httpFiles.map(f => `export * from './${f.replace(/\.ts$/, '')}';`).join('\n'),
      resolveDir: 'src/http',
      sourcefile: 'http-bundle.ts',
      loader: 'ts',
    },
    outfile: 'dist/http.js',
  },
  ...providerIds.map(id => ({
    ...common,
    entryPoints: { [id]: `src/providers/${id}/index.ts` },
    outdir: 'dist/providers',
    plugins: [sharedHttp],
  })),
  { ...common, entryPoints: { emulator: 'src/emulator/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

// The webview loads codicons from the extension itself: no remote resources.
mkdirSync('dist/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/codicons/${f}`);

/** What the activation bundle may hold of src/providers: the descriptors (data) and the registry that lists them. */
const DESCRIPTOR_SIDE = /^src\/providers\/(descriptor|registry)\.ts$|^src\/providers\/[^/]+\/(descriptor|regions)\.ts$/;

function leaks(result, entry) {
  const inputs = Object.keys(result.metafile.inputs);
  if (entry === 'extension') {
    return inputs.filter(
      i =>
        i.includes('node_modules/undici') ||
        i.startsWith('src/http/') ||
        (i.startsWith('src/providers/') && !DESCRIPTOR_SIDE.test(i)),
    );
  }
  if (providerIds.includes(entry)) {
    const others = providerIds.filter(id => id !== entry).map(id => `src/providers/${id}/`);
    return inputs.filter(
      i => others.some(o => i.startsWith(o)) || i.includes('node_modules/undici') || i.startsWith('src/http/'),
    );
  }
  return [];
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  const names = builds.map(b => (b.entryPoints ? Object.keys(b.entryPoints)[0] : 'http'));
  const problems = results.flatMap((r, i) => leaks(r, names[i]).map(l => `${names[i]}: ${l}`));
  if (problems.length) {
    console.error(
      'dist/extension.js must not bundle the HTTP stack or provider clients (they load on first use), and a ' +
        "provider's bundle must not hold another provider's code or the shared HTTP stack:\n  " +
        problems.join('\n  '),
    );
    process.exit(1);
  }
}

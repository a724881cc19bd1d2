// Per-provider loading: what a Redis Enterprise-only user's first refresh costs after activation. The extension
// requires dist/providers/<id>.js (and the shared dist/http.js) on a connection's first request; this process does
// the same from a cold require cache, then fills a TaskStore, and checks that no other provider's bundle was loaded.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { TaskStore } from '../../src/core/store';
import type { ProviderModule } from '../../src/providers/index';
import { PROVIDER_IDS } from '../../src/providers/registry';
import { ROOT, figure, ms, startEmulatorProcess, runMain } from './lib';

const DIST = path.join(ROOT, 'dist');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function loadedBundles(): string[] {
  return Object.keys(require.cache).filter(f => f.startsWith(DIST + path.sep));
}

async function main(): Promise<void> {
  const emu = await startEmulatorProcess('demo');
  try {
    const c = emu.connections.find(x => x.provider === 'redis-enterprise')!;
    const config = { id: 're', name: c.name, provider: c.provider, endpoint: c.endpoint, user: c.user };
    const store = new TaskStore();

    const t0 = process.hrtime.bigint();
    const mod = require(path.join(DIST, 'providers', 'redis-enterprise.js')) as ProviderModule;
    const source = mod.create(config, { secret: c.secret }, {});
    const tLoaded = process.hrtime.bigint();
    store.applySnapshot('re', await source.refresh({}));
    const t1 = process.hrtime.bigint();
    const rows = store.allTasks('re').length;

    // The same refresh again, code loaded and connection open: what the first one costs beyond it is the loading.
    const t2 = process.hrtime.bigint();
    store.applySnapshot('re', await source.refresh({}));
    const warmMs = Number(process.hrtime.bigint() - t2) / 1e6;
    await source.close();

    const firstMs = Number(t1 - t0) / 1e6;
    const loadMs = Number(tLoaded - t0) / 1e6;
    figure(
      `first refresh of a Redis Enterprise connection: first request to ${rows} rows in the store (require ${ms(loadMs)})`,
      ms(firstMs),
      `the same refresh warm ${ms(warmMs)}`,
      firstMs / warmMs,
      '- (information)',
      undefined,
    );

    const bundles = loadedBundles();
    const bytes = bundles.reduce((n, f) => n + statSync(f).size, 0);
    const all = ['http.js', ...PROVIDER_IDS.map(id => path.join('providers', `${id}.js`))];
    const allBytes = all.reduce((n, f) => n + statSync(path.join(DIST, f)).size, 0);
    const others = bundles.filter(
      f => f.includes(`${path.sep}providers${path.sep}`) && !f.endsWith('redis-enterprise.js'),
    );
    figure(
      `bytes loaded by that first refresh (${bundles.map(f => path.relative(DIST, f)).join(', ')})`,
      kb(bytes),
      `every provider and the HTTP stack ${kb(allBytes)}`,
      bytes / allBytes,
      "no other provider's bundle",
      others.length === 0 && rows > 0,
    );
  } finally {
    await emu.close();
  }
}

runMain(main);

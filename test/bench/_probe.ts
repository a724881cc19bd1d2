import { TaskStore } from '../../src/core/store';
import { Poller } from '../../src/core/poller';
import type { TaskSource } from '../../src/core/source';
import { createSource } from '../../src/providers/index';
import { startEmulatorProcess } from './lib';
const PROVIDERS = ['redis-enterprise', 'tencent', 'alibaba'] as const;
async function fullRefresh(sources: TaskSource[], store: TaskStore) {
  const poller = new Poller({ async poll(r) { const i = Number(r.connectionId.slice(5)); const source = sources[i]; const snap = await source.refresh({}, r.signal); await store.applySnapshotSliced(r.connectionId, snap);
      for (const [group, first] of Object.entries(snap.more)) for (let cursor: string | undefined = first; cursor;) { const page = await source.loadMore(group, cursor, {}, r.signal); store.appendPage(r.connectionId, group, page.tasks, page.next); cursor = page.next; } },
    hasActive: () => false, isTaskActive: () => false }, { activeIntervalMs: 0, idleIntervalMs: 0 });
  poller.setConnections(sources.map((_, i) => `conn-${i}`)); await poller.refreshNow(); poller.dispose();
}
async function main() {
  const emu = await startEmulatorProcess('scale:1000');
  const infos = PROVIDERS.map(p => emu.connections.find(c => c.provider === p)!);
  const sources = Array.from({ length: 50 }, (_, i) => { const c = infos[i % 3]; return createSource({ id: `conn-${i}`, name: c.name, provider: c.provider, endpoint: c.endpoint, user: c.user, region: c.region, options: c.options }, { secret: c.secret }); });
  for (let r = 0; r < 5; r++) { await emu.reset(); await fullRefresh(sources, new TaskStore()); }
  await Promise.all(sources.map(s => s.close())); await emu.close();
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

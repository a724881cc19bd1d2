// The refresh of bench items 1 and 1c: the real Poller (default concurrency) and TaskStore, every connection's first
// answer, then every "Load more" until the store holds every task.
import { Poller } from '../../src/core/poller';
import type { TaskSource } from '../../src/core/source';
import type { TaskStore } from '../../src/core/store';
import type { EmulatorConnectionInfo } from '../../src/emulator/types';
import { createSource } from '../../src/providers/index';

/** Redis Cloud is left out: its emulated account has a fixed handful of tasks and no scale scenario. */
export const PROVIDERS = ['redis-enterprise', 'tencent', 'alibaba'] as const;

/** `n` connections `conn-0` … over the emulator's connections of `PROVIDERS`, in turn. */
export function benchSources(n: number, connections: readonly EmulatorConnectionInfo[]): TaskSource[] {
  const infos = PROVIDERS.map(p => connections.find(c => c.provider === p)!);
  return Array.from({ length: n }, (_, i) => {
    const c = infos[i % infos.length];
    return createSource(
      {
        id: `conn-${i}`,
        name: c.name,
        provider: c.provider,
        endpoint: c.endpoint,
        user: c.user,
        region: c.region,
        options: c.options,
      },
      { secret: c.secret },
    );
  });
}

export async function fullRefresh(sources: TaskSource[], store: TaskStore): Promise<void> {
  const poller = new Poller(
    {
      async poll(r) {
        const source = sources[Number(r.connectionId.slice(5))];
        const snap = await source.refresh({}, r.signal);
        await store.applySnapshotSliced(r.connectionId, snap);
        for (const [group, first] of Object.entries(snap.more)) {
          for (let cursor: string | undefined = first; cursor;) {
            const page = await source.loadMore(group, cursor, {}, r.signal);
            store.appendPage(r.connectionId, group, page.tasks, page.next);
            cursor = page.next;
          }
        }
      },
      hasActive: () => false,
      isTaskActive: () => false,
    },
    { activeIntervalMs: 0, idleIntervalMs: 0 },
  );
  poller.setConnections(sources.map((_, i) => `conn-${i}`));
  await poller.refreshNow();
  poller.dispose();
}

// The refresh of bench items 1 and 1c (the real Poller at its default concurrency and the TaskStore: every
// connection's first answer, then every "Load more" until the store holds every task), and the emulator's
// connections as sources, for them and for items 4 and 5.
import { Poller } from '../../src/core/poller';
import type { TaskSource } from '../../src/core/source';
import type { TaskStore } from '../../src/core/store';
import type { EmulatorConnectionInfo } from '../../src/emulator/types';
import { createSource, type SourceDeps } from '../../src/providers/index';

/** Redis Cloud is left out: its emulated account has a fixed handful of tasks and no scale scenario. */
export const PROVIDERS = ['redis-enterprise', 'tencent', 'alibaba'] as const;

/** A source for one of the emulator's connections, under the id `id`, its other fields as the emulator gave them. */
export function emulatorSource(id: string, c: EmulatorConnectionInfo, deps?: SourceDeps): TaskSource {
  return createSource(
    {
      id,
      name: c.name,
      provider: c.provider,
      endpoint: c.endpoint,
      user: c.user,
      region: c.region,
      options: c.options,
    },
    { secret: c.secret },
    deps,
  );
}

/** `n` connections `conn-0` … over the emulator's connections of `PROVIDERS`, in turn. */
export function benchSources(n: number, connections: readonly EmulatorConnectionInfo[]): TaskSource[] {
  const infos = PROVIDERS.map(p => connections.find(c => c.provider === p)!);
  return Array.from({ length: n }, (_, i) => emulatorSource(`conn-${i}`, infos[i % infos.length]));
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

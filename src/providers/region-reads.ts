import { isDeepStrictEqual } from 'node:util';
import { asProviderError, type ProviderError } from '../core/errors';
import type { GroupFailure, Task, TaskGroup, TaskQuery } from '../core/task';

/**
 * One refresh of a connection of several regions, region by region, for every provider that has them (AWS, and the
 * Tencent and Alibaba wrapper in several-regions.ts): one region failing hides nothing of the others. Its region row
 * carries the failure (`TaskGroup.failure`) over the tasks it last read for the same query, and only when every region
 * fails does the refresh fail (the store then keeps the last good tasks and marks the connection stale).
 */
export type RegionRead<T> = { ok: T } | { error: ProviderError };

/**
 * Reads every region, `concurrency` at a time. Throws when the refresh was stopped (superseded, view closed) or when
 * no region answered: then the refresh itself failed.
 */
export async function readEachRegion<T>(
  regions: readonly string[],
  concurrency: number,
  read: (region: string) => Promise<T>,
): Promise<Map<string, RegionRead<T>>> {
  const results = new Map<string, RegionRead<T>>();
  const queue = [...regions];
  const worker = async () => {
    for (let region = queue.shift(); region !== undefined; region = queue.shift()) {
      try {
        results.set(region, { ok: await read(region) });
      } catch (error) {
        results.set(region, { error: asProviderError(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  const errors = [...results.values()].flatMap(r => ('error' in r ? [r.error] : []));
  const aborted = errors.find(e => e.kind === 'aborted');
  if (aborted) throw aborted;
  if (regions.length && errors.length === regions.length) throw errors[0];
  return results;
}

interface LastRead {
  query: TaskQuery;
  groups: TaskGroup[];
  tasks: Task[];
}

/** What each region showed last, shown again under its failing region row while the filter is the same. */
export class LastRegionReads {
  private readonly last = new Map<string, LastRead>();

  remember(region: string, query: TaskQuery, groups: TaskGroup[], tasks: Task[]): void {
    this.last.set(region, { query, groups, tasks });
  }

  kept(region: string, query: TaskQuery): { groups: TaskGroup[]; tasks: Task[] } {
    const last = this.last.get(region);
    return last && sameFilter(last.query, query) ? last : { groups: [], tasks: [] };
  }
}

/**
 * Whether tasks read for one query still answer another: the same filter. The time window moves at every poll (the
 * extension asks for the last N days from now), so it is left out; a window chosen wider or narrower is a new filter
 * only through its statuses, types or instance.
 */
function sameFilter(a: TaskQuery, b: TaskQuery): boolean {
  const filter = (q: TaskQuery) => ({ statuses: q.statuses, types: q.types, instanceId: q.instanceId });
  return isDeepStrictEqual(filter(a), filter(b));
}

/** A region's failure as its row carries it. */
export function failureOf(e: ProviderError): GroupFailure {
  return { kind: e.kind, message: e.message, ...(e.localizable ? { localizable: e.localizable } : {}) };
}

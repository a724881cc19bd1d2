import type { NamedUid } from './wire';

export interface NameFetchers {
  cluster(): Promise<string | undefined>;
  bdbs(): Promise<NamedUid[]>;
  crdbs(): Promise<NamedUid[]>;
}

export interface NamesNeeded {
  bdbs: Iterable<string>;
  crdbs: Iterable<string>;
}

export const NAME_MAX_AGE_MS = 5 * 60_000;

/**
 * Cluster, database and CRDB names for labels. Names change rarely, so they are fetched at most every five minutes,
 * or sooner when a task mentions a uid we have never seen (a database created a moment ago). A uid still unknown
 * after a fetch (a deleted database) does not trigger another one until the cache ages out. Fetch failures only cost
 * the labels: tasks are still shown with their ids.
 */
export class NameCache {
  private bdbNames = new Map<string, string>();
  private crdbNames = new Map<string, string>();
  private clusterName: string | undefined;
  private fetchedAt: number | undefined;
  private readonly missed = new Set<string>();
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly fetchers: NameFetchers,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = NAME_MAX_AGE_MS,
  ) {}

  get cluster(): string | undefined {
    return this.clusterName;
  }
  bdb(uid: string): string | undefined {
    return this.bdbNames.get(uid);
  }
  crdb(guid: string): string | undefined {
    return this.crdbNames.get(guid);
  }

  /** Never rejects. */
  async ensure(needed: NamesNeeded = { bdbs: [], crdbs: [] }): Promise<void> {
    if (this.inFlight) await this.inFlight;
    if (!this.shouldFetch(needed)) return;
    this.inFlight = this.fetch(needed).finally(() => {
      this.inFlight = undefined;
    });
    await this.inFlight;
  }

  private shouldFetch(needed: NamesNeeded): boolean {
    if (this.fetchedAt === undefined || this.now() - this.fetchedAt >= this.maxAgeMs) {
      this.missed.clear();
      return true;
    }
    for (const uid of needed.bdbs) if (!this.bdbNames.has(uid) && !this.missed.has(`bdb:${uid}`)) return true;
    for (const guid of needed.crdbs) if (!this.crdbNames.has(guid) && !this.missed.has(`crdb:${guid}`)) return true;
    return false;
  }

  private async fetch(needed: NamesNeeded): Promise<void> {
    this.fetchedAt = this.now();
    const [cluster, bdbs, crdbs] = await Promise.allSettled([
      this.fetchers.cluster(),
      this.fetchers.bdbs(),
      this.fetchers.crdbs(),
    ]);
    if (cluster.status === 'fulfilled' && cluster.value) this.clusterName = cluster.value;
    if (bdbs.status === 'fulfilled') this.bdbNames = new Map(bdbs.value.map(b => [b.uid, b.name]));
    if (crdbs.status === 'fulfilled') this.crdbNames = new Map(crdbs.value.map(c => [c.uid, c.name]));
    for (const uid of needed.bdbs) if (!this.bdbNames.has(uid)) this.missed.add(`bdb:${uid}`);
    for (const guid of needed.crdbs) if (!this.crdbNames.has(guid)) this.missed.add(`crdb:${guid}`);
  }
}

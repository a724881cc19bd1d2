import { isProviderError } from '../../core/errors';
import type { RedisCloudApi } from './api';
import { resourceTypeOf } from './task-types';
import type { WireDatabase, WireSubscription, WireTask } from './wire';

/** Safety stop for database paging: a server that keeps saying "more" must not loop us forever. */
const MAX_DATABASE_PAGES = 20;

export interface NameIndexOptions {
  now: () => number;
  /** How long subscription and database names are reused before they are asked for again. */
  ttlMs: number;
  databasePageSize: number;
}

/** Where a task belongs and what it acts on, as far as the names we know tell. */
export interface TaskPlace {
  subscriptionId?: string;
  subscription?: WireSubscription;
  database?: WireDatabase;
}

const SUBSCRIPTION_IN_HREF = /\/(fixed\/)?subscriptions\/(\d+)(?:\/databases\/(\d+))?/;

/**
 * Subscription and database names, cached so steady polling costs one request (`GET /tasks`): names are fetched
 * when stale, and databases only when a task names one we do not know.
 */
export class NameIndex {
  readonly subscriptions = new Map<string, WireSubscription>();
  readonly databases = new Map<string, WireDatabase>();
  private subscriptionsAt = Number.NEGATIVE_INFINITY;
  private readonly databasesAt = new Map<string, number>();
  /** Why names could not be read (the key may lack the permission): shown, never fatal. */
  problem?: string;

  constructor(
    private readonly api: RedisCloudApi,
    private readonly options: NameIndexOptions,
  ) {}

  private fresh(at: number | undefined): boolean {
    return at !== undefined && this.options.now() - at < this.options.ttlMs;
  }

  /** Subscription lists (Pro and Essentials), then databases where a task needs them. Failures leave names unknown. */
  async update(tasks: WireTask[], signal?: AbortSignal): Promise<void> {
    this.problem = undefined;
    const referenced = tasks.map(t => this.subscriptionIdOf(t)).filter((id): id is string => id !== undefined);
    const unknownSub = referenced.some(id => !this.subscriptions.has(id));
    if (!this.fresh(this.subscriptionsAt) || (unknownSub && this.options.now() - this.subscriptionsAt > 5_000)) {
      await this.guard(async () => {
        const [pro, essentials] = await Promise.all([
          this.api.listSubscriptions(signal),
          this.api.listFixedSubscriptions(signal).catch(e => {
            // Some keys cannot see Essentials subscriptions; Pro names are still worth having.
            if (isProviderError(e) && (e.kind === 'forbidden' || e.kind === 'not-found' || e.kind === 'unsupported'))
              return [];
            throw e;
          }),
        ]);
        this.subscriptions.clear();
        for (const s of [...pro, ...essentials]) this.subscriptions.set(s.id, s);
        this.subscriptionsAt = this.options.now();
      });
    }
    // Databases only when a task names one we do not know: its linked subscription's list, else every stale list.
    const wanted = new Set<string>();
    for (const t of tasks) {
      const dbId = this.databaseIdOf(t);
      if (!dbId || this.databases.has(dbId)) continue;
      const linked = this.hrefMatch(t)?.[2];
      for (const id of linked ? [linked] : this.subscriptions.keys()) wanted.add(id);
    }
    for (const id of wanted) {
      const sub = this.subscriptions.get(id);
      if (!sub || this.fresh(this.databasesAt.get(id))) continue;
      const ok = await this.guard(() => this.loadDatabases(sub, signal));
      if (!ok) break;
    }
  }

  private async loadDatabases(sub: WireSubscription, signal?: AbortSignal): Promise<void> {
    const size = this.options.databasePageSize;
    for (let page = 0, offset = 0; page < MAX_DATABASE_PAGES; page++) {
      const got = await this.api.listDatabases(sub, offset, size, signal);
      for (const db of got.databases) this.databases.set(db.id, db);
      offset += got.databases.length;
      const more = got.total !== undefined ? offset < got.total : got.databases.length === size;
      if (!more || got.databases.length === 0) break;
    }
    this.databasesAt.set(sub.id, this.options.now());
  }

  private async guard(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (e) {
      if (isProviderError(e) && e.kind === 'aborted') throw e;
      this.problem = `Subscription and database names are not available: ${isProviderError(e) ? e.describe() : String(e)}`;
      return false;
    }
  }

  private databaseIdOf(t: WireTask): string | undefined {
    if (resourceTypeOf(t.commandType) === 'database' && t.resourceId) return t.resourceId;
    return this.hrefMatch(t)?.[3];
  }

  private hrefMatch(t: WireTask): RegExpExecArray | undefined {
    for (const href of t.hrefs) {
      const m = SUBSCRIPTION_IN_HREF.exec(href);
      if (m) return m;
    }
    return undefined;
  }

  /** The subscription a task belongs to: from its links, else from what its resource id names. */
  subscriptionIdOf(t: WireTask): string | undefined {
    const m = this.hrefMatch(t);
    if (m) return m[2];
    const kind = resourceTypeOf(t.commandType);
    if (kind === 'subscription') return t.resourceId;
    if (kind === 'database' && t.resourceId) return this.databases.get(t.resourceId)?.subscriptionId;
    return undefined;
  }

  place(t: WireTask): TaskPlace {
    const subscriptionId = this.subscriptionIdOf(t);
    const dbId = this.databaseIdOf(t);
    return {
      subscriptionId,
      subscription: subscriptionId ? this.subscriptions.get(subscriptionId) : undefined,
      database: dbId
        ? (this.databases.get(dbId) ?? (subscriptionId ? { id: dbId, subscriptionId } : undefined))
        : undefined,
    };
  }
}

import { asProviderError, ProviderError } from '../core/errors';
import * as say from '../core/say';
import type { GetTaskOptions, TaskSource } from '../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../core/task';
import { LastRegionReads, failureOf, readEachRegion } from './region-reads';

/**
 * One connection of several regions (Tencent Cloud, Alibaba Cloud) made of one source per region, each signing and
 * addressing its own region as its provider requires. The tree reads it as it reads an AWS connection of several
 * regions: a region row (no parent) above each region's instance rows (`TaskGroup.parent`).
 *
 * Ids are the region's own, prefixed with the region (`ap-shanghai/1008`, `ap-shanghai/crs-sh000001`): two regions may
 * use the same task ids, and `getTask`, `loadMore` and the `group` hint must reach the region that owns them. A
 * connection of one region is never wrapped, so its ids and rows stay as they were.
 *
 * One region failing hides nothing of the others (region-reads.ts).
 */
export interface RegionSource {
  region: string;
  source: TaskSource;
}

export interface SeveralRegionsOptions {
  provider: string;
  connectionId: string;
  /** In the order the connection names them. */
  regions: readonly RegionSource[];
  /** The region row's description: a text of the descriptor's `textTemplates`, so the extension translates it. */
  regionText: string;
  /** Releases what the region sources share (one HTTP client). */
  close: () => Promise<void>;
}

/** Regions asked at once: each costs a few list calls, and both clouds throttle per account. */
const REGION_CONCURRENCY = 4;

export class SeveralRegionsSource implements TaskSource {
  readonly provider: string;
  readonly connectionId: string;
  private readonly last = new LastRegionReads();

  constructor(private readonly o: SeveralRegionsOptions) {
    this.provider = o.provider;
    this.connectionId = o.connectionId;
  }

  consoleUrl(): string | undefined {
    return this.o.regions[0]?.source.consoleUrl?.();
  }

  close(): Promise<void> {
    return this.o.close();
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const sources = new Map(this.o.regions.map(r => [r.region, r.source]));
    const results = await readEachRegion([...sources.keys()], REGION_CONCURRENCY, region =>
      sources.get(region)!.refresh(query, signal),
    );

    const groups: TaskGroup[] = [];
    const tasks: Task[] = [];
    const more: Record<string, string> = {};
    for (const { region } of this.o.regions) {
      const r = results.get(region)!;
      const row: TaskGroup = { id: region, label: region, kind: 'tasks', description: this.o.regionText };
      if ('error' in r) {
        const kept = this.last.kept(region, query);
        groups.push({ ...row, failure: failureOf(r.error) }, ...kept.groups);
        tasks.push(...kept.tasks);
        continue;
      }
      const read = this.regionPart(region, r.ok, query);
      this.last.remember(region, query, read.groups, read.tasks);
      groups.push(row, ...read.groups);
      tasks.push(...read.tasks);
      for (const [g, cursor] of Object.entries(r.ok.more)) more[prefixed(region, g)] = cursor;
    }
    return { groups, tasks, more };
  }

  async loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const { region, source, inner } = this.route(group);
    const page = await source.loadMore(inner, cursor, query, signal);
    return { tasks: page.tasks.map(t => prefixTask(region, t)), next: page.next };
  }

  /**
   * A prefixed id asks its own region. A bare one (typed on the CLI: `redis-tasks get 1008`) asks each region in turn
   * until one knows it.
   */
  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const hint = options.group !== undefined ? this.split(options.group) : undefined;
    const own = this.split(id);
    // A hint of ours names its region; a bare one (`get --instance crs-…`) is passed to every region as it is.
    const groupIn = (region: string) => (hint ? (hint.region === region ? hint.inner : undefined) : options.group);
    if (own) {
      const group = groupIn(own.region);
      return prefixTask(own.region, await own.source.getTask(own.inner, { ...options, group }));
    }
    let firstError: ProviderError | undefined;
    for (const { region, source } of this.o.regions) {
      try {
        const group = groupIn(region);
        return prefixTask(region, await source.getTask(id, { ...options, group }));
      } catch (e) {
        const error = asProviderError(e);
        if (error.kind !== 'not-found') firstError ??= error;
      }
    }
    throw (
      firstError ??
      new ProviderError(
        'not-found',
        say.t('Task {0} was found in none of the regions {1}.', id, this.o.regions.map(r => r.region).join(', ')),
      )
    );
  }

  /** One region's groups and tasks with their ids prefixed; its top groups sit under its region row. */
  private regionPart(region: string, s: TaskSnapshot, query: TaskQuery): { groups: TaskGroup[]; tasks: Task[] } {
    const tasks = s.tasks.map(t => prefixTask(region, t));
    const used = new Set(tasks.map(t => t.group));
    const groups = s.groups
      // An instance filter names one instance of one region; the others answer with an empty group of that id.
      .filter(g => !query.instanceId || g.label !== g.id || used.has(prefixed(region, g.id)))
      .map(g => ({ ...g, id: prefixed(region, g.id), parent: g.parent ? prefixed(region, g.parent) : region }));
    return { groups, tasks };
  }

  private split(id: string): { region: string; source: TaskSource; inner: string } | undefined {
    const r = this.o.regions.find(x => id.startsWith(`${x.region}/`));
    return r && { region: r.region, source: r.source, inner: id.slice(r.region.length + 1) };
  }

  private route(group: string): { region: string; source: TaskSource; inner: string } {
    const r = this.split(group);
    if (!r)
      throw new ProviderError(
        'not-found',
        say.t('The group {0} belongs to none of the regions of this connection.', group),
      );
    return r;
  }
}

function prefixed(region: string, id: string): string {
  return `${region}/${id}`;
}

/**
 * The task with its region's prefix, changed in place: a region source's tasks are objects made for this one answer
 * and held by nothing else (no region source keeps what it returned), and a copy of each (twenty fields) was about a
 * fourteenth of all a 50-connection refresh allocated (issue 16: fewer intermediate objects per task).
 */
function prefixTask(region: string, t: Task): Task {
  t.id = prefixed(region, t.id);
  t.group = prefixed(region, t.group);
  return t;
}

import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { CancelOptions, GetTaskOptions, TaskSource } from '../../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../../core/task';
import { elastiCacheConsoleUrl } from './endpoints';
import { obj, str } from './fields';
import { parseTaskId, regionGroupId } from './ids';
import { AWS_GROUP_TEXTS } from './descriptor';
import { LastRegionReads, failureOf, readEachRegion } from '../region-reads';
import { TaskLookup } from './lookup';
import { EVENTS_MAX_AGE_MS, regionSnapshot, type RegionApis } from './region';
import { resourceWords } from './resources';
import { xmlList } from './xml';

export const DEFAULT_WINDOW_MS = 7 * 86_400_000;
/** Regions asked at once: each costs about ten Describe calls, and AWS throttles per account and region. */
const REGION_CONCURRENCY = 3;

export interface AwsSourceOptions extends RegionApis {
  regions: string[];
  now: () => number;
  close: () => Promise<void>;
}

/**
 * One AWS connection: every region's ElastiCache (and MemoryDB) operations as tasks, grouped by region and then by
 * replication group, cluster or serverless cache. AWS keeps no task objects, so every refresh reads the resources,
 * update actions, backups and events afresh; `getTask` does the same for the task's region and picks the one task.
 * One region failing hides nothing of the others (../region-reads.ts).
 */
export class AwsTaskSource implements TaskSource {
  readonly provider = 'aws' as const;
  readonly connectionId: string;

  private readonly lookup: TaskLookup;
  private readonly last = new LastRegionReads();

  constructor(private readonly o: AwsSourceOptions) {
    this.connectionId = o.connectionId;
    this.lookup = new TaskLookup(o, o.now);
  }

  consoleUrl(): string {
    return elastiCacheConsoleUrl(this.o.regions[0]);
  }

  close(): Promise<void> {
    return this.o.close();
  }

  private window(query: TaskQuery) {
    const until = query.until ?? this.o.now();
    return { since: query.since ?? until - DEFAULT_WINDOW_MS, until };
  }

  /** Every region's operations; a region that fails shows its failure on its row over what it last showed. */
  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const window = this.window(query);
    const results = await readEachRegion(this.o.regions, REGION_CONCURRENCY, region =>
      regionSnapshot(this.o, region, window, signal),
    );
    const groups: TaskGroup[] = [];
    const tasks: Task[] = [];
    const seen = new Set<string>();
    const globals = new Set<string>();
    // Regions in the order the connection names them; a global datastore that several regions list is shown under
    // the first of them only.
    for (const region of this.o.regions) {
      const r = results.get(region)!;
      if ('error' in r) {
        const kept = this.last.kept(region, query);
        groups.push(
          {
            id: regionGroupId(region),
            label: region,
            kind: 'tasks',
            description: AWS_GROUP_TEXTS.region,
            failure: failureOf(r.error),
          },
          ...kept.groups,
        );
        for (const t of kept.tasks) {
          if (seen.has(t.id)) continue;
          seen.add(t.id);
          tasks.push(t);
        }
        continue;
      }
      const own: TaskGroup[] = [];
      for (const g of r.ok.groups) {
        if (query.instanceId && g.kind === 'instance' && g.label !== query.instanceId) continue;
        if (g.id.startsWith(`${region}/gds/`)) {
          if (globals.has(g.label)) continue;
          globals.add(g.label);
        }
        own.push(g);
      }
      const kept = new Set(own.map(g => g.id));
      const ownTasks: Task[] = [];
      for (const t of r.ok.tasks) {
        if (seen.has(t.id) || !kept.has(t.group) || !matches(t, query)) continue;
        seen.add(t.id);
        ownTasks.push(t);
      }
      groups.push(...own);
      tasks.push(...ownTasks);
      this.last.remember(
        region,
        query,
        own.filter(g => g.id !== regionGroupId(region)),
        ownTasks,
      );
    }
    return { groups, tasks, more: {} };
  }

  /** Every list is paged to its end on refresh (AWS lists are short), so there is never more to load. */
  loadMore(_group: string, _cursor: string, _query: TaskQuery, _signal?: AbortSignal): Promise<TaskPage> {
    return Promise.resolve({ tasks: [] });
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const key = parseTaskId(id);
    if (!this.o.regions.includes(key.region))
      throw new ProviderError(
        'not-found',
        say.t('Task {0} belongs to {1}, which this connection does not include.', id, key.region),
      );
    const one = await this.lookup.find(key, options.signal);
    if (one) return one;
    const now = this.o.now();
    const window = { since: now - EVENTS_MAX_AGE_MS, until: now };
    const found = (await regionSnapshot(this.o, key.region, window, options.signal)).tasks.find(t => t.id === id);
    if (found) return found;
    throw new ProviderError('not-found', say.t('Task {0} is no longer listed by AWS (events are kept 14 days).', id));
  }

  /**
   * Stops a service update with BatchStopUpdateAction, sent once (a POST marked as a write, never retried). The
   * current status is read first: AWS would accept the call for an update that has ended and report it unprocessed.
   */
  async cancelTask(id: string, options: CancelOptions = {}): Promise<void> {
    const key = parseTaskId(id);
    if (key.kind === 'mupd')
      throw new ProviderError(
        'not-cancelable',
        say.t('MemoryDB has no call to stop a service update: {0} on {1} cannot be stopped.', key.update, key.cluster),
      );
    if (key.kind !== 'upd')
      throw new ProviderError(
        'not-cancelable',
        say.t('On AWS only a service update can be stopped; this task is not one.'),
      );
    const current = await this.getTask(id, { signal: options.signal });
    if (!current.capabilities.cancel)
      throw new ProviderError(
        'not-cancelable',
        current.providerStatus
          ? say.t(
              'The service update {0} of {1} cannot be stopped: it is {2}.',
              key.update,
              resourceWords(key.rtype, key.resource),
              current.providerStatus,
            )
          : say.t(
              'The service update {0} of {1} cannot be stopped in its current state.',
              key.update,
              resourceWords(key.rtype, key.resource),
            ),
      );
    const result = await this.o.elasticache.call(
      key.region,
      'BatchStopUpdateAction',
      {
        ServiceUpdateName: key.update,
        [key.rtype === 'rg' ? 'ReplicationGroupIds.member.1' : 'CacheClusterIds.member.1']: key.resource,
      },
      say.t('the stop of service update {0} on {1}', key.update, resourceWords(key.rtype, key.resource)),
      { signal: options.signal, idempotent: false },
    );
    const refused = xmlList(result.UnprocessedUpdateActions, 'UnprocessedUpdateAction').map(obj)[0];
    if (refused) {
      const type = str(refused, 'ErrorType') ?? 'Unprocessed';
      const reason = str(refused, 'ErrorMessage');
      throw new ProviderError(
        'not-cancelable',
        reason
          ? say.t('AWS did not stop {0} on {1} ({2}): {3}', key.update, key.resource, type, reason)
          : say.t('AWS did not stop {0} on {1} ({2}): no reason given', key.update, key.resource, type),
        { code: type },
      );
    }
  }
}

function matches(t: Task, q: TaskQuery): boolean {
  if (q.statuses?.length && !q.statuses.includes(t.status)) return false;
  if (q.types?.length && !q.types.includes(t.type ?? '')) return false;
  return true;
}

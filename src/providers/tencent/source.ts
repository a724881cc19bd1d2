import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { GetTaskOptions, TaskSource } from '../../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../../core/task';
import type { HttpClient } from '../../http/client';
import type { TencentApi } from './api';
import { regionConsoleUrl } from './console';
import type { LegacyTencentApi } from './legacy-api';
import { parseInstances, parseLegacyTaskList, parseTaskInfo, parseTaskList, type InstanceRecord } from './parse';
import { legacyTaskListParams, taskListFilter, type ServerQuery } from './query';
import { legacyTaskId, splitLegacyTaskId, taskFromInfo, taskFromLegacy, taskFromList, type TaskContext } from './tasks';

export interface PageSizes {
  /** `DescribeInstances` page (the API allows up to 1000). */
  instances: number;
  /** `DescribeTaskList` / `GetRedisTaskList` page (up to 100). */
  tasks: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { instances: 1000, tasks: 100 };

/** Safety stop for instance paging: a server that keeps saying "more" must not loop us forever. */
const MAX_INSTANCE_PAGES = 50;

export interface TencentSourceOptions {
  connectionId: string;
  region: string;
  http: HttpClient;
  now: () => number;
  pageSizes?: Partial<PageSizes>;
  /** `OperateUin` filter (operator account ids) sent with every task list request. */
  operateUin?: string[];
}

/**
 * "Load more" cursor: the next page of one instance at `offset`, dropping the first `skip` tasks (already shown from
 * the region-wide first page). Offsets stay multiples of the page size, as `DescribeTaskList` demands.
 */
interface Cursor {
  offset: number;
  skip: number;
}

function encodeCursor(c: Cursor): string {
  return `${c.offset}:${c.skip}`;
}

function decodeCursor(cursor: string): Cursor {
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m) throw new ProviderError('bad-request', say.t('"{0}" is not a Tencent task list cursor.', cursor));
  return { offset: Number(m[1]), skip: Number(m[2]) };
}

function keep(task: Task, q: ServerQuery<unknown>): boolean {
  if (q.statuses && !q.statuses.has(task.status)) return false;
  if (q.types && !q.types.has(task.type ?? '')) return false;
  return true;
}

function groupOf(id: string, label: string | undefined): TaskGroup {
  return { id, label: label || id, kind: 'instance', description: id };
}

abstract class TencentSourceBase implements TaskSource {
  readonly provider = 'tencent' as const;
  readonly connectionId: string;
  protected readonly ctx: TaskContext;
  protected readonly sizes: PageSizes;

  constructor(protected readonly options: TencentSourceOptions) {
    this.connectionId = options.connectionId;
    this.ctx = { connectionId: options.connectionId, region: options.region, consoleUrls: new Map() };
    this.sizes = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
  }

  abstract refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot>;
  abstract loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage>;
  abstract getTask(id: string, options?: GetTaskOptions): Promise<Task>;

  consoleUrl(): string | undefined {
    return regionConsoleUrl(this.options.region);
  }

  close(): Promise<void> {
    return this.options.http.close();
  }
}

/** The current API: instances from `DescribeInstances`, tasks from one region-wide `DescribeTaskList`. */
export class TencentTaskSource extends TencentSourceBase {
  constructor(
    options: TencentSourceOptions,
    private readonly api: TencentApi,
  ) {
    super(options);
  }

  private async instances(signal?: AbortSignal): Promise<InstanceRecord[]> {
    const all: InstanceRecord[] = [];
    const limit = this.sizes.instances;
    for (let page = 0; page < MAX_INSTANCE_PAGES; page++) {
      const r = parseInstances(
        await this.api.call(
          'DescribeInstances',
          { Limit: limit, Offset: page * limit },
          say.t('the list of Redis instances'),
          signal,
        ),
      );
      all.push(...r.items);
      if (r.items.length < limit || all.length >= r.totalCount) break;
    }
    return all;
  }

  private async taskPage(query: TaskQuery, instanceId: string | undefined, cursor: Cursor, signal?: AbortSignal) {
    const q = taskListFilter(instanceId ? { ...query, instanceId } : query, this.options.now(), {
      OperateUin: this.options.operateUin,
    });
    if (q.empty)
      return { tasks: [] as Task[], next: undefined, truncated: false, perInstance: new Map<string, number>() };
    const limit = this.sizes.tasks;
    const r = parseTaskList(
      await this.api.call(
        'DescribeTaskList',
        { ...q.params, Limit: limit, Offset: cursor.offset },
        say.t('the task list'),
        signal,
      ),
    );
    const end = cursor.offset + r.items.length;
    const truncated = r.items.length === limit && end < r.totalCount;
    const items = r.items.slice(cursor.skip);
    // Counted before our own filtering: the server's offsets count every task it listed.
    const perInstance = new Map<string, number>();
    for (const t of items) perInstance.set(t.instanceId, (perInstance.get(t.instanceId) ?? 0) + 1);
    const tasks = items.map(t => taskFromList(this.ctx, t)).filter(t => keep(t, q));
    return {
      tasks,
      next: truncated ? encodeCursor({ offset: cursor.offset + limit, skip: 0 }) : undefined,
      truncated,
      perInstance,
    };
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const instances = await this.instances(signal);
    const wanted = query.instanceId ? instances.filter(i => i.id === query.instanceId) : instances;
    const groups = new Map<string, TaskGroup>(wanted.map(i => [i.id, groupOf(i.id, i.name)]));
    if (query.instanceId && !groups.has(query.instanceId))
      groups.set(query.instanceId, groupOf(query.instanceId, undefined));

    const page = await this.taskPage(query, query.instanceId, { offset: 0, skip: 0 }, signal);
    const more: Record<string, string> = {};
    for (const task of page.tasks) {
      // Tasks of a deleted instance still belong somewhere: the instance gets a group of its own.
      if (!groups.has(task.group)) groups.set(task.group, groupOf(task.group, task.target?.name));
    }
    if (page.truncated) {
      if (query.instanceId) more[query.instanceId] = page.next!;
      else {
        // The region-wide page was cut: any instance may have more. Its own list continues after what it showed,
        // from an offset that is a multiple of the page size.
        const limit = this.sizes.tasks;
        for (const id of groups.keys()) {
          const shown = page.perInstance.get(id) ?? 0;
          more[id] = encodeCursor({ offset: Math.floor(shown / limit) * limit, skip: shown % limit });
        }
      }
    }
    return { groups: [...groups.values()], tasks: page.tasks, more };
  }

  async loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const page = await this.taskPage(query, group, decodeCursor(cursor), signal);
    return { tasks: page.tasks, next: page.next };
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    if (!/^\d+$/.test(id))
      throw new ProviderError('not-found', say.t('"{0}" is not a Tencent task id (a number).', id));
    const r = parseTaskInfo(
      await this.api.call('DescribeTaskInfo', { TaskId: Number(id) }, say.t('task {0}', id), options.signal),
    );
    return taskFromInfo(this.ctx, id, options.group, r);
  }
}

/** The legacy API 2.0: `GetRedisTaskList` only, so instances are learned from the tasks themselves. */
export class LegacyTencentTaskSource extends TencentSourceBase {
  constructor(
    options: TencentSourceOptions,
    private readonly api: LegacyTencentApi,
  ) {
    super(options);
  }

  private async page(query: TaskQuery, instanceId: string | undefined, offset: number, signal?: AbortSignal) {
    const q = legacyTaskListParams(instanceId ? { ...query, instanceId } : query, this.options.now());
    if (q.empty) return { tasks: [] as Task[], next: undefined, perInstance: new Map<string, number>() };
    const limit = this.sizes.tasks;
    const body = await this.api.call(
      'GetRedisTaskList',
      { ...q.params, limit: String(limit), offset: String(offset) },
      say.t('the task list'),
      signal,
    );
    const r = parseLegacyTaskList(body);
    const end = offset + r.items.length;
    const perInstance = new Map<string, number>();
    for (const t of r.items) perInstance.set(t.redisId, (perInstance.get(t.redisId) ?? 0) + 1);
    const tasks = r.items.map(t => taskFromLegacy(this.ctx, t)).filter(t => keep(t, q));
    return { tasks, next: r.items.length === limit && end < r.totalCount ? String(end) : undefined, perInstance };
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const page = await this.page(query, query.instanceId, 0, signal);
    const groups = new Map<string, TaskGroup>();
    if (query.instanceId) groups.set(query.instanceId, groupOf(query.instanceId, undefined));
    for (const task of page.tasks) {
      const g = groups.get(task.group);
      if (!g || g.label === g.id) groups.set(task.group, groupOf(task.group, task.target?.name));
    }
    const more: Record<string, string> = {};
    if (page.next) {
      // Legacy offsets are plain record offsets, so a group's own list can start right after the tasks it showed.
      for (const id of groups.keys()) more[id] = String(page.perInstance.get(id) ?? 0);
    }
    return { groups: [...groups.values()], tasks: page.tasks, more };
  }

  async loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const m = /^(\d+)$/.exec(cursor);
    if (!m) throw new ProviderError('bad-request', say.t('"{0}" is not a Tencent legacy task list cursor.', cursor));
    const page = await this.page(query, group, Number(m[1]), signal);
    return { tasks: page.tasks, next: page.next };
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const key = splitLegacyTaskId(id);
    if (!key) throw new ProviderError('not-found', say.t('"{0}" is not a task of the legacy Tencent API.', id));
    const params: Record<string, string> = { redisId: key.redisId, limit: '100', offset: '0' };
    if (key.startTime) {
      params.beginTime = key.startTime;
      params.endTime = key.startTime;
    }
    const r = parseLegacyTaskList(
      await this.api.call(
        'GetRedisTaskList',
        params,
        say.t('task {0} of {1}', key.taskName || id, key.redisId),
        options.signal,
      ),
    );
    const found = r.items.find(t => legacyTaskId(t) === id);
    if (!found)
      throw new ProviderError(
        'not-found',
        say.t(
          'Task {0} of instance {1} started {2} is no longer listed.',
          key.taskName || id,
          key.redisId,
          key.startTime,
        ),
      );
    return taskFromLegacy(this.ctx, found);
  }
}

import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { GetTaskOptions, TaskSource } from '../../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../../core/task';
import type { AlibabaApi } from './api';
import { consoleUrl } from './endpoint';
import type { TaskApi } from './errors';
import { acsTimestamp } from './signer';
import { DESCRIBE_TASKS_STATUS, HISTORY_TASKS_STATUS, providerStatuses } from './status-map';
import { fromHistoryTask, fromLegacyTask, type TaskContext } from './tasks';
import { parseHistoryTasks, parseInstances, parseLegacyTasks, type AliInstance } from './wire';

const DAY_MS = 86_400_000;
/** DescribeHistoryTasks refuses a FromStartTime more than 30 days back. */
const HISTORY_MAX_AGE_MS = 30 * DAY_MS;
export const DEFAULT_WINDOW_MS = 7 * DAY_MS;
const INSTANCE_PAGE = 50;
const HISTORY_PAGE = 100;
/** DescribeTasks accepts 30, 50 or 100. */
const LEGACY_PAGE = 30;
/** Region-wide pages fetched on refresh before the rest is left to "Load more". */
const HISTORY_PAGES_ON_REFRESH = 1;
const MAX_INSTANCE_PAGES = 40;
const LEGACY_CONCURRENCY = 4;
const MAX_CACHED_CONSOLE_URLS = 1000;

export interface AlibabaSourceOptions {
  connectionId: string;
  region: string;
  taskApi: TaskApi;
  api: AlibabaApi;
  now: () => number;
  close: () => Promise<void>;
}

interface Window {
  from: number;
  to: number;
}

/** `yyyy-MM-ddTHH:mmZ`, DescribeTasks' minute-precision format. */
function minuteTimestamp(ms: number): string {
  return acsTimestamp(ms).replace(/:\d{2}Z$/, 'Z');
}

function encodeCursor(offset: number): string {
  return `offset:${offset}`;
}

function decodeCursor(cursor: string): number {
  const m = /^offset:(\d+)$/.exec(cursor);
  if (!m) throw new ProviderError('bad-request', say.t('"{0}" is not a page cursor of this connection.', cursor));
  return Number(m[1]);
}

export class AlibabaTaskSource implements TaskSource {
  readonly provider = 'alibaba' as const;
  readonly connectionId: string;
  private readonly instances = new Map<string, AliInstance>();
  private readonly consoleUrls = new Map<string, string>();

  constructor(private readonly o: AlibabaSourceOptions) {
    this.connectionId = o.connectionId;
  }

  consoleUrl(): string {
    return consoleUrl(this.o.region);
  }

  async close(): Promise<void> {
    await this.o.close();
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const all = await this.listInstances(signal);
    const instances = query.instanceId ? all.filter(i => i.id === query.instanceId) : all;
    const groups: TaskGroup[] = instances.map(i => this.group(i));
    const tasks: Task[] = [];
    const more: Record<string, string> = {};
    if (this.o.taskApi === 'DescribeHistoryTasks') {
      const seen = new Map<string, number>();
      const groupIds = new Set(groups.map(g => g.id));
      let page = 1;
      let total = 0;
      let fetched = 0;
      do {
        const res = await this.historyPage(query, undefined, page, signal);
        if (!res) break;
        total = res.total;
        fetched += res.items.length;
        for (const item of res.items) {
          const instanceId = item.instanceId ?? '';
          if (!groupIds.has(instanceId)) {
            // A task of an instance that is gone (released) or beyond the instance list: still worth seeing.
            const known = this.instances.get(instanceId);
            groups.push(this.group(known ?? { id: instanceId, name: item.instanceName }));
            groupIds.add(instanceId);
          }
          seen.set(instanceId, (seen.get(instanceId) ?? 0) + 1);
          tasks.push(fromHistoryTask(item, this.context(instanceId, item.instanceName)));
        }
        if (res.items.length === 0) break;
        page++;
      } while (fetched < total && page <= HISTORY_PAGES_ON_REFRESH);
      // The region-wide list was cut short: any group may have more, each continues on its own instance's list.
      if (fetched < total) for (const g of groups) more[g.id] = encodeCursor(seen.get(g.id) ?? 0);
    } else {
      const queue = [...instances];
      const worker = async () => {
        for (let inst = queue.shift(); inst; inst = queue.shift()) {
          const page = await this.legacyPage(inst.id, query, 1, signal);
          if (!page) continue;
          tasks.push(...page.tasks);
          if (page.consumed < page.total) more[inst.id] = encodeCursor(page.consumed);
        }
      };
      await Promise.all(Array.from({ length: Math.min(LEGACY_CONCURRENCY, queue.length) }, worker));
    }
    return { groups, tasks, more };
  }

  async loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const offset = decodeCursor(cursor);
    const size = this.o.taskApi === 'DescribeHistoryTasks' ? HISTORY_PAGE : LEGACY_PAGE;
    const pageNumber = Math.floor(offset / size) + 1;
    const skip = offset % size;
    if (this.o.taskApi === 'DescribeHistoryTasks') {
      const res = await this.historyPage(query, group, pageNumber, signal);
      if (!res) return { tasks: [] };
      const items = res.items.slice(skip);
      const consumed = offset + items.length;
      return {
        tasks: items.map(i => fromHistoryTask(i, this.context(i.instanceId ?? group, i.instanceName))),
        next: items.length > 0 && consumed < res.total ? encodeCursor(consumed) : undefined,
      };
    }
    const res = await this.legacyPage(group, query, pageNumber, signal, skip);
    if (!res) return { tasks: [] };
    return {
      tasks: res.tasks,
      next: res.consumed > offset && res.consumed < res.total ? encodeCursor(res.consumed) : undefined,
    };
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const now = this.o.now();
    const window: Window = { from: now - HISTORY_MAX_AGE_MS + 60_000, to: now };
    if (this.o.taskApi === 'DescribeHistoryTasks') {
      const params: Record<string, string> = {
        RegionId: this.o.region,
        InstanceType: 'Instance',
        TaskId: id,
        FromStartTime: acsTimestamp(window.from),
        ToStartTime: acsTimestamp(window.to),
        PageSize: '10',
        PageNumber: '1',
      };
      if (options.group) params.InstanceId = options.group;
      const res = parseHistoryTasks(
        await this.o.api.call('DescribeHistoryTasks', params, say.t('task {0}', id), options.signal),
      );
      const item = res.items.find(i => i.taskId === id);
      if (!item) throw notFound(id);
      return fromHistoryTask(item, this.context(item.instanceId ?? options.group ?? '', item.instanceName));
    }
    if (!options.group) {
      throw new ProviderError(
        'bad-request',
        say.t('DescribeTasks needs the instance of task {0}: open it from its instance in the tree.', id),
      );
    }
    // DescribeTasks has no task id filter: walk the instance's pages (bounded) until it appears.
    for (let page = 1; page <= 10; page++) {
      const res = await this.legacyPage(options.group, { since: window.from, until: window.to }, page, options.signal);
      if (!res) break;
      const task = res.tasks.find(t => t.id === id);
      if (task) return task;
      if (res.consumed >= res.total) break;
    }
    throw notFound(id);
  }

  private group(i: AliInstance): TaskGroup {
    return { id: i.id, label: i.name || i.id, kind: 'instance', description: i.id };
  }

  private context(instanceId: string, instanceName?: string): TaskContext {
    return {
      connectionId: this.connectionId,
      instanceId,
      instanceName: instanceName ?? this.instances.get(instanceId)?.name,
      consoleUrl: this.instanceConsoleUrl(instanceId),
    };
  }

  /** One URL per instance, not one per task: a page of 100 tasks of the same instance built 100 equal strings. */
  private instanceConsoleUrl(instanceId: string): string {
    let url = this.consoleUrls.get(instanceId);
    if (url === undefined) {
      // Bounded: a server inventing instance ids must not grow this forever.
      if (this.consoleUrls.size >= MAX_CACHED_CONSOLE_URLS) this.consoleUrls.clear();
      url = instanceId ? consoleUrl(this.o.region, instanceId) : consoleUrl(this.o.region);
      this.consoleUrls.set(instanceId, url);
    }
    return url;
  }

  private window(query: TaskQuery, maxAgeMs?: number): Window {
    const now = this.o.now();
    let from = query.since ?? now - DEFAULT_WINDOW_MS;
    if (maxAgeMs !== undefined) from = Math.max(from, now - maxAgeMs + 60_000);
    const to = Math.max(from, query.until ?? now);
    return { from, to };
  }

  private async listInstances(signal?: AbortSignal): Promise<AliInstance[]> {
    const out: AliInstance[] = [];
    for (let page = 1; page <= MAX_INSTANCE_PAGES; page++) {
      const res = parseInstances(
        await this.o.api.call(
          'DescribeInstances',
          {
            RegionId: this.o.region,
            PageSize: String(INSTANCE_PAGE),
            PageNumber: String(page),
          },
          say.t('the list of instances'),
          signal,
        ),
      );
      out.push(...res.items);
      if (res.items.length === 0 || out.length >= res.total) break;
    }
    this.instances.clear();
    for (const i of out) this.instances.set(i.id, i);
    return out;
  }

  /** One region-wide (or one instance's) page; undefined when the status filter can match nothing here. */
  private async historyPage(query: TaskQuery, instanceId: string | undefined, page: number, signal?: AbortSignal) {
    const w = this.window(query, HISTORY_MAX_AGE_MS);
    const params: Record<string, string> = {
      RegionId: this.o.region,
      InstanceType: 'Instance',
      FromStartTime: acsTimestamp(w.from),
      ToStartTime: acsTimestamp(w.to),
      PageSize: String(HISTORY_PAGE),
      PageNumber: String(page),
    };
    if (query.statuses?.length) {
      const codes = providerStatuses(HISTORY_TASKS_STATUS, query.statuses);
      if (!codes.length) return undefined;
      params.Status = codes.join(',');
    }
    if (query.types?.length) params.TaskType = query.types.join(',');
    const instance = instanceId ?? query.instanceId;
    if (instance) params.InstanceId = instance;
    return parseHistoryTasks(await this.o.api.call('DescribeHistoryTasks', params, say.t('the task history'), signal));
  }

  /**
   * One page of one instance's DescribeTasks. `consumed` counts the server's items up to the end of this page, so
   * paging stays right when the type filter (which DescribeTasks lacks, so it is applied here) drops some.
   */
  private async legacyPage(instanceId: string, query: TaskQuery, page: number, signal?: AbortSignal, skip = 0) {
    const w = this.window(query);
    let codes = Object.keys(DESCRIBE_TASKS_STATUS);
    if (query.statuses?.length) {
      codes = providerStatuses(DESCRIBE_TASKS_STATUS, query.statuses);
      if (!codes.length) return undefined;
    }
    const res = parseLegacyTasks(
      await this.o.api.call(
        'DescribeTasks',
        {
          RegionId: this.o.region,
          InstanceId: instanceId,
          // Minute precision: round outwards so tasks started in the current minute are inside the window.
          StartTime: minuteTimestamp(Math.floor(w.from / 60_000) * 60_000),
          EndTime: minuteTimestamp(Math.ceil((w.to + 1) / 60_000) * 60_000),
          Status: codes.join(','),
          PageSize: String(LEGACY_PAGE),
          PageNumber: String(page),
        },
        say.t('the tasks of {0}', instanceId),
        signal,
      ),
    );
    const ctx = this.context(instanceId);
    const items = res.items
      .slice(skip)
      .filter(i => !query.types?.length || (i.taskAction !== undefined && query.types.includes(i.taskAction)));
    return {
      tasks: items.map(i => fromLegacyTask(i, ctx)),
      consumed: (page - 1) * LEGACY_PAGE + res.items.length,
      total: res.total,
    };
  }
}

function notFound(id: string): ProviderError {
  return new ProviderError(
    'not-found',
    say.t("Task {0} was not found in the last 30 days of this region's tasks.", id),
  );
}

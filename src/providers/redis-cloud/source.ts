import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { GetTaskOptions, TaskSource } from '../../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../../core/task';
import type { RedisCloudApi } from './api';
import type { WireTask } from './wire';
import { accountConsoleUrl } from './console';
import { NameIndex } from './names';
import { DEFAULT_PROVISIONING, ProvisioningTracker, type ProvisioningOptions } from './provisioning';
import { OTHER_GROUP, OTHER_GROUP_ID, subscriptionGroup, toTask, type TaskContext } from './tasks';

export interface RedisCloudSourceOptions {
  connectionId: string;
  api: RedisCloudApi;
  now: () => number;
  /** Tasks shown per group before "Load more" (the API returns all tasks of the last days at once). */
  pageSize: number;
  namesTtlMs: number;
  databasePageSize: number;
  /** How processing-completed tasks are followed through provisioning (defaults: `DEFAULT_PROVISIONING`). */
  provisioning?: Partial<Omit<ProvisioningOptions, 'now'>>;
  /** Releases what the source holds (the HTTP client). */
  close: () => Promise<void>;
}

function parseCursor(cursor: string): number {
  if (!/^\d+$/.test(cursor))
    throw new ProviderError('bad-request', say.t('"{0}" is not a Redis Cloud task list cursor.', cursor));
  return Number(cursor);
}

function matches(task: Task, query: TaskQuery): boolean {
  if (query.statuses?.length && !query.statuses.includes(task.status)) return false;
  if (query.types?.length && !query.types.includes(task.type ?? '')) return false;
  const at = task.startedAt ?? task.finishedAt;
  if (query.since !== undefined && (at === undefined || at < query.since)) return false;
  if (query.until !== undefined && (at === undefined || at > query.until)) return false;
  if (query.instanceId && task.group !== query.instanceId) return false;
  return true;
}

/**
 * Redis Cloud's tasks, grouped by subscription. `GET /tasks` returns the account's recent tasks in one answer (no
 * paging, no filters), so filters apply here and "Load more" pages through the same list.
 */
export class RedisCloudTaskSource implements TaskSource {
  readonly provider = 'redis-cloud' as const;
  readonly connectionId: string;
  private readonly names: NameIndex;
  private readonly ctx: TaskContext;
  private readonly provisioning: ProvisioningTracker;

  constructor(private readonly options: RedisCloudSourceOptions) {
    this.connectionId = options.connectionId;
    this.names = new NameIndex(options.api, {
      now: options.now,
      ttlMs: options.namesTtlMs,
      databasePageSize: options.databasePageSize,
    });
    this.ctx = { connectionId: options.connectionId, firstSeen: new Map() };
    this.provisioning = new ProvisioningTracker(options.api, {
      ...DEFAULT_PROVISIONING,
      ...options.provisioning,
      now: options.now,
    });
  }

  private async allTasks(query: TaskQuery, signal?: AbortSignal): Promise<Task[]> {
    const wire = await this.options.api.listTasks(signal);
    await this.names.update(wire, signal);
    await this.provisioning.update(wire, w => this.names.place(w), true, signal);
    return wire.map(w => this.toTask(w)).filter(t => matches(t, query));
  }

  private toTask(w: WireTask): Task {
    return toTask(w, this.names.place(w), this.ctx, this.provisioning.state(w.taskId));
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    const tasks = await this.allTasks(query, signal);
    const byGroup = new Map<string, Task[]>();
    for (const t of tasks) {
      const list = byGroup.get(t.group) ?? [];
      list.push(t);
      byGroup.set(t.group, list);
    }
    const groups: TaskGroup[] = [];
    const ids = new Set<string>([...this.names.subscriptions.keys(), ...byGroup.keys()]);
    ids.delete(OTHER_GROUP_ID);
    for (const id of ids) {
      if (query.instanceId && id !== query.instanceId) continue;
      groups.push(subscriptionGroup(id, this.names.subscriptions.get(id)));
    }
    groups.sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    if (byGroup.has(OTHER_GROUP_ID) || (this.names.problem && !query.instanceId)) {
      groups.push(this.names.problem ? { ...OTHER_GROUP, description: this.names.problem } : OTHER_GROUP);
    }
    const shown: Task[] = [];
    const more: Record<string, string> = {};
    for (const [group, list] of byGroup) {
      shown.push(...list.slice(0, this.options.pageSize));
      if (list.length > this.options.pageSize) more[group] = String(this.options.pageSize);
    }
    return { groups, tasks: shown, more };
  }

  async loadMore(group: string, cursor: string, query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const offset = parseCursor(cursor);
    const list = (await this.allTasks(query, signal)).filter(t => t.group === group);
    const end = offset + this.options.pageSize;
    return { tasks: list.slice(offset, end), next: list.length > end ? String(end) : undefined };
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const wire = await this.options.api.getTask(id, options.signal);
    await this.names.update([wire], options.signal);
    await this.provisioning.update([wire], w => this.names.place(w), false, options.signal);
    return this.toTask(wire);
  }

  consoleUrl(): string {
    return accountConsoleUrl();
  }

  close(): Promise<void> {
    return this.options.close();
  }
}

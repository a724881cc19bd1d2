import type { Said } from './say';

/**
 * The normalised task: every provider maps its own payload into this shape and keeps the raw payload beside it,
 * so views can show one model while nothing the provider said is lost.
 */

/** The id of a provider's descriptor (`src/providers/registry.ts`): `redis-enterprise`, `tencent`, ... */
export type ProviderId = string;

export type TaskKind = 'crdb-task' | 'action' | 'state-machine' | 'cloud-task';

/**
 * `ended` is ours, not a provider's: the task left the provider's list and its final state could not be had any more
 * (404 after the result TTL, or a provider with no single-task call). It finished; how is unknown.
 */
export type TaskStatus =
  'pending' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'paused' | 'interrupted' | 'unknown' | 'ended';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'canceled',
  'paused',
  'interrupted',
  'unknown',
  'ended',
];

/** Statuses after which a task will not change again. */
export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'canceled', 'ended']);

export function isActive(status: TaskStatus): boolean {
  return status === 'pending' || status === 'running' || status === 'paused';
}

export interface TaskStep {
  name: string;
  /** 0-100 where the provider says; a step name alone (Redis Enterprise CRDB progress) leaves it undefined. */
  progress?: number;
  remainingSeconds?: number;
  /** Free text the provider attaches to the step (for CRDB tasks: the cluster the step runs on). */
  detail?: string;
  /**
   * When the step happened or is due, epoch ms, where the provider dates it (an AWS event, a service update's release
   * date). These times are kept as times, not text, so each view writes them in its reader's form.
   */
  at?: number;
  /** When the step started and ended, epoch ms, where the provider says (a node's part of a service update). */
  startedAt?: number;
  finishedAt?: number;
}

/** One shard's pending operation (Redis Enterprise `pending_ops`). Times are Unix epoch milliseconds. */
export interface ShardOperation {
  shardId: string;
  opName?: string;
  statusCode?: string;
  statusDescription?: string;
  progress?: number;
  heartbeatAt?: number;
  lastSampleAt?: number;
}

export interface TaskProblem {
  message: string;
  code?: string;
  /** Where it happened: a cluster name, a step, a shard. */
  where?: string;
}

export interface TaskCapabilities {
  cancel: boolean;
  /** Only where the API has a forced variant (Redis Enterprise CRDB tasks). */
  forceCancel: boolean;
  /** The provider's own web console for this task or its instance, where a URL is known. */
  consoleUrl?: string;
}

export interface TaskTarget {
  id: string;
  /** A readable name resolved through the provider (database name for `bdb:1`, instance name, CRDB name). */
  name?: string;
  type?: string;
}

export interface Task {
  id: string;
  /** The connection id this task came from. */
  source: string;
  provider: ProviderId;
  kind: TaskKind;
  /** The group (tree node under the connection) this task belongs to: see `TaskGroup.id`. */
  group: string;
  /** Human label: the action name or a readable task type. */
  name: string;
  /** The provider's own type code (`create_crdb`, `SMCreateBDB`, `"001"`, `ModifyDBInstanceParameter`). */
  type?: string;
  target?: TaskTarget;
  status: TaskStatus;
  /** The provider's own status word or code, shown next to ours so nothing is hidden. */
  providerStatus: string;
  /** 0-100, undefined when the provider gives none. */
  progress?: number;
  /** Unix epoch milliseconds. */
  startedAt?: number;
  finishedAt?: number;
  remainingSeconds?: number;
  currentStep?: string;
  /**
   * Why the task was started, where the provider says (Alibaba's `ReasonCode`, such as 小版本升级, a minor version
   * upgrade). Never a failure: failures are in `errors`.
   */
  reason?: string;
  steps: TaskStep[];
  shards: ShardOperation[];
  errors: TaskProblem[];
  capabilities: TaskCapabilities;
  /** The provider's payload as received. */
  raw: unknown;
}

/** A node between a connection and its tasks: Redis Enterprise's task families, a cloud instance, a subscription. */
export interface TaskGroup {
  id: string;
  label: string;
  kind: 'crdb-tasks' | 'actions' | 'state-machines' | 'instance' | 'subscription' | 'tasks';
  description?: string;
  /** Why this group has no tasks on this server (e.g. an older cluster without `/v1/crdb_tasks`). */
  unsupportedReason?: string;
  /** The id of the group this one sits under (AWS: a replication group under its region). */
  parent?: string;
  /**
   * Why this group could not be read on the last refresh while the rest of the connection could (one region of a
   * Tencent or Alibaba connection of several): the tasks under it are those it last read, or none.
   */
  failure?: GroupFailure;
}

/** A failed read of one group, as plain data (it travels in snapshots and is persisted): the error's kind and words. */
export interface GroupFailure {
  /** An `ErrorKind` (core/errors.ts, not imported: the webview's DOM-only build reads this file too). */
  kind: string;
  /** The English text (the CLI, the log). */
  message: string;
  /** Our template and its arguments, for the extension to say it in VS Code's language (`errorText`). */
  localizable?: Said;
}

/** Filters chosen in the UI or on the CLI; providers push what their API supports to the server. */
export interface TaskQuery {
  statuses?: TaskStatus[];
  /** Provider type codes. */
  types?: string[];
  /** Unix epoch milliseconds: tasks started at or after. */
  since?: number;
  until?: number;
  /** A provider's own instance filter. */
  instanceId?: string;
}

export interface TaskSnapshot {
  groups: TaskGroup[];
  tasks: Task[];
  /** Per group: an opaque cursor for "Load more", present only when the server has more than what was fetched. */
  more: Record<string, string>;
}

export interface TaskPage {
  tasks: Task[];
  /** Present when there is another page. */
  next?: string;
}

/** Accepts numbers and numeric strings (Redis Enterprise sends `"progress": "100"`); anything else is undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function clampPercent(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.min(100, Math.max(0, value));
}

/** The largest distance from 1970 a `Date` can hold (ECMA-262 §21.4.1.1): beyond it every formatter throws. */
export const MAX_EPOCH_MS = 8.64e15;

/** A time a `Date` can hold, or undefined: one bad field reads as "unknown time" instead of breaking a whole view. */
export function validEpochMs(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS ? ms : undefined;
}

/** ISO strings, epoch seconds or epoch milliseconds (as numbers or strings) to epoch milliseconds. */
export function toEpochMs(value: unknown): number | undefined {
  const n = toNumber(value);
  if (n !== undefined) return validEpochMs(n < 1e12 ? n * 1000 : n);
  if (typeof value === 'string' && value.trim() !== '') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : validEpochMs(t);
  }
  return undefined;
}

/**
 * What the details webview shows, computed from a Task in one pure function so it can be tested without VS Code.
 * The webview only turns this model into DOM nodes (with textContent): every decision about wording, visibility and
 * formatting is made here.
 */
import { clampPercent, isActive, validEpochMs, type Task, type TaskKind, type TaskStatus } from '../../core/task';
import type {
  DetailsBanner,
  DetailsField,
  DetailsLabels,
  DetailsModel,
  DetailsProgress,
  DetailsShard,
  DetailsStep,
  DetailsTime,
} from '../../shared/detailsModel';
import { fill, formatDuration } from '../../shared/format';
import { displayTitle } from '../../core/text';
import { STATUS_LOOK } from '../../core/status-look';

/** The state the store keeps beside a task: the panel's host reports it, the model shows it. */
export interface DetailsState {
  connectionName: string;
  stale: boolean;
  cancelling: boolean;
  error?: string;
  /** The connection talks to the emulator (consoleLink.ts): there is no console to open. */
  emulated?: boolean;
}

/** Larger raw payloads are cut: a webview message of megabytes freezes the panel for no reader's benefit. */
export const RAW_JSON_LIMIT = 200 * 1024;

export function statusText(status: TaskStatus, labels: DetailsLabels): string {
  switch (status) {
    case 'pending':
      return labels.statusPending;
    case 'running':
      return labels.statusRunning;
    case 'succeeded':
      return labels.statusSucceeded;
    case 'failed':
      return labels.statusFailed;
    case 'canceled':
      return labels.statusCanceled;
    case 'paused':
      return labels.statusPaused;
    case 'interrupted':
      return labels.statusInterrupted;
    case 'unknown':
      return labels.statusUnknown;
    case 'ended':
      return labels.statusEnded;
  }
}

function kindText(kind: TaskKind, labels: DetailsLabels): string {
  switch (kind) {
    case 'crdb-task':
      return labels.kindCrdbTask;
    case 'action':
      return labels.kindAction;
    case 'state-machine':
      return labels.kindStateMachine;
    case 'cloud-task':
      return labels.kindCloudTask;
  }
}

export function formatTime(epochMs: number, labels: DetailsLabels): string {
  // A time no Date can hold (a hostile 1e300) degrades to "Unknown" here instead of throwing for the whole panel.
  if (validEpochMs(epochMs) === undefined) return labels.statusUnknown;
  try {
    return new Intl.DateTimeFormat(labels.locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(epochMs);
  } catch {
    // An unknown locale tag must not break the panel.
    return new Date(epochMs).toISOString();
  }
}

function percentOf(value: number | undefined): number | undefined {
  const p = clampPercent(value);
  return p === undefined ? undefined : Math.round(p * 10) / 10;
}

function rawJson(raw: unknown, labels: DetailsLabels): DetailsModel['raw'] {
  let text: string;
  try {
    text = JSON.stringify(raw, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? String(raw);
  } catch {
    // A cyclic payload cannot come from JSON.parse, but a provider may hand us an object it built.
    text = String(raw);
  }
  if (text.length <= RAW_JSON_LIMIT) return { text, truncated: false };
  const kb = (n: number) => Math.ceil(n / 1024);
  return {
    text: text.slice(0, RAW_JSON_LIMIT),
    truncated: true,
    note: fill(labels.rawTruncated, kb(RAW_JSON_LIMIT), kb(text.length)),
  };
}

function banners(state: DetailsState, labels: DetailsLabels): DetailsBanner[] {
  const out: DetailsBanner[] = [];
  if (state.stale) {
    out.push({ kind: 'stale', icon: 'history', text: fill(labels.staleBanner, state.error || labels.staleNoReason) });
  } else if (state.error) {
    out.push({ kind: 'error', icon: 'error', text: state.error });
  }
  if (state.cancelling) out.push({ kind: 'cancelling', icon: 'loading', text: labels.cancellingBanner });
  return out;
}

function targetText(task: Task): string | undefined {
  const t = task.target;
  if (!t) return undefined;
  if (t.name && t.name !== t.id) return `${t.name} (${t.id})`;
  return t.name || t.id;
}

/** Builds everything the webview shows for one task. `now` is epoch ms; nothing here reads a clock. */
export function buildDetailsModel(task: Task, state: DetailsState, labels: DetailsLabels, now: number): DetailsModel {
  const active = isActive(task.status);
  const { icon, spin } = STATUS_LOOK[task.status];
  const target = targetText(task);

  const fields: DetailsField[] = [{ label: labels.taskId, value: task.id }];
  if (task.type) fields.push({ label: labels.type, value: task.type });
  fields.push({ label: labels.kind, value: kindText(task.kind, labels) });
  if (target) fields.push({ label: labels.target, value: target });
  fields.push({ label: labels.connection, value: state.connectionName });
  if (task.reason) fields.push({ label: labels.reason, value: task.reason });

  const percent = percentOf(task.progress);
  const progress: DetailsProgress =
    percent === undefined
      ? { text: labels.progressUnknown, indeterminate: active }
      : { percent, text: fill(labels.percent, percent), indeterminate: false };

  const times: DetailsTime[] = [];
  if (task.startedAt !== undefined) times.push({ label: labels.started, value: formatTime(task.startedAt, labels) });
  if (task.finishedAt !== undefined) times.push({ label: labels.finished, value: formatTime(task.finishedAt, labels) });
  const started = validEpochMs(task.startedAt);
  const finished = validEpochMs(task.finishedAt);
  if (started !== undefined && finished !== undefined) {
    times.push({ label: labels.duration, value: formatDuration((finished - started) / 1000, labels) });
  } else if (task.startedAt !== undefined && active) {
    if (validEpochMs(task.startedAt) !== undefined)
      times.push({ label: labels.duration, value: '', liveSince: task.startedAt });
  }

  const steps: DetailsStep[] = task.steps.map((step, index) => {
    const stepPercent = percentOf(step.progress);
    return {
      index: index + 1,
      name: step.name,
      percent: stepPercent,
      progressText: stepPercent === undefined ? undefined : fill(labels.percent, stepPercent),
      remaining: step.remainingSeconds === undefined ? undefined : formatDuration(step.remainingSeconds, labels),
      detail: step.detail,
      current: task.currentStep !== undefined && step.name === task.currentStep,
    };
  });

  const shards: DetailsShard[] = task.shards.map(shard => {
    const shardPercent = percentOf(shard.progress);
    const status = [
      shard.statusDescription,
      shard.statusCode && shard.statusDescription ? `(${shard.statusCode})` : shard.statusCode,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      shardId: shard.shardId,
      operation: shard.opName ?? '',
      status,
      percent: shardPercent,
      progressText: shardPercent === undefined ? '' : fill(labels.percent, shardPercent),
      heartbeatAt: shard.heartbeatAt,
    };
  });

  // The panel's tab title is drawn by VS Code, outside the webview's own escaping.
  const title = displayTitle(task.target?.name ? `${task.name} · ${task.target.name}` : task.name);

  return {
    connectionId: task.source,
    taskId: task.id,
    title,
    loaded: true,
    name: task.name,
    status: {
      value: task.status,
      text: statusText(task.status, labels),
      icon,
      spin,
      providerStatus: task.providerStatus,
    },
    target,
    fields,
    progress,
    // A finished task's leftover estimate would only mislead.
    remaining:
      active && task.remainingSeconds !== undefined ? formatDuration(task.remainingSeconds, labels) : undefined,
    times,
    steps,
    stepsHaveProgress: steps.some(s => s.percent !== undefined || s.remaining !== undefined),
    shards,
    errors: task.errors.map(e => ({ message: e.message, code: e.code, where: e.where })),
    banners: banners(state, labels),
    actions: {
      cancel: task.capabilities.cancel && active,
      forceCancel: task.capabilities.forceCancel && active,
      cancelDisabled: state.cancelling,
      openConsole: Boolean(task.capabilities.consoleUrl) && !state.emulated,
    },
    raw: rawJson(task.raw, labels),
    now,
    labels,
  };
}

/** Shown while a restored or newly opened panel waits for its task (or when the task cannot be fetched). */
export function buildPlaceholderModel(
  connectionId: string,
  taskId: string,
  state: DetailsState,
  labels: DetailsLabels,
  now: number,
): DetailsModel {
  const loading = fill(labels.loading, taskId);
  return {
    connectionId,
    taskId,
    title: displayTitle(taskId),
    loaded: false,
    name: loading,
    status: state.error
      ? { value: 'unknown', text: statusText('unknown', labels), icon: 'error', spin: false, providerStatus: '' }
      : { value: 'unknown', text: statusText('unknown', labels), icon: 'loading', spin: true, providerStatus: '' },
    fields: [
      { label: labels.taskId, value: taskId },
      { label: labels.connection, value: state.connectionName },
    ],
    times: [],
    steps: [],
    stepsHaveProgress: false,
    shards: [],
    errors: [],
    banners: banners(state, labels),
    actions: { cancel: false, forceCancel: false, cancelDisabled: true, openConsole: false },
    now,
    labels,
  };
}

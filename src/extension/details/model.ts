/**
 * What the details webview shows, computed from a Task in one pure function so it can be tested without VS Code.
 * The webview only turns this model into DOM nodes (with textContent): every decision about wording, visibility and
 * formatting is made here.
 */
import { clampPercent, isActive, validEpochMs, type Task, type TaskKind, type TaskStatus } from '../../core/task';
import type {
  DetailsBanner,
  DetailsCluster,
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
import { CANCELLING_LOOK, STATUS_LOOK } from '../../core/status-look';

/** The state the store keeps beside a task: the panel's host reports it, the model shows it. */
export interface DetailsState {
  connectionName: string;
  stale: boolean;
  cancelling: boolean;
  /** A cancel accepted at this time has not ended the task, long after (the store's `unansweredCancel`). */
  cancelRequestedAt?: number;
  error?: string;
  /** The connection talks to the emulator (consoleLink.ts): there is no console to open. */
  emulated?: boolean;
  /** The panel is the preview that single clicks re-use: it offers "Keep Open". */
  preview?: boolean;
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
  return out;
}

/**
 * The provider's own status word, when it adds something to ours: "started" beside "Running" does, "running" or
 * "Running" does not. Compared with the word in the display language and in English, so a Chinese panel does not
 * repeat "running" beside 运行中.
 */
export function providerStatusWorthShowing(task: Pick<Task, 'status' | 'providerStatus'>, ours: string): boolean {
  const theirs = task.providerStatus.trim().toLowerCase();
  if (!theirs) return false;
  const look = STATUS_LOOK[task.status];
  return ![ours, look.word, look.cli].some(w => w.toLowerCase() === theirs);
}

/** A Redis Enterprise CRDB task's "steps" are its participating clusters, each with the state it reports. */
function clustersOf(task: Task): DetailsCluster[] {
  return task.steps.map(step => ({ name: step.detail ?? '', state: step.name }));
}

/** The step's times in the reader's locale, then the provider's own text; a time out of range says so, as times do. */
function stepDetail(step: Task['steps'][number], labels: DetailsLabels): string | undefined {
  const time = (ms: number | undefined) => (ms === undefined ? undefined : formatTime(ms, labels));
  const [at, started, finished] = [time(step.at), time(step.startedAt), time(step.finishedAt)];
  const span =
    started !== undefined && finished !== undefined
      ? fill(labels.stepStartedEnded, started, finished)
      : started !== undefined
        ? fill(labels.stepStarted, started)
        : finished !== undefined
          ? fill(labels.stepEnded, finished)
          : undefined;
  return [at, span, step.detail].filter(Boolean).join(' · ') || undefined;
}

function stepsOf(task: Task, labels: DetailsLabels, active: boolean): DetailsStep[] {
  return task.steps.map((step, index) => {
    const stepPercent = percentOf(step.progress);
    // A step that is done, or a task that ended, has nothing left to wait for: "Remaining: 0 s" says nothing.
    const done = !active || (stepPercent !== undefined && stepPercent >= 100);
    const left = step.remainingSeconds !== undefined && step.remainingSeconds > 0 && !done;
    return {
      index: index + 1,
      name: step.name,
      percent: stepPercent,
      progressText: stepPercent === undefined ? undefined : fill(labels.percent, stepPercent),
      remaining: left ? formatDuration(step.remainingSeconds!, labels) : undefined,
      detail: stepDetail(step, labels),
      current: active && task.currentStep !== undefined && step.name === task.currentStep,
    };
  });
}

/**
 * The bar: a running task's percent, or an animated bar with the sentence that the provider reports none. A finished
 * task's bar only where it stopped short (a failure at 40 %): at 100 %, or with no percent, its status says it all.
 */
function progressOf(task: Task, active: boolean, labels: DetailsLabels): DetailsProgress | undefined {
  const percent = percentOf(task.progress);
  if (!active) {
    if (percent === undefined || percent >= 100) return undefined;
    return { percent, text: fill(labels.percent, percent), indeterminate: false };
  }
  return percent === undefined
    ? { text: labels.progressUnknown, indeterminate: true }
    : { percent, text: fill(labels.percent, percent), indeterminate: false };
}

function targetText(task: Task): string | undefined {
  const t = task.target;
  if (!t) return undefined;
  if (t.name && t.name !== t.id) return `${t.name} (${t.id})`;
  return t.name || t.id;
}

/**
 * The cancel's words of the task's provider (Redis Enterprise cancels, AWS stops an update): the buttons, the status
 * word while it is on its way and the banner when it went unanswered.
 */
function cancelWords(provider: string, labels: DetailsLabels) {
  const own = Object.hasOwn(labels.providerCancel, provider) ? labels.providerCancel[provider] : undefined;
  return {
    cancelLabel: own?.cancel ?? labels.cancel,
    forceCancelTitle: own?.forceCancelTitle ?? labels.forceCancelTitle,
    inProgress: own?.inProgress ?? labels.statusCancelling,
    unanswered: own?.unanswered ?? labels.cancelUnanswered,
  };
}

/** Builds everything the webview shows for one task. `now` is epoch ms; nothing here reads a clock. */
export function buildDetailsModel(task: Task, state: DetailsState, labels: DetailsLabels, now: number): DetailsModel {
  const active = isActive(task.status);
  // Right after a cancel is accepted, the task is "Cancelling…" until it ends: the same word as its tree row.
  const cancelling = state.cancelling && active;
  const { icon, spin } = cancelling ? CANCELLING_LOOK : STATUS_LOOK[task.status];
  const { inProgress, unanswered, ...buttons } = cancelWords(task.provider, labels);
  const word = cancelling ? inProgress : statusText(task.status, labels);
  const target = targetText(task);
  const crdb = task.kind === 'crdb-task';

  // Each fact once: the target is a field (not also a line under the title), our status word is the header.
  const fields: DetailsField[] = [{ label: labels.taskId, value: task.id }];
  if (task.type) fields.push({ label: labels.type, value: task.type });
  fields.push({ label: labels.kind, value: kindText(task.kind, labels) });
  if (providerStatusWorthShowing(task, statusText(task.status, labels)))
    fields.push({ label: labels.providerStatus, value: task.providerStatus });
  if (target) fields.push({ label: labels.target, value: target });
  fields.push({ label: labels.connection, value: state.connectionName });
  if (task.reason) fields.push({ label: labels.reason, value: task.reason });

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

  const steps = crdb ? [] : stepsOf(task, labels, active);

  const shards: DetailsShard[] = task.shards.map(shard => {
    const shardPercent = percentOf(shard.progress);
    const status = [
      shard.statusDescription,
      // The code only where it is not the description again ("done (done)").
      shard.statusCode &&
      shard.statusDescription &&
      shard.statusCode.toLowerCase() !== shard.statusDescription.toLowerCase()
        ? `(${shard.statusCode})`
        : shard.statusDescription
          ? undefined
          : shard.statusCode,
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
    status: { value: task.status, text: word, icon, spin },
    fields,
    progress: progressOf(task, active, labels),
    // A finished task's leftover estimate would only mislead.
    remaining:
      active && task.remainingSeconds !== undefined && task.remainingSeconds > 0
        ? formatDuration(task.remainingSeconds, labels)
        : undefined,
    times,
    steps,
    stepsHaveProgress: steps.some(s => s.percent !== undefined || s.remaining !== undefined),
    clusters: crdb ? clustersOf(task) : [],
    shards,
    errors: task.errors.map(e => ({ message: e.message, code: e.code, where: e.where })),
    banners: [
      ...banners(state, labels),
      // Back to the provider's word, with the cancel offered again: say why the earlier one shows no effect.
      ...(active && !cancelling && state.cancelRequestedAt !== undefined
        ? [
            {
              kind: 'cancel' as const,
              icon: 'warning',
              text: fill(unanswered, formatTime(state.cancelRequestedAt, labels)),
            },
          ]
        : []),
    ],
    actions: {
      cancel: task.capabilities.cancel && active,
      forceCancel: task.capabilities.forceCancel && active,
      ...buttons,
      // Both stay visible while a cancel is on its way, but neither can be pressed again.
      cancelDisabled: cancelling,
      openConsole: Boolean(task.capabilities.consoleUrl) && !state.emulated,
      pin: state.preview === true,
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
      ? { value: 'unknown', text: statusText('unknown', labels), icon: 'error', spin: false }
      : { value: 'unknown', text: statusText('unknown', labels), icon: 'loading', spin: true },
    fields: [
      { label: labels.taskId, value: taskId },
      { label: labels.connection, value: state.connectionName },
    ],
    times: [],
    steps: [],
    stepsHaveProgress: false,
    clusters: [],
    shards: [],
    errors: [],
    banners: banners(state, labels),
    actions: {
      cancel: false,
      forceCancel: false,
      cancelLabel: labels.cancel,
      forceCancelTitle: labels.forceCancelTitle,
      cancelDisabled: true,
      openConsole: false,
      pin: state.preview === true,
    },
    now,
    labels,
  };
}

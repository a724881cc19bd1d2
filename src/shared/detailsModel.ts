/**
 * What the details webview shows: the contract between the extension, which builds a model from a task
 * (src/extension/details/model.ts), and the webview, which only turns it into DOM nodes (src/webview/). Types only, so
 * neither side pulls the other's platform into its bundle.
 */
import type { TaskStatus } from '../core/task';
import type { DurationLabels } from './format';

/**
 * Every string the details webview shows that is not data. The webview has no English of its own: the panel localises
 * these on the extension side and ships them inside each render model.
 */
export interface DetailsLabels extends DurationLabels {
  /** BCP 47 tag used to format dates (VS Code's display language). */
  locale: string;

  loading: string;
  statusPending: string;
  statusRunning: string;
  statusSucceeded: string;
  statusFailed: string;
  statusCanceled: string;
  statusPaused: string;
  statusInterrupted: string;
  statusUnknown: string;
  statusEnded: string;

  kindCrdbTask: string;
  kindAction: string;
  kindStateMachine: string;
  kindCloudTask: string;

  taskId: string;
  type: string;
  kind: string;
  target: string;
  connection: string;
  /** Why the provider started the task (Alibaba's ReasonCode). */
  reason: string;
  status: string;
  /** The provider's own status word, as a field: "Provider status". */
  providerStatus: string;

  progress: string;
  /** "{0}%" */
  percent: string;
  progressUnknown: string;
  remaining: string;

  times: string;
  started: string;
  finished: string;
  duration: string;
  /** Shown as the duration of a task that is still running: "{0} so far". */
  elapsed: string;
  /** A step's times where the provider gives when it started and ended: "started {0}, ended {1}". */
  stepStartedEnded: string;
  /** "started {0}" and "ended {0}": a step that says only one of them. */
  stepStarted: string;
  stepEnded: string;
  notReported: string;

  steps: string;
  currentStep: string;

  /** A CRDB task's participating clusters and the state each reports. */
  clusters: string;
  cluster: string;
  clusterState: string;

  shards: string;
  shard: string;
  operation: string;
  shardStatus: string;
  heartbeat: string;
  /** "{0} ago": the webview ticks heartbeat ages with it. */
  ago: string;

  errors: string;
  rawJson: string;
  /** "Showing the first {0} KB of {1} KB." */
  rawTruncated: string;

  /** "Showing the last known data: {0}" */
  staleBanner: string;
  staleNoReason: string;
  /** The status word while a cancel is on its way. */
  statusCancelling: string;
  /** "A cancel was requested at {0} and accepted, but the task is still running. …" */
  cancelUnanswered: string;

  /** Accessible name of the button bar. */
  actions: string;
  /** The plain words; a provider with words of its own has them in `providerCancel`. */
  cancel: string;
  forceCancel: string;
  forceCancelTitle: string;
  /**
   * By provider id, from its descriptor's `cancel`: its cancel button ("Stop Update"), forced-cancel tooltip, status
   * word while the cancel is on its way ("Stopping…") and the banner when it went unanswered (`{0}` the time).
   */
  providerCancel: Readonly<
    Record<string, { cancel: string; forceCancelTitle?: string; inProgress?: string; unanswered?: string }>
  >;
  copyId: string;
  refresh: string;
  openConsole: string;
  /** Pins the preview panel: "Keep Open". */
  pin: string;
  pinTitle: string;
}

export interface DetailsField {
  label: string;
  value: string;
}

export interface DetailsBanner {
  kind: 'stale' | 'error' | 'cancel';
  icon: string;
  text: string;
}

export interface DetailsProgress {
  /** 0-100, rounded; undefined when the provider gives none. */
  percent?: number;
  /** "42%" or the "not reported" sentence. */
  text: string;
  /** An animated bar: progress unknown but the task is still going. */
  indeterminate: boolean;
}

export interface DetailsTime {
  label: string;
  /** Formatted on the extension side (locale of VS Code); empty when `liveSince` drives the text. */
  value: string;
  /** Epoch ms on the model's clock: the webview shows "{elapsed} so far" ticking from here. */
  liveSince?: number;
}

export interface DetailsStep {
  index: number;
  name: string;
  percent?: number;
  progressText?: string;
  remaining?: string;
  detail?: string;
  current: boolean;
}

export interface DetailsCluster {
  name: string;
  state: string;
}

export interface DetailsShard {
  shardId: string;
  operation: string;
  status: string;
  percent?: number;
  progressText: string;
  /** Epoch ms on the model's clock; the webview shows the age, ticking every second. */
  heartbeatAt?: number;
}

export interface DetailsError {
  message: string;
  code?: string;
  where?: string;
}

export interface DetailsActions {
  cancel: boolean;
  forceCancel: boolean;
  /** The Cancel button's words and the Force Cancel button's tooltip, in the task's provider's words. */
  cancelLabel: string;
  forceCancelTitle: string;
  /** Cancel and Force Cancel stay visible while a cancel is on its way, but cannot be pressed again. */
  cancelDisabled: boolean;
  openConsole: boolean;
  /** The panel is the preview: offer to keep it open. */
  pin: boolean;
}

export interface DetailsModel {
  connectionId: string;
  taskId: string;
  /** Panel title. */
  title: string;
  /** False for the placeholder shown before the task has been fetched. */
  loaded: boolean;
  name: string;
  /** Our one status word ("Cancelling…" while a cancel is on its way); the provider's own word is a field. */
  status: { value: TaskStatus; text: string; icon: string; spin: boolean };
  fields: DetailsField[];
  progress?: DetailsProgress;
  remaining?: string;
  times: DetailsTime[];
  steps: DetailsStep[];
  stepsHaveProgress: boolean;
  /** A CRDB task's clusters (its progress is one state per cluster, not steps). */
  clusters: DetailsCluster[];
  shards: DetailsShard[];
  errors: DetailsError[];
  banners: DetailsBanner[];
  actions: DetailsActions;
  raw?: { text: string; truncated: boolean; note?: string };
  /** The extension's clock when the model was built: the webview ticks ages relative to it. */
  now: number;
  labels: DetailsLabels;
}

/**
 * Every string the details webview shows that is not data. The script has no English of its own: the panel localises
 * these on the extension side and ships them inside each render model.
 */
export interface DetailsLabels {
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
  status: string;

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
  notReported: string;

  steps: string;
  currentStep: string;
  stepRunsOn: string;

  shards: string;
  shard: string;
  operation: string;
  shardStatus: string;
  heartbeat: string;
  /** "{0} ago": the script ticks heartbeat ages with it. */
  ago: string;

  errors: string;
  rawJson: string;
  /** "Showing the first {0} KB of {1} KB." */
  rawTruncated: string;

  /** "Showing the last known data: {0}" */
  staleBanner: string;
  staleNoReason: string;
  cancellingBanner: string;

  /** Accessible name of the button bar. */
  actions: string;
  cancel: string;
  forceCancel: string;
  forceCancelTitle: string;
  copyId: string;
  refresh: string;
  openConsole: string;

  /** Duration templates, shared by the model (static values) and the script (ticking ages). */
  durationSeconds: string; // "{0} s"
  durationMinutes: string; // "{0} min {1} s"
  durationHours: string; // "{0} h {1} min"
  durationDays: string; // "{0} d {1} h"
}

/** Untranslated labels: the tests' labels and the fallback when no l10n bundle is loaded. */
export const ENGLISH_LABELS: DetailsLabels = {
  locale: 'en',
  loading: 'Loading task {0}…',
  statusPending: 'Pending',
  statusRunning: 'Running',
  statusSucceeded: 'Succeeded',
  statusFailed: 'Failed',
  statusCanceled: 'Canceled',
  statusPaused: 'Paused',
  statusInterrupted: 'Interrupted',
  statusUnknown: 'Unknown',
  statusEnded: 'Finished, final state unknown',
  kindCrdbTask: 'Active-Active (CRDB) task',
  kindAction: 'Action',
  kindStateMachine: 'State machine',
  kindCloudTask: 'Cloud task',
  taskId: 'Task ID',
  type: 'Type',
  kind: 'Kind',
  target: 'Target',
  connection: 'Connection',
  status: 'Status',
  progress: 'Progress',
  percent: '{0}%',
  progressUnknown: 'The provider does not report progress for this task.',
  remaining: 'Remaining',
  times: 'Times',
  started: 'Started',
  finished: 'Finished',
  duration: 'Duration',
  elapsed: '{0} so far',
  notReported: 'Not reported',
  steps: 'Steps',
  currentStep: 'Current step',
  stepRunsOn: 'on {0}',
  shards: 'Shards',
  shard: 'Shard',
  operation: 'Operation',
  shardStatus: 'Status',
  heartbeat: 'Heartbeat',
  ago: '{0} ago',
  errors: 'Errors',
  rawJson: 'Raw JSON',
  rawTruncated: 'Showing the first {0} KB of {1} KB.',
  staleBanner: 'Showing the last known data: {0}',
  staleNoReason: 'the task could not be refreshed.',
  cancellingBanner: 'Cancelling…',
  actions: 'Task actions',
  cancel: 'Cancel',
  forceCancel: 'Force Cancel',
  forceCancelTitle: 'Cancel even in the commit phase (can break the Active-Active database)',
  copyId: 'Copy ID',
  refresh: 'Refresh',
  openConsole: 'Open in Console',
  durationSeconds: '{0} s',
  durationMinutes: '{0} min {1} s',
  durationHours: '{0} h {1} min',
  durationDays: '{0} d {1} h',
};

/** Replaces `{0}`, `{1}`… like `vscode.l10n.t` does, for templates the labels carry. */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

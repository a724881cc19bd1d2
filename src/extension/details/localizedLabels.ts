import * as vscode from 'vscode';
import { STATUS_LOOK } from '../../core/status-look';
import type { DetailsLabels } from '../../shared/detailsModel';
import type { DurationLabels } from '../../shared/format';
import { PROVIDERS } from '../../providers/registry';
import { PLAIN_CANCEL_WORDS } from '../../providers/descriptor';

/**
 * The details labels in VS Code's display language. Each string is a literal in its own `l10n.t` call so
 * `@vscode/l10n-dev export` finds it. Templates keep their placeholders: passing '{0}' as the argument leaves
 * `{0}` in place for the model and the webview to fill.
 */
export function localizedDetailsLabels(): DetailsLabels {
  const keep = '{0}';
  return {
    locale: vscode.env.language || 'en',
    loading: vscode.l10n.t('Loading task {0}…', keep),
    statusPending: vscode.l10n.t(STATUS_LOOK.pending.word),
    statusRunning: vscode.l10n.t(STATUS_LOOK.running.word),
    statusSucceeded: vscode.l10n.t(STATUS_LOOK.succeeded.word),
    statusFailed: vscode.l10n.t(STATUS_LOOK.failed.word),
    statusCanceled: vscode.l10n.t(STATUS_LOOK.canceled.word),
    statusPaused: vscode.l10n.t(STATUS_LOOK.paused.word),
    statusInterrupted: vscode.l10n.t(STATUS_LOOK.interrupted.word),
    statusUnknown: vscode.l10n.t(STATUS_LOOK.unknown.word),
    statusEnded: vscode.l10n.t(STATUS_LOOK.ended.word),
    kindCrdbTask: vscode.l10n.t('Active-Active (CRDB) task'),
    kindAction: vscode.l10n.t('Action'),
    kindStateMachine: vscode.l10n.t('State machine'),
    kindCloudTask: vscode.l10n.t('Cloud task'),
    taskId: vscode.l10n.t('Task ID'),
    type: vscode.l10n.t('Type'),
    kind: vscode.l10n.t('Kind'),
    target: vscode.l10n.t('Target'),
    connection: vscode.l10n.t('Connection'),
    reason: vscode.l10n.t('Started because'),
    status: vscode.l10n.t('Status'),
    providerStatus: vscode.l10n.t('Provider status'),
    progress: vscode.l10n.t('Progress'),
    percent: vscode.l10n.t('{0}%', keep),
    progressUnknown: vscode.l10n.t('The provider does not report progress for this task.'),
    remaining: vscode.l10n.t('Remaining'),
    times: vscode.l10n.t('Times'),
    started: vscode.l10n.t('Started'),
    finished: vscode.l10n.t('Finished'),
    duration: vscode.l10n.t('Duration'),
    elapsed: vscode.l10n.t('{0} so far', keep),
    stepStartedEnded: vscode.l10n.t('started {0}, ended {1}', keep, '{1}'),
    stepStarted: vscode.l10n.t('started {0}', keep),
    stepEnded: vscode.l10n.t('ended {0}', keep),
    notReported: vscode.l10n.t('Not reported'),
    steps: vscode.l10n.t('Steps'),
    currentStep: vscode.l10n.t('Current step'),
    clusters: vscode.l10n.t('Clusters'),
    cluster: vscode.l10n.t('Cluster'),
    clusterState: vscode.l10n.t('State'),
    shards: vscode.l10n.t('Shards'),
    shard: vscode.l10n.t('Shard'),
    operation: vscode.l10n.t('Operation'),
    shardStatus: vscode.l10n.t('Status'),
    heartbeat: vscode.l10n.t('Heartbeat'),
    ago: vscode.l10n.t('{0} ago', keep),
    errors: vscode.l10n.t('Errors'),
    rawJson: vscode.l10n.t('Raw JSON'),
    rawTruncated: vscode.l10n.t('Showing the first {0} KB of {1} KB.', keep, '{1}'),
    staleBanner: vscode.l10n.t('Showing the last known data: {0}', keep),
    staleNoReason: vscode.l10n.t('the task could not be refreshed.'),
    // The plain words of the descriptors (PLAIN_CANCEL_WORDS), as the tree row's (tree/format.ts, cancellingText and
    // cancelUnansweredText); a provider's own are in providerCancel below.
    statusCancelling: vscode.l10n.t(PLAIN_CANCEL_WORDS.inProgress),
    cancelUnanswered: vscode.l10n.t(PLAIN_CANCEL_WORDS.unanswered, keep),
    actions: vscode.l10n.t('Task actions'),
    cancel: vscode.l10n.t('Cancel Task'),
    forceCancel: vscode.l10n.t('Force Cancel Task…'),
    forceCancelTitle: vscode.l10n.t('Cancel even when the server refused a plain cancel'),
    // The descriptors' own words, marked for the bundle where they are written.
    providerCancel: Object.fromEntries(
      PROVIDERS.filter(p => p.cancel).map(p => [
        p.id,
        {
          cancel: vscode.l10n.t(p.cancel!.action),
          forceCancelTitle: p.cancel!.force && vscode.l10n.t(p.cancel!.force.buttonTitle),
          inProgress: p.cancel!.inProgress && vscode.l10n.t(p.cancel!.inProgress),
          unanswered: p.cancel!.unanswered && vscode.l10n.t(p.cancel!.unanswered, keep),
        },
      ]),
    ),
    copyId: vscode.l10n.t('Copy Task ID'),
    refresh: vscode.l10n.t('Refresh'),
    openConsole: vscode.l10n.t('Open in Console'),
    pin: vscode.l10n.t('Keep Open'),
    pinTitle: vscode.l10n.t('Keep this tab: the next click on a task opens it in another tab'),
    ...localizedDurationLabels(),
  };
}

/** The duration templates in VS Code's display language: the details panel and the tree's "no answer for …" share them. */
export function localizedDurationLabels(): DurationLabels {
  const keep = '{0}';
  return {
    durationSeconds: vscode.l10n.t('{0} s', keep),
    durationMinutes: vscode.l10n.t('{0} min {1} s', keep, '{1}'),
    durationHours: vscode.l10n.t('{0} h {1} min', keep, '{1}'),
    durationDays: vscode.l10n.t('{0} d {1} h', keep, '{1}'),
  };
}

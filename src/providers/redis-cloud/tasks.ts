import * as l10n from '@vscode/l10n';
import {
  FINAL_STATUSES,
  toEpochMs,
  type Task,
  type TaskGroup,
  type TaskProblem,
  type TaskStep,
  type TaskTarget,
} from '../../core/task';
import { accountConsoleUrl, databaseConsoleUrl, subscriptionConsoleUrl } from './console';
import type { TaskPlace } from './names';
import type { FollowState } from './provisioning';
import { mapStatus } from './status-map';
import { readableCode, resourceTypeOf, taskTypeName } from './task-types';
import type { WireSubscription, WireTask } from './wire';

/** Tasks whose subscription is not known. */
export const OTHER_GROUP_ID = 'other';

export const OTHER_GROUP: TaskGroup = { id: OTHER_GROUP_ID, label: 'Other tasks', kind: 'tasks' };

export function subscriptionGroup(id: string, sub: WireSubscription | undefined): TaskGroup {
  const plan = sub?.plan === 'essentials' ? 'Essentials' : sub?.plan === 'pro' ? 'Pro' : undefined;
  return {
    id,
    label: sub?.name || `Subscription ${id}`,
    kind: 'subscription',
    description: [plan, id].filter(Boolean).join(' · '),
  };
}

function problems(w: WireTask): TaskProblem[] {
  if (!w.error) return [];
  const code = w.error.type;
  const base = w.error.description || (code ? readableCode(code) : w.error.status) || 'The task failed.';
  const message = w.additionalInfo && !base.includes(w.additionalInfo) ? `${base} (${w.additionalInfo})` : base;
  return [{ message, code }];
}

function target(w: WireTask, place: TaskPlace): TaskTarget | undefined {
  const kind = resourceTypeOf(w.commandType);
  if (kind === 'database' && place.database)
    return { id: place.database.id, name: place.database.name, type: 'database' };
  if (kind === 'subscription' && place.subscriptionId) {
    return {
      id: place.subscriptionId,
      name: place.subscription?.name,
      type: place.subscription?.plan === 'essentials' ? 'essentials-subscription' : 'subscription',
    };
  }
  if (w.resourceId) return { id: w.resourceId, type: kind };
  return undefined;
}

/** The page of what the task acts on: its database, else its subscription, else the account's subscriptions. */
function consoleUrlOf(w: WireTask, place: TaskPlace): string {
  if (place.subscriptionId && place.database && resourceTypeOf(w.commandType) === 'database')
    return databaseConsoleUrl(place.subscriptionId, place.database.id);
  if (place.subscriptionId) return subscriptionConsoleUrl(place.subscriptionId, place.subscription?.plan ?? 'pro');
  return accountConsoleUrl();
}

export interface TaskContext {
  connectionId: string;
  /** The earliest time we saw for each task: the API only gives the last update's time. */
  firstSeen: Map<string, number>;
}

/** The provisioning phase as steps: processing is done, provisioning runs (or is what stopped). */
function provisioningSteps(follow: FollowState & { resource: string; status?: string }): TaskStep[] {
  const detail = follow.status ? `${follow.resource}: ${follow.status}` : follow.resource;
  return [
    { name: PROCESSING_STEP, progress: 100 },
    { name: PROVISIONING_STEP, detail },
  ];
}

/**
 * The two phases of a Redis Cloud task, as step names. Marked with @vscode/l10n's `t` (which returns the English in
 * plain Node) so the l10n export finds them: the extension translates step names it knows at display time.
 */
export const PROCESSING_STEP = l10n.t('Processing');
/** The step a processing-completed task shows while its resource is provisioned. */
export const PROVISIONING_STEP = l10n.t('Provisioning');

export function toTask(w: WireTask, place: TaskPlace, ctx: TaskContext, follow?: FollowState): Task {
  let status = mapStatus(w.status);
  const at = toEpochMs(w.timestamp);
  if (at !== undefined) {
    const seen = ctx.firstSeen.get(w.taskId);
    if (seen === undefined || at < seen) ctx.firstSeen.set(w.taskId, at);
  }
  let finishedAt: number | undefined;
  let currentStep = w.description || undefined;
  let steps: TaskStep[] = [];
  const errors = problems(w);
  if (follow?.phase === 'provisioning' || follow?.phase === 'stalled') {
    // Processed, not yet provisioned: running (or, once given up on, no longer known), never 100 %.
    status = follow.phase === 'provisioning' ? 'running' : 'unknown';
    currentStep = PROVISIONING_STEP;
    steps = provisioningSteps(follow);
    if (follow.phase === 'provisioning' && follow.problem)
      errors.push({
        message: `The ${follow.resource} status could not be read: ${follow.problem}`,
        where: PROVISIONING_STEP,
      });
    if (follow.phase === 'stalled')
      errors.push({
        message: `The ${follow.resource} was still not active when it stopped being followed.`,
        where: PROVISIONING_STEP,
      });
  } else if (follow?.phase === 'failed') {
    status = 'failed';
    finishedAt = follow.finishedAt;
    steps = provisioningSteps(follow);
    errors.push({
      message: `Provisioning failed: the ${follow.resource} reports status "${follow.status}".`,
      code: follow.status,
      where: PROVISIONING_STEP,
    });
  } else if (follow?.phase === 'ready') {
    finishedAt = follow.finishedAt;
  } else if (FINAL_STATUSES.has(status)) {
    finishedAt = at;
  }
  const final = FINAL_STATUSES.has(status);
  const group = place.subscriptionId ?? OTHER_GROUP_ID;
  return {
    id: w.taskId,
    source: ctx.connectionId,
    provider: 'redis-cloud',
    kind: 'cloud-task',
    group,
    name: taskTypeName(w.commandType) ?? w.description ?? 'Task',
    type: w.commandType,
    target: target(w, place),
    status,
    providerStatus: w.status,
    progress: status === 'succeeded' ? 100 : undefined,
    startedAt: ctx.firstSeen.get(w.taskId),
    finishedAt: final ? finishedAt : undefined,
    currentStep: final ? undefined : currentStep,
    steps,
    shards: [],
    errors,
    capabilities: {
      cancel: false,
      forceCancel: false,
      consoleUrl: consoleUrlOf(w, place),
    },
    raw: w.raw,
  };
}

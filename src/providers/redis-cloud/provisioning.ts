import { isProviderError } from '../../core/errors';
import { toEpochMs } from '../../core/task';
import type { RedisCloudApi, ResourceRef } from './api';
import type { TaskPlace } from './names';
import { resourceTypeOf } from './task-types';
import type { WireTask } from './wire';

/**
 * Redis Cloud runs a request in two phases, and "a resource is not available until both phases are complete" (the
 * API request lifecycle page): `processing-completed` only ends the first. The second, provisioning, shows in the
 * resource's own `status` (`pending`, then `active`; `deleting`; `error`). This follows the subscription or database
 * a processing-completed task names until it is active, so the task is not called done while provisioning goes on.
 *
 * Bounded: only tasks that finished processing recently are followed, a resource is asked for at most once per
 * `recheckMs`, a refresh asks for at most `maxPerRefresh` resources and only while the rate limiter has room, and a
 * resource seen active (or gone, for a delete) is never asked for again.
 */

export type FollowState =
  /** Still provisioning (or not yet looked at): the task is shown running. */
  | { phase: 'provisioning'; resource: string; status?: string; problem?: string }
  | { phase: 'ready'; finishedAt: number }
  | { phase: 'failed'; resource: string; status: string; finishedAt: number }
  /** Followed for longer than the window without becoming active: no longer asked for. */
  | { phase: 'stalled'; resource: string; status?: string };

export interface ProvisioningOptions {
  now: () => number;
  /** Tasks first seen longer than this after their processing completed are taken as provisioned, never asked for. */
  windowMs: number;
  /** A followed resource still not active this long after processing completed is no longer asked for. */
  giveUpMs: number;
  recheckMs: number;
  maxPerRefresh: number;
}

export const DEFAULT_PROVISIONING: Omit<ProvisioningOptions, 'now'> = {
  windowMs: 30 * 60_000,
  giveUpMs: 6 * 3600_000,
  recheckMs: 5_000,
  maxPerRefresh: 5,
};

interface Followed {
  ref: ResourceRef;
  label: string;
  isDelete: boolean;
  /** When processing completed (the task's timestamp). */
  completedAt: number;
  sawNotReady: boolean;
  checkedAt?: number;
  state: FollowState;
}

function resourceKey(ref: ResourceRef): string {
  return `${ref.plan}:${ref.subscriptionId}:${ref.databaseId ?? ''}`;
}

/** The resource a processing-completed task names, when it is a subscription or a database we can address. */
export function resourceOf(w: WireTask, place: TaskPlace): { ref: ResourceRef; label: string } | undefined {
  const kind = resourceTypeOf(w.commandType);
  const fixedCommand = (w.commandType ?? '').toLowerCase().startsWith('fixed');
  if (kind === 'subscription') {
    const id = place.subscriptionId ?? w.resourceId;
    if (!id) return undefined;
    const plan = place.subscription?.plan ?? (fixedCommand ? 'essentials' : 'pro');
    return { ref: { plan, subscriptionId: id }, label: `subscription ${id}` };
  }
  if (kind === 'database') {
    const dbId = place.database?.id ?? w.resourceId;
    const subId = place.subscriptionId ?? place.database?.subscriptionId;
    if (!dbId || !subId) return undefined;
    const plan = place.subscription?.plan ?? (fixedCommand ? 'essentials' : 'pro');
    return { ref: { plan, subscriptionId: subId, databaseId: dbId }, label: `database ${dbId}` };
  }
  return undefined;
}

export class ProvisioningTracker {
  private readonly followed = new Map<string, Followed>();

  constructor(
    private readonly api: RedisCloudApi,
    private readonly options: ProvisioningOptions,
  ) {}

  state(taskId: string): FollowState | undefined {
    return this.followed.get(taskId)?.state;
  }

  /**
   * Looks at the resources of the processing-completed tasks among `tasks`. `complete` says the list is the
   * account's whole task list, so tasks no longer in it are forgotten.
   */
  async update(
    tasks: readonly WireTask[],
    placeOf: (w: WireTask) => TaskPlace,
    complete: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    const now = this.options.now();
    if (complete) {
      const ids = new Set(tasks.map(t => t.taskId));
      for (const id of this.followed.keys()) if (!ids.has(id)) this.followed.delete(id);
    }
    for (const w of tasks) {
      if (w.status !== 'processing-completed' || this.followed.has(w.taskId)) continue;
      const completedAt = toEpochMs(w.timestamp);
      // Older than the window: provisioning takes minutes, so it is long over; asking would only cost quota.
      if (completedAt === undefined || now - completedAt > this.options.windowMs) continue;
      const resource = resourceOf(w, placeOf(w));
      if (!resource) continue;
      this.followed.set(w.taskId, {
        ...resource,
        isDelete: /delete/i.test(w.commandType ?? ''),
        completedAt,
        sawNotReady: false,
        state: { phase: 'provisioning', resource: resource.label },
      });
    }

    // One request per resource, newest tasks first; tasks on the same resource share the answer.
    const open = [...this.followed.values()]
      .filter(f => f.state.phase === 'provisioning')
      .sort((a, b) => b.completedAt - a.completedAt);
    const byResource = new Map<string, Followed[]>();
    for (const f of open) {
      if (now - f.completedAt > this.options.giveUpMs) {
        f.state = {
          phase: 'stalled',
          resource: f.label,
          status: f.state.phase === 'provisioning' ? f.state.status : undefined,
        };
        continue;
      }
      const key = resourceKey(f.ref);
      byResource.set(key, [...(byResource.get(key) ?? []), f]);
    }
    let asked = 0;
    for (const group of byResource.values()) {
      if (group.every(f => f.checkedAt !== undefined && now - f.checkedAt < this.options.recheckMs)) continue;
      // The task list itself matters more than these follow-ups: never make it wait for the limiter.
      if (asked >= this.options.maxPerRefresh || !this.api.hasSpareCapacity()) break;
      asked++;
      await this.check(group, signal);
    }
  }

  private async check(group: Followed[], signal?: AbortSignal): Promise<void> {
    const first = group[0];
    let status: string | undefined;
    let missing = false;
    let problem: string | undefined;
    try {
      status = (await this.api.getResourceStatus(first.ref, signal)).status?.toLowerCase();
    } catch (e) {
      if (isProviderError(e) && e.kind === 'aborted') throw e;
      if (isProviderError(e) && e.kind === 'not-found') missing = true;
      else problem = isProviderError(e) ? e.describe() : String(e);
    }
    const at = this.options.now();
    for (const f of group) {
      f.checkedAt = at;
      f.state = this.next(f, status, missing, problem, at);
    }
  }

  private next(
    f: Followed,
    status: string | undefined,
    missing: boolean,
    problem: string | undefined,
    at: number,
  ): FollowState {
    // Seen not ready and then ready: it became ready since the last look. Ready at the first look: all we know is
    // that it was ready by then, and processing ended at completedAt, so that is the honest finish time.
    const finishedAt = f.sawNotReady ? at : f.completedAt;
    if (problem !== undefined) {
      const previous = f.state.phase === 'provisioning' ? f.state.status : undefined;
      return { phase: 'provisioning', resource: f.label, status: previous, problem };
    }
    if (missing) {
      // A deleted resource is gone once de-provisioned; any other that cannot be found gives nothing more to wait
      // for, and the task itself said processing completed.
      return { phase: 'ready', finishedAt };
    }
    if (status === 'active' && !f.isDelete) return { phase: 'ready', finishedAt };
    if (status === 'error' || (status !== undefined && /fail/.test(status))) {
      return { phase: 'failed', resource: f.label, status, finishedAt: at };
    }
    // `pending`, `deleting`, or still `active` after a delete (de-provisioning has not started): not done yet.
    f.sawNotReady = true;
    return { phase: 'provisioning', resource: f.label, status };
  }
}

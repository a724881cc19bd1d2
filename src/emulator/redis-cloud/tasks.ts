import { INITIALIZED_SECONDS, type SeedTask } from './data';

export type WireStatus =
  'initialized' | 'received' | 'processing-in-progress' | 'processing-completed' | 'processing-error';

/** When a seeded task's processing ends (`processing-completed` or `processing-error`), in epoch ms. */
export function processedAt(seed: SeedTask, resetAt: number): number {
  return resetAt + (seed.at + INITIALIZED_SECONDS + seed.queued + seed.runs) * 1000;
}

export type ResourceStatus = 'pending' | 'active' | 'deleting' | 'gone' | 'absent';

/**
 * A subscription's or database's provisioning status at `now`, from the tasks that act on it: after the last one's
 * processing completes it is `pending` (`deleting` for a delete) for that task's provisioning time, then `active`
 * (`gone` after a delete). A resource a task creates is `absent` until that task's processing completes.
 */
export function resourceStatus(
  tasks: readonly SeedTask[],
  subscriptionId: number,
  databaseId: number | undefined,
  resetAt: number,
  now: number,
  seeded: boolean,
): ResourceStatus {
  let status: ResourceStatus = seeded ? 'active' : 'absent';
  const mine = tasks
    .filter(
      t =>
        t.provisions &&
        'resourceId' in t.outcome &&
        t.provisions.subscriptionId === subscriptionId &&
        t.provisions.databaseId === databaseId,
    )
    .sort((a, b) => processedAt(a, resetAt) - processedAt(b, resetAt));
  for (const t of mine) {
    const done = processedAt(t, resetAt);
    if (now < done) continue;
    const isDelete = /delete/i.test(t.commandType);
    const provisioned = now >= done + t.provisions!.seconds * 1000;
    status = isDelete ? (provisioned ? 'gone' : 'deleting') : provisioned ? 'active' : 'pending';
  }
  return status;
}

/** A seeded task as `GET /tasks` shows it at `now`, or undefined before it is submitted. */
export function taskAt(
  seed: SeedTask,
  resetAt: number,
  now: number,
  apiBase: string,
): Record<string, unknown> | undefined {
  const submitted = resetAt + seed.at * 1000;
  if (now < submitted) return undefined;
  const received = submitted + INITIALIZED_SECONDS * 1000;
  const running = received + seed.queued * 1000;
  const done = running + seed.runs * 1000;
  let status: WireStatus;
  let since: number;
  if (now < received) {
    status = 'initialized';
    since = submitted;
  } else if (now < running) {
    status = 'received';
    since = received;
  } else if (now < done) {
    status = 'processing-in-progress';
    since = running;
  } else {
    status = 'error' in seed.outcome ? 'processing-error' : 'processing-completed';
    since = done;
  }

  const response: Record<string, unknown> = {};
  const links: Record<string, string>[] = [{ rel: 'task', type: 'GET', href: `${apiBase}/tasks/${seed.taskId}` }];
  if (status === 'processing-completed' && 'resourceId' in seed.outcome) {
    response.resourceId = seed.outcome.resourceId;
    if (seed.outcome.additionalResourceId !== undefined)
      response.additionalResourceId = seed.outcome.additionalResourceId;
    if (seed.resourceHref) links.push({ rel: 'resource', type: 'GET', href: `${apiBase}${seed.resourceHref}` });
  }
  if (status === 'processing-error' && 'error' in seed.outcome) {
    response.error = seed.outcome.error;
    if (seed.outcome.additionalInfo) response.additionalInfo = seed.outcome.additionalInfo;
  }
  return {
    taskId: seed.taskId,
    commandType: seed.commandType,
    status,
    description: seed.description,
    timestamp: new Date(since).toISOString(),
    response,
    links,
  };
}

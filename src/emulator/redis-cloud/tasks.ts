import { INITIALIZED_SECONDS, type SeedTask } from './data';

export type WireStatus =
  'initialized' | 'received' | 'processing-in-progress' | 'processing-completed' | 'processing-error';

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

import type { Task, TaskTarget } from './task';

/**
 * What a by-id answer adds to what the list said. Providers' single-task calls often carry less than their lists
 * (Tencent's DescribeTaskInfo has no instance name and a coarser type), so replacing the row with the answer made
 * "Change configuration · sessions" read "Resize flow · crs-gz000002". Identity fields keep the list's value and are
 * only filled in; state fields take the newer answer where it has one; lists of details keep the longer one.
 */
export function mergeTask(known: Task | undefined, fetched: Task): Task {
  if (!known) return fetched;
  // Our own "ended, final state unknown" is a guess: any answer from the provider is better.
  const status = fetched.status === 'unknown' && known.status !== 'unknown' ? known.status : fetched.status;
  const sameStatus = status === known.status;
  return {
    ...fetched,
    group: known.group,
    name: known.name || fetched.name,
    type: known.type ?? fetched.type,
    target: mergeTarget(known.target, fetched.target),
    status,
    providerStatus: status === fetched.status ? fetched.providerStatus : known.providerStatus,
    // Within one status, progress never goes back because a coarser call rounded it.
    progress:
      fetched.progress === undefined
        ? known.progress
        : sameStatus && known.progress !== undefined
          ? Math.max(known.progress, fetched.progress)
          : fetched.progress,
    startedAt: known.startedAt ?? fetched.startedAt,
    finishedAt: fetched.finishedAt ?? known.finishedAt,
    remainingSeconds: fetched.remainingSeconds ?? (sameStatus ? known.remainingSeconds : undefined),
    currentStep: fetched.currentStep ?? (sameStatus ? known.currentStep : undefined),
    steps: longer(known.steps, fetched.steps),
    shards: longer(known.shards, fetched.shards),
    errors: longer(known.errors, fetched.errors),
    capabilities: {
      ...fetched.capabilities,
      consoleUrl: fetched.capabilities.consoleUrl ?? known.capabilities.consoleUrl,
    },
    raw: fetched.raw ?? known.raw,
  };
}

function mergeTarget(known: TaskTarget | undefined, fetched: TaskTarget | undefined): TaskTarget | undefined {
  if (!known) return fetched;
  if (!fetched) return known;
  return {
    id: known.id || fetched.id,
    name: known.name ?? fetched.name,
    type: known.type ?? fetched.type,
  };
}

function longer<T>(a: T[], b: T[]): T[] {
  return b.length >= a.length && b.length > 0 ? b : a;
}

import type { JsonObject } from '../../core/shape';
import type { Task, TaskStep } from '../../core/task';
import { obj, str, time } from './fields';
import { taskId } from './ids';

/** One `DescribeEvents` record of either service (ElastiCache `SourceIdentifier`, MemoryDB `SourceName`). */
export interface AwsEvent {
  sourceId: string;
  sourceType: string;
  message: string;
  date: number;
  raw: JsonObject;
}

export function readEvent(value: unknown): AwsEvent | undefined {
  const o = obj(value);
  const sourceId = str(o, 'SourceIdentifier') ?? str(o, 'SourceName');
  const message = str(o, 'Message');
  const date = time(o, 'Date');
  if (!o || !sourceId || !message || date === undefined) return undefined;
  return { sourceId, sourceType: str(o, 'SourceType') ?? '', message, date, raw: o };
}

/**
 * Events are free text. These patterns, from the messages ElastiCache and MemoryDB publish, decide which event ends
 * an operation (and how) and which one starts it; events that match neither are context, kept as steps.
 */
const FAILED = /\bfail(ed|ure)\b/i;
const ENDED =
  /\b(completed?|finished|succeeded|created|deleted|modified|restarted|applied|stopped)\b\.?|^Finished\b|^Completed\b/i;
const STARTED = /\b(start(ed|ing)?|begin(ning)?|initiated|modifying|rebooting|recovering|applying)\b/i;

/** Operations with their own API (DescribeUpdateActions, DescribeSnapshots): their events would show them twice. */
const OWN_API = /\bservice update\b|\bsnapshot\b|\bbackup\b/i;

/** An event of a backup or a service update, which their own tasks show. */
export function hasOwnApi(message: string): boolean {
  return OWN_API.test(message);
}

export function endOf(message: string): 'succeeded' | 'failed' | 'canceled' | undefined {
  if (FAILED.test(message)) return 'failed';
  if (/\bstopped\b/i.test(message)) return 'canceled';
  return ENDED.test(message) ? 'succeeded' : undefined;
}

export function isStart(message: string): boolean {
  return !endOf(message) && STARTED.test(message);
}

/** The events since the last one that ended an operation: the steps of the operation now running. */
export function runningSteps(events: AwsEvent[]): { steps: TaskStep[]; startedAt?: number } {
  const sorted = [...events].sort((a, b) => a.date - b.date);
  let from = 0;
  sorted.forEach((e, i) => {
    if (endOf(e.message)) from = i + 1;
  });
  const current = sorted.slice(from);
  return {
    steps: current.map(e => ({ name: e.message, progress: 100, at: e.date })),
    startedAt: current[0]?.date,
  };
}

export interface EventTaskContext {
  connectionId: string;
  region: string;
  group: string;
  consoleUrl?: string;
}

/**
 * Finished operations learned from the history: each ending event becomes a task, started at the nearest earlier
 * starting event of the same source (when there is one), with the events in between as its steps.
 */
export function finishedFromEvents(events: AwsEvent[], ctx: EventTaskContext): Task[] {
  const sorted = [...events].sort((a, b) => a.date - b.date);
  const tasks: Task[] = [];
  let lastEnd = -1;
  // The n-th event of its millisecond: unlike its index in the list, it stays when older events leave the window.
  let sameMs = 0;
  sorted.forEach((e, i) => {
    sameMs = i > 0 && sorted[i - 1].date === e.date ? sameMs + 1 : 0;
    const end = endOf(e.message);
    if (!end || hasOwnApi(e.message)) return;
    let start = -1;
    for (let j = i - 1; j > lastEnd; j--) if (isStart(sorted[j].message)) start = j;
    const between = sorted.slice(start === -1 ? i : start, i + 1);
    tasks.push({
      id: taskId({ kind: 'evt', region: ctx.region, rest: `${e.sourceType}:${e.sourceId}:${e.date}:${sameMs}` }),
      source: ctx.connectionId,
      provider: 'aws',
      kind: 'cloud-task',
      group: ctx.group,
      name: e.message.length > 120 ? `${e.message.slice(0, 117)}…` : e.message,
      type: 'event',
      target: { id: e.sourceId, type: e.sourceType || undefined },
      status: end,
      // AWS gives an event no status word: "Provider status: event" would be our English posing as AWS's (the type
      // already says it came from an event).
      providerStatus: '',
      startedAt: start === -1 ? e.date : sorted[start].date,
      finishedAt: e.date,
      steps: between.map(x => ({ name: x.message, progress: 100, at: x.date })),
      shards: [],
      errors: end === 'failed' ? [{ message: e.message }] : [],
      capabilities: { cancel: false, forceCancel: false, consoleUrl: ctx.consoleUrl },
      raw: between.map(x => x.raw),
    });
    lastEnd = i;
  });
  return tasks;
}

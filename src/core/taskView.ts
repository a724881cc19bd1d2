import { isDeepStrictEqual } from 'node:util';
import type { ShardOperation, Task, TaskCapabilities, TaskProblem, TaskStep, TaskTarget } from './task';

/**
 * Everything a tree row, its tooltip and the details panel show of a task, as one flat list of values: the one field
 * list the store compares (with `util.isDeepStrictEqual`) to decide whether a row is drawn again. Left out: `raw` (a
 * payload may change in fields nobody shows, and restored tasks have none), `source` and `provider` (the same for
 * every task of a connection). The lists below are typed complete: a field added to `Task` or to one of its parts
 * fails the type-check here until it is listed.
 *
 * Flat, because `isDeepStrictEqual` costs per object it walks: on nested objects a refresh of 10,000 tasks spent ten
 * times longer comparing. Each part gives every one of its fields, so a key that is absent equals one set to
 * undefined, and key order does not count.
 */
export function taskView(t: Task): unknown[] {
  const out: unknown[] = [];
  for (const k of SCALARS) out.push(t[k]);
  part(out, t.target, TARGET);
  part(out, t.capabilities, CAPABILITIES);
  parts(out, t.steps, STEP);
  parts(out, t.shards, SHARD);
  parts(out, t.errors, PROBLEM);
  return out;
}

/**
 * Whether two versions of a task look the same everywhere they are shown: a row is redrawn only when not. The same
 * verdict as comparing the two `taskView` lists with `isDeepStrictEqual` (a test holds them together), field by field
 * and without making the lists: a refresh compares every task it lists, and the lists were most of that cost.
 */
export function sameTaskView(a: Task, b: Task): boolean {
  if (a === b) return true;
  for (const k of SCALARS) if (!same(a[k], b[k])) return false;
  return (
    samePart(a.target, b.target, TARGET) &&
    samePart(a.capabilities, b.capabilities, CAPABILITIES) &&
    sameParts(a.steps, b.steps, STEP) &&
    sameParts(a.shards, b.shards, SHARD) &&
    sameParts(a.errors, b.errors, PROBLEM)
  );
}

/** `isDeepStrictEqual` of two shown values: `Object.is` for the primitives they are, a deep look at anything else. */
function same(x: unknown, y: unknown): boolean {
  return Object.is(x, y) || (typeof x === 'object' && x !== null && isDeepStrictEqual(x, y));
}

function samePart<T extends object>(x: T | undefined, y: T | undefined, fields: readonly (keyof T)[]): boolean {
  if (x === undefined || y === undefined) return x === y;
  for (const k of fields) if (!same(x[k], y[k])) return false;
  return true;
}

function sameParts<T>(x: readonly T[], y: readonly T[], fields: readonly (keyof T)[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) for (const k of fields) if (!same(x[i][k], y[i][k])) return false;
  return true;
}

type Shown = Exclude<keyof Task, 'raw' | 'source' | 'provider'>;
type Part = 'target' | 'capabilities' | 'steps' | 'shards' | 'errors';
type Scalar = Exclude<Shown, Part>;

/** Every field of `T`, once (a missing or unknown one is a type error), as the list of its keys. */
type Fields<T> = { readonly [K in keyof T]-?: true };
function keys<T>(fields: Fields<T>): (keyof T)[] {
  return Object.keys(fields) as (keyof T)[];
}

const SCALARS = keys<Pick<Task, Scalar>>({
  id: true,
  group: true,
  kind: true,
  name: true,
  type: true,
  status: true,
  providerStatus: true,
  progress: true,
  startedAt: true,
  finishedAt: true,
  remainingSeconds: true,
  currentStep: true,
  reason: true,
});
const TARGET = keys<TaskTarget>({ id: true, name: true, type: true });
const CAPABILITIES = keys<TaskCapabilities>({ cancel: true, forceCancel: true, consoleUrl: true });
const STEP = keys<TaskStep>({
  name: true,
  progress: true,
  remainingSeconds: true,
  detail: true,
  at: true,
  startedAt: true,
  finishedAt: true,
});
const PROBLEM = keys<TaskProblem>({ message: true, code: true, where: true });
const SHARD = keys<ShardOperation>({
  shardId: true,
  opName: true,
  statusCode: true,
  statusDescription: true,
  progress: true,
  heartbeatAt: true,
  lastSampleAt: true,
});

/** Whether the part is there, then each of its fields in the list's order. */
function part<T extends object>(out: unknown[], o: T | undefined, fields: readonly (keyof T)[]): void {
  out.push(o !== undefined);
  if (o !== undefined) for (const k of fields) out.push(o[k]);
}

/** How many there are, then each one's fields: the length first keeps two different lists from flattening alike. */
function parts<T>(out: unknown[], list: readonly T[], fields: readonly (keyof T)[]): void {
  out.push(list.length);
  for (const o of list) for (const k of fields) out.push(o[k]);
}

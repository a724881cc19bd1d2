import type { JsonObject } from '../../core/shape';
import { toEpochMs, toNumber } from '../../core/task';

/**
 * Lenient readers for one field of an AWS record. A value of the wrong type reads as absent, so a changed or broken
 * field costs that field and nothing else; ids, which a task cannot do without, are checked by the callers.
 */

export function obj(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function str(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function num(o: JsonObject | undefined, key: string): number | undefined {
  return toNumber(o?.[key]);
}

export function bool(o: JsonObject | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** ISO 8601 (the query API) or epoch seconds (JSON 1.1 sends timestamps as numbers) to epoch milliseconds. */
export function time(o: JsonObject | undefined, key: string): number | undefined {
  const v = o?.[key];
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const ms = toEpochMs(v);
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

/** A JSON array field (MemoryDB); anything else is an empty list. */
export function arr(o: JsonObject | undefined, key: string): unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

import { TASK_STATUSES, type TaskStatus } from '../core/task';
import { UsageError } from './usageError';

/** Readers of flag values: each refuses what it cannot read with a usage error that says what it takes. */

export function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function optList(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (!items.length) throw new UsageError('An empty list was given; separate values with commas (running,failed).');
  return items;
}

export function checkStatus(s: string): TaskStatus {
  const lower = s.toLowerCase();
  if (!(TASK_STATUSES as readonly string[]).includes(lower))
    throw new UsageError(`Unknown status "${s}". Statuses: ${TASK_STATUSES.join(', ')}.`);
  return lower as TaskStatus;
}

export function optNumber(v: string | undefined, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min)
    throw new UsageError(`${flag} takes a number${min > 0 ? ` of at least ${min}` : ' (0 or more)'}, not "${v}".`);
  return n;
}

export function parseOptions(items: string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option takes key=value (legacyApi=true), not "${item}".`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    out[key] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export function checkUrl(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as https://cluster.example.com:9443, not "${endpoint}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--endpoint must start with https:// (or http://), not "${url.protocol}".`);
}

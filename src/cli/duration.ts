import { UsageError } from './usageError';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since 24h | 7d | 30m | 2026-01-31 | 2026-01-31T10:00:00Z` to epoch milliseconds. */
export function parseSince(value: string, now: number): number {
  const rel = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(value.trim());
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2].toLowerCase()];
  // Only ISO-like dates: Date.parse alone would take "3 weeks" as a year.
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const t = Date.parse(value.trim());
    if (!Number.isNaN(t)) return t;
  }
  throw new UsageError(
    `--since takes a duration (30m, 24h, 7d, 2w) or an ISO date (2026-01-31T10:00:00Z), not "${value}".`,
  );
}

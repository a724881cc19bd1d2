/**
 * Tencent's task APIs speak wall-clock strings (`2021-12-30 00:00:00`) without a zone. They are Beijing time
 * (UTC+8), whatever the region, so we read and write them at that fixed offset.
 */
export const TENCENT_UTC_OFFSET_MINUTES = 8 * 60;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Epoch milliseconds, or undefined for empty and placeholder values (`0000-00-00 00:00:00` on unfinished tasks). */
export function parseTencentTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = WALL_CLOCK.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y === 0 || mo === 0 || d === 0) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - TENCENT_UTC_OFFSET_MINUTES * 60_000;
}

export function formatTencentTime(epochMs: number): string {
  const t = new Date(epochMs + TENCENT_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

export function isTencentTime(value: string): boolean {
  return parseTencentTime(value) !== undefined;
}

import { readDigits as digits } from '../../core/text';
/**
 * Tencent's task APIs speak wall-clock strings (`2021-12-30 00:00:00`) without a zone. They are Beijing time
 * (UTC+8), whatever the region, so we read and write them at that fixed offset.
 */
export const TENCENT_UTC_OFFSET_MINUTES = 8 * 60;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Epoch milliseconds, or undefined for empty and placeholder values (`0000-00-00 00:00:00` on unfinished tasks). */
export function parseTencentTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  // Every task carries two of these: the exact 19-character shape is read digit by digit (a fifth of the regex's
  // cost), with the same arithmetic; anything else takes the regex below.
  if (value.length === 19) {
    const fast = wallClockDigits(value);
    if (fast !== null) return fast;
  }
  const m = WALL_CLOCK.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y === 0 || mo === 0 || d === 0) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - TENCENT_UTC_OFFSET_MINUTES * 60_000;
}

/** `parseTencentTime` of an exact `yyyy-mm-dd hh:mm:ss` (or `T`); null when the text is not exactly that shape. */
function wallClockDigits(v: string): number | undefined | null {
  const sep = v.charCodeAt(10);
  if (
    v.charCodeAt(4) !== 45 ||
    v.charCodeAt(7) !== 45 ||
    (sep !== 32 && sep !== 84) ||
    v.charCodeAt(13) !== 58 ||
    v.charCodeAt(16) !== 58
  )
    return null;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
  if (y === 0 || mo === 0 || d === 0) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - TENCENT_UTC_OFFSET_MINUTES * 60_000;
}

export function formatTencentTime(epochMs: number): string {
  const t = new Date(epochMs + TENCENT_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

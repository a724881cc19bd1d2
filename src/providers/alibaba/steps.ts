import type { TaskStep } from '../../core/task';
import { toNumber } from '../../core/task';

export type StepsResult = { ok: true; steps: TaskStep[] } | { ok: false; raw: string };

/**
 * `StepsInfo` is JSON inside a string, and Alibaba's own example escapes it more than once
 * (`[{\\\"remain\\\":0,…}]`). Unwrap one layer at a time until an array appears: JSON-parse strings that are JSON,
 * and strip one level of backslash escaping where they are not. A few rounds are enough for anything seen so far.
 */
export function parseStepsInfo(text: string | undefined): StepsResult {
  if (text === undefined || text.trim() === '') return { ok: true, steps: [] };
  let value: unknown = text;
  for (let round = 0; round < 5 && typeof value === 'string'; round++) {
    const s: string = value.trim();
    try {
      value = JSON.parse(s);
      continue;
    } catch {
      /* not JSON at this layer: try one level of unescaping below */
    }
    const unescaped = s.replace(/\\(["\\/])/g, '$1');
    if (unescaped === s) break;
    value = unescaped;
  }
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { steps?: unknown }).steps)
      ? (value as { steps: unknown[] }).steps
      : undefined;
  if (!list) return { ok: false, raw: text };
  const steps: TaskStep[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') return { ok: false, raw: text };
    const o = item as Record<string, unknown>;
    const name = o.name ?? o.step_name ?? o.stepName;
    if (typeof name !== 'string') return { ok: false, raw: text };
    steps.push({ name, progress: toNumber(o.progress), remainingSeconds: toNumber(o.remain ?? o.remainTime) });
  }
  return { ok: true, steps };
}

/**
 * Text helpers the extension and the details webview both run: the model formats static values with them, the
 * webview re-formats the ages it ticks every second. Platform-neutral on purpose (no vscode, Node or DOM), so both
 * bundles import this one copy.
 */

/** Replaces `{0}`, `{1}`… like `vscode.l10n.t` does, for templates the labels carry. */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

/** The localised templates a duration is written with. */
export interface DurationLabels {
  durationSeconds: string; // "{0} s"
  durationMinutes: string; // "{0} min {1} s"
  durationHours: string; // "{0} h {1} min"
  durationDays: string; // "{0} d {1} h"
}

/** "45 s", "3 min 5 s", "2 h 10 min", "1 d 4 h": the largest two units, which is all a person reads at a glance. */
export function formatDuration(totalSeconds: number, labels: DurationLabels): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 60) return fill(labels.durationSeconds, s);
  if (s < 3600) return fill(labels.durationMinutes, Math.floor(s / 60), s % 60);
  if (s < 86400) return fill(labels.durationHours, Math.floor(s / 3600), Math.floor((s % 3600) / 60));
  return fill(labels.durationDays, Math.floor(s / 86400), Math.floor((s % 86400) / 3600));
}

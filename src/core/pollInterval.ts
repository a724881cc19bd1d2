/**
 * How often a connection is asked, from what can be seen and what runs; `undefined`: not automatically. Pure, so the
 * rule reads in one place: fast while something runs, slow when nothing does, nothing while nobody looks unless a
 * watched task still runs.
 */

export interface PollGates {
  /** A list can be seen (the view or a details panel) and the window is focused. */
  listing: boolean;
  focused: boolean;
  /** A task of the connection is pending or running. */
  hasActive: boolean;
  /** A watched task (a panel, a cancel, Notify Me When Done) is still active. */
  watchedActive: boolean;
}

export interface PollIntervals {
  /** While something runs; 0 = manual only. */
  activeIntervalMs: number;
  /** When nothing runs; 0 = manual only. */
  idleIntervalMs: number;
}

export function pollInterval(g: PollGates, i: PollIntervals): number | undefined {
  if (g.listing) {
    const ms = g.hasActive || g.watchedActive ? i.activeIntervalMs : i.idleIntervalMs;
    return ms > 0 ? ms : undefined;
  }
  // Hidden: only a watched running task keeps polling (its owner wants to hear when it ends), at the idle pace
  // when the window is not focused.
  if (!g.watchedActive) return undefined;
  const ms = g.focused ? i.activeIntervalMs : i.idleIntervalMs || i.activeIntervalMs;
  return ms > 0 ? ms : undefined;
}

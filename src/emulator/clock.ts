/**
 * The emulator's time. Scenarios compute task state from it, so tests advance it explicitly
 * (`POST /__emulator/clock/advance`) and never wait on real time.
 */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(
    mode: 'real' | 'manual' = 'real',
    private readonly base: () => number = Date.now,
  ) {
    if (mode === 'manual') this.frozenAt = base();
  }

  now(): number {
    return (this.frozenAt ?? this.base()) + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get manual(): boolean {
    return this.frozenAt !== undefined;
  }
}

/** Wall time per phase, in seconds, for the report's `timings`. */
export class Stopwatch {
  private last = performance.now();
  private readonly start = this.last;
  private readonly laps: Record<string, number> = {};

  lap(name: string): void {
    const now = performance.now();
    this.laps[name] = (this.laps[name] ?? 0) + round3((now - this.last) / 1000);
    this.last = now;
  }

  timings(): Record<string, number> {
    return { ...this.laps, total: round3((performance.now() - this.start) / 1000) };
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

// At most one call of `run` per interval: a request runs as soon as the rate allows (at once when the last run is
// older than the interval), and one pending run covers every request made until it starts. The interval counts
// from the end of a run, so the UI gets each update to itself however long it took. vscode-free.
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (!this.timer) {
      this.arm();
    }
  }

  /** A timer can fire a millisecond early: then it waits the rest. */
  private arm(): void {
    const wait = this.last + this.intervalMs - this.now();
    this.timer = setTimeout(
      () => (this.now() < this.last + this.intervalMs ? this.arm() : this.fire()),
      Math.max(0, wait),
    );
  }

  private fire(): void {
    this.timer = undefined;
    try {
      this.run();
    } finally {
      this.last = this.now();
    }
  }
}

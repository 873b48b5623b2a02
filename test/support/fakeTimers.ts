// A manual clock for code that waits with setTimeout (per-call time limits, the 5-minute sign-in limit): tests move
// time on with tick() instead of waiting, so nothing depends on real timing. Only the global setTimeout and
// clearTimeout are replaced, and only between install() and uninstall(); mocha keeps its own timer references.

interface Pending {
  at: number;
  run: () => void;
}

export class FakeTimers {
  private clock = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } | undefined;

  now(): number {
    return this.clock;
  }

  install(): this {
    this.saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const fakeSet = (run: (...args: unknown[]) => void, ms = 0, ...args: unknown[]): number => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.clock + Math.max(0, ms), run: () => run(...args) });
      return id;
    };
    const fakeClear = (id: unknown): void => {
      this.pending.delete(Number(id));
    };
    globalThis.setTimeout = fakeSet as unknown as typeof setTimeout;
    globalThis.clearTimeout = fakeClear as unknown as typeof clearTimeout;
    return this;
  }

  uninstall(): void {
    if (this.saved) {
      globalThis.setTimeout = this.saved.setTimeout;
      globalThis.clearTimeout = this.saved.clearTimeout;
      this.saved = undefined;
    }
    this.pending.clear();
  }

  /** Timers not yet fired. */
  get size(): number {
    return this.pending.size;
  }

  /** Moves the clock on by `ms`, firing due timers in order and letting promises settle after each. */
  async tick(ms: number): Promise<void> {
    const end = this.clock + ms;
    await settle();
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) {
        break;
      }
      this.pending.delete(due[0]);
      this.clock = due[1].at;
      due[1].run();
      await settle();
    }
    this.clock = end;
  }
}

/** Lets pending promise callbacks run (a few macrotask turns through the real setImmediate). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

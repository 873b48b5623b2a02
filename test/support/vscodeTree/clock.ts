// Virtual time for the Node model of VS Code's tree: every macrotask (an RPC message arriving, a timer, a network
// answer) is a task here, run in time order, with all microtasks drained after each one. Nothing else may schedule
// real timers, so one seed gives one interleaving, replayed exactly.

interface Task {
  at: number;
  seq: number;
  run: () => void;
}

/** Resolves once every pending microtask and process.nextTick has run. */
export async function drainMicrotasks(): Promise<void> {
  // Two rounds: a continuation resumed in the first round may queue more that a single setImmediate would miss.
  await new Promise<void>((r) => setImmediate(r));
  await new Promise<void>((r) => setImmediate(r));
}

export class VirtualClock {
  now = 0;
  private tasks: Task[] = [];
  private seq = 0;
  private saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } | undefined;

  /** Routes the global setTimeout / clearTimeout here (the code under test's timers run on virtual time too). */
  install(): this {
    this.saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const handles = new Map<number, { cancel(): void }>();
    let next = 1;
    globalThis.setTimeout = ((run: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
      const id = next++;
      handles.set(
        id,
        this.setTimeout(() => {
          handles.delete(id);
          run(...args);
        }, ms),
      );
      return { id, unref: () => undefined, ref: () => undefined, hasRef: () => false, [Symbol.toPrimitive]: () => id };
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((handle: unknown) => {
      const id = Number(handle);
      handles.get(id)?.cancel();
      handles.delete(id);
    }) as unknown as typeof clearTimeout;
    return this;
  }

  uninstall(): void {
    if (this.saved) {
      globalThis.setTimeout = this.saved.setTimeout;
      globalThis.clearTimeout = this.saved.clearTimeout;
      this.saved = undefined;
    }
  }

  setTimeout(run: () => void, ms = 0): { cancel(): void } {
    const task: Task = { at: this.now + Math.max(0, ms), seq: this.seq++, run };
    this.tasks.push(task);
    return {
      cancel: () => {
        this.tasks = this.tasks.filter((t) => t !== task);
      },
    };
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** Runs the next task; false when there is none. */
  async step(): Promise<boolean> {
    if (this.tasks.length === 0) {
      return false;
    }
    let next = 0;
    for (let i = 1; i < this.tasks.length; i++) {
      const t = this.tasks[i];
      const n = this.tasks[next];
      if (t.at < n.at || (t.at === n.at && t.seq < n.seq)) {
        next = i;
      }
    }
    const [task] = this.tasks.splice(next, 1);
    this.now = Math.max(this.now, task.at);
    task.run();
    await drainMicrotasks();
    return true;
  }

  /** Runs tasks until none is left (or `max` were run: something keeps scheduling). */
  async runUntilIdle(max = 100_000): Promise<void> {
    await drainMicrotasks();
    for (let i = 0; i < max; i++) {
      if (!(await this.step())) {
        return;
      }
    }
    throw new Error(`the virtual clock never became idle (${max} tasks)`);
  }

  /** Runs the tasks due within `ms` from now. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    await drainMicrotasks();
    while (this.tasks.some((t) => t.at <= until)) {
      await this.step();
    }
    this.now = until;
  }
}

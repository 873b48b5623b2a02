// The message channel between the extension host and the workbench, as VS Code's RPC protocol behaves: messages in
// one direction keep their order, and those that arrive together are dispatched one after another in one task —
// the promise continuations of the first run only after the last was dispatched.
import type { VirtualClock } from './clock';

export class Channel {
  private queue: (() => void)[] = [];
  private flushing = false;

  constructor(
    private readonly clock: VirtualClock,
    /** Delay of a batch in virtual ms (random per batch). */
    private readonly latency: () => number,
  ) {}

  send(message: () => void): void {
    this.queue.push(message);
    if (!this.flushing) {
      this.flushing = true;
      this.clock.setTimeout(() => {
        this.flushing = false;
        const batch = this.queue;
        this.queue = [];
        batch.forEach((m) => m());
      }, this.latency());
    }
  }
}

/** A remote call: `handler` runs on the other side when the message arrives; its answer comes back on `back`. */
export function call<T>(there: Channel, back: Channel, handler: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    there.send(() => {
      let answer: Promise<T>;
      try {
        answer = Promise.resolve(handler());
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer.then(
        (value) => back.send(() => resolve(value)),
        (error: unknown) => back.send(() => reject(error)),
      );
    });
  });
}

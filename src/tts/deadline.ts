// The time limit of one HTTP exchange, linked to the caller's signal: `signal` aborts on either, and `failure` turns
// what fetch (or reading the body) threw into the error the user should read.
import { BadResponseError, RedirectRefusedError, TimeoutError, toNetworkError } from './errors';
import { UserCancelledError } from '../util/cancellation';

export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;
  private readonly onAbort = (): void => this.controller.abort();

  constructor(
    readonly ms: number,
    private readonly caller?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
    caller?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Cancelled, timed out, what happened to the connection, or an oversized/broken answer or a refused redirect as it
   * is; stops the read.
   */
  failure(error: unknown, url?: string): Error {
    this.controller.abort();
    if (error instanceof BadResponseError || error instanceof RedirectRefusedError) {
      return error;
    }
    if (this.caller?.aborted) {
      return new UserCancelledError();
    }
    return this.timedOut ? new TimeoutError(this.ms) : toNetworkError(error, url);
  }

  /** Stops the clock; `keepLink` leaves the caller's signal connected (to a stream it must still be able to end). */
  end(keepLink = false): void {
    clearTimeout(this.timer);
    if (!keepLink) {
      this.caller?.removeEventListener('abort', this.onAbort);
    }
  }
}

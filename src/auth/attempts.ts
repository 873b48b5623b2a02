// Pending sign-in attempts: each has its own state (256 bits, single use), PKCE verifier and redirect URI.
// A callback is accepted only for a state in the set; an unknown, reused or missing state is refused with a
// message and leaves the attempt in progress untouched. The one exception: the refusals TTS itself sends without
// state (oauth.ts STATELESS_REFUSALS, exactly as sent) end the single attempt in progress.
import { describeAuthorizeError, isStatelessRefusal, newPkce, newState, parseCallback, type Pkce } from './oauth';
import { UserCancelledError } from '../util/cancellation';

export interface Attempt {
  state: string;
  pkce: Pkce;
  redirectUri: string;
  createdAt: number;
}

/** `refusal`: the callback was an error redirect, handed to its attempt; the browser page should say so. */
export type CallbackOutcome = { accepted: true; refusal?: string } | { accepted: false; message: string };

interface Waiter {
  attempt: Attempt;
  resolve(code: string): void;
  reject(error: Error): void;
}

/** The authorize server refused (error redirect); shown to the user as is. */
export class AuthorizeError extends Error {
  override readonly name = 'AuthorizeError';
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export class SignInTimeoutError extends Error {
  override readonly name = 'SignInTimeoutError';
  constructor() {
    super('No answer from the browser within 5 minutes.');
  }
}

export class PendingAttempts {
  private readonly waiters = new Map<string, Waiter>();
  private readonly used = new Set<string>();
  /** States of attempts that timed out or were cancelled: a late callback is told so. */
  private readonly abandoned = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.waiters.size;
  }

  create(redirectUri: string): Attempt {
    return { state: newState(), pkce: newPkce(), redirectUri, createdAt: this.now() };
  }

  /** Resolves with the code of this attempt's callback; rejects on an error redirect, timeout or cancellation. */
  wait(attempt: Attempt, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(attempt.state);
      };
      const timer = setTimeout(() => {
        done();
        this.abandoned.add(attempt.state);
        reject(new SignInTimeoutError());
      }, timeoutMs);
      const onAbort = (): void => {
        done();
        this.abandoned.add(attempt.state);
        reject(new UserCancelledError());
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(attempt.state, {
        attempt,
        resolve: (code) => {
          done();
          resolve(code);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
    });
  }

  /** Hands a callback query to its attempt. Returns why it was refused, for the caller to show. */
  deliver(query: string): CallbackOutcome {
    const callback = parseCallback(query);
    if (callback.kind === 'invalid' && callback.malformed) {
      return { accepted: false, message: callback.message };
    }
    const waiter = callback.state !== undefined ? this.waiters.get(callback.state) : undefined;
    if (
      callback.kind === 'error' &&
      callback.state === undefined &&
      this.waiters.size === 1 &&
      isStatelessRefusal(callback.error, callback.description)
    ) {
      // TTS's own client checks redirect with no state (oauth.ts STATELESS_REFUSALS): the one attempt in progress is
      // the one refused. Any other error without state could come from anyone who opens the URL, and is ignored.
      const [only] = this.waiters.values();
      return this.refuse(only, callback.error, callback.description);
    }
    if (callback.state === undefined || callback.state === '') {
      return {
        accepted: false,
        message: 'Ignored a sign-in callback without a state: it was not started by this window.',
      };
    }
    if (!waiter) {
      return { accepted: false, message: this.why(callback.state) };
    }
    if (callback.kind === 'invalid') {
      return { accepted: false, message: callback.message };
    }
    this.used.add(callback.state);
    if (callback.kind === 'error') {
      return this.refuse(waiter, callback.error, callback.description);
    }
    waiter.resolve(callback.code);
    return { accepted: true };
  }

  private refuse(waiter: Waiter, error: string, description: string | undefined): CallbackOutcome {
    const refusal = describeAuthorizeError(error, description);
    waiter.reject(new AuthorizeError(error, refusal));
    return { accepted: true, refusal };
  }

  /** Why a callback with this state has no attempt to go to. */
  private why(state: string): string {
    if (this.used.has(state)) {
      return 'Ignored a sign-in callback whose state was already used: a callback can only be used once.';
    }
    if (this.abandoned.has(state)) {
      return 'Ignored a sign-in callback for a sign-in that was cancelled or timed out. Start the sign-in again.';
    }
    return 'Ignored a sign-in callback with an unknown state: it does not belong to a sign-in started here.';
  }
}

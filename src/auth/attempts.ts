// Pending sign-in attempts: each has its own state (256 bits, single use), PKCE verifier and redirect URI.
// A callback is accepted only for a state in the set; an unknown, reused or missing state is refused with a
// message and leaves the attempt in progress untouched.
import { CancelledError } from '../tts/errors';
import { describeAuthorizeError, newPkce, newState, parseCallback, type Pkce } from './oauth';

export interface Attempt {
  state: string;
  pkce: Pkce;
  redirectUri: string;
  createdAt: number;
}

export type CallbackOutcome = { accepted: true } | { accepted: false; message: string };

interface Waiter {
  attempt: Attempt;
  resolve(code: string): void;
  reject(error: Error): void;
}

/** The authorize server refused (error redirect); shown to the user as is. */
export class AuthorizeError extends Error {
  override readonly name = 'AuthorizeError';
  constructor(readonly error: string, message: string) {
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
        reject(new SignInTimeoutError());
      }, timeoutMs);
      const onAbort = (): void => {
        done();
        reject(new CancelledError());
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
    const waiter = callback.state !== undefined ? this.waiters.get(callback.state) : undefined;
    if (callback.kind === 'error' && !waiter && callback.state === undefined && this.waiters.size === 1) {
      // TTS's own checks redirect with no state (Corrections 1): the one attempt in progress is the one refused.
      const [only] = this.waiters.values();
      only.reject(new AuthorizeError(callback.error, describeAuthorizeError(callback.error, callback.description)));
      return { accepted: true };
    }
    if (callback.state === undefined || callback.state === '') {
      return { accepted: false, message: 'Ignored a sign-in callback without a state: it was not started by this window.' };
    }
    if (!waiter) {
      const reused = this.used.has(callback.state);
      return {
        accepted: false,
        message: reused
          ? 'Ignored a sign-in callback whose state was already used: a callback can only be used once.'
          : 'Ignored a sign-in callback with an unknown state: it does not belong to a sign-in started here.',
      };
    }
    if (callback.kind === 'invalid') {
      return { accepted: false, message: callback.message };
    }
    this.used.add(callback.state);
    if (callback.kind === 'error') {
      waiter.reject(new AuthorizeError(callback.error, describeAuthorizeError(callback.error, callback.description)));
    } else {
      waiter.resolve(callback.code);
    }
    return { accepted: true };
  }
}

// TokenManager: hands out access tokens, refreshing when under 5 minutes remain or once after a 401.
// TTS refresh tokens rotate and are single-use (§0.4), so: one refresh in flight per session, storage re-read
// before refreshing (another window may have rotated already), the new pair stored before anyone uses it, and a
// lost race adopts the winner's pair instead of signing out. Only a permanent grant error signs out; network
// errors and 5xx keep the session and back off.
import { CancelledError } from '../tts/errors';
import { type CoreLogger, type TokenSource } from '../tts/http';
import { abortableSleep } from '../tts/sleep';
import { isPermanentGrantError, type OAuthClient } from './oauth';
import type { SessionRepository } from './repository';
import { tokenIdOf, type StoredSession } from './sessions';

/** The session is gone (signed out here or in another window). */
export class SessionGoneError extends Error {
  override readonly name = 'SessionGoneError';
  constructor(readonly sessionId: string, readonly reason = 'You are signed out of The Things Stack.') {
    super(reason);
  }
}

export interface TokenManagerOptions {
  repo: SessionRepository;
  /** The OAuth client (with its secret) that refreshes this session; undefined when it is no longer configured. */
  oauthFor(session: StoredSession): Promise<OAuthClient | undefined> | OAuthClient | undefined;
  now?: () => number;
  /** Refresh when less than this remains; default 5 minutes. */
  skewMs?: number;
  /** How long a failed refresh waits for another window's rotated pair to appear; default 3 s. */
  graceMs?: number;
  /** Waits after transient refresh failures, in turn; default 5 s, 20 s, 45 s. */
  backoffMs?: number[];
  log?: CoreLogger;
  /** Called once when a session is removed because its grant is gone. */
  onExpired?(session: StoredSession, reason: string): void;
}

export class TokenManager {
  private readonly inflight = new Map<string, Promise<StoredSession>>();
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly now: () => number;
  private readonly skewMs: number;
  private readonly graceMs: number;
  private readonly backoffMs: number[];

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.skewMs = options.skewMs ?? 5 * 60_000;
    this.graceMs = options.graceMs ?? 3_000;
    this.backoffMs = options.backoffMs ?? [5_000, 20_000, 45_000];
  }

  needsRefresh(session: StoredSession): boolean {
    return session.method === 'oauth' && (session.tokens.expiresAt ?? Infinity) - this.now() < this.skewMs;
  }

  /** A valid access token for the session, refreshing first when it is about to expire. */
  async accessToken(id: string, signal?: AbortSignal): Promise<string> {
    const session = await this.options.repo.get(id);
    if (!session) {
      throw new SessionGoneError(id);
    }
    if (!this.needsRefresh(session)) {
      return session.tokens.accessToken;
    }
    const fresh = await this.withSignal(this.refresh(id, session.tokens.refreshToken, false), signal);
    return fresh.tokens.accessToken;
  }

  /** After a 401 with `failed`: a newer stored token, a refreshed one, or undefined when there is none. */
  async renew(id: string, failed: string, signal?: AbortSignal): Promise<string | undefined> {
    const session = await this.options.repo.get(id);
    if (!session) {
      return undefined;
    }
    if (session.tokens.accessToken !== failed) {
      return session.tokens.accessToken;
    }
    if (session.method === 'api-key') {
      await this.expire(session, 'The API key was revoked or has expired.');
      return undefined;
    }
    try {
      return (await this.withSignal(this.refresh(id, session.tokens.refreshToken, true), signal)).tokens.accessToken;
    } catch (error) {
      if (error instanceof CancelledError) {
        throw error;
      }
      return undefined;
    }
  }

  /** A TokenSource for the HTTP transport of this session. */
  source(id: string): TokenSource {
    return {
      token: (signal) => this.accessToken(id, signal),
      renew: (failed, signal) => this.renew(id, failed, signal),
    };
  }

  /** One refresh per session at a time, shared by every caller of this window. */
  private refresh(id: string, usedRefreshToken: string | undefined, force: boolean): Promise<StoredSession> {
    let running = this.inflight.get(id);
    if (!running) {
      running = this.doRefresh(id, usedRefreshToken, force).finally(() => this.inflight.delete(id));
      this.inflight.set(id, running);
    }
    return running;
  }

  private async doRefresh(id: string, usedRefreshToken: string | undefined, force: boolean): Promise<StoredSession> {
    const session = await this.options.repo.get(id);
    if (!session) {
      throw new SessionGoneError(id);
    }
    if (session.tokens.refreshToken !== usedRefreshToken && !this.needsRefresh(session)) {
      return session; // another window refreshed in the meantime
    }
    const failure = this.failures.get(id);
    const stillValid = (session.tokens.expiresAt ?? Infinity) > this.now();
    if (!force && failure && failure.until > this.now() && stillValid) {
      return session; // backing off after a transient failure; the current token still works
    }
    const oauth = await this.options.oauthFor(session);
    if (!oauth || !session.tokens.refreshToken) {
      if (stillValid) {
        return session;
      }
      await this.expire(session, 'The session cannot be renewed: its OAuth client is no longer configured.');
      throw new SessionGoneError(id, 'Your The Things Stack session expired. Sign in again.');
    }
    try {
      const tokens = await oauth.refresh(session.tokens.refreshToken);
      const updated: StoredSession = { ...session, tokens, tokenId: tokenIdOf(tokens.accessToken) ?? session.tokenId };
      await this.options.repo.put(updated);
      this.failures.delete(id);
      this.options.log?.debug(`Refreshed session ${id}.`);
      return updated;
    } catch (error) {
      if (isPermanentGrantError(error)) {
        const adopted = await this.awaitRotation(id, session.tokens.refreshToken);
        if (adopted) {
          this.options.log?.debug(`Session ${id} was refreshed by another window; adopted its tokens.`);
          return adopted;
        }
        await this.expire(session, 'Your The Things Stack session has expired or was revoked.');
        throw new SessionGoneError(id, 'Your The Things Stack session has expired or was revoked. Sign in again.');
      }
      const count = (failure?.count ?? 0) + 1;
      const wait = this.backoffMs[Math.min(count, this.backoffMs.length) - 1] ?? 30_000;
      this.failures.set(id, { count, until: this.now() + wait });
      this.options.log?.warn(`Refreshing session ${id} failed (${error instanceof Error ? error.message : String(error)}); keeping it, next try in ${wait / 1000} s.`);
      if (stillValid) {
        return session;
      }
      throw error;
    }
  }

  /** After our refresh token was refused: did another window store a newer pair? Polls storage for a while. */
  private async awaitRotation(id: string, used: string): Promise<StoredSession | undefined> {
    const deadline = Date.now() + this.graceMs;
    for (;;) {
      const current = await this.options.repo.get(id);
      if (!current) {
        return undefined;
      }
      if (current.tokens.refreshToken !== used) {
        return current;
      }
      if (Date.now() >= deadline) {
        return undefined;
      }
      await abortableSleep(Math.min(50, this.graceMs));
    }
  }

  private async expire(session: StoredSession, reason: string): Promise<void> {
    const current = await this.options.repo.get(session.id);
    if (!current || current.tokens.accessToken !== session.tokens.accessToken) {
      return; // already gone, or replaced by a new sign-in
    }
    await this.options.repo.remove(session.id);
    this.failures.delete(session.id);
    this.options.log?.warn(`Session ${session.id} removed: ${reason}`);
    this.options.onExpired?.(session, reason);
  }

  private withSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) {
      return promise;
    }
    if (signal.aborted) {
      return Promise.reject(new CancelledError());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(new CancelledError());
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

// TokenManager: hands out access tokens, refreshing when under 5 minutes remain or once after a 401.
// TTS refresh tokens rotate and are single-use (§0.4), so: one refresh in flight per session, storage re-read
// before refreshing (another window may have rotated already), the new pair stored before anyone uses it, and a
// lost race adopts the winner's pair instead of signing out. Only a permanent grant error signs out; network
// errors and 5xx keep the session and back off. Across windows only the holder of the session's refresh lease
// (lease.ts) refreshes; the others wait for its stored pair, so no refresh token is presented twice.
import { type CoreLogger, type TokenSource } from '../tts/http';
import { abortableSleep } from '../tts/sleep';
import { RefreshLease, type RefreshLeaseOptions } from './lease';
import { isPermanentGrantError, type OAuthClient } from './oauth';
import type { SessionRepository } from './repository';
import { StoredView } from './storedView';
import { takeLeaseTurn } from './leaseTurn';
import { SessionGoneError, tokenIdOf, type StoredSession } from './sessions';
import { isCancellation, untilAborted } from '../util/cancellation';
import { errorMessage } from '../util/errorMessage';

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
  /**
   * The cross-window refresh lease (lease.ts): its time to live, the wait before a taker checks it won, and how
   * often a window that waits for the holder re-reads storage (default 50 ms). `false` turns it off.
   */
  lease?: (Omit<RefreshLeaseOptions, 'now'> & { pollMs?: number }) | false;
  log?: CoreLogger;
  /** Called once when a session is removed because its grant is gone. */
  onExpired?(session: StoredSession, reason: string): void;
}

export class TokenManager {
  private readonly inflight = new Map<string, Promise<StoredSession>>();
  private readonly exclusives = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly now: () => number;
  private readonly skewMs: number;
  private readonly graceMs: number;
  private readonly backoffMs: number[];
  private readonly lease: RefreshLease | undefined;
  private readonly pollMs: number;
  private readonly stored: StoredView;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.skewMs = options.skewMs ?? 5 * 60_000;
    this.graceMs = options.graceMs ?? 3_000;
    this.backoffMs = options.backoffMs ?? [5_000, 20_000, 45_000];
    this.lease =
      options.lease === false ? undefined : new RefreshLease(options.repo.store, { ...options.lease, now: this.now });
    this.pollMs = (options.lease ? options.lease.pollMs : undefined) ?? 50;
    this.stored = new StoredView(options.repo, options.log);
  }

  needsRefresh(session: StoredSession): boolean {
    return session.method === 'oauth' && (session.tokens.expiresAt ?? Infinity) - this.now() < this.skewMs;
  }

  /** A valid access token for the session, refreshing first when it is about to expire. */
  async accessToken(id: string, signal?: AbortSignal): Promise<string> {
    const session = await this.stored.get(id);
    if (!session) {
      throw new SessionGoneError(id);
    }
    if (!this.needsRefresh(session)) {
      return session.tokens.accessToken;
    }
    const fresh = await untilAborted(this.refresh(id, session.tokens.refreshToken, false), signal);
    return fresh.tokens.accessToken;
  }

  /** After a 401 with `failed`: a newer stored token, a refreshed one, or undefined when there is none. */
  async renew(id: string, failed: string, signal?: AbortSignal): Promise<string | undefined> {
    const session = await this.stored.get(id);
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
      return (await untilAborted(this.refresh(id, session.tokens.refreshToken, true), signal)).tokens.accessToken;
    } catch (error) {
      if (isCancellation(error)) {
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

  /** One refresh per session at a time, shared by every caller of this window; none while a sign-out runs. */
  private refresh(id: string, usedRefreshToken: string | undefined, force: boolean): Promise<StoredSession> {
    let running = this.inflight.get(id);
    if (!running) {
      const exclusive = this.exclusives.get(id);
      const start = (): Promise<StoredSession> => this.doRefresh(id, usedRefreshToken, force);
      running = (exclusive ? exclusive.then(start, start) : start()).finally(() => this.inflight.delete(id));
      this.inflight.set(id, running);
    }
    return running;
  }

  /**
   * Runs `change` (a sign-out) with no refresh of the session running in any window: it waits for this window's
   * refresh and takes the cross-window lease, so a refresh elsewhere cannot store its new pair after the session
   * was removed, and `change` reads the latest pair (the one to revoke). Bounded by the lease's time to live.
   */
  async exclusive<T>(id: string, change: () => Promise<T>): Promise<T> {
    const run = (async (): Promise<T> => {
      await this.inflight.get(id)?.catch(() => undefined);
      let held = false;
      if (this.lease) {
        for (let i = 0, polls = Math.ceil(this.lease.ttlMs / this.pollMs); !held && i <= polls; i++) {
          held = await this.lease.acquire(id).catch(() => true); // storage failing: go ahead unguarded
          if (!held) {
            await abortableSleep(this.pollMs);
          }
        }
      }
      try {
        return await change();
      } finally {
        if (held) {
          await this.lease?.release(id);
        }
      }
    })();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.exclusives.set(id, settled);
    void settled.then(() => {
      if (this.exclusives.get(id) === settled) {
        this.exclusives.delete(id);
      }
    });
    return run;
  }

  /** Whether `session` already answers a refresh that `used` started: another window (or call) rotated it. */
  private rotatedSince(session: StoredSession, used: string | undefined, force: boolean): boolean {
    return session.tokens.refreshToken !== used && (force || !this.needsRefresh(session));
  }

  private async doRefresh(id: string, usedRefreshToken: string | undefined, force: boolean): Promise<StoredSession> {
    const session = await this.stored.get(id);
    if (!session) {
      throw new SessionGoneError(id);
    }
    if (this.rotatedSince(session, usedRefreshToken, force)) {
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
    const leased = await takeLeaseTurn({
      lease: this.lease,
      stored: this.stored,
      id,
      pollMs: this.pollMs,
      answered: (session) => this.rotatedSince(session, usedRefreshToken, force),
      log: this.options.log,
    });
    if (leased.adopt) {
      return leased.adopt;
    }
    try {
      return await this.refreshWith(oauth, leased.session ?? session, failure, stillValid);
    } finally {
      if (leased.held) {
        await this.lease?.release(id);
      }
    }
  }

  private async refreshWith(
    oauth: OAuthClient,
    session: StoredSession,
    failure: { count: number } | undefined,
    stillValid: boolean,
  ): Promise<StoredSession> {
    const id = session.id;
    const refreshToken = session.tokens.refreshToken!;
    let updated: StoredSession;
    try {
      const tokens = await oauth.refresh(refreshToken);
      updated = { ...session, tokens, tokenId: tokenIdOf(tokens.accessToken) ?? session.tokenId };
    } catch (error) {
      if (isPermanentGrantError(error)) {
        const adopted = await this.awaitRotation(id, refreshToken);
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
      this.options.log?.warn(
        `Refreshing session ${id} failed (${errorMessage(error)}); keeping it, next try in ${wait / 1000} s.`,
      );
      if (stillValid) {
        return session;
      }
      throw error;
    }
    this.failures.delete(id);
    // Signed out (or in again) elsewhere while the request ran: that decision stands, the new pair is not stored.
    const now = await this.options.repo.get(id).then(
      (s) => s ?? null,
      () => undefined,
    );
    if (now === null) {
      this.options.log?.debug(`Session ${id} was signed out during its refresh; the new pair is not stored.`);
      throw new SessionGoneError(id);
    }
    if (now && now.tokens.refreshToken !== refreshToken && now.tokens.accessToken !== session.tokens.accessToken) {
      this.options.log?.debug(`Session ${id} was signed in again during its refresh; keeping the new sign-in.`);
      return now;
    }
    await this.stored.put(updated, refreshToken);
    return updated;
  }

  /** After our refresh token was refused: did another window store a newer pair? Polls storage for a while. */
  private async awaitRotation(id: string, used: string): Promise<StoredSession | undefined> {
    const deadline = Date.now() + this.graceMs;
    for (;;) {
      const current = await this.stored.get(id);
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
    const current = await this.stored.get(session.id);
    if (!current || current.tokens.accessToken !== session.tokens.accessToken) {
      return; // already gone, or replaced by a new sign-in
    }
    this.failures.delete(session.id);
    await this.stored.remove(session, reason);
    this.options.onExpired?.(session, reason);
  }
}

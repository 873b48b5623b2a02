// The heart of the AuthenticationProvider, without vscode (provider.ts maps it onto VS Code's contract): a
// snapshot of the stored sessions kept in step with storage, the added/removed/changed events other windows need,
// and sign-in / sign-out. Tested in plain Node, several "windows" on one store.
import type { Deployment } from '../tts/deployments';
import {
  diffSessions,
  isSessionKey,
  matchesScopes,
  requestedDeployment,
  SessionGoneError,
  type StoredSession,
} from './sessions';
import type { SessionRepository } from './repository';
import type { TokenManager } from './tokens';
import { Emitter } from '../util/events';
import { errorMessage } from '../util/errorMessage';

/** The shape of vscode.AuthenticationSession. */
export interface AuthSession {
  readonly id: string;
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

export interface AuthSessionsChange {
  added: AuthSession[];
  removed: AuthSession[];
  changed: AuthSession[];
}

export interface ProviderLog {
  info(message: string): void;
  error(message: string): void;
}

/** What the core needs of AccountService. */
export interface ProviderAccounts {
  deployment(key: string): Deployment | undefined;
  update(sessions: readonly StoredSession[]): void;
  setActive(deploymentKey: string, sessionId: string): void;
}

export interface ProviderCoreDeps {
  repo: SessionRepository;
  tokens: TokenManager;
  accounts: ProviderAccounts;
  log: ProviderLog;
  /** Runs the interactive sign-in for the deployment a scope names (or one the user picks). */
  signIn(deployment: Deployment | undefined): Promise<StoredSession>;
  /** Revokes the session's tokens on the server (at sign-out, and for a pair a new sign-in replaces); never throws. */
  revoke(session: StoredSession): Promise<void>;
  /** Shows a non-modal notice (what sign-out did). */
  notify?(message: string): void;
}

export function toAuthSession(session: StoredSession, accessToken: string): AuthSession {
  return {
    id: session.id,
    accessToken,
    account: { id: session.id, label: session.accountLabel },
    scopes: session.scopes,
  };
}

export class ProviderCore {
  private snapshot: StoredSession[] = [];
  private readonly loaded: Promise<void>;
  private reloads: Promise<void> = Promise.resolve();
  private readonly changes = new Emitter<AuthSessionsChange>();

  constructor(private readonly deps: ProviderCoreDeps) {
    this.loaded = this.reload();
  }

  readonly onDidChangeSessions = this.changes.event;

  /** SecretStorage.onDidChange: a session key changed, here or in another window. */
  secretChanged(key: string): void {
    if (isSessionKey(key)) {
      void this.reload();
    }
  }

  /**
   * Re-reads storage and fires added/removed/changed for what differs from the last snapshot. Serialised. When
   * storage cannot be read the snapshot stays as it was: a passing fault never looks like a sign-out.
   */
  reload(): Promise<void> {
    this.reloads = this.reloads.then(async () => {
      let next: StoredSession[];
      try {
        next = await this.deps.repo.list();
      } catch (error) {
        this.deps.log.error(`Could not read sessions: ${errorMessage(error)}`);
        return;
      }
      const diff = diffSessions(this.snapshot, next);
      this.snapshot = next;
      this.deps.accounts.update(next);
      if (diff.added.length || diff.removed.length || diff.changed.length) {
        const change: AuthSessionsChange = {
          added: diff.added.map((s) => toAuthSession(s, s.tokens.accessToken)),
          removed: diff.removed.map((s) => toAuthSession(s, s.tokens.accessToken)),
          changed: diff.changed.map((s) => toAuthSession(s, s.tokens.accessToken)),
        };
        this.changes.fire(change);
      }
    });
    return this.reloads;
  }

  /**
   * Never throws for a storage or network fault: the stored token is the best answer then. Throws ScopeError for
   * scopes it does not know (sessions.ts requestedDeployment).
   */
  async getSessions(scopes?: readonly string[]): Promise<AuthSession[]> {
    requestedDeployment(scopes);
    await this.loaded;
    const out: AuthSession[] = [];
    for (const session of this.snapshot.filter((s) => matchesScopes(s, scopes))) {
      try {
        out.push(toAuthSession(session, await this.deps.tokens.accessToken(session.id)));
      } catch (error) {
        // Offline or a passing fault: the stored token is still the best answer. A gone session is left out.
        if (error instanceof SessionGoneError) {
          continue;
        }
        out.push(toAuthSession(session, session.tokens.accessToken));
      }
    }
    return out;
  }

  async createSession(scopes: readonly string[]): Promise<AuthSession> {
    const key = requestedDeployment(scopes);
    await this.loaded;
    const deployment = key ? this.deps.accounts.deployment(key) : undefined;
    if (key && !deployment) {
      throw new Error(
        `No The Things Stack deployment "${key}" is configured. Add it with "Things Stack: Add Deployment".`,
      );
    }
    const session = await this.deps.signIn(deployment);
    // Signing in again to the same account replaces its stored pair: with no refresh of it running anywhere, so the
    // pair read here is the latest, and it is revoked on the server rather than left valid there.
    const replaced = await this.deps.tokens.exclusive(session.id, async () => {
      const previous = await this.deps.repo.get(session.id).catch(() => undefined);
      await this.deps.repo.put(session);
      return previous;
    });
    this.deps.accounts.setActive(session.deploymentKey, session.id);
    await this.reload();
    this.deps.log.info(`Signed in as ${session.accountLabel}.`);
    if (replaced?.method === 'oauth' && replaced.tokens.accessToken !== session.tokens.accessToken) {
      void this.deps.revoke(replaced); // best effort and never throws; the new session does not wait for it
    }
    return toAuthSession(session, session.tokens.accessToken);
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.loaded;
    // With no refresh running anywhere, so the pair read here is the latest (the one to revoke) and no window
    // stores a refreshed pair after the removal.
    const session = await this.deps.tokens.exclusive(sessionId, async () => {
      const current = (await this.deps.repo.get(sessionId)) ?? this.snapshot.find((s) => s.id === sessionId);
      if (current) {
        // Forget locally first: whatever the server says, the token is discarded (RFC 7009 §2.2).
        await this.deps.repo.remove(sessionId);
      }
      return current;
    });
    if (!session) {
      return;
    }
    await this.reload();
    this.deps.log.info(`Signed out ${session.accountLabel}.`);
    // Said at once, whichever way sign-out was asked for (palette, status bar, Accounts menu); revoking may take a while.
    if (session.method === 'oauth') {
      this.deps.notify?.(`Signed out of The Things Stack: ${session.accountLabel}.`);
      await this.deps.revoke(session);
    } else {
      this.deps.notify?.(
        `Signed out of The Things Stack: ${session.accountLabel}. VS Code forgot the API key; the key itself stays valid until you delete it in the Console.`,
      );
    }
  }

  dispose(): void {
    this.changes.dispose();
  }
}

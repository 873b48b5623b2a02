// The one AuthenticationProvider for The Things Stack ('thingsstack'). Thin: storage, refresh and sign-in live
// in the core (repository, tokens, signIn); this class maps them onto VS Code's contract and keeps windows in
// sync through SecretStorage.onDidChange. Scopes name the deployment: ['deployment:eu1.cloud.thethings.network'].
import * as vscode from 'vscode';
import type { Deployment } from '../tts/deployments';
import type { Logger } from '../platform/logger';
import type { AccountService } from './accountService';
import { diffSessions, matchesScopes, type StoredSession } from './sessions';
import type { SessionRepository } from './repository';
import type { TokenManager } from './tokens';
import { isSessionKey } from './secretStore';

export const PROVIDER_ID = 'thingsstack';
export const PROVIDER_LABEL = 'The Things Stack';

export interface ProviderDeps {
  repo: SessionRepository;
  tokens: TokenManager;
  accounts: AccountService;
  log: Logger;
  /** Runs the interactive sign-in for the deployment a scope names (or one the user picks). */
  signIn(deployment: Deployment | undefined): Promise<StoredSession>;
  /** Revokes the session's token on the server; failures are logged, never shown. */
  revoke(session: StoredSession): Promise<void>;
}

function toSession(session: StoredSession, accessToken: string): vscode.AuthenticationSession {
  return {
    id: session.id,
    accessToken,
    account: { id: session.id, label: session.accountLabel },
    scopes: session.scopes,
  };
}

export class TtsAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private snapshot: StoredSession[] = [];
  private loaded: Promise<void>;
  private reloads: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ProviderDeps, secrets: vscode.SecretStorage) {
    this.loaded = this.reload();
    this.disposables.push(
      this.changes,
      secrets.onDidChange((e) => {
        if (isSessionKey(e.key)) {
          void this.reload();
        }
      }),
    );
  }

  /** Re-reads storage and fires added/removed/changed for what differs from the last snapshot. Serialised. */
  reload(): Promise<void> {
    this.reloads = this.reloads.then(async () => {
      let next: StoredSession[];
      try {
        next = await this.deps.repo.list();
      } catch (error) {
        this.deps.log.error(`Could not read sessions: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const diff = diffSessions(this.snapshot, next);
      this.snapshot = next;
      this.deps.accounts.update(next);
      if (diff.added.length || diff.removed.length || diff.changed.length) {
        this.changes.fire({
          added: diff.added.map((s) => toSession(s, s.tokens.accessToken)),
          removed: diff.removed.map((s) => toSession(s, s.tokens.accessToken)),
          changed: diff.changed.map((s) => toSession(s, s.tokens.accessToken)),
        });
      }
    });
    return this.reloads;
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    await this.loaded;
    const out: vscode.AuthenticationSession[] = [];
    for (const session of this.snapshot.filter((s) => matchesScopes(s, scopes))) {
      try {
        out.push(toSession(session, await this.deps.tokens.accessToken(session.id)));
      } catch (error) {
        // Offline or a passing fault: the stored token is still the best answer. A gone session is left out.
        if (error instanceof Error && error.name === 'SessionGoneError') {
          continue;
        }
        out.push(toSession(session, session.tokens.accessToken));
      }
    }
    return out;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    await this.loaded;
    const key = scopes.find((s) => s.startsWith('deployment:'))?.slice('deployment:'.length);
    const deployment = key ? this.deps.accounts.deployments().find((d) => d.key === key) : undefined;
    if (key && !deployment) {
      throw new Error(`No The Things Stack deployment "${key}" is configured. Add it with "Things Stack: Add Deployment".`);
    }
    const session = await this.deps.signIn(deployment);
    await this.deps.repo.put(session);
    this.deps.accounts.setActive(session.deploymentKey, session.id);
    await this.reload();
    this.deps.log.info(`Signed in as ${session.accountLabel}.`);
    return toSession(session, session.tokens.accessToken);
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.loaded;
    const session = this.snapshot.find((s) => s.id === sessionId) ?? (await this.deps.repo.get(sessionId));
    if (!session) {
      return;
    }
    // Forget locally first: whatever the server says, the token is discarded (RFC 7009 §2.2).
    await this.deps.repo.remove(sessionId);
    await this.reload();
    this.deps.log.info(`Signed out ${session.accountLabel}.`);
    if (session.method === 'oauth') {
      await this.deps.revoke(session);
    } else {
      void vscode.window.showInformationMessage(
        `Forgot the API key for ${session.accountLabel}. The key itself stays valid until you delete it in the Console.`,
      );
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

// Accounts for the explorer and commands: which session is active on each deployment, and an API client that
// carries its token. vscode-free; the provider feeds it the current sessions.
import { TtsClient } from '../tts/client';
import type { Deployment } from '../tts/deployments';
import type { Deployments } from '../tts/deploymentList';
import type { HttpOptions } from '../tts/http';
import type { Account, Accounts } from './accounts';
import type { ClientSecrets } from './oauthClients';
import type { SecretStore } from './repository';
import type { StoredSession } from './sessions';
import type { TokenManager } from './tokens';
import { Emitter } from '../util/events';

export const clientSecretKey = (deploymentKey: string, clientId: string): string =>
  `thingsStack.clientSecret.${deploymentKey}.${clientId}`;

/** The OAuth client secrets, kept in SecretStorage beside the sessions. */
export function clientSecrets(secrets: SecretStore): ClientSecrets & Pick<Accounts, 'storeClientSecret'> {
  return {
    clientSecret: async (deploymentKey, clientId) =>
      (await secrets.get(clientSecretKey(deploymentKey, clientId))) || undefined,
    storeClientSecret: async (deploymentKey, clientId, secret) => {
      await secrets.store(clientSecretKey(deploymentKey, clientId), secret);
    },
  };
}

export interface AccountServiceOptions {
  /** The configured deployments (their one owner: tts/deploymentList.ts). */
  deployments: Deployments;
  tokens: TokenManager;
  secrets: SecretStore;
  /** Transport settings shared by every API client (fetch, log, timeouts). */
  http?: Omit<HttpOptions, 'baseUrl' | 'auth'>;
  /** Where the active account per deployment is kept (VS Code's globalState: session ids only, nothing secret). */
  state?: StateStore;
}

/** The part of a vscode.Memento this needs. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const ACTIVE_ACCOUNTS = 'thingsStack.activeAccounts';

export class AccountService implements Accounts {
  private sessions: readonly StoredSession[] = [];
  private readonly changes = new Emitter<void>();
  private readonly clients = new Map<string, TtsClient>();

  constructor(private readonly options: AccountServiceOptions) {
    this.secrets = clientSecrets(options.secrets);
  }

  private readonly secrets: ReturnType<typeof clientSecrets>;

  deployments(): readonly Deployment[] {
    return this.options.deployments.all();
  }

  deployment(key: string): Deployment | undefined {
    return this.options.deployments.get(key);
  }

  /** Every stored session, as the provider last read them. */
  all(): readonly StoredSession[] {
    return this.sessions;
  }

  /** Called by the provider whenever the stored sessions change. */
  update(sessions: readonly StoredSession[]): void {
    this.sessions = sessions;
    for (const id of [...this.clients.keys()]) {
      if (!sessions.some((s) => s.id === id)) {
        this.clients.delete(id);
      }
    }
    this.fire();
  }

  /** Deployments changed in the settings. */
  fire(): void {
    this.changes.fire();
  }

  sessionsOf(deploymentKey: string): StoredSession[] {
    return this.sessions.filter((s) => s.deploymentKey === deploymentKey);
  }

  activeSession(deploymentKey: string): StoredSession | undefined {
    const mine = this.sessionsOf(deploymentKey);
    const chosen = this.options.state?.get<Record<string, string>>(ACTIVE_ACCOUNTS)?.[deploymentKey];
    return mine.find((s) => s.id === chosen) ?? mine[0];
  }

  setActive(deploymentKey: string, sessionId: string): void {
    const state = this.options.state;
    if (state) {
      void state.update(ACTIVE_ACCOUNTS, {
        ...state.get<Record<string, string>>(ACTIVE_ACCOUNTS),
        [deploymentKey]: sessionId,
      });
    }
    this.fire();
  }

  account(deploymentKey: string): Account | undefined {
    const deployment = this.deployment(deploymentKey);
    const session = this.activeSession(deploymentKey);
    if (!deployment || !session) {
      return undefined;
    }
    return { deployment, session, api: this.api(deployment, session) };
  }

  api(deployment: Deployment, session: StoredSession): TtsClient {
    let client = this.clients.get(session.id);
    if (!client) {
      client = new TtsClient({
        ...this.options.http,
        baseUrl: deployment.identityServerUrl,
        auth: this.options.tokens.source(session.id),
      });
      this.clients.set(session.id, client);
    }
    return client;
  }

  readonly onDidChange = this.changes.event;

  clientSecret(deploymentKey: string, clientId: string): Promise<string | undefined> {
    return this.secrets.clientSecret(deploymentKey, clientId);
  }

  storeClientSecret(deploymentKey: string, clientId: string, secret: string): Promise<void> {
    return this.secrets.storeClientSecret(deploymentKey, clientId, secret);
  }
}

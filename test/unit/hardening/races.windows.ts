// Shared by races.trials.test.ts: a "window" of the extension — a ProviderCore with its own view on the shared
// secret store, its own TokenManager and API clients — and the sign-ins and events the trials check.
import { AccountService } from '../../../src/auth/accountService';
import type { OAuthClient } from '../../../src/auth/oauth';
import { ProviderCore, type AuthSessionsChange } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { TokenManager } from '../../../src/auth/tokens';
import { TtsClient } from '../../../src/tts/client';
import type { Deployment } from '../../../src/tts/deployments';
import type { MemorySecrets, SecretWindow } from '../../support/fakes';
import type { RecordingLog } from '../../support/leakSinks';
import { turns } from '../../support/prng';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { fixedDeployments } from '../../../src/tts/deploymentList';

export const USERS = ['alice', 'bob', 'admin'] as const;
export type User = (typeof USERS)[number];

export interface Window {
  view: SecretWindow;
  tokens: TokenManager;
  core: ProviderCore;
  /** Users whose sign-in this window runs next, in order. */
  signIns: User[];
  api: Map<string, TtsClient>;
}

export interface RaceOptions {
  server: TtsTestServer;
  deployment: Deployment;
  shared: MemorySecrets;
  now: () => number;
  oauth: OAuthClient;
  log: RecordingLog;
}

/** Opens windows on the shared store; records what they report (events) and every "session expired" prompt. */
export function raceWindows({ server, deployment, shared, now, oauth, log }: RaceOptions): {
  open: () => Window;
  idOf: (user: User) => string;
  labelOf: (user: User) => string;
  events: { window: number; change: AuthSessionsChange }[];
  prompts: string[];
} {
  const idOf = (user: User): string => `${deployment.key}/${user}`;
  const labelOf = (user: User): string => `${user} · Local`;

  const signIn = (user: User): StoredSession => {
    const t = server.issueTokens(user, SEED.client.id);
    const at = now();
    return {
      id: idOf(user),
      deploymentKey: deployment.key,
      accountId: user,
      accountLabel: labelOf(user),
      method: 'oauth',
      clientId: SEED.client.id,
      tokenId: t.access_token.split('.')[1],
      scopes: [`deployment:${deployment.key}`],
      createdAt: at,
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: at + t.expires_in * 1000,
        obtainedAt: at,
      },
    };
  };

  // What the windows reported, checked after every trial.
  const events: { window: number; change: AuthSessionsChange }[] = [];
  const prompts: string[] = [];
  let windowSerial = 0;

  const open = (): Window => {
    const number = ++windowSerial;
    const view = shared.window();
    // Settling 6 turns outlasts any store call (≤ 3 turns): lease and index checks hold by event order, not by time.
    const repo = new SessionRepository(view, log, { settle: () => turns(6) });
    const tokens = new TokenManager({
      repo,
      log,
      now,
      graceMs: 50,
      oauthFor: () => oauth,
      onExpired: (s, reason) => prompts.push(`${s.id}: ${reason}`),
      lease: { settle: () => turns(6), pollMs: 1 },
    });
    const accounts = new AccountService({ deployments: fixedDeployments([deployment]), tokens, secrets: view });
    const window: Window = { view, tokens, core: undefined as unknown as ProviderCore, signIns: [], api: new Map() };
    window.core = new ProviderCore({
      repo,
      tokens,
      accounts,
      log,
      signIn: async () => signIn(window.signIns.shift()!),
      revoke: async (s) => {
        await new TtsClient({
          baseUrl: server.url,
          auth: { token: async () => s.tokens.accessToken },
          retries: 0,
        }).users
          .deleteToken(s.accountId, s.clientId!, s.tokenId!)
          .catch(() => undefined);
      },
    });
    view.onDidChange((e) => window.core.secretChanged(e.key));
    window.core.onDidChangeSessions((change) => events.push({ window: number, change }));
    return window;
  };
  return { open, idOf, labelOf, events, prompts };
}

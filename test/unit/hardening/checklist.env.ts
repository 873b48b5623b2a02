// The reliability and security checklist of an editor OAuth client (section 7 of the project's VS Code
// authentication reference, vscode-auth.md), one test per item, each driving the real code against the TTS test
// server. Several facts are also tested where their code lives (test/unit/auth/*.test.ts); these files are the one
// map from item to test:
//   checklist.signIn.test.ts   7.1 system browser, 7.2 state, 7.3 PKCE, 7.4 redirect URI, 7.5 loopback, 7.6 code,
//                              7.7 client authentication, 7.17 fallback
//   checklist.tokens.test.ts   7.8 time limits, 7.11 refresh, 7.12 windows, 7.13 transient failures,
//                              7.14 permanent failure
//   checklist.secrets.test.ts  7.9 tokens only in SecretStorage, 7.15 sign-out, 7.16 redaction
//
// Items not tested here:
//   7.10 detect VS Code's in-memory SecretStorage fallback — the product does not detect it (missing feature).
//   7.18 provider registered even with a misconfigured deployment, 7.19 status bar — extension.ts / statusBar.ts
//        import vscode; see test/integration/activation.test.ts and auth.test.ts.
//
// This module is what the three files share: one TTS test server per file with one real loopback sign-in recorded
// on both legs, and what a sign-in or a stored session needs.
import { PendingAttempts } from '../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../src/auth/flows';
import { CLI_CLIENT_ID, OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { oauthSession } from '../../support/storedSession';
import { signIn, type SignInUi } from '../../../src/auth/signIn';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { approveInBrowser } from '../../support/fakeBrowser';
import type { MemorySecrets } from '../../support/fakes';
import { SEED, startTtsServer, type RecordedRequest, type TtsTestServer } from '../../support/ttsServer';

export const MINUTE = 60_000;
export const URI_CALLBACK = 'vscode://lpwan-tools.things-stack-manager/auth/callback';
export type Form = Record<string, string>;

export const flowOf = (id: Flow['id'], client: Flow['client']): Flow =>
  chooseFlows({ ui: 'desktop', remote: false }, { clientId: 'own', hasSecret: true }).find(
    (f) => f.id === id && f.client === client,
  )!;

/** Registers the hooks of the enclosing suite; `server`, `deployment`, `pending` and `recorded` are set once they have run. */
export function checklistEnv() {
  let server: TtsTestServer;
  let deployment: Deployment;
  let pending: PendingAttempts;
  /** One real loopback sign-in with the extension's own client, both legs recorded. */
  let recorded: {
    session: StoredSession;
    opened: string;
    authorizeRequestsBeforeBrowser: number;
    authorize: RecordedRequest;
    token: RecordedRequest;
  };

  const tokenRequests = (): RecordedRequest[] => server.requests.filter((r) => r.path === '/oauth/token');
  const oauthFor = (
    clientId: string = SEED.client.id,
    clientSecret: string | undefined = SEED.client.secret,
  ): OAuthClient => new OAuthClient({ identityServerUrl: server.url, clientId, clientSecret });

  /** What a sign-in needs: the browser approves as `userId` and the URI handler delivers custom-scheme callbacks. */
  function deps(ui: Partial<SignInUi> = {}, oauth: OAuthClient = oauthFor()): Parameters<typeof signIn>[1] {
    return {
      deployment,
      pending,
      ui: {
        openBrowser: async (url) => {
          const result = await approveInBrowser(server, url);
          if (result.location.startsWith('vscode://')) {
            pending.deliver(new URL(result.location).search);
          }
          return true;
        },
        callbackUri: async () => URI_CALLBACK,
        askCode: async () => undefined,
        askApiKey: async () => undefined,
        refused: () => undefined,
        ...ui,
      },
      oauth: (client) => (client === 'own' ? oauth : oauthFor(CLI_CLIENT_ID, undefined)),
      identify: (token, signal) =>
        new TtsClient({ baseUrl: server.url, auth: { token: async () => token } }).users.identity(signal),
    };
  }

  /** A stored session for alice, its tokens obtained `age` ms ago by the clock `now`. */
  async function storedSession(secrets: MemorySecrets, now = Date.now(), age = 0): Promise<StoredSession> {
    const t = server.issueTokens('alice', SEED.client.id);
    const obtainedAt = now - age;
    const session = oauthSession(deployment, 'alice', {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: obtainedAt + t.expires_in * 1000,
      obtainedAt,
    });
    await new SessionRepository(secrets).put(session);
    return session;
  }

  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
    pending = new PendingAttempts();
    const authorizeBefore = server.requests.filter((r) => r.path === '/oauth/authorize').length;
    let opened = '';
    let authorizeRequestsBeforeBrowser = -1;
    const session = await signIn(
      flowOf('loopback', 'own'),
      deps({
        openBrowser: async (url) => {
          opened = url;
          authorizeRequestsBeforeBrowser =
            server.requests.filter((r) => r.path === '/oauth/authorize').length - authorizeBefore;
          await approveInBrowser(server, url);
          return true;
        },
      }),
      new AbortController().signal,
    );
    const state = new URL(opened).searchParams.get('state');
    recorded = {
      session,
      opened,
      authorizeRequestsBeforeBrowser,
      authorize: server.requests.find((r) => r.path === '/oauth/authorize' && r.query.state === state)!,
      token: tokenRequests().at(-1)!,
    };
  });
  after(() => server.close());
  beforeEach(() => {
    server.knobs.reset();
    pending = new PendingAttempts();
  });

  return {
    get server(): TtsTestServer {
      return server;
    },
    get deployment(): Deployment {
      return deployment;
    },
    get pending(): PendingAttempts {
      return pending;
    },
    get recorded(): typeof recorded {
      return recorded;
    },
    tokenRequests,
    oauthFor,
    deps,
    storedSession,
  };
}

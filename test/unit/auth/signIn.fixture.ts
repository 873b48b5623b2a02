// Shared by the signIn.*.test.ts files: one TTS test server for the file, a fresh PendingAttempts per test, and the
// dependencies of signIn wired to them (the browser approves as a given user; the URI handler delivers callbacks).
import { PendingAttempts } from '../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../src/auth/flows';
import { CLI_CLIENT_ID, OAuthClient } from '../../../src/auth/oauth';
import { type signIn, type SignInUi } from '../../../src/auth/signIn';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { approveInBrowser } from '../../support/fakeBrowser';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

export const URI_CALLBACK = 'vscode://lpwan-tools.things-stack-manager/auth/callback';

export interface SignInEnv {
  server: TtsTestServer;
  deployment: Deployment;
  pending: PendingAttempts;
  /** Messages signIn passed to `ui.refused`, this test. */
  readonly refused: string[];
  deps(ui: Partial<SignInUi>, userId?: string): Parameters<typeof signIn>[1];
}

/** Registers the hooks of the enclosing suite; the fields are set once they have run. */
export function signInEnv(): SignInEnv {
  const env = { refused: [] as string[] } as unknown as SignInEnv;
  before(async () => {
    env.server = await startTtsServer();
    env.deployment = resolveDeployment({ name: 'Local', url: env.server.url, clientId: SEED.client.id });
  });
  after(() => env.server.close());
  beforeEach(() => {
    env.pending = new PendingAttempts();
    env.refused.length = 0;
  });
  env.deps = (ui, userId = 'alice') => {
    const { server, deployment, pending, refused } = env;
    const full: SignInUi = {
      openBrowser: async (url) => {
        const result = await approveInBrowser(server, url, userId);
        if (result.location.startsWith('vscode://')) {
          pending.deliver(new URL(result.location).search); // what the URI handler does
        }
        return true;
      },
      callbackUri: async () => URI_CALLBACK,
      askCode: async () => undefined,
      askApiKey: async () => undefined,
      refused: (message) => refused.push(message),
      ...ui,
    };
    return {
      deployment,
      pending,
      ui: full,
      oauth: (client) =>
        new OAuthClient({
          identityServerUrl: server.url,
          clientId: client === 'own' ? SEED.client.id : CLI_CLIENT_ID,
          clientSecret: client === 'own' ? SEED.client.secret : undefined,
        }),
      identify: (token, signal) =>
        new TtsClient({ baseUrl: server.url, auth: { token: async () => token } }).users.identity(signal),
    };
  };
  return env;
}

export const flowOf = (id: Flow['id'], client: Flow['client']): Flow =>
  chooseFlows({ ui: 'desktop', remote: false }, { clientId: 'x', hasSecret: true }).find(
    (f) => f.id === id && f.client === client,
  )!;

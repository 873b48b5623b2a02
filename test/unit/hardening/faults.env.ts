// Shared by the faults.*.test.ts files (the fault catalogue, issue 8 part 2): one TTS test server per file, stored
// sessions, token managers, API clients and providers wired to it, a way to make the secret store fail, and the
// runner that turns a list of faults into one test each and prints how many faults the file injected.
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { OAuthClient } from '../../../src/auth/oauth';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { TokenManager, type TokenManagerOptions } from '../../../src/auth/tokens';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import type { MemorySecrets, SecretOp } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { turns } from '../../support/prng';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { fixedDeployments } from '../../../src/tts/deploymentList';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Fault {
  name: string;
  /** Runs the case; resolves to the number of faults it injected. */
  run(): Promise<number>;
}

/** Registers the hooks of the enclosing suite; `server` and `deployment` are set once they have run. */
export function faultEnv(subject: string) {
  let server: TtsTestServer;
  let deployment: Deployment;
  let injected = 0;
  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
  });
  after(async () => {
    console.log(`      fault catalogue (${subject}): ${injected} faults injected`);
    await server.close();
  });
  beforeEach(() => server.knobs.reset());

  const oauth = (now?: () => number): OAuthClient =>
    new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret, now });
  const count = (path: string): number => server.requests.filter((r) => r.path === path).length;
  const tokenRequests = (): number => count('/oauth/token');
  let serial = 0;

  /** A stored OAuth session for alice that expires `expiresIn` after `now`. */
  async function session(
    secrets: MemorySecrets,
    options: { now?: number; expiresIn?: number; user?: string; repo?: SessionRepository } = {},
  ): Promise<StoredSession> {
    const user = options.user ?? 'alice';
    const t = server.issueTokens(user, SEED.client.id);
    const now = options.now ?? Date.now();
    const s: StoredSession = {
      id: `${deployment.key}/${user}-${++serial}`,
      deploymentKey: deployment.key,
      accountId: user,
      accountLabel: `${user} · Local`,
      method: 'oauth',
      clientId: SEED.client.id,
      scopes: [`deployment:${deployment.key}`],
      createdAt: now,
      tokenId: t.access_token.split('.')[1],
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: now + (options.expiresIn ?? HOUR),
        obtainedAt: now,
      },
    };
    await (options.repo ?? new SessionRepository(secrets)).put(s);
    return s;
  }

  function manager(secrets: MemorySecrets, extra: Partial<TokenManagerOptions> = {}): TokenManager {
    return new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauth(extra.now),
      graceMs: 50,
      lease: { settle: () => turns(1), pollMs: 1 },
      ...extra,
    });
  }

  const sleeps: number[] = [];
  function api(
    tokens: TokenManager,
    id: string,
    extra: Partial<ConstructorParameters<typeof TtsClient>[0]> = {},
  ): TtsClient {
    return new TtsClient({
      baseUrl: server.url,
      auth: tokens.source(id),
      timeoutMs: 5_000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...extra,
    });
  }
  const stored = (secrets: MemorySecrets, id: string): Promise<StoredSession | undefined> =>
    new SessionRepository(secrets).get(id);

  function provider(
    secrets: MemorySecrets,
    tokens: TokenManager,
    lines: string[],
    repo = new SessionRepository(secrets, recordingLog(lines)),
  ): ProviderCore {
    const accounts = new AccountService({ deployments: fixedDeployments([deployment]), tokens, secrets });
    return new ProviderCore({
      repo,
      tokens,
      accounts,
      log: recordingLog(lines),
      signIn: () => Promise.reject(new Error('no interactive sign-in here')),
      revoke: async () => undefined,
    });
  }

  /** Fails the given store operation (optionally on one key) while `active` is true. */
  function failing(secrets: MemorySecrets, op: SecretOp, key?: string): { active: boolean; hits: number } {
    const state = { active: true, hits: 0 };
    secrets.failOn = (o, k) => {
      if (state.active && o === op && (key === undefined || k === key)) {
        state.hits++;
        return new Error('The keyring is locked');
      }
      return undefined;
    };
    return state;
  }

  /** One test per fault; each must inject at least one. */
  function run(faults: Fault[]): void {
    for (const fault of faults) {
      it(fault.name, async () => {
        const n = await fault.run();
        assert.ok(n > 0, 'the fault was injected');
        injected += n;
      });
    }
  }

  return {
    get server(): TtsTestServer {
      return server;
    },
    get deployment(): Deployment {
      return deployment;
    },
    oauth,
    count,
    tokenRequests,
    session,
    manager,
    sleeps,
    api,
    stored,
    provider,
    failing,
    run,
  };
}

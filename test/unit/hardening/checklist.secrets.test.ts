// The OAuth checklist (the map from item to file: checklist.env.ts), where tokens live and how they leave: 7.9 tokens
// only in SecretStorage, 7.15 sign-out (through ProviderCore.removeSession with the real revoker), 7.16 redaction.
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import { tokenRevoker } from '../../../src/auth/revoke';
import { sessionKey, type StoredSession } from '../../../src/auth/sessions';
import { signIn } from '../../../src/auth/signIn';
import { TokenManager } from '../../../src/auth/tokens';
import { Redactor } from '../../../src/util/redact';
import { TtsClient } from '../../../src/tts/client';
import { MemoryMemento, MemorySecrets } from '../../support/fakes';
import { knownSecrets, scanForLeaks } from '../../support/leakRecorder';
import { recordedSinks, recordingLog } from '../../support/leakSinks';
import { SEED } from '../../support/ttsServer';
import { checklistEnv, flowOf, MINUTE, type Form } from './checklist.env';
import { fixedDeployments } from '../../../src/tts/deploymentList';

describe('hardening: the OAuth checklist, one test per item (vscode-auth.md §7)', function () {
  this.timeout(20_000);
  const env = checklistEnv();
  const { deps, oauthFor } = env;

  it('7.9 tokens only in SecretStorage: after sign-in and refresh, globalState and settings hold none', async () => {
    const secrets = new MemorySecrets();
    const globalState = new MemoryMemento('globalState');
    const repo = new SessionRepository(secrets);
    await repo.put(env.recorded.session);
    const tokens = new TokenManager({ repo, oauthFor: () => oauthFor(), skewMs: 2 * 60 * MINUTE });
    // Wired as extension.ts wires it: the active account per deployment lives in globalState.
    const accounts = new AccountService({
      deployments: fixedDeployments([env.deployment]),
      tokens,
      secrets,
      state: globalState,
    });
    accounts.update([env.recorded.session]);
    accounts.setActive(env.deployment.key, env.recorded.session.id);
    const refreshed = await tokens.accessToken(env.recorded.session.id);
    assert.notEqual(refreshed, env.recorded.session.tokens.accessToken, 'it did refresh');
    const stored = secrets.dump();
    assert.ok(stored.includes(refreshed), 'the token is in SecretStorage');
    assert.ok(globalState.keys().length > 0, 'globalState was written');
    const values = globalState
      .keys()
      .map((k) => `${k}=${JSON.stringify(globalState.get(k))}`)
      .join('\n');
    for (const token of [
      env.recorded.session.tokens.accessToken,
      env.recorded.session.tokens.refreshToken!,
      refreshed,
    ]) {
      assert.ok(!values.includes(token), 'no token in globalState');
    }
    // Every globalState/workspaceState/settings write recorded in this run so far (other tests too).
    const writes = recordedSinks().filter(
      (e) => e.sink === 'globalState' || e.sink === 'workspaceState' || e.sink === 'settings',
    );
    assert.ok(
      writes.some((e) => e.text.includes(env.recorded.session.id)),
      "this test's write was recorded",
    );
    assert.deepEqual(scanForLeaks(knownSecrets(), writes), []);
  });

  it('7.15 sign-out: the session is deleted locally first, then revoked on the server; a failing revoke still signs out', async () => {
    const secrets = new MemorySecrets();
    const repo = new SessionRepository(secrets);
    const tokens = new TokenManager({ repo, oauthFor: () => oauthFor() });
    const lines: string[] = [];
    const log = recordingLog(lines);
    const revoke = tokenRevoker({ deployments: fixedDeployments([env.deployment]), log, oauthFor: () => oauthFor() });
    const deletes = (): number =>
      env.server.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/authorizations/')).length;
    const order: string[] = [];
    const core = new ProviderCore({
      repo,
      tokens,
      accounts: new AccountService({ deployments: fixedDeployments([env.deployment]), tokens, secrets }),
      log,
      // A real sign-in (uri-handler flow, own client): the stored session names its token on the server.
      signIn: () => signIn(flowOf('uri-handler', 'own'), deps(), new AbortController().signal),
      revoke: async (session) => {
        order.push(`revoke: stored ${(await repo.get(session.id)) !== undefined}, ${deletes()} DELETE`);
        await revoke(session);
      },
    });
    const scope = [`deployment:${env.deployment.key}`];
    const signOut = async (): Promise<StoredSession> => {
      const { id } = await core.createSession(scope);
      const session = (await repo.get(id))!;
      assert.ok(session.tokenId, 'the session names its token');
      const watch = secrets.onDidChange((key) => {
        if (key === sessionKey(id) && !secrets.data.has(key)) {
          order.push(`deleted locally, ${deletes()} DELETE`);
        }
      });
      order.length = 0;
      await core.removeSession(id); // resolves: a failing revoke is not the user's problem
      watch.dispose();
      assert.deepEqual(await core.getSessions(), [], 'signed out');
      assert.equal(await repo.get(id), undefined, 'gone from SecretStorage');
      assert.ok(!secrets.dump().includes(session.tokens.accessToken), 'no token left in SecretStorage');
      return session;
    };
    const identity = (session: StoredSession): Promise<unknown> =>
      new TtsClient({
        baseUrl: env.server.url,
        auth: { token: async () => session.tokens.accessToken },
        retries: 0,
      }).users.identity();

    // Revoke succeeds: forgotten here first, then the DELETE; the token no longer works.
    const before = deletes();
    const revoked = await signOut();
    assert.deepEqual(order, [`deleted locally, ${before} DELETE`, `revoke: stored false, ${before} DELETE`]);
    assert.equal(deletes() - before, 1, 'one DELETE, after the local removal');
    await assert.rejects(identity(revoked), (e: { status?: number }) => e.status === 401);
    assert.ok(
      lines.includes('info Revoked the access and refresh token of alice · Local on the server.'),
      lines.join('\n'),
    );

    // Revoke fails (HTTP 503): still signed out, the failure only logged, and nothing secret in the log.
    env.server.knobs.failNext({ status: 503, method: 'DELETE', path: /\/authorizations\// });
    const kept = await signOut();
    assert.equal(env.server.knobs.injected.failures, 1, 'the revoke was refused');
    assert.deepEqual(order, [`deleted locally, ${before + 1} DELETE`, `revoke: stored false, ${before + 1} DELETE`]);
    assert.ok(
      lines.some((l) => l.startsWith('warn Could not revoke the token of alice · Local on the server: ')),
      lines.join('\n'),
    );
    const text = lines.join('\n');
    for (const session of [revoked, kept]) {
      assert.ok(!text.includes(session.tokens.accessToken) && !text.includes(session.tokens.refreshToken!));
    }
    assert.deepEqual(
      scanForLeaks(
        knownSecrets(),
        lines.map((line) => ({ sink: 'log' as const, text: line })),
      ),
      [],
    );
  });

  it("7.16 redaction: tokens, code, verifier, client secret, Authorization values and the authorize URL's state stay out of the log", () => {
    const redactor = new Redactor();
    redactor.add(SEED.client.secret);
    const form = new URLSearchParams(env.recorded.token.body as Form).toString();
    const { tokens } = env.recorded.session;
    const apiKey = env.server.createUserApiKey('alice', ['RIGHT_USER_INFO']);
    const lines = [
      `Opening ${env.recorded.opened}`,
      `POST /oauth/token ${form}`,
      `Authorization: ${env.recorded.token.headers.authorization}`,
      `Authorization: Bearer ${tokens.accessToken}`,
      `Token response ${JSON.stringify({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken })}`,
      `refresh with client_secret=${SEED.client.secret}&refresh_token=${tokens.refreshToken}`,
      `API key ${apiKey} refused`,
    ].map((line) => redactor.redact(line));
    assert.deepEqual(
      scanForLeaks(
        knownSecrets(),
        lines.map((text) => ({ sink: 'log' as const, text })),
      ),
      [],
    );
    const state = new URL(env.recorded.opened).searchParams.get('state')!;
    const text = lines.join('\n');
    for (const value of [
      state,
      (env.recorded.token.body as Form).code_verifier,
      Buffer.from(`${SEED.client.id}:${SEED.client.secret}`).toString('base64'),
    ]) {
      assert.ok(!text.includes(value));
    }
    assert.match(
      text,
      /Opening http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?client_id=vscode-ext/,
      'the rest of the line is kept',
    );
  });
});

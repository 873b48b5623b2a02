// Sign-out revokes for real (issue 21): with the access token while it works, and after it expired by refreshing
// once and revoking the pair the refresh gave, which is what the real v3.32.1 allows (test/real/signOut.real.ts).
import { strict as assert } from 'node:assert';
import { OAuthClient } from '../../../src/auth/oauth';
import { tokenRevoker } from '../../../src/auth/revoke';
import { tokenIdOf, type StoredSession } from '../../../src/auth/sessions';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { accountFor } from '../../support/explorerFixture';
import { recordingLog } from '../../support/leakSinks';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { fixedDeployments } from '../../../src/tts/deploymentList';

const HOUR = 3_600_000;

describe('tokenRevoker', () => {
  let server: TtsTestServer;
  let deployment: Deployment;
  beforeEach(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url });
  });
  afterEach(() => server.close());

  const oauth = (): OAuthClient =>
    new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret });
  const signedIn = (): StoredSession => {
    const { session } = accountFor(server, deployment, 'alice');
    return { ...session, tokenId: tokenIdOf(session.tokens.accessToken) };
  };
  /** The ids of alice's tokens of the client, as the server holds them. */
  const serverTokens = (): string[] =>
    [...server.state.accessTokens.values()]
      .filter((t) => t.userId === 'alice' && t.clientId === SEED.client.id)
      .map((t) => t.id);
  const works = (token: string): Promise<boolean> =>
    new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 }).users.identity().then(
      () => true,
      () => false,
    );

  it("revokes the session's token on its Identity Server, and only logs when that fails", async () => {
    const stored = signedIn();
    const lines: string[] = [];
    const revoke = tokenRevoker({
      deployments: fixedDeployments([deployment]),
      log: recordingLog(lines),
      oauthFor: oauth,
    });
    assert.ok(await works(stored.tokens.accessToken));
    await revoke(stored);
    assert.equal(await works(stored.tokens.accessToken), false);
    assert.deepEqual(serverTokens(), []);
    assert.ok(
      lines.includes('info Revoked the access and refresh token of alice · Local on the server.'),
      lines.join('\n'),
    );
    await revoke(stored); // already gone: the refresh token is dead too, which is said, not thrown
    assert.ok(lines.includes('info The grant of alice · Local had already ended on the server.'), lines.join('\n'));
    await revoke({ ...stored, deploymentKey: 'elsewhere.example.com' }); // no such deployment: nothing sent
    assert.equal(lines.length, 2, lines.join('\n'));
  });

  it('after the access token expired (an hour idle): refreshes once, revokes the new pair, leaves nothing valid', async () => {
    const stored = signedIn();
    const lines: string[] = [];
    const revoke = tokenRevoker({
      deployments: fixedDeployments([deployment]),
      log: recordingLog(lines),
      oauthFor: oauth,
    });
    server.clock.advance(HOUR + 60_000); // the server's clock: the access token answers 401 token_expired
    assert.equal(await works(stored.tokens.accessToken), false);
    assert.deepEqual(serverTokens(), [stored.tokenId], 'the expired pair is still held by the server');
    const from = server.requests.length;
    await revoke(stored); // our clock still thinks the token is valid: the 401 leads to the refresh
    assert.deepEqual(
      server.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/tokens\/\w+$/, 'tokens/{id}')}`),
      [
        `DELETE /api/v3/users/alice/authorizations/${SEED.client.id}/tokens/{id}`,
        'POST /oauth/token',
        `DELETE /api/v3/users/alice/authorizations/${SEED.client.id}/tokens/{id}`,
      ],
    );
    assert.deepEqual(serverTokens(), [], 'no access or refresh token of the session is left on the server');
    await assert.rejects(oauth().refresh(stored.tokens.refreshToken!), (e: { status?: number }) => e.status === 404);
    assert.ok(
      lines.some((l) => /^info Revoked the tokens of alice · Local on the server/.test(l)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((l) => l.startsWith('warn')), lines.join('\n'));
  });

  it('an access token already expired by our clock is not tried: one refresh, one DELETE', async () => {
    const stored = signedIn();
    const expired = { ...stored, tokens: { ...stored.tokens, expiresAt: Date.now() - 1 } };
    const from = server.requests.length;
    await tokenRevoker({ deployments: fixedDeployments([deployment]), log: recordingLog([]), oauthFor: oauth })(
      expired,
    );
    assert.deepEqual(
      server.requests.slice(from).map((r) => r.method),
      ['POST', 'DELETE'],
    );
    assert.deepEqual(serverTokens(), []);
  });

  it('without a client to renew it, an expired token cannot be revoked: logged, not thrown', async () => {
    const stored = signedIn();
    const lines: string[] = [];
    server.clock.advance(HOUR + 60_000);
    await tokenRevoker({
      deployments: fixedDeployments([deployment]),
      log: recordingLog(lines),
      oauthFor: () => undefined,
    })(stored);
    assert.deepEqual(lines, [
      `warn Could not revoke the token of alice · Local on the server: its access token has expired and the OAuth client "${SEED.client.id}" cannot renew it here`,
    ]);
  });
});

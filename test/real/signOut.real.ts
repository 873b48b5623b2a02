// Sign-out revokes for real (issue 21), and what The Things Stack v3.32.1 offers to revoke a grant whose access
// token expired. The access token is made to expire through the stack's database (env.ts expireAccessToken): the
// server's own expiry check then refuses it exactly as after an hour idle.
import { strict as assert } from 'node:assert';
import { AccountService } from '../../src/auth/accountService';
import { PendingAttempts } from '../../src/auth/attempts';
import type { Flow } from '../../src/auth/flows';
import { OAuthClient } from '../../src/auth/oauth';
import { ProviderCore } from '../../src/auth/providerCore';
import { SessionRepository } from '../../src/auth/repository';
import { tokenRevoker } from '../../src/auth/revoke';
import { tokenIdOf } from '../../src/auth/sessions';
import { signIn } from '../../src/auth/signIn';
import { TokenManager } from '../../src/auth/tokens';
import { TtsClient } from '../../src/tts/client';
import { resolveDeployment } from '../../src/tts/deployments';
import { TtsError } from '../../src/tts/errors';
import { MemorySecrets } from '../support/fakes';
import { recordingLog } from '../support/leakSinks';
import { authorizeOverHttp } from '../support/oauthLogin';
import { adminApi, env, expireAccessToken } from './env';
import { fixedDeployments } from '../../src/tts/deploymentList';

const CLIENT = { id: 'vscode-ext', secret: 'Ab+c%2F/x=y' };
const FLOW: Flow = { id: 'paste-code', client: 'own', label: 'code', detail: '' };
const login = { userId: env.user, password: env.password };

/** The IDs of the user's tokens of the client, as the server lists them (admin key). */
async function serverTokens(): Promise<string[]> {
  const { data } = await adminApi().http.request<{ tokens?: { id?: string }[] }>(
    'GET',
    `/users/${env.user}/authorizations/${CLIENT.id}/tokens`,
  );
  return (data.tokens ?? []).map((t) => t.id ?? '').sort();
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** One window of the extension on the real stack: the provider core, signing in with the own client's code flow. */
function window(lines: string[]) {
  const deployment = resolveDeployment({ name: 'Real', url: env.url, clientId: CLIENT.id });
  const oauth = (): OAuthClient =>
    new OAuthClient({ identityServerUrl: env.url, clientId: CLIENT.id, clientSecret: CLIENT.secret });
  const secrets = new MemorySecrets();
  const repo = new SessionRepository(secrets);
  const tokens = new TokenManager({ repo, oauthFor: oauth });
  const log = recordingLog(lines);
  const revoking: Promise<void>[] = [];
  const revoke = tokenRevoker({ deployments: fixedDeployments([deployment]), log, oauthFor: oauth });
  const core = new ProviderCore({
    repo,
    tokens,
    accounts: new AccountService({ deployments: fixedDeployments([deployment]), tokens, secrets }),
    log,
    signIn: () =>
      signIn(
        FLOW,
        {
          deployment,
          oauth,
          identify: (token, signal) =>
            new TtsClient({ baseUrl: env.url, auth: { token: async () => token } }).users.identity(signal),
          pending: new PendingAttempts(),
          ui: {
            openBrowser: async () => true,
            callbackUri: async () => 'unused',
            askCode: async (url) =>
              new URL((await authorizeOverHttp(url, login)).location).searchParams.get('code') ?? '',
            askApiKey: async () => undefined,
            refused: () => undefined,
          },
        },
        new AbortController().signal,
      ),
    revoke: (session) => {
      const done = revoke(session);
      revoking.push(done);
      return done;
    },
  });
  return { core, repo, scope: [`deployment:${deployment.key}`], revoked: () => Promise.all(revoking) };
}

describe('real TTS: sign-out revokes', () => {
  it('after the access token expired: sign out leaves none of its tokens on the server', async function () {
    const lines: string[] = [];
    const { core, repo, scope } = window(lines);
    const before = await serverTokens();
    const { id } = await core.createSession(scope);
    const session = (await repo.get(id))!;
    const tokenId = tokenIdOf(session.tokens.accessToken)!;
    const signedIn = await serverTokens();
    assert.deepEqual(signedIn, [...before, tokenId].sort(), 'the sign-in holds one token on the server');
    if (!expireAccessToken(tokenId)) {
      this.skip(); // no database to make the token expire (set TTS_DB_URL)
    }
    const expired = await failure(
      new TtsClient({
        baseUrl: env.url,
        auth: { token: async () => session.tokens.accessToken },
        retries: 0,
      }).users.identity(),
    );
    assert.ok(
      expired instanceof TtsError && expired.status === 401 && expired.errorName === 'token_expired',
      String(expired),
    );
    await core.removeSession(id);
    const after = await serverTokens();
    console.log(
      `      tokens of ${env.user} for ${CLIENT.id} on the server: ${before.length} before sign-in, ` +
        `${signedIn.length} signed in, ${after.length} after sign-out with the access token expired`,
    );
    assert.deepEqual(after, before, 'the expired token is gone, and the refresh made no new one that stayed');
    const reuse = await failure(
      new OAuthClient({ identityServerUrl: env.url, clientId: CLIENT.id, clientSecret: CLIENT.secret }).refresh(
        session.tokens.refreshToken!,
      ),
    );
    assert.ok(reuse instanceof TtsError && reuse.status === 404, 'its refresh token is dead too');
    assert.ok(
      lines.some((l) => /^info Revoked the tokens of .* \(its access token had expired/.test(l)),
      lines.join('\n'),
    );
  });

  it('signing in again to the same account revokes the pair it replaces', async () => {
    const { core, scope, revoked } = window([]);
    const before = await serverTokens();
    const first = await core.createSession(scope);
    const second = await core.createSession(scope);
    await revoked();
    assert.equal(second.id, first.id);
    assert.deepEqual(await serverTokens(), [...before, tokenIdOf(second.accessToken)!].sort());
    await core.removeSession(second.id);
    await revoked();
    assert.deepEqual(await serverTokens(), before);
  });

  it('what v3.32.1 offers: no RFC 7009 endpoint; an expired access token can revoke nothing; the refresh token can', async function () {
    const client = new OAuthClient({ identityServerUrl: env.url, clientId: CLIENT.id, clientSecret: CLIENT.secret });
    const authorize = new URL(`${env.url}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: CLIENT.id,
      redirect_uri: 'code',
      response_type: 'code',
      state: 's',
    }).toString();
    const code = new URL((await authorizeOverHttp(authorize.toString(), login)).location).searchParams.get('code')!;
    const pair = await client.exchangeCode(code, 'code', 'v');
    const as = (token: string): TtsClient =>
      new TtsClient({ baseUrl: env.url, auth: { token: async () => token }, retries: 0 });
    // POST /oauth/token/revoke (RFC 7009) is no endpoint: the Account app's HTML page, and the token still works.
    const rfc = await fetch(`${env.url}/oauth/token/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: pair.refreshToken!, client_id: CLIENT.id, client_secret: CLIENT.secret }),
    });
    assert.match(rfc.headers.get('content-type') ?? '', /text\/html/);
    await as(pair.accessToken).users.identity();
    if (!expireAccessToken(tokenIdOf(pair.accessToken)!)) {
      this.skip();
    }
    const id = tokenIdOf(pair.accessToken)!;
    const self = await failure(as(pair.accessToken).users.deleteToken(env.user, CLIENT.id, id));
    assert.ok(self instanceof TtsError && self.status === 401 && self.errorName === 'token_expired', String(self));
    const deauthorize = await failure(
      as(pair.accessToken).http.request('DELETE', `/users/${env.user}/authorizations/${CLIENT.id}`),
    );
    assert.ok(deauthorize instanceof TtsError && deauthorize.status === 401, String(deauthorize));
    const renewed = await client.refresh(pair.refreshToken!); // the refresh token outlives the access token
    assert.ok(!(await serverTokens()).includes(id), 'the refresh removed the expired pair');
    // Deleting the authorization (the consent) keeps the tokens valid: only deleting the token ends it.
    await as(renewed.accessToken).http.request('DELETE', `/users/${env.user}/authorizations/${CLIENT.id}`);
    await as(renewed.accessToken).users.identity();
    await as(renewed.accessToken).users.deleteToken(env.user, CLIENT.id, tokenIdOf(renewed.accessToken)!);
    assert.ok(!(await serverTokens()).includes(tokenIdOf(renewed.accessToken)!));
  });
});

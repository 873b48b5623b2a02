// The OAuth checklist (the map from item to file: checklist.env.ts), sign-in: 7.1 system browser, 7.2 state,
// 7.3 PKCE, 7.4 redirect URI, 7.5 loopback, 7.6 code, 7.7 client authentication, 7.17 fallback.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { PendingAttempts, SignInTimeoutError } from '../../../src/auth/attempts';
import { chooseFlows, otherFlows } from '../../../src/auth/flows';
import { startLoopback } from '../../../src/auth/loopback';
import { signIn } from '../../../src/auth/signIn';
import { TtsError } from '../../../src/tts/errors';
import { approveInBrowser } from '../../support/fakeBrowser';
import { SEED } from '../../support/ttsServer';
import { UserCancelledError } from '../../../src/util/cancellation';
import { checklistEnv, flowOf, MINUTE, URI_CALLBACK, type Form } from './checklist.env';

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('hardening: the OAuth checklist, one test per item (vscode-auth.md §7)', function () {
  this.timeout(20_000);
  const env = checklistEnv();
  const { deps, oauthFor, tokenRequests } = env;

  it('7.1 system browser: the authorize URL is handed to the browser; the extension never loads /oauth/authorize itself', () => {
    assert.ok(env.recorded.opened.startsWith(`${env.server.url}/oauth/authorize?`), env.recorded.opened);
    assert.equal(env.recorded.authorizeRequestsBeforeBrowser, 0);
    assert.ok(env.recorded.authorize, 'the browser did load it');
  });

  it('7.2 state: ≥128 bits, fresh per attempt (1,000 distinct), single use; unknown states are ignored, the attempt goes on', async () => {
    const attempts = Array.from({ length: 1000 }, () => env.pending.create('code'));
    assert.equal(new Set(attempts.map((a) => a.state)).size, 1000);
    for (const { state } of attempts) {
      assert.match(state, /^[A-Za-z0-9_-]+$/, 'base64url: nothing to escape');
      assert.ok(Buffer.from(state, 'base64url').length * 8 >= 128);
    }
    const [attempt] = attempts;
    const waiting = env.pending.wait(attempt, 10 * MINUTE);
    assert.match(JSON.stringify(env.pending.deliver(`code=FORGED&state=${attempts[1].state}x`)), /unknown state/);
    assert.deepEqual(env.pending.deliver(`code=C&state=${attempt.state}`), { accepted: true });
    assert.equal(await waiting, 'C');
    assert.match(JSON.stringify(env.pending.deliver(`code=C&state=${attempt.state}`)), /already used/);
    // On the wire: the authorize leg carried this attempt's state.
    assert.equal(env.recorded.authorize.query.state, new URL(env.recorded.opened).searchParams.get('state'));
  });

  it('7.3 PKCE: S256 challenge on the authorize leg, the 43-character verifier on the token leg, and they match', () => {
    const { code_challenge: challenge, code_challenge_method: method } = env.recorded.authorize.query;
    const verifier = (env.recorded.token.body as Form).code_verifier;
    assert.equal(method, 'S256');
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(createHash('sha256').update(verifier).digest('base64url'), challenge);
  });

  it('7.4 redirect URI: the same string on both legs of a real sign-in; the server refuses a code with a differing one', async () => {
    const sent = env.recorded.authorize.query.redirect_uri;
    assert.match(sent, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal((env.recorded.token.body as Form).redirect_uri, sent);
    // The test server enforces it as TTS does: a code issued for one redirect URI is refused with another.
    const location = await env.server.authorize({
      userId: 'alice',
      clientId: SEED.client.id,
      redirectUri: 'http://127.0.0.1:4321/callback',
      state: 's',
    });
    const code = new URL(location).searchParams.get('code')!;
    await assert.rejects(
      oauthFor().exchangeCode(code, 'http://127.0.0.1:4321/callback/', 'v'.repeat(43)),
      (e: unknown) => e instanceof TtsError && e.status >= 400 && e.status < 500,
    );
  });

  it('7.5 loopback: on 127.0.0.1 only (other interfaces refused), closed after success, error, cancel and timeout', async () => {
    const loopback = await startLoopback(new PendingAttempts(), () => undefined, '/callback');
    try {
      assert.equal(await connects('127.0.0.1', loopback.port), true);
      // Bound to 0.0.0.0 it would accept these; bound to 127.0.0.1 it refuses them.
      const others = [
        '127.0.0.2',
        ...Object.values(networkInterfaces())
          .flat()
          .filter((a) => a && !a.internal && !a.address.startsWith('fe80'))
          .map((a) => a!.address),
      ];
      for (const host of others) {
        assert.equal(await connects(host, loopback.port), false, `${host} must be refused`);
      }
    } finally {
      await loopback.close();
    }
    const portOf = (url: string): number => Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
    assert.equal(await connects('127.0.0.1', portOf(env.recorded.opened)), false, 'closed after success');
    let port = 0;
    const deny = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        await approveInBrowser(env.server, url, 'bob', false); // bob denies the consent: an error redirect to the loopback
        return true;
      },
    });
    await assert.rejects(signIn(flowOf('loopback', 'own'), deny, new AbortController().signal), /not authorized/);
    assert.equal(await connects('127.0.0.1', port), false, 'closed after an error');
    const controller = new AbortController();
    const cancel = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        controller.abort();
        return true;
      },
    });
    await assert.rejects(signIn(flowOf('loopback', 'own'), cancel, controller.signal), UserCancelledError);
    assert.equal(await connects('127.0.0.1', port), false, 'closed after a cancel');
    const silent = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        return true;
      },
    });
    await assert.rejects(
      signIn(flowOf('loopback', 'own'), { ...silent, timeoutMs: 1 }, new AbortController().signal),
      SignInTimeoutError,
    );
    assert.equal(await connects('127.0.0.1', port), false, 'closed after a timeout');
    assert.equal(env.pending.size, 0);
  });

  it('7.6 code: exchanged once and never retried after a 4xx (one token request), the flow starts over', async () => {
    const before = tokenRequests().length;
    const spent = deps({
      openBrowser: async (url) => {
        const result = await approveInBrowser(env.server, url);
        const code = new URL(result.location).searchParams.get('code')!;
        await oauthFor().exchangeCode(code, URI_CALLBACK, 'v'.repeat(43)); // someone else redeems the code first
        env.pending.deliver(new URL(result.location).search);
        return true;
      },
    });
    await assert.rejects(
      signIn(flowOf('uri-handler', 'own'), spent, new AbortController().signal),
      (e: unknown) => e instanceof TtsError && e.status >= 400 && e.status < 500,
    );
    assert.equal(tokenRequests().length - before, 2, "the redeemer's request and exactly one of ours");
    const again = await signIn(flowOf('uri-handler', 'own'), deps(), new AbortController().signal);
    assert.equal(again.accountId, 'alice');
  });

  it('7.7 client authentication: HTTP Basic with the raw secret, even one with + and %', async () => {
    assert.equal(
      env.recorded.token.headers.authorization,
      `Basic ${Buffer.from(`${SEED.client.id}:${SEED.client.secret}`).toString('base64')}`,
    );
    assert.equal((env.recorded.token.body as Form).client_secret, undefined, 'no secret in the body');
    const secret = 'pa+ss%2Fw0rd%%';
    const [client] = env.server.seed.clients('alice', 1, {
      prefix: 'checklist-basic',
      secret,
      redirectUris: ['http://127.0.0.1/callback'],
    });
    const session = await signIn(
      flowOf('loopback', 'own'),
      deps({}, oauthFor(client.ids!.client_id, secret)),
      new AbortController().signal,
    );
    assert.equal(session.clientId, client.ids!.client_id);
  });

  it('7.17 fallback: after a failed flow every other flow is offered, best first', () => {
    const all = chooseFlows({ ui: 'desktop', remote: false }, { clientId: SEED.client.id, hasSecret: true });
    const failed = flowOf('uri-handler', 'own');
    assert.deepEqual(
      otherFlows(all, failed).map((f) => `${f.id}/${f.client}`),
      ['loopback/own', 'paste-code/own', 'loopback/cli', 'paste-code/cli', 'api-key/none'],
    );
    const remote = chooseFlows({ ui: 'desktop', remote: true }, { hasSecret: false });
    assert.deepEqual(
      otherFlows(remote, remote[0]).map((f) => f.id),
      ['api-key'],
      'a remote host without a client still has a way',
    );
  });
});

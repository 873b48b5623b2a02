// The fault catalogue (issue 8, part 2), the network: 5xx and 429 answers, a refresh answered 503, no answer in
// time, connections reset mid-body (also under a refresh), DNS and TLS failures. Each row injects its faults,
// asserts the retry (requests counted on the server) or the exact message, and that no session is lost when the
// fault is transient. Tokens and clocks: faults.tokens.test.ts; the secret store: faults.storage.test.ts.
// test/unit/tts/http.test.ts and auth/tokens.test.ts test some of these where their code lives.
import { strict as assert } from 'node:assert';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionGoneError } from '../../../src/auth/sessions';
import { NetworkError, TimeoutError } from '../../../src/tts/errors';
import { describeError } from '../../../src/ui/errorText';
import { MemorySecrets } from '../../support/fakes';
import { SEED } from '../../support/ttsServer';
import { faultEnv, MINUTE, type Fault } from './faults.env';

describe('hardening: fault catalogue', function () {
  this.timeout(30_000);
  const env = faultEnv('network');
  const { api, count, manager, session, sleeps, stored, tokenRequests } = env;

  const serverErrors: Fault[] = [500, 502, 503].map((status) => ({
    name: `HTTP ${status} on a read: retried once after a backoff, then answered; the session untouched`,
    async run() {
      const secrets = new MemorySecrets();
      const s = await session(secrets);
      sleeps.length = 0;
      env.server.knobs.failNext({ status, path: '/api/v3/auth_info' });
      const before = count('/api/v3/auth_info');
      assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
      assert.equal(count('/api/v3/auth_info') - before, 2, 'one retry');
      assert.equal(sleeps.length, 1);
      assert.deepEqual(await stored(secrets, s.id), s, 'no refresh, session as it was');
      return env.server.knobs.injected.failures;
    },
  }));

  const faults: Fault[] = [
    ...serverErrors,
    {
      name: 'HTTP 429 with X-Rate-Limit-*: waits X-Rate-Limit-Retry seconds, then one more request',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        env.server.knobs.rateLimitNext({ retrySeconds: 7, path: '/api/v3/auth_info' });
        const before = count('/api/v3/auth_info');
        assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
        assert.deepEqual(sleeps, [7_000]);
        assert.equal(count('/api/v3/auth_info') - before, 2);
        const limited = env.server.requests.filter((r) => r.path === '/api/v3/auth_info').at(-2)!;
        assert.equal(limited.response?.status, 429);
        assert.equal(
          limited.response?.headers['X-Rate-Limit-Retry'] ?? limited.response?.headers['x-rate-limit-retry'],
          '7',
        );
        return env.server.knobs.injected.rateLimited;
      },
    },
    {
      name: 'a refresh answered 503: the still-valid session is kept, backoff before the next try',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: 3 * MINUTE });
        const tokens = manager(secrets);
        env.server.knobs.failNext({ status: 503, path: '/oauth/token' });
        const before = tokenRequests();
        assert.equal(await tokens.accessToken(s.id), s.tokens.accessToken);
        assert.equal(await tokens.accessToken(s.id), s.tokens.accessToken);
        assert.equal(tokenRequests() - before, 1, 'no second attempt during the backoff');
        assert.deepEqual(await stored(secrets, s.id), s, 'session kept');
        return env.server.knobs.injected.failures;
      },
    },
    {
      name: 'no answer in time: one retry, then TimeoutError with its exact message',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        // Answers are held 1 s; the client gives each attempt 200 ms.
        env.server.knobs.latencyMs = 1_000;
        const before = count('/api/v3/auth_info');
        const error = await api(manager(secrets), s.id, { timeoutMs: 200, retries: 1 })
          .users.identity()
          .catch((e: unknown) => e);
        env.server.knobs.latencyMs = 0;
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.message, 'The Things Stack did not answer within 0 s.');
        assert.equal(count('/api/v3/auth_info') - before, 2, 'both attempts reached the server');
        assert.equal(sleeps.length, 1);
        assert.ok(await stored(secrets, s.id));
        return 2;
      },
    },
    {
      name: 'connection reset mid-body on a read: retried and answered',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        env.server.knobs.dropNext({ when: 'mid-body', path: '/api/v3/auth_info' });
        const before = count('/api/v3/auth_info');
        assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
        assert.equal(count('/api/v3/auth_info') - before, 2);
        return env.server.knobs.injected.dropped;
      },
    },
    {
      name: 'connection reset mid-body on every try: NetworkError "the connection was reset", session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        env.server.knobs.dropNext({ when: 'mid-body', path: '/api/v3/auth_info', count: 4 });
        const error = await api(manager(secrets), s.id)
          .users.identity()
          .catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          `Could not reach The Things Stack at ${new URL(env.server.url).host}: the connection was reset.`,
        );
        assert.deepEqual(await stored(secrets, s.id), s);
        return env.server.knobs.injected.dropped;
      },
    },
    {
      name: 'a refresh answer lost mid-body: the server already rotated, so the grant is gone — one prompt, no loop',
      async run() {
        // TTS retires the old pair when it answers (RetainTokenAfterRefresh: false); a lost answer cannot be recovered.
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        const prompts: string[] = [];
        const tokens = manager(secrets, { onExpired: (_s, reason) => prompts.push(reason) });
        env.server.knobs.dropNext({ when: 'mid-body', path: '/oauth/token' });
        const first = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(first instanceof NetworkError, String(first));
        assert.ok(await stored(secrets, s.id), 'a network error never signs out');
        const second = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(second instanceof SessionGoneError);
        assert.equal(second.message, 'Your The Things Stack session has expired or was revoked. Sign in again.');
        assert.deepEqual(prompts, ['Your The Things Stack session has expired or was revoked.']);
        assert.equal(await stored(secrets, s.id), undefined);
        return env.server.knobs.injected.dropped;
      },
    },
    {
      name: 'DNS failure: NetworkError "the host name could not be resolved", session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        const tokens = manager(secrets, {
          oauthFor: () =>
            new OAuthClient({
              identityServerUrl: 'http://tts.does-not-exist.invalid',
              clientId: SEED.client.id,
              clientSecret: 'x',
            }),
        });
        const error = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          'Could not reach The Things Stack at tts.does-not-exist.invalid: the host name could not be resolved.',
        );
        assert.equal(
          describeError(error),
          'Could not reach The Things Stack at tts.does-not-exist.invalid: the host name could not be resolved. Check your connection and the deployment URL.',
        );
        assert.deepEqual(await stored(secrets, s.id), s);
        return 1;
      },
    },
    {
      name: 'TLS error (https URL on the plain-HTTP server): a clear NetworkError, no retry storm, session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        const error = await api(manager(secrets), s.id, {
          baseUrl: env.server.url.replace('http:', 'https:'),
          retries: 1,
        })
          .users.identity()
          .catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          `Could not reach The Things Stack at ${new URL(env.server.url).host}: no secure (TLS) connection could be set up; check that the URL's http/https matches the server.`,
        );
        assert.equal(sleeps.length, 1, 'retried once like any network error');
        assert.deepEqual(await stored(secrets, s.id), s);
        return 2;
      },
    },
  ];

  env.run(faults);
});

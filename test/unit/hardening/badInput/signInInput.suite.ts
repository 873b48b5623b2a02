// The bad-input catalogue's sign-in input (signInInput.corpus.ts): API keys and pasted codes, through signIn.
import { strict as assert } from 'node:assert';
import { PendingAttempts } from '../../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../../src/auth/flows';
import { OAuthClient } from '../../../../src/auth/oauth';
import { checkApiKey, checkAuthCode, InvalidCredentialError, signIn, type SignInUi } from '../../../../src/auth/signIn';
import { TtsClient } from '../../../../src/tts/client';
import { describeError } from '../../../../src/ui/errorText';
import { UserCancelledError } from '../../../../src/util/cancellation';
import { SEED } from '../../../support/ttsServer';
import type { Env, Row } from './env';
import { API_KEY_CASES, CODE_CASES, GOOD_LOOKING_KEY } from './signInInput.corpus';

export function signInInputRows(env: Env, row: Row): void {
  describe('sign-in input: API keys and pasted codes', () => {
    const flow = (id: Flow['id']): Flow =>
      chooseFlows({ ui: 'desktop', remote: true }, { clientId: SEED.client.id, hasSecret: true }).find(
        (f) => f.id === id,
      )!;
    function deps(answer: string): Parameters<typeof signIn>[1] {
      const ui: SignInUi = {
        openBrowser: async () => true,
        callbackUri: async () => 'vscode://lpwan-tools.things-stack-manager/auth/callback',
        askCode: async () => answer,
        askApiKey: async () => answer,
        refused: () => assert.fail('no callback expected'),
      };
      return {
        deployment: env.deployment,
        pending: new PendingAttempts(),
        ui,
        oauth: () =>
          new OAuthClient({
            identityServerUrl: env.server.url,
            clientId: SEED.client.id,
            clientSecret: SEED.client.secret,
          }),
        identify: (token, signal) =>
          new TtsClient({ baseUrl: env.server.url, auth: { token: async () => token }, retries: 0 }).users.identity(
            signal,
          ),
      };
    }
    /** As the provider does: the session is stored only when sign-in succeeds. */
    async function attempt(flowId: Flow['id'], answer: string): Promise<unknown> {
      try {
        await env.repo.put(await signIn(flow(flowId), deps(answer), new AbortController().signal));
        return undefined;
      } catch (error) {
        return error;
      }
    }

    for (const c of API_KEY_CASES) {
      it(`API key: ${c.name} → ${c.message ? 'refused' : 'abandoned'}`, () =>
        row(async () => {
          const requests = env.server.requests.length;
          // The input box validates non-empty text with checkApiKey; empty text just closes it.
          assert.equal(c.input.trim() ? checkApiKey(c.input) : undefined, c.message);
          const error = await attempt('api-key', c.input);
          if (c.message) {
            assert.ok(error instanceof InvalidCredentialError, String(error));
            assert.equal(error.message, c.message);
          } else {
            assert.ok(error instanceof UserCancelledError, String(error));
          }
          assert.equal(env.server.requests.length, requests, 'refused before any request');
        }));
    }

    it("API key: well-formed, but unknown to the server → the server's refusal", () =>
      row(async () => {
        assert.equal(checkApiKey(GOOD_LOOKING_KEY), undefined);
        const error = await attempt('api-key', GOOD_LOOKING_KEY);
        assert.match(describeError(error), /^API key not found \(correlation id [0-9a-f]{32}\)$/);
      }));

    for (const c of CODE_CASES) {
      it(`pasted code: ${c.name} → ${c.message ? 'refused' : 'abandoned'}`, () =>
        row(async () => {
          const before = env.server.requests.filter((r) => r.path === '/oauth/token').length;
          assert.equal(c.input.trim() ? checkAuthCode(c.input) : undefined, c.message);
          const error = await attempt('paste-code', c.input);
          if (c.message) {
            assert.ok(error instanceof InvalidCredentialError, String(error));
            assert.equal(error.message, c.message);
          } else {
            assert.ok(error instanceof UserCancelledError, String(error));
          }
          assert.equal(env.server.requests.filter((r) => r.path === '/oauth/token').length, before, 'no code exchange');
        }));
    }
  });
}

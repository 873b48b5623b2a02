// Helpers of the account-side suites: sign-ins over the real login sequence (token pairs of the admin or of a
// user made for the test), a non-admin user that is purged afterwards, and failures as values.
import { randomBytes } from 'node:crypto';
import { CLI_CLIENT_ID, OAuthClient, authorizeUrl, newPkce } from '../../src/auth/oauth';
import type { TokenSet } from '../../src/auth/sessions';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { authorizeOverHttp } from '../support/oauthLogin';
import { adminApi, env, uniqueId } from './env';

export const OWN_CLIENT = { id: 'vscode-ext', secret: 'Ab+c%2F/x=y' };

/** The token ID (the middle part of `MFRWG.<id>.<key>`). */
export const tokenIdOf = (token: string): string => token.split('.')[1] ?? '';

/** A fresh token pair of `userId` for the client (the code flow, login and consent over HTTP). */
export async function signIn(
  userId: string,
  password: string,
  client: { id: string; secret?: string } = OWN_CLIENT,
): Promise<TokenSet> {
  const redirectUri = 'code';
  const url = authorizeUrl(env.url, { clientId: client.id, redirectUri, state: 's', pkce: newPkce() });
  const { location } = await authorizeOverHttp(url, { userId, password });
  const code = new URL(location).searchParams.get('code') ?? '';
  const oauth = new OAuthClient({ identityServerUrl: env.url, clientId: client.id, clientSecret: client.secret });
  return oauth.exchangeCode(code, redirectUri, 'v');
}

/** The stack's API as the holder of `token` (an access token or an API key), without retries. */
export const apiWith = (token: string): TtsClient =>
  new TtsClient({ baseUrl: env.url, auth: { token: async () => token }, retries: 0, timeoutMs: 15_000 });

/** The stack's API without credentials. */
export const anonymousApi = (): TtsClient => new TtsClient({ baseUrl: env.url, retries: 0, timeoutMs: 15_000 });

export interface TestUser {
  id: string;
  password: string;
  /** An access token of the `cli` client (RIGHT_ALL). */
  token: string;
  api: TtsClient;
  /** Deletes and purges the user (its tokens, authorizations and keys go with it). */
  remove(): Promise<void>;
}

/** A non-admin user, approved, signed in through `cli`; `id` starts with `prefix` when given. */
export async function makeUser(prefix?: string): Promise<TestUser> {
  const id = prefix ? `${prefix}-u` : uniqueId('user');
  const password = `Pw-1${randomBytes(9).toString('base64url')}`; // the stack wants a digit
  const admin = adminApi();
  await admin.http.request('POST', '/users', {
    body: {
      user: {
        ids: { user_id: id },
        primary_email_address: `${id}@example.com`,
        password,
        state: 'STATE_APPROVED',
      },
    },
  });
  const remove = async (): Promise<void> => {
    await admin.http.request('DELETE', `/users/${id}`).catch(() => undefined);
    await admin.http.request('DELETE', `/users/${id}/purge`).catch(() => undefined);
  };
  try {
    const token = (await signIn(id, password, { id: CLI_CLIENT_ID })).accessToken;
    return { id, password, token, api: apiWith(token), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The error a promise rejects with (a TtsError, else the test fails), or undefined when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<TtsError | undefined> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (outcome !== undefined && !(outcome instanceof TtsError)) {
    throw outcome;
  }
  return outcome;
}

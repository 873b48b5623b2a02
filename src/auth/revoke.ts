// Sign-out's server side: ends the session's grant on the Identity Server that issued it. Best effort: the local
// sign-out has already happened, so a failure is logged, never thrown.
//
// What the real v3.32.1 does (test/real/signOut.real.ts): there is no RFC 7009 endpoint (POST /oauth/token/revoke and
// /oauth/revoke answer 200 with the Account app's HTML page and revoke nothing). A token may delete itself
// (DELETE /users/{user}/authorizations/{client}/tokens/{id}), which also ends its refresh token (they are one record);
// an EXPIRED access token gets 401 token_expired there, and so does DELETE /users/{user}/authorizations/{client}
// (which would in any case keep the tokens: it deletes only the consent). The refresh token still works after the
// access token expired, and a refresh deletes the old pair. So: delete with the access token while it is valid;
// when it is not, refresh once and delete the pair the refresh gave.
import { TtsClient } from '../tts/client';
import type { Deployments } from '../tts/deploymentList';
import { TtsError } from '../tts/errors';
import type { CoreLogger, Fetch } from '../tts/http';
import { isPermanentGrantError, type OAuthClient } from './oauth';
import { tokenIdOf, type StoredSession } from './sessions';
import { errorMessage } from '../util/errorMessage';

export interface RevokeOptions {
  /** The configured deployments (the session's one says where its Identity Server is). */
  deployments: Pick<Deployments, 'get'>;
  /** The OAuth client that refreshes the session (its own client with the stored secret, or `cli`). */
  oauthFor(session: StoredSession): Promise<OAuthClient | undefined> | OAuthClient | undefined;
  log: CoreLogger & { info(message: string): void };
  fetch?: Fetch;
  now?: () => number;
}

/** An access token this close to its expiry is not tried: the refresh is the surer way. */
const EXPIRY_MARGIN_MS = 30_000;

/** A `revoke(session)` for the provider: the session's access and refresh token are gone from the server after it. */
export function tokenRevoker(options: RevokeOptions): (session: StoredSession) => Promise<void> {
  const now = options.now ?? Date.now;
  return async (session) => {
    const deployment = options.deployments.get(session.deploymentKey);
    if (!deployment || session.method !== 'oauth' || !session.clientId) {
      return; // API keys, or nothing to name on the server
    }
    const deleteWith = async (accessToken: string): Promise<void> => {
      const tokenId = tokenIdOf(accessToken);
      if (!tokenId) {
        throw new Error('the access token has no ID');
      }
      const api = new TtsClient({
        baseUrl: deployment.identityServerUrl,
        auth: { token: async () => accessToken },
        log: options.log,
        retries: 0,
        timeoutMs: 10_000,
        redirects: 'refuse', // the request carries the access token
        fetch: options.fetch,
      });
      await api.users.deleteToken(session.accountId, session.clientId!, tokenId);
    };
    const failed = (error: unknown): void =>
      options.log.warn(`Could not revoke the token of ${session.accountLabel} on the server: ${errorMessage(error)}`);
    const valid = (session.tokens.expiresAt ?? Infinity) - now() > EXPIRY_MARGIN_MS;
    if (valid) {
      try {
        await deleteWith(session.tokens.accessToken);
        options.log.info(`Revoked the access and refresh token of ${session.accountLabel} on the server.`);
        return;
      } catch (error) {
        if (!(error instanceof TtsError && error.status === 401)) {
          failed(error);
          return;
        }
        // The access token no longer works (expired by the server's clock, or revoked): try the refresh token.
      }
    }
    const refreshToken = session.tokens.refreshToken;
    const oauth = refreshToken ? await options.oauthFor(session) : undefined;
    if (!refreshToken || !oauth) {
      failed(new Error(`its access token has expired and the OAuth client "${session.clientId}" cannot renew it here`));
      return;
    }
    let renewed: string;
    try {
      renewed = (await oauth.refresh(refreshToken)).accessToken;
    } catch (error) {
      if (isPermanentGrantError(error)) {
        options.log.info(`The grant of ${session.accountLabel} had already ended on the server.`);
      } else {
        failed(error);
      }
      return;
    }
    try {
      await deleteWith(renewed);
      options.log.info(
        `Revoked the tokens of ${session.accountLabel} on the server (its access token had expired: renewed, then revoked).`,
      );
    } catch (error) {
      failed(error);
    }
  };
}

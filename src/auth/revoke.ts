// Sign-out's server side: revokes the session's access token (and with it the refresh token) on the Identity Server
// that issued it. Best effort: the local sign-out has already happened, so a failure is logged, never thrown.
import { TtsClient } from '../tts/client';
import type { Deployment } from '../tts/deployments';
import type { CoreLogger, Fetch } from '../tts/http';
import type { StoredSession } from './sessions';

export interface RevokeOptions {
  /** The configured deployments (the session's one says where its Identity Server is). */
  deployments(): readonly Deployment[];
  log: CoreLogger & { info(message: string): void };
  fetch?: Fetch;
}

/** A `revoke(session)` for the provider: DELETE /users/{user}/authorizations/{client}/tokens/{token id}. */
export function tokenRevoker(options: RevokeOptions): (session: StoredSession) => Promise<void> {
  return async (session) => {
    const deployment = options.deployments().find((d) => d.key === session.deploymentKey);
    if (!deployment || !session.clientId || !session.tokenId) {
      return; // API keys, or nothing to name on the server
    }
    try {
      const api = new TtsClient({
        baseUrl: deployment.identityServerUrl,
        auth: { token: async () => session.tokens.accessToken },
        log: options.log,
        retries: 0,
        timeoutMs: 10_000,
        fetch: options.fetch,
      });
      await api.users.deleteToken(session.accountId, session.clientId, session.tokenId);
      options.log.info(`Revoked the access token of ${session.accountLabel} on the server.`);
    } catch (error) {
      options.log.warn(
        `Could not revoke the token of ${session.accountLabel} on the server: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

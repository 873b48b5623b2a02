// Which OAuth client a session of a deployment signs in, refreshes and revokes with: the deployment's own client
// with the secret kept in SecretStorage, or the stack's public `cli` client.
import type { Deployment } from '../tts/deployments';
import type { Deployments } from '../tts/deploymentList';
import { CLI_CLIENT_ID, OAuthClient } from './oauth';
import type { StoredSession } from './sessions';

/** Where the secrets of the deployments' own clients are kept. */
export interface ClientSecrets {
  clientSecret(deploymentKey: string, clientId: string): Promise<string | undefined>;
}

/** The OAuth client for `clientId` on `deployment`: `cli`, or the own client when its secret is kept (else none). */
export async function oauthClientFor(
  deployment: Deployment,
  clientId: string | undefined,
  secrets: ClientSecrets,
): Promise<OAuthClient | undefined> {
  if (!clientId || clientId === CLI_CLIENT_ID) {
    return new OAuthClient({ identityServerUrl: deployment.identityServerUrl, clientId: CLI_CLIENT_ID });
  }
  const clientSecret = await secrets.clientSecret(deployment.key, clientId);
  return clientSecret
    ? new OAuthClient({ identityServerUrl: deployment.identityServerUrl, clientId, clientSecret })
    : undefined;
}

/** The OAuth client that renews a session (to refresh it, and to revoke it once its access token expired). */
export function sessionOAuthClients(
  deployments: Pick<Deployments, 'get'>,
  secrets: ClientSecrets,
): (session: StoredSession) => Promise<OAuthClient | undefined> {
  return async (session) => {
    const deployment = deployments.get(session.deploymentKey);
    return deployment ? oauthClientFor(deployment, session.clientId, secrets) : undefined;
  };
}

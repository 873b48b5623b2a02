// A session as a completed OAuth sign-in stores it (auth/sessions.ts), for tests that put one in storage or hand one
// to the code under test: `<deployment>/<user>`, labelled `<user> · <deployment name>`, scoped to the deployment.
import type { StoredSession } from '../../src/auth/sessions';

export function oauthSession(
  deployment: { key: string; name: string },
  userId: string,
  tokens: StoredSession['tokens'],
  more: Partial<StoredSession> = {},
): StoredSession {
  return {
    id: `${deployment.key}/${userId}`,
    deploymentKey: deployment.key,
    accountId: userId,
    accountLabel: `${userId} · ${deployment.name}`,
    method: 'oauth',
    clientId: 'vscode-ext',
    scopes: [`deployment:${deployment.key}`],
    createdAt: tokens.obtainedAt,
    tokens,
    ...more,
  };
}

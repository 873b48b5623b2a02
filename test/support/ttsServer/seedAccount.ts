// The account side of the seeded world (issue 23), on top of the 'demo' seed: alice's user API keys, an organization
// of her own with an API key and bob as a member, clients of bob's that alice authorized (with live tokens, so the
// explorer has authorized apps to show), and a client bob asked for that waits in the admin's queue. Call
// `seedAccount(server)` after startTtsServer(), or start with `{ account: true }`. Key and token values are
// returned, never logged.
import type { TtsTestServer, TokenSet } from './index';
import type { Right } from './rights';
import { SEED } from './seedWorld';

export const ACCOUNT_SEED = {
  /** alice's own organization: alice RIGHT_ALL, bob RIGHT_ORGANIZATION_INFO. */
  organization: { id: 'alice-lab', name: "Alice's lab", apiKeyName: 'lab automation' },
  /** bob's APPROVED clients that alice authorized, with this many access tokens each. */
  authorizedClients: [
    { id: 'weather-portal', name: 'Weather portal', tokens: 2 },
    { id: 'field-notes', name: 'Field notes', tokens: 1 },
  ],
  /** The extension's own client (demo seed) is authorized by alice too, with one token. */
  ownClientTokens: 1,
  /** A client bob registered himself: STATE_REQUESTED, for the admin's queue (`/search/clients?state=…`). */
  requestedClient: { id: 'bob-uploader', name: 'Uploader' },
  userApiKeys: [
    {
      name: 'deploy script',
      rights: ['RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_APPLICATION_ALL'] as Right[],
    },
    { name: 'read only', rights: ['RIGHT_USER_INFO'] as Right[] },
  ],
} as const;

export interface SeededKey {
  id: string;
  /** The full `NNSXS.…` value. */
  key: string;
}

export interface AccountSeed {
  userApiKeys: SeededKey[];
  organizationApiKey: SeededKey;
  /** Client ID → the token pairs issued to alice for it. */
  tokens: Record<string, TokenSet[]>;
}

const seededKey = (key: string): SeededKey => ({ id: key.split('.')[1] ?? '', key });

/** `count` token pairs of `userId` for `clientId` (each as if a code had been exchanged), and the consent. */
export function seedAuthorization(server: TtsTestServer, userId: string, clientId: string, count = 1): TokenSet[] {
  return Array.from({ length: count }, () => server.issueTokens(userId, clientId));
}

/** User API keys (`NNSXS.…`) of `userId`. */
export function seedUserApiKeys(
  server: TtsTestServer,
  userId: string,
  keys: readonly { name: string; rights: readonly Right[] }[],
): SeededKey[] {
  return keys.map(({ name, rights }) => seededKey(server.seed.apiKey({ kind: 'user', id: userId }, [...rights], name)));
}

/** Seeds the account side for alice (see ACCOUNT_SEED); needs the users of every seed, uses the demo client if any. */
export function seedAccount(server: TtsTestServer): AccountSeed {
  const { organization, authorizedClients, requestedClient } = ACCOUNT_SEED;
  const userApiKeys = seedUserApiKeys(server, 'alice', ACCOUNT_SEED.userApiKeys);
  server.seed.organization({
    id: organization.id,
    name: organization.name,
    members: { alice: ['RIGHT_ALL'], bob: ['RIGHT_ORGANIZATION_INFO'] },
  });
  const org = server.state.organizations.get(organization.id);
  if (org) {
    org.administrative_contact = { user_ids: { user_id: 'alice' } };
    org.technical_contact = { user_ids: { user_id: 'alice' } };
  }
  const organizationApiKey = seededKey(
    server.seed.apiKey(
      { kind: 'organization', id: organization.id },
      ['RIGHT_ORGANIZATION_INFO', 'RIGHT_ORGANIZATION_APPLICATIONS_LIST'],
      organization.apiKeyName,
    ),
  );
  const tokens: Record<string, TokenSet[]> = {};
  for (const client of authorizedClients) {
    server.seed.clients('bob', 1, {
      ids: [client.id],
      name: client.name,
      rights: ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_APPLICATION_INFO'],
    });
    tokens[client.id] = seedAuthorization(server, 'alice', client.id, client.tokens);
  }
  const own = SEED.client.id;
  if (server.state.clients.has(own)) {
    tokens[own] = seedAuthorization(server, 'alice', own, ACCOUNT_SEED.ownClientTokens);
  }
  server.seed.clients('bob', 1, {
    ids: [requestedClient.id],
    name: requestedClient.name,
    state: 'STATE_REQUESTED',
    rights: ['RIGHT_USER_INFO'],
  });
  const requested = server.state.clients.get(requestedClient.id)?.client;
  if (requested) {
    requested.state_description = 'admin approval required';
  }
  return { userApiKeys, organizationApiKey, tokens };
}

// Somebody else's changes on the account side, for both runs of the randomized tree test: alice signs in to one of
// the clients she authorized once more elsewhere (one more access token), or she is made a member of a new
// organization (a new owner under OAuth Clients and Applications too). Returns the ids of the lists they make stale.
import type { TtsTestServer } from '../ttsServer';
import { ACCOUNT_SEED, seedAuthorization } from '../ttsServer/seedAccount';

export type AccountChange = 'authorize' | 'createOrg';

export function accountChange(
  server: TtsTestServer,
  deploymentKey: string,
  change: AccountChange,
  at: number,
  organizationId: string,
): string[] {
  if (change === 'authorize') {
    const clients = ACCOUNT_SEED.authorizedClients;
    const clientId = clients[at % clients.length].id;
    seedAuthorization(server, 'alice', clientId, 1);
    return [`${deploymentKey}/#authorizations`, `${deploymentKey}/#authorizations/${clientId}`];
  }
  server.seed.organization({ id: organizationId, name: 'Made elsewhere', members: { alice: ['RIGHT_ALL'] } });
  return ['organizations', 'clients', 'applications'].map((section) => `${deploymentKey}/${section}`);
}

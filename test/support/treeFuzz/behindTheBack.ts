// Changes made behind the explorer's back, as somebody else (another client, the Console) makes them on the server,
// the same for the Node model (virtualExplorer.ts) and the real workbench (test/e2e/treeFuzz/workbenchExplorer.ts):
// each is noted in `dirty`, so the check leaves what it touches alone until a refresh covers it.
import type { Account } from '../../../src/auth/accounts';
import type { TtsTestServer } from '../ttsServer';
import { accountChange } from './accountChanges';
import type { BehindTheBack } from './actions';
import type { Dirty } from './oracle';

export interface BehindTheBackWorld {
  server: TtsTestServer;
  deploymentKey: string;
  dirty: Dirty;
  /** The somebody else: an account of alice on the same server, not the explorer's. */
  other: Account;
  /** An ID no application, client or organization has yet, starting with `prefix`. */
  newId(prefix: string): string;
}

export async function changeBehindTheBack(world: BehindTheBackWorld, change: BehindTheBack, at: number): Promise<void> {
  const { server, deploymentKey, dirty, other } = world;
  const owner = at % 2 === 0 ? { kind: 'user' as const, id: 'alice' } : { kind: 'organization' as const, id: 'acme' };
  const apps = [...server.state.applications.values()]
    .filter(
      (a) =>
        !a.deleted_at &&
        server.state.memberships.get(`application:${a.ids?.application_id}`)?.has(`${owner.kind}:${owner.id}`),
    )
    .map((a) => a.ids?.application_id ?? '');
  const app = apps.length ? apps[Math.floor(at / 2) % apps.length] : undefined;
  switch (change) {
    case 'authorize':
    case 'createOrg':
      dirty.touched(...accountChange(server, deploymentKey, change, at, world.newId('zz-other-org')));
      break;
    case 'createApp':
      server.seed.applications(owner, 1, { ids: [world.newId('zz-other-app')], name: 'Made elsewhere' });
      dirty.changed({ deploymentKey, section: 'applications', owner });
      break;
    case 'createClient':
      server.seed.clients(owner, 1, { ids: [world.newId('zz-other-client')], name: 'Made elsewhere' });
      dirty.changed({ deploymentKey, section: 'clients', owner });
      break;
    case 'deleteApp': {
      // The Things Stack refuses to delete an application that still has end devices.
      const empty = apps.filter((a) => (server.state.devices.get(a)?.size ?? 0) === 0);
      const target = empty.length ? empty[Math.floor(at / 2) % empty.length] : undefined;
      if (target) {
        await other.api.applications.delete(target);
        dirty.changed({ deploymentKey, section: 'applications', owner, deleted: true });
      }
      break;
    }
    case 'renameApp':
      if (app) {
        await other.api.applications.update(app, { name: `Renamed ${at % 100}` }, ['name']);
        dirty.changed({ deploymentKey, section: 'applications', owner });
      }
      break;
    case 'addDevice':
      if (app) {
        server.seed.devices(app, 1, { prefix: 'zz-dev' });
        dirty.changed({ deploymentKey, section: 'applications', owner, devicesOf: app });
      }
      break;
  }
}

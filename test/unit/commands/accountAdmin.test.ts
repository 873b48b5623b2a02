// The account side's remaining paths against the TTS test server: an admin purges an organization and filters every
// application of the stack; "its OAuth clients" on an organization reveals its owner row; a revoke that fails halfway
// keeps the authorization, so nothing is lost and it can be tried again.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, keys, walk, type Fixture } from '../../support/explorerFixture';
import { seedAccount } from '../../support/ttsServer/seedAccount';

describe('account side: admin lists, owner jump, partial failures', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('as an admin', () => {
    beforeEach(async () => {
      f = await explorerFixture({ user: 'admin' });
      seedAccount(f.server);
    });

    it('purges a deleted organization after a modal that says it is final and the typed ID', async () => {
      await f.account.api.organizations.delete('alice-lab');
      const before = f.server.requests.length;
      await run(f, 'thingsStack.purgeOrganization', [
        { search: '', choose: 'alice-lab' },
        { confirm: true, expect: /Purging is final: it cannot be restored/ },
        { input: 'alice-lab', expect: /cannot be undone/ },
      ]);
      assert.deepEqual(writes(f, before), ['DELETE /organizations/alice-lab/purge']);
      assert.equal(f.server.state.organizations.has('alice-lab'), false);
    });

    it('filters every application of the stack by typed text, and clears', async () => {
      const all = await walk(f, 'deployment', 'admin', 'allEntities:applications');
      const everything = (await f.model.children(all)).filter((n) => n.kind === 'application');
      await run(f, 'thingsStack.filter', [{ search: 'weather' }], all);
      const filtered = await walk(f, 'deployment', 'admin', 'allEntities:applications');
      const shown = keys(await f.model.children(filtered));
      assert.ok(shown.length > 0 && shown.every((k) => k.includes('weather')), shown.join(', '));
      assert.ok(everything.length > shown.length);
      await run(f, 'thingsStack.clearFilter', [], filtered);
      const cleared = await walk(f, 'deployment', 'admin', 'allEntities:applications');
      assert.equal((await f.model.children(cleared)).filter((n) => n.kind === 'application').length, everything.length);
    });
  });

  describe('as a user', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it("shows an organization's OAuth clients under it as their owner, clearing a filter that hides it", async () => {
      const revealed: ExplorerNode[] = [];
      seedAccount(f.server);
      f.ctx.reveal = async (node) => {
        revealed.push(node);
      };
      await f.model.setFilter(f.deployment.key, 'clients', 'zzz-nothing');
      const acme = await walk(f, 'deployment', 'section:organizations', 'organization:acme');
      const jump = (await f.model.children(acme)).find(
        (n) => n.kind === 'message' && n.command === 'thingsStack.showOwner' && n.commandArgs?.[1] === 'clients',
      );
      assert.ok(jump, 'a row that shows its OAuth clients');
      await run(f, 'thingsStack.showOwner', [], ...(jump.kind === 'message' ? (jump.commandArgs ?? []) : []));
      assert.equal(f.model.filterOf(f.deployment.key, 'clients'), undefined, 'the filter is cleared');
      assert.deepEqual(
        revealed.map((n) => n.id),
        [`${f.deployment.key}/clients/o:organization:acme`],
      );
    });

    it('a revoke that fails on a token keeps the authorization and says so; trying again finishes it', async () => {
      seedAccount(f.server);
      const row = await walk(f, 'deployment', 'authorizations', 'authorization:weather-portal');
      f.server.knobs.failNext({
        status: 500,
        method: 'DELETE',
        path: /^\/api\/v3\/users\/alice\/authorizations\/weather-portal\/tokens\//,
      });
      await run(f, 'thingsStack.revokeAuthorization', [{ confirm: true }], row);
      assert.match(f.ui.text('error'), /internal error \(correlation id/);
      assert.ok(
        f.server.state.authorizations.has('alice/weather-portal'),
        'the consent stays until its tokens are gone',
      );
      const again = await walk(f, 'deployment', 'authorizations', 'authorization:weather-portal');
      await run(f, 'thingsStack.revokeAuthorization', [{ confirm: true }], again);
      assert.equal(f.server.state.authorizations.has('alice/weather-portal'), false);
      assert.ok(![...f.server.state.accessTokens.values()].some((t) => t.clientId === 'weather-portal'));
    });
  });
});

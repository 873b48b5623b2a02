// Which commands each node offers: the nodes' contextValues run through package.json's view/item/context `when`
// clauses, so admin-only actions, deleted items and editable properties get exactly the right menus.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { contextValueOf } from '../../../src/explorer/contextValues';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';

interface MenuEntry {
  command: string;
  when: string;
  group: string;
}
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};
const entries = pkg.contributes.menus['view/item/context'];

/** Evaluates the clause forms the menus use: `view == …`, `viewItem =~ /re/`, `!(…)`, joined with `&&`. */
function holds(when: string, viewItem: string): boolean {
  return when.split(' && ').every((part) => {
    const negated = /^!\((.*)\)$/.exec(part);
    if (negated) {
      return !holds(negated[1], viewItem);
    }
    if (part === 'view == thingsStack.explorer') {
      return true;
    }
    const match = /^viewItem =~ \/(.*)\/$/.exec(part);
    assert.ok(match, `unsupported clause: ${part}`);
    return new RegExp(match[1]).test(viewItem);
  });
}

function offered(node: ExplorerNode, inline = false): string[] {
  const value = contextValueOf(node);
  return [
    ...new Set(
      entries
        .filter((e) => (e.group.startsWith('inline') === inline || !inline) && holds(e.when, value))
        .map((e) => e.command.replace('thingsStack.', '')),
    ),
  ].sort();
}

const base = { id: 'x', deploymentKey: 'd' };
const client = (state: 'STATE_REQUESTED' | 'STATE_APPROVED', deleted: boolean, isAdmin: boolean): ExplorerNode => ({
  ...base,
  kind: 'client',
  clientId: 'c',
  client: { state },
  deleted,
  isAdmin,
});
const app = (deleted: boolean, isAdmin: boolean): ExplorerNode => ({
  ...base,
  kind: 'application',
  applicationId: 'a',
  application: {},
  deleted,
  isAdmin,
});

describe('tree menus', () => {
  it('offers a user the everyday actions on a live client, without admin ones', () => {
    assert.deepEqual(offered(client('STATE_REQUESTED', false, false)), [
      'addCollaborator',
      'addRedirectUri',
      'copyAsJson',
      'copyClientSecret',
      'copyId',
      'deleteClient',
      'editClient',
      'openInConsole',
      'refresh',
      'showJson',
    ]);
  });

  it('adds approve, reject and purge for admins, approve only while not approved', () => {
    const requested = offered(client('STATE_REQUESTED', false, true));
    assert.ok(['approveClient', 'rejectClient', 'purgeClient'].every((c) => requested.includes(c)));
    const approved = offered(client('STATE_APPROVED', false, true));
    assert.ok(!approved.includes('approveClient') && approved.includes('rejectClient'));
  });

  it('offers restore (and purge for admins) on deleted items, nothing that edits them', () => {
    assert.deepEqual(offered(client('STATE_APPROVED', true, false)), ['copyId', 'restoreClient']);
    assert.deepEqual(offered(client('STATE_APPROVED', true, true), true), ['purgeClient', 'restoreClient']);
    assert.deepEqual(offered(app(true, false)), ['copyId', 'restoreApplication']);
    assert.ok(offered(app(true, true)).includes('purgeApplication'));
  });

  it('offers the application actions on a live application', () => {
    assert.deepEqual(offered(app(false, false)), [
      'addCollaborator',
      'copyAsJson',
      'copyId',
      'createApiKey',
      'deleteApplication',
      'editApplication',
      'openInConsole',
      'refresh',
      'showEvents',
      'showJson',
    ]);
  });

  it('edits only editable properties inline, and copies every value', () => {
    const property = (editable: boolean): ExplorerNode => ({
      ...base,
      kind: 'property',
      entity: { type: 'client', id: 'c' },
      property: 'grants',
      label: 'Grants',
      value: 'v',
      editable,
    });
    assert.deepEqual(offered(property(true), true), ['copyValue', 'editClient']);
    assert.deepEqual(offered(property(false), true), ['copyValue']);
  });

  it('adds and removes redirect URIs inline', () => {
    assert.deepEqual(
      offered({ ...base, kind: 'uriList', clientId: 'c', field: 'logout_redirect_uris', uris: [] }, true),
      ['addRedirectUri'],
    );
    assert.deepEqual(offered({ ...base, kind: 'uri', clientId: 'c', field: 'redirect_uris', uri: 'u' }, true), [
      'copyValue',
      'removeRedirectUri',
    ]);
  });

  it('copies the secret only when one is stored', () => {
    assert.deepEqual(offered({ ...base, kind: 'secret', clientId: 'c', stored: true }), ['copyClientSecret']);
    assert.deepEqual(offered({ ...base, kind: 'secret', clientId: 'c', stored: false }), []);
  });

  it('filters sections, clearing only when filtered, and creates under owners', () => {
    const section = (filter?: string): ExplorerNode => ({ ...base, kind: 'section', section: 'clients', filter });
    assert.deepEqual(offered(section(), true), ['filter', 'refresh']);
    assert.deepEqual(offered(section('x'), true), ['clearFilter', 'filter', 'refresh']);
    assert.deepEqual(
      offered(
        { ...base, kind: 'owner', section: 'applications', owner: { kind: 'user', id: 'u' }, label: 'u', isSelf: true },
        true,
      ),
      ['createApplication'],
    );
  });

  it('manages API keys and collaborators inline', () => {
    assert.deepEqual(
      offered({ ...base, kind: 'apiKey', holder: { type: 'application', id: 'a' }, key: { id: 'k' } }, true),
      ['deleteApiKey', 'editApiKey'],
    );
    assert.equal(
      contextValueOf({
        ...base,
        kind: 'apiKey',
        holder: { type: 'application', id: 'a' },
        key: { id: 'k', expires_at: '2000-01-01T00:00:00Z' },
      }),
      'apiKey.expired',
    );
    assert.deepEqual(
      offered(
        {
          ...base,
          kind: 'collaborator',
          entity: { type: 'client', id: 'c' },
          member: { kind: 'user', id: 'u' },
          collaborator: {},
        },
        true,
      ),
      ['editCollaborator', 'removeCollaborator'],
    );
  });

  it('opens, pulls and tests only JavaScript formatters, each with its own direction; every type can change', () => {
    const formatter = (
      direction: 'up' | 'down',
      type?: 'FORMATTER_JAVASCRIPT' | 'FORMATTER_CAYENNELPP',
    ): ExplorerNode => ({
      ...base,
      kind: 'formatter',
      applicationId: 'a',
      deviceId: 'd',
      direction,
      type,
      description: '',
      tooltip: '',
    });
    assert.deepEqual(offered(formatter('up', 'FORMATTER_JAVASCRIPT')), [
      'changeFormatterType',
      'openFormatter',
      'pullFormatter',
      'testUplinkFormatter',
    ]);
    assert.deepEqual(offered(formatter('down', 'FORMATTER_JAVASCRIPT')), [
      'changeFormatterType',
      'openFormatter',
      'pullFormatter',
      'testDownlinkFormatter',
    ]);
    assert.deepEqual(offered(formatter('up', 'FORMATTER_CAYENNELPP')), ['changeFormatterType']);
    assert.deepEqual(offered(formatter('down')), ['changeFormatterType']);
    assert.deepEqual(offered(formatter('up', 'FORMATTER_JAVASCRIPT'), true), ['openFormatter']);
    assert.deepEqual(offered({ ...base, kind: 'formatters', applicationId: 'a' }, true), ['refresh']);
  });

  it('offers the organization actions: everyday ones while live, restore when deleted, purge to admins only', () => {
    const org = (deleted: boolean, isAdmin: boolean): ExplorerNode => ({
      ...base,
      kind: 'organization',
      organizationId: 'o',
      organization: {},
      deleted,
      isAdmin,
    });
    assert.deepEqual(offered(org(false, false)), [
      'addCollaborator',
      'copyAsJson',
      'copyId',
      'createApiKey',
      'deleteOrganization',
      'editOrganization',
      'openInConsole',
      'refresh',
      'showJson',
    ]);
    assert.ok(offered(org(false, true)).includes('purgeOrganization'));
    assert.deepEqual(offered(org(true, false)), ['copyId', 'restoreOrganization']);
    assert.deepEqual(offered(org(true, true), true), ['purgeOrganization', 'restoreOrganization']);
  });

  it('revokes an authorization or one token inline; filters every entity, clearing only when filtered', () => {
    const authorization: ExplorerNode = {
      ...base,
      kind: 'authorization',
      userId: 'u',
      clientId: 'c',
      authorization: {},
      current: false,
    };
    assert.deepEqual(offered(authorization, true), ['revokeAuthorization']);
    assert.deepEqual(offered({ ...authorization, kind: 'token', token: {} }, true), ['revokeToken']);
    const all = (filter?: string): ExplorerNode => ({ ...base, kind: 'allEntities', section: 'applications', filter });
    assert.deepEqual(offered(all(), true), ['filter', 'refresh']);
    assert.deepEqual(offered(all('x'), true), ['clearFilter', 'filter', 'refresh']);
  });
});

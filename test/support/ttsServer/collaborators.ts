// Collaborators of clients, applications and organizations (client_access.go, application_access.go,
// organization_access.go in v3.32.1): any signed-in caller may list them (only the IDs without the collaborators
// right), get needs the right, set checks the implied rights added and (unless removing) taken away, and the last
// collaborator with all rights of the kind stays; delete also keeps the contacts. Clients and organizations delete
// under `/collaborators/…`, applications under `/collaborator/…`; organizations have users only.
import { accountErrors } from './accountErrors';
import { requireAuthenticated, requireRights } from './auth';
import { errors } from './errors';
import { empty, field, isObject, ok, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { live, refOf, type EntityShape, type RegistrySpec } from './registry';
import { expand, isRight, sorted, type Right } from './rights';
import { accountExists, memberRights, membersOf, setMember, type AccountRef, type EntityRef } from './state';

function accountIds(account: AccountRef): Record<string, unknown> {
  return account.kind === 'user'
    ? { user_ids: { user_id: account.id } }
    : { organization_ids: { organization_id: account.id } };
}

function accountFrom(ids: Record<string, unknown>): AccountRef {
  const userId = field(ids, 'user_ids').user_id;
  const orgId = field(ids, 'organization_ids').organization_id;
  if (typeof userId === 'string' && userId !== '') {
    return { kind: 'user', id: userId };
  }
  if (typeof orgId === 'string' && orgId !== '') {
    return { kind: 'organization', id: orgId };
  }
  throw errors.validation('collaborator.ids', 'value is required');
}

const ALL_OF: Record<string, Right> = {
  client: 'RIGHT_CLIENT_ALL',
  application: 'RIGHT_APPLICATION_ALL',
  organization: 'RIGHT_ORGANIZATION_ALL',
};

/** Does a member other than `account` hold all rights of the entity's kind? */
function hasOtherOwner(ctx: Ctx, entity: EntityRef, account: AccountRef): boolean {
  return membersOf(ctx.server.state, entity).some(
    ([member, rights]) =>
      !(member.kind === account.kind && member.id === account.id) && expand(rights).has(ALL_OF[entity.kind]),
  );
}

/** Is the contact (`{user_ids:…}` or `{organization_ids:…}`) this account? */
function isContact(contact: unknown, account: AccountRef): boolean {
  if (!isObject(contact)) {
    return false;
  }
  const id =
    account.kind === 'user' ? field(contact, 'user_ids').user_id : field(contact, 'organization_ids').organization_id;
  return id === account.id;
}

export function collaboratorRoutes<T extends EntityShape>(
  spec: RegistrySpec<T>,
  deleteSegment: 'collaborators' | 'collaborator',
): Route[] {
  const idParam = `${spec.kind}_ids.${spec.idField}`;
  const base = `/${spec.collection}/{${idParam}}`;
  const usersOnly = spec.kind === 'organization';
  const entityOf = (ctx: Ctx) => {
    const id = ctx.params[idParam];
    requireRights(ctx.caller(), refOf(spec, id), spec.rights.collaborators);
    live(spec, ctx.server.state, id);
    return refOf(spec, id);
  };
  const member = (ctx: Ctx, entity: EntityRef, account: AccountRef): Right[] => {
    if (!accountExists(ctx.server.state, account)) {
      throw errors.accountNotFound(account.kind, account.id);
    }
    const rights = memberRights(ctx.server.state, entity, account);
    if (!rights) {
      throw errors.membershipNotFound({
        account_type: account.kind,
        account_id: account.id,
        entity_type: entity.kind,
        entity_id: entity.id,
      });
    }
    return rights;
  };

  /** Without the collaborators right the list is PublicSafe: the IDs, no rights. */
  const list = (ctx: Ctx): Reply => {
    const caller = ctx.caller();
    requireAuthenticated(caller);
    const id = ctx.params[idParam];
    const entity = refOf(spec, id);
    const mayRead = caller.rightsOn(entity).has(spec.rights.collaborators);
    live(spec, ctx.server.state, id);
    const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
    const members = ordered(membersOf(ctx.server.state, entity), ctx.query.get('order'), {
      id: ([account]) => account.id,
      rights: ([, rights]) => rights.length,
    });
    return listReply('collaborators', members, page, ([account, rights]) =>
      mayRead ? { ids: accountIds(account), rights: sorted(rights) } : { ids: accountIds(account) },
    );
  };

  const get = (ctx: Ctx, account: AccountRef): Reply => {
    const entity = entityOf(ctx);
    return ok({ ids: accountIds(account), rights: sorted(member(ctx, entity, account)) });
  };

  const set = (ctx: Ctx): Reply => {
    const collaborator = field(ctx.body, 'collaborator');
    const given: unknown[] = Array.isArray(collaborator.rights) ? collaborator.rights : [];
    if (!given.every(isRight)) {
      throw errors.validation('collaborator.rights', 'value must be a list of rights');
    }
    const entity = entityOf(ctx);
    const account = accountFrom(field(collaborator, 'ids'));
    if (usersOnly && account.kind === 'organization') {
      throw accountErrors.nestedOrganizations();
    }
    const state = ctx.server.state;
    if (!accountExists(state, account)) {
      throw errors.accountNotFound(account.kind, account.id);
    }
    const rights = [...new Set(given)];
    const existing = memberRights(state, entity, account) ?? [];
    if (rights.length === 0 && existing.length === 0) {
      member(ctx, entity, account); // membership_not_found
    }
    const before = expand(existing);
    const after = expand(rights);
    const added = [...after].filter((r) => !before.has(r));
    const removed = [...before].filter((r) => !after.has(r));
    if (added.length > 0) {
      requireRights(ctx.caller(), entity, ...added);
    }
    if (rights.length > 0 && removed.length > 0) {
      requireRights(ctx.caller(), entity, ...removed);
    }
    if (removed.includes(ALL_OF[spec.kind]) && !hasOtherOwner(ctx, entity, account)) {
      throw accountErrors.needsCollaborator(spec.kind);
    }
    setMember(state, entity, account, rights);
    return empty();
  };

  const remove = (ctx: Ctx, account: AccountRef): Reply => {
    const entity = entityOf(ctx);
    const rights = member(ctx, entity, account);
    const target = live(spec, ctx.server.state, entity.id);
    if (isContact(target.administrative_contact, account) || isContact(target.technical_contact, account)) {
      throw accountErrors.collaboratorIsContact({ collaborator_id: account.id });
    }
    if (expand(rights).has(ALL_OF[spec.kind]) && !hasOtherOwner(ctx, entity, account)) {
      // v3.32.1 names the organization here for applications too (application_access.go deleteApplicationCollaborator)
      throw accountErrors.needsCollaborator(spec.kind === 'application' ? 'organization' : spec.kind);
    }
    setMember(ctx.server.state, entity, account, []);
    return empty();
  };

  const user =
    (name: string) =>
    (ctx: Ctx): AccountRef => ({ kind: 'user', id: ctx.params[name] });
  const org =
    (name: string) =>
    (ctx: Ctx): AccountRef => ({ kind: 'organization', id: ctx.params[name] });
  const getUser = user('collaborator.user_ids.user_id');
  const getOrg = org('collaborator.organization_ids.organization_id');
  const delUser = user('collaborator_ids.user_ids.user_id');
  const delOrg = org('collaborator_ids.organization_ids.organization_id');
  const routes: Route[] = [
    { method: 'GET', template: `${base}/collaborators`, handler: list },
    { method: 'PUT', template: `${base}/collaborators`, handler: set },
    {
      method: 'GET',
      template: `${base}/collaborator/user/{collaborator.user_ids.user_id}`,
      handler: (ctx) => get(ctx, getUser(ctx)),
    },
    {
      method: 'DELETE',
      template: `${base}/${deleteSegment}/user/{collaborator_ids.user_ids.user_id}`,
      handler: (ctx) => remove(ctx, delUser(ctx)),
    },
  ];
  if (usersOnly) {
    return routes;
  }
  return [
    ...routes,
    {
      method: 'GET',
      template: `${base}/collaborator/organization/{collaborator.organization_ids.organization_id}`,
      handler: (ctx) => get(ctx, getOrg(ctx)),
    },
    {
      method: 'DELETE',
      template: `${base}/${deleteSegment}/organization/{collaborator_ids.organization_ids.organization_id}`,
      handler: (ctx) => remove(ctx, delOrg(ctx)),
    },
  ];
}

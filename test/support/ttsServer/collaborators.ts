// Collaborators of clients and applications (§2.1, §3): list, get, set (empty rights removes; the caller must hold
// every right added or removed), delete. Clients delete under `/collaborators/…`, applications under `/collaborator/…`.
import { requireRights } from './auth';
import { errors } from './errors';
import { empty, field, ok, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { live, refOf, type EntityShape, type RegistrySpec } from './registry';
import { isRight, sorted, type Right } from './rights';
import { accountExists, memberRights, membersOf, setMember, type AccountRef } from './state';

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

export function collaboratorRoutes<T extends EntityShape>(
  spec: RegistrySpec<T>,
  deleteSegment: 'collaborators' | 'collaborator',
): Route[] {
  const idParam = `${spec.kind}_ids.${spec.idField}`;
  const base = `/${spec.collection}/{${idParam}}`;
  const entityOf = (ctx: Ctx) => {
    const id = ctx.params[idParam];
    requireRights(ctx.caller(), refOf(spec, id), spec.rights.collaborators);
    live(spec, ctx.server.state, id);
    return refOf(spec, id);
  };

  const list = (ctx: Ctx): Reply => {
    const entity = entityOf(ctx);
    const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
    const members = ordered(membersOf(ctx.server.state, entity), ctx.query.get('order'), {
      id: ([account]) => account.id,
      rights: ([, rights]) => rights.length,
    });
    return listReply('collaborators', members, page, ([account, rights]) => ({
      ids: accountIds(account),
      rights: sorted(rights),
    }));
  };

  const get = (ctx: Ctx, account: AccountRef): Reply => {
    const entity = entityOf(ctx);
    if (!accountExists(ctx.server.state, account)) {
      throw errors.accountNotFound(account.kind, account.id);
    }
    const rights = memberRights(ctx.server.state, entity, account);
    if (!rights) {
      throw errors.membershipNotFound({ account_id: account.id, entity_id: entity.id });
    }
    return ok({ ids: accountIds(account), rights: sorted(rights) });
  };

  const change = (ctx: Ctx, account: AccountRef, rights: Right[]): Reply => {
    const entity = entityOf(ctx);
    const state = ctx.server.state;
    if (!accountExists(state, account)) {
      throw errors.accountNotFound(account.kind, account.id);
    }
    const existing = memberRights(state, entity, account) ?? [];
    if (rights.length === 0 && existing.length === 0) {
      throw errors.membershipNotFound({ account_id: account.id, entity_id: entity.id });
    }
    const added = rights.filter((r) => !existing.includes(r));
    const removed = existing.filter((r) => !rights.includes(r));
    requireRights(ctx.caller(), entity, ...added, ...removed);
    setMember(state, entity, account, rights);
    return empty();
  };

  const set = (ctx: Ctx): Reply => {
    const collaborator = field(ctx.body, 'collaborator');
    const rights: unknown[] = Array.isArray(collaborator.rights) ? collaborator.rights : [];
    if (!rights.every(isRight)) {
      throw errors.validation('collaborator.rights', 'value must be a list of rights');
    }
    return change(ctx, accountFrom(field(collaborator, 'ids')), [...new Set(rights)]);
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
  return [
    { method: 'GET', template: `${base}/collaborators`, handler: list },
    { method: 'PUT', template: `${base}/collaborators`, handler: set },
    {
      method: 'GET',
      template: `${base}/collaborator/user/{collaborator.user_ids.user_id}`,
      handler: (ctx) => get(ctx, getUser(ctx)),
    },
    {
      method: 'GET',
      template: `${base}/collaborator/organization/{collaborator.organization_ids.organization_id}`,
      handler: (ctx) => get(ctx, getOrg(ctx)),
    },
    {
      method: 'DELETE',
      template: `${base}/${deleteSegment}/user/{collaborator_ids.user_ids.user_id}`,
      handler: (ctx) => change(ctx, delUser(ctx), []),
    },
    {
      method: 'DELETE',
      template: `${base}/${deleteSegment}/organization/{collaborator_ids.organization_ids.organization_id}`,
      handler: (ctx) => change(ctx, delOrg(ctx), []),
    },
  ];
}

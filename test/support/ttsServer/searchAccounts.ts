// `GET /search/accounts` as v3.32.1 answers it (registry_search.go SearchAccounts, bunstore/entity_search.go):
// users and organizations whose ID matches `query` as SQL `ILIKE '%query%'` (case-insensitive; `_` and `%` in the
// query are wildcards), live accounts only. With a `collaborator_of` entity (application, client, gateway or
// organization IDs): its direct collaborators, by ID — or with `complement_collaborators` every other account,
// organizations first — for anyone signed in or not, with no rights on the entity needed. Without one, a caller who
// is not an admin (also an anonymous one) gets nothing for a query under 2 characters and at most 10 accounts, with
// X-Total-Count; admins get them all, without the header. Without `collaborator_of` TTS does not order the accounts
// (in practice: as created); here they come by creation time, then ID.
import { accountErrors } from './accountErrors';
import { errors } from './errors';
import { ok, type Ctx, type Reply, type Route } from './http';
import { membersOf, type AccountRef, type EntityKind, type ServerState } from './state';

interface Account extends AccountRef {
  createdAt: string;
}

/** `ILIKE '%q%'` with the query's own `%` (any run) and `_` (any one character); `\` escapes. */
export function ilikeContains(query: string): (value: string) => boolean {
  let pattern = '';
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '\\' && i + 1 < query.length) {
      pattern += query[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else {
      pattern += c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const regex = new RegExp(pattern, 'is');
  return (value) => regex.test(value);
}

function liveAccounts(state: ServerState): Account[] {
  const out: Account[] = [];
  for (const [id, { user }] of state.users) {
    if (!user.deleted_at) {
      out.push({ kind: 'user', id, createdAt: user.created_at ?? '' });
    }
  }
  for (const [id, org] of state.organizations) {
    if (!org.deleted_at) {
      out.push({ kind: 'organization', id, createdAt: org.created_at ?? '' });
    }
  }
  return out;
}

const COLLABORATOR_OF: [string, EntityKind | 'gateway'][] = [
  ['application_ids.application_id', 'application'],
  ['client_ids.client_id', 'client'],
  ['gateway_ids.gateway_id', 'gateway'],
  ['organization_ids.organization_id', 'organization'],
];

/** The entity whose collaborators are searched, if the request names one; 404 entity_not_found if it is gone. */
function collaboratorOf(ctx: Ctx): { kind: EntityKind; id: string } | undefined {
  const state = ctx.server.state;
  for (const [param, kind] of COLLABORATOR_OF) {
    const id = ctx.query.get(param);
    if (!id) {
      continue;
    }
    const entity =
      kind === 'application'
        ? state.applications.get(id)
        : kind === 'client'
          ? state.clients.get(id)?.client
          : kind === 'organization'
            ? state.organizations.get(id)
            : undefined; // the test server keeps no gateways
    if (!entity || entity.deleted_at || kind === 'gateway') {
      throw accountErrors.entityNotFound({ entity_type: kind, entity_id: id });
    }
    return { kind, id };
  }
  return undefined;
}

const idsOf = (account: AccountRef): Record<string, unknown> =>
  account.kind === 'user'
    ? { user_ids: { user_id: account.id } }
    : { organization_ids: { organization_id: account.id } };

const answer = (accounts: AccountRef[], headers?: Record<string, string>): Reply =>
  ok(accounts.length > 0 ? { account_ids: accounts.map(idsOf) } : {}, headers);

function searchAccounts(ctx: Ctx): Reply {
  const caller = ctx.caller(); // bad credentials are refused; none at all are not
  const query = ctx.query.get('query') ?? '';
  if ([...query].length > 50) {
    throw errors.validation('query', 'value length must be at most 50 runes', 'SearchAccountsRequestValidationError');
  }
  const onlyUsers = ctx.query.get('only_users') === 'true';
  const matches = ilikeContains(query);
  const wanted = (a: AccountRef) => (!onlyUsers || a.kind === 'user') && matches(a.id);
  const state = ctx.server.state;
  const entity = collaboratorOf(ctx);
  const accounts = liveAccounts(state);
  if (entity) {
    const live = new Set(accounts.map((a) => `${a.kind}:${a.id}`));
    const members = membersOf(state, entity)
      .map(([account]) => account)
      .filter((a) => wanted(a) && live.has(`${a.kind}:${a.id}`));
    if (ctx.query.get('complement_collaborators') !== 'true') {
      return answer(members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    }
    const isMember = new Set(members.map((m) => `${m.kind}:${m.id}`));
    const others = accounts
      .filter((a) => wanted(a) && !isMember.has(`${a.kind}:${a.id}`))
      .sort((a, b) => (a.kind + ' ' + a.id < b.kind + ' ' + b.id ? -1 : 1));
    return answer(others);
  }
  const found = accounts
    .filter(wanted)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  if (caller.admin) {
    return answer(found);
  }
  if (new TextEncoder().encode(query).length < 2) {
    return ok({}); // before the paging is set up: no X-Total-Count either
  }
  return answer(found.slice(0, 10), { 'X-Total-Count': String(found.length) });
}

export const searchAccountRoutes: Route[] = [{ method: 'GET', template: '/search/accounts', handler: searchAccounts }];

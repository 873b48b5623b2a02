// The account side of a deployment's tree (no vscode): organizations, the clients the user authorized with their
// tokens, the user's own API keys, and for admins the clients awaiting approval and every client, application and
// organization — with the review of a requested client against the guidelines the create form applies.
import type { Account } from '../auth/accounts';
import type { StoredSession } from '../auth/sessions';
import type { AccessToken, Client, ClientAuthorization } from '../tts/types';
import {
  checkClientId,
  checkClientName,
  checkDescription,
  checkRedirectUriList,
  rightsAdvice,
} from '../ui/clientGuidelines';
import { child, rightsOf } from './entityNodes';
import type {
  AllEntitiesNode,
  AuthorizationNode,
  ExplorerNode,
  FilterList,
  ReviewNode,
  SectionNode,
  TokenNode,
} from './nodeTypes';
import { userIdOf } from './owners';

/** The id of the access token a session signs in with (`MFRWG.<id>.<secret>`), for an OAuth session. */
export function sessionTokenId(session: StoredSession): string | undefined {
  return session.method === 'oauth' ? session.tokens.accessToken.split('.')[1] : undefined;
}

/** What a deployment shows besides OAuth Clients and Applications, for the account signed in there. */
export function accountChildren(
  deployment: ExplorerNode,
  account: Account,
  filterOf: (list: FilterList) => string | undefined,
): ExplorerNode[] {
  const userId = userIdOf(account);
  const out: ExplorerNode[] = [
    child<'section'>(deployment, 'organizations', {
      kind: 'section',
      section: 'organizations',
      filter: filterOf('organizations'),
    }) satisfies SectionNode,
  ];
  if (userId) {
    out.push(
      child<'authorizations'>(deployment, '#authorizations', { kind: 'authorizations', userId }),
      child<'apiKeys'>(deployment, '#userApiKeys', { kind: 'apiKeys', holder: { type: 'user', id: userId } }),
    );
  }
  if (account.session.isAdmin === true) {
    out.push(child<'admin'>(deployment, '#admin', { kind: 'admin' }));
  }
  return out;
}

/** Administration: the queue, then every client, application and organization. */
export function adminChildren(admin: ExplorerNode, filterOf: (list: FilterList) => string | undefined): ExplorerNode[] {
  return [
    child<'queue'>(admin, 'queue', { kind: 'queue' }),
    ...(['clients', 'applications', 'organizations'] as const).map((section): AllEntitiesNode =>
      child<'allEntities'>(admin, `all-${section}`, {
        kind: 'allEntities',
        section,
        filter: filterOf(`all-${section}`),
      }),
    ),
  ];
}

/** An authorization as listed, with the name of its client when known. */
export type NamedAuthorization = ClientAuthorization & { clientName?: string };

export function authorizationNode(
  holder: ExplorerNode,
  userId: string,
  { clientName, ...authorization }: NamedAuthorization,
  session: StoredSession,
): AuthorizationNode | undefined {
  const clientId = authorization.client_ids?.client_id;
  if (!clientId) {
    return undefined;
  }
  return child<'authorization'>(holder, clientId, {
    kind: 'authorization',
    userId,
    clientId,
    clientName,
    authorization: { ...authorization, rights: rightsOf(authorization.rights) },
    current: session.method === 'oauth' && session.clientId === clientId,
  });
}

export function tokenNode(
  holder: AuthorizationNode,
  token: AccessToken,
  session: StoredSession,
): TokenNode | undefined {
  if (!token.id) {
    return undefined;
  }
  return child<'token'>(holder, token.id, {
    kind: 'token',
    userId: holder.userId,
    clientId: holder.clientId,
    token: { ...token, access_token: undefined, refresh_token: undefined, rights: rightsOf(token.rights) },
    current: holder.current && sessionTokenId(session) === token.id,
  });
}

/** A requested client against the guidelines: what its ID, name, description, redirect URIs and rights say. */
export function reviewChildren(parent: ExplorerNode, clientId: string, client: Client): ReviewNode[] {
  const checks = [
    { what: 'ID', result: checkClientId(clientId) },
    { what: 'Name', result: checkClientName(client.name ?? '') },
    { what: 'Description', result: checkDescription(client.description ?? '') },
    { what: 'Redirect URIs', result: checkRedirectUriList(client.redirect_uris ?? [], true) },
    ...rightsAdvice(rightsOf(client.rights), client.description ?? '').map((result) => ({ what: 'Rights', result })),
  ];
  const rows = checks.map(({ what, result }, i) =>
    child<'review'>(parent, `#review-${i}`, {
      kind: 'review',
      clientId,
      severity: result?.severity ?? 'ok',
      message: `${what}: ${result?.message ?? 'meets the guidelines'}`,
    }),
  );
  return rows;
}

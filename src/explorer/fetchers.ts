// The server lists behind the explorer's expandable nodes, as page fetchers (no vscode).
import type { TtsClient } from '../tts/client';
import { APPLICATION_LIST_FIELDS } from '../tts/applications';
import { CLIENT_LIST_FIELDS } from '../tts/clients';
import { ORGANIZATION_LIST_FIELDS } from '../tts/organizations';
import type { Page } from '../tts/paging';
import type {
  AccessToken,
  ApiKey,
  Application,
  Client,
  ClientAuthorization,
  Collaborator,
  EndDevice,
  Organization,
  Owner,
} from '../tts/types';
import type { EntityRef, KeyHolder, Section } from './nodeTypes';
import type { PageFetcher } from './pagedList';

export type Entity = Client | Application | Organization;

const ORDER: Record<Section, string> = {
  clients: 'client_id',
  applications: 'application_id',
  organizations: 'organization_id',
};

function registry(api: TtsClient, section: Section) {
  const api_ = section === 'clients' ? api.clients : section === 'applications' ? api.applications : api.organizations;
  const fields =
    section === 'clients'
      ? CLIENT_LIST_FIELDS
      : section === 'applications'
        ? APPLICATION_LIST_FIELDS
        : ORGANIZATION_LIST_FIELDS;
  return {
    list: api_.list.bind(api_) as (
      owner: Owner | undefined,
      o: Parameters<typeof api_.list>[1],
    ) => Promise<Page<Entity>>,
    search: api_.search.bind(api_) as (o: Parameters<typeof api_.search>[0]) => Promise<Page<Entity>>,
    fields,
  };
}

/** Clients or applications an owner collaborates on directly; `deleted` lists the recently deleted ones instead. */
export function ownedEntities(
  api: TtsClient,
  section: Section,
  owner: Owner | undefined,
  deleted = false,
): PageFetcher<Entity> {
  const r = registry(api, section);
  return (page, limit, signal) =>
    r.list(owner, { fields: r.fields, order: ORDER[section], page, limit, signal, deleted }) as Promise<Page<Entity>>;
}

/** The search endpoint (`/search/clients`, `/search/applications`): ID, name or description contains `text`. */
export function searchEntities(api: TtsClient, section: Section, text: string, deleted = false): PageFetcher<Entity> {
  const r = registry(api, section);
  return (page, limit, signal) =>
    r.search({ text, fields: r.fields, order: ORDER[section], page, limit, signal, deleted }) as Promise<Page<Entity>>;
}

/** One page of a quick pick's candidates: the search endpoint when there is text, else everything reachable. */
export function findEntities(
  api: TtsClient,
  section: Section,
  options: {
    text?: string;
    deleted?: boolean;
    limit: number;
    signal?: AbortSignal;
    /** Search even without text: for an admin that is every entity of the stack, not only their memberships. */
    everything?: boolean;
  },
): Promise<Page<Entity>> {
  const r = registry(api, section);
  const common = {
    fields: r.fields,
    order: ORDER[section],
    limit: options.limit,
    signal: options.signal,
    deleted: options.deleted,
  };
  return (
    options.text || options.everything ? r.search({ ...common, text: options.text }) : r.list(undefined, common)
  ) as Promise<Page<Entity>>;
}

/** Clients awaiting approval across the deployment (admins): the search endpoint by state. */
export function requestedClients(api: TtsClient): PageFetcher<Entity> {
  return (page, limit, signal) =>
    api.clients.search({
      state: 'STATE_REQUESTED',
      fields: CLIENT_LIST_FIELDS,
      order: '-created_at',
      page,
      limit,
      signal,
    }) as Promise<Page<Entity>>;
}

export function collaborators(api: TtsClient, entity: EntityRef): PageFetcher<Collaborator> {
  const collection = `${entity.type}s` as const;
  return (page, limit, signal) =>
    api.collaborators.list(collection, entity.id, { page, limit, signal, query: { order: 'id' } });
}

/** The API keys API of a holder: an application's, a user's or an organization's. */
export function keysApi(api: TtsClient, holder: KeyHolder) {
  return holder.type === 'application'
    ? api.apiKeys
    : holder.type === 'user'
      ? api.userApiKeys
      : api.organizationApiKeys;
}

export function apiKeys(api: TtsClient, holder: KeyHolder): PageFetcher<ApiKey> {
  return (page, limit, signal) => keysApi(api, holder).list(holder.id, { page, limit, signal, order: 'name' });
}

/**
 * The clients the user authorized, each with its client's name: a name is public (any user may read it), one
 * request per client of the page; a client that is gone or refuses keeps its ID only.
 */
/** Authorizations with their clients' names (public: one GET per client, a failed one leaves the name out). */
export function withClientNames(
  api: TtsClient,
  listed: readonly ClientAuthorization[],
  signal?: AbortSignal,
): Promise<(ClientAuthorization & { clientName?: string })[]> {
  return Promise.all(
    listed.map(async (a) => {
      const id = a.client_ids?.client_id;
      const client = id ? await api.clients.get(id, ['name'], signal).catch(() => undefined) : undefined;
      return { ...a, clientName: client?.name || undefined };
    }),
  );
}

export function authorizations(
  api: TtsClient,
  userId: string,
): PageFetcher<ClientAuthorization & { clientName?: string }> {
  return async (page, limit, signal) => {
    const listed = await api.users.authorizations(userId, { page, limit, signal });
    return { ...listed, items: await withClientNames(api, listed.items, signal) };
  };
}

export function tokens(api: TtsClient, userId: string, clientId: string): PageFetcher<AccessToken> {
  return (page, limit, signal) => api.users.tokens(userId, clientId, { page, limit, signal });
}

export function devices(api: TtsClient, applicationId: string): PageFetcher<EndDevice> {
  return (page, limit, signal) => api.devices.list(applicationId, { page, limit, signal, order: 'device_id' });
}

export function entityId(entity: Entity, section: Section): string {
  const ids = entity.ids as { client_id?: string; application_id?: string; organization_id?: string } | undefined;
  return (
    (section === 'clients'
      ? ids?.client_id
      : section === 'applications'
        ? ids?.application_id
        : ids?.organization_id) ?? ''
  );
}

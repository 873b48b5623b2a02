// The server lists behind the explorer's expandable nodes, as page fetchers (no vscode).
import type { TtsClient } from '../tts/client';
import { APPLICATION_LIST_FIELDS } from '../tts/applications';
import { CLIENT_LIST_FIELDS } from '../tts/clients';
import type { Page } from '../tts/paging';
import type { ApiKey, Application, Client, Collaborator, EndDevice, Owner } from '../tts/types';
import type { EntityRef, Section } from './nodeTypes';
import type { PageFetcher } from './pagedList';

export type Entity = Client | Application;

const ORDER: Record<Section, string> = { clients: 'client_id', applications: 'application_id' };

function registry(api: TtsClient, section: Section) {
  return section === 'clients'
    ? {
        list: api.clients.list.bind(api.clients),
        search: api.clients.search.bind(api.clients),
        fields: CLIENT_LIST_FIELDS,
      }
    : {
        list: api.applications.list.bind(api.applications),
        search: api.applications.search.bind(api.applications),
        fields: APPLICATION_LIST_FIELDS,
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
  options: { text?: string; deleted?: boolean; limit: number; signal?: AbortSignal },
): Promise<Page<Entity>> {
  const r = registry(api, section);
  const common = {
    fields: r.fields,
    order: ORDER[section],
    limit: options.limit,
    signal: options.signal,
    deleted: options.deleted,
  };
  return (options.text ? r.search({ ...common, text: options.text }) : r.list(undefined, common)) as Promise<
    Page<Entity>
  >;
}

export function collaborators(api: TtsClient, entity: EntityRef): PageFetcher<Collaborator> {
  const collection = entity.type === 'client' ? 'clients' : 'applications';
  return (page, limit, signal) =>
    api.collaborators.list(collection, entity.id, { page, limit, signal, query: { order: 'id' } });
}

export function apiKeys(api: TtsClient, applicationId: string): PageFetcher<ApiKey> {
  return (page, limit, signal) => api.apiKeys.list(applicationId, { page, limit, signal, order: 'name' });
}

export function devices(api: TtsClient, applicationId: string): PageFetcher<EndDevice> {
  return (page, limit, signal) => api.devices.list(applicationId, { page, limit, signal, order: 'device_id' });
}

export function entityId(entity: Entity, section: Section): string {
  const ids = entity.ids as { client_id?: string; application_id?: string } | undefined;
  return (section === 'clients' ? ids?.client_id : ids?.application_id) ?? '';
}

// Collaborators of clients, applications and organizations. Note the paths differ: clients and organizations delete
// under `collaborators/…`, applications under the singular `collaborator/…` (§2.1, §3); organizations have users only.
import type { HttpClient } from './http';
import { listPage, type ListOptions, type Page } from './paging';
import type { Collaborator, Owner, RightName } from './types';
import { ownerIdentifiers } from './types';

export type CollaboratorEntity = 'clients' | 'applications' | 'organizations';

const enc = encodeURIComponent;

function memberPath(owner: Owner): string {
  return owner.kind === 'user' ? `user/${enc(owner.id)}` : `organization/${enc(owner.id)}`;
}

export class CollaboratorsApi {
  constructor(private readonly http: HttpClient) {}

  async list(entity: CollaboratorEntity, id: string, options: ListOptions = {}): Promise<Page<Collaborator>> {
    const page = await listPage<Collaborator>(
      this.http,
      `/${entity}/${enc(id)}/collaborators`,
      'collaborators',
      options,
    );
    return { ...page, items: page.items.map((c) => ({ ...c, rights: c.rights ?? [] })) };
  }

  async get(entity: CollaboratorEntity, id: string, member: Owner, signal?: AbortSignal): Promise<Collaborator> {
    const { data } = await this.http.request<Collaborator>(
      'GET',
      `/${entity}/${enc(id)}/collaborator/${memberPath(member)}`,
      { signal },
    );
    return { ...data, rights: data.rights ?? [] };
  }

  /** Adds a collaborator or changes its rights. The caller must hold every right it grants or takes away. */
  async set(
    entity: CollaboratorEntity,
    id: string,
    member: Owner,
    rights: RightName[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.http.request('PUT', `/${entity}/${enc(id)}/collaborators`, {
      body: { collaborator: { ids: ownerIdentifiers(member), rights } },
      signal,
    });
  }

  async remove(entity: CollaboratorEntity, id: string, member: Owner, signal?: AbortSignal): Promise<void> {
    const segment = entity === 'applications' ? 'collaborator' : 'collaborators';
    await this.http.request('DELETE', `/${entity}/${enc(id)}/${segment}/${memberPath(member)}`, { signal });
  }
}

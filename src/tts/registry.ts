// The operations clients and applications share (§2.1, §3): list per owner / all / deleted, get, create for a
// user or organization, update with a field mask, delete, restore, purge, rights and search.
import { BadResponseError } from './errors';
import type { HttpClient } from './http';
import { type ListOptions, type Page, listAll, listPage, iteratePages, type ListAllOptions } from './paging';
import { type Owner, type RightName } from './types';
import { checkStored } from './updateCheck';

export interface EntityKind {
  /** URL collection: `clients`, `applications` or `organizations`. */
  collection: 'clients' | 'applications' | 'organizations';
  /** Body key of one entity: `client`, `application` or `organization`. */
  entity: 'client' | 'application' | 'organization';
  /** Identifier field inside `ids`. */
  idField: 'client_id' | 'application_id' | 'organization_id';
}

export interface RegistryListOptions extends ListOptions {
  /** Field mask; only these fields (besides ids and timestamps) come back. */
  fields: readonly string[];
  order?: string;
  /** Recently deleted entities instead of live ones. */
  deleted?: boolean;
}

export interface SearchOptions extends RegistryListOptions {
  /** Matches ID, name or description. */
  text?: string;
  idContains?: string;
  nameContains?: string;
  /** Clients only: in this state (STATE_REQUESTED: the admin's queue). */
  state?: string;
}

const enc = encodeURIComponent;

export function ownerPath(owner: Owner | undefined, collection: string): string {
  if (!owner) {
    return `/${collection}`;
  }
  return owner.kind === 'user'
    ? `/users/${enc(owner.id)}/${collection}`
    : `/organizations/${enc(owner.id)}/${collection}`;
}

export class EntityRegistry<T extends object> {
  constructor(
    protected readonly http: HttpClient,
    protected readonly kind: EntityKind,
    private readonly normalise: (entity: T, fields: readonly string[]) => T,
  ) {}

  private listQuery(options: RegistryListOptions): Record<string, string | boolean | undefined> {
    return {
      field_mask: options.fields.join(','),
      order: options.order,
      deleted: options.deleted || undefined,
      ...options.query,
    } as Record<string, string | boolean | undefined>;
  }

  private normaliseAll(page: Page<T>, fields: readonly string[]): Page<T> {
    return { ...page, items: page.items.map((item) => this.checked(item, fields, 200)) }; // a list that arrived is a 200
  }

  /** An entity without a text ID cannot be shown or acted on: the answer is broken, not the entity nameless. */
  private checked(entity: T, fields: readonly string[], status: number): T {
    const ids = (entity as { ids?: unknown } | null)?.ids;
    const id =
      typeof ids === 'object' && ids !== null ? (ids as Record<string, unknown>)[this.kind.idField] : undefined;
    if (typeof id !== 'string' || !id) {
      const what = { client: 'an OAuth client', application: 'an application', organization: 'an organization' }[
        this.kind.entity
      ];
      throw new BadResponseError(`The Things Stack sent ${what} without a valid ID (HTTP ${status}).`, status);
    }
    return this.normalise(entity, fields);
  }

  /** One page of the owner's entities (direct collaborations), or of everything the caller reaches when owner is undefined. */
  async list(owner: Owner | undefined, options: RegistryListOptions): Promise<Page<T>> {
    const page = await listPage<T>(this.http, ownerPath(owner, this.kind.collection), this.kind.collection, {
      ...options,
      query: this.listQuery(options),
    });
    return this.normaliseAll(page, options.fields);
  }

  async *pages(owner: Owner | undefined, options: RegistryListOptions): AsyncGenerator<Page<T>> {
    const path = ownerPath(owner, this.kind.collection);
    for await (const page of iteratePages<T>(this.http, path, this.kind.collection, {
      ...options,
      query: this.listQuery(options),
    })) {
      yield this.normaliseAll(page, options.fields);
    }
  }

  async listAll(owner: Owner | undefined, options: RegistryListOptions & ListAllOptions): Promise<T[]> {
    const items = await listAll<T>(this.http, ownerPath(owner, this.kind.collection), this.kind.collection, {
      ...options,
      query: this.listQuery(options),
    });
    return items.map((item) => this.checked(item, options.fields, 200));
  }

  async get(id: string, fields: readonly string[], signal?: AbortSignal): Promise<T> {
    const { data, status } = await this.http.request<T>('GET', `/${this.kind.collection}/${enc(id)}`, {
      query: { field_mask: fields.join(',') },
      signal,
    });
    return this.checked(data, fields, status);
  }

  /** Creates the entity with `owner` as collaborator (it gets all rights). Never retried. */
  async create(owner: Owner, entity: T, signal?: AbortSignal): Promise<T> {
    const collaborator =
      owner.kind === 'user' ? { user_ids: { user_id: owner.id } } : { organization_ids: { organization_id: owner.id } };
    const { data } = await this.http.request<T>('POST', ownerPath(owner, this.kind.collection), {
      body: { [this.kind.entity]: entity, collaborator },
      signal,
    });
    return data;
  }

  /** Updates exactly the fields named in `paths`; throws NotStoredError when the answer shows one did not take. */
  async update(id: string, changes: T, paths: readonly string[], signal?: AbortSignal): Promise<T> {
    const body = { [this.kind.entity]: { ...changes, ids: { [this.kind.idField]: id } }, field_mask: { paths } };
    const { data } = await this.http.request<T>('PUT', `/${this.kind.collection}/${enc(id)}`, { body, signal });
    return checkStored(changes, this.normalise(data, paths), paths);
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `/${this.kind.collection}/${enc(id)}`, { signal });
  }

  async restore(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('POST', `/${this.kind.collection}/${enc(id)}/restore`, { signal, idempotent: true });
  }

  /** Admins only; releases the ID for reuse. */
  async purge(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `/${this.kind.collection}/${enc(id)}/purge`, { signal });
  }

  /** The caller's rights on the entity. */
  async rights(id: string, signal?: AbortSignal): Promise<RightName[]> {
    const { data } = await this.http.request<{ rights?: RightName[] }>(
      'GET',
      `/${this.kind.collection}/${enc(id)}/rights`,
      { signal },
    );
    return data.rights ?? [];
  }

  /** Search by text, ID or name (type-ahead in the explorer). */
  async search(options: SearchOptions): Promise<Page<T>> {
    const page = await listPage<T>(this.http, `/search/${this.kind.collection}`, this.kind.collection, {
      ...options,
      query: {
        ...this.listQuery(options),
        query: options.text || undefined,
        id_contains: options.idContains || undefined,
        name_contains: options.nameContains || undefined,
        state: options.state || undefined,
      },
    });
    return this.normaliseAll(page, options.fields);
  }
}

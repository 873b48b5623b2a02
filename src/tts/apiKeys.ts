// API keys of an application (§3), a user or an organization: the same calls under each. The key value comes back
// only from create.
import type { HttpClient } from './http';
import { API_KEY_DEFAULTS, withDefaults } from './normalise';
import { listPage, type ListOptions, type Page } from './paging';
import type { ApiKey, RightName } from './types';
import { checkStored } from './updateCheck';

const enc = encodeURIComponent;
const KEY_FIELDS = ['rights', 'name'];

export interface NewApiKey {
  name: string;
  rights: RightName[];
  /** RFC 3339; must be in the future. */
  expiresAt?: string;
}

/** Who holds API keys: the URL collection. */
export type KeyHolder = 'applications' | 'users' | 'organizations';

export class ApiKeysApi {
  constructor(
    private readonly http: HttpClient,
    private readonly holder: KeyHolder = 'applications',
  ) {}

  private base(id: string): string {
    return `/${this.holder}/${enc(id)}/api-keys`;
  }

  async list(holderId: string, options: ListOptions & { order?: string } = {}): Promise<Page<ApiKey>> {
    const page = await listPage<ApiKey>(this.http, this.base(holderId), 'api_keys', {
      ...options,
      query: { order: options.order },
    });
    return { ...page, items: page.items.map((key) => withDefaults(key, KEY_FIELDS, API_KEY_DEFAULTS)) };
  }

  async get(holderId: string, keyId: string, signal?: AbortSignal): Promise<ApiKey> {
    const { data } = await this.http.request<ApiKey>('GET', `${this.base(holderId)}/${enc(keyId)}`, { signal });
    return withDefaults(data, KEY_FIELDS, API_KEY_DEFAULTS);
  }

  /** Returns the key including its one-time `key` value. Never retried. */
  async create(holderId: string, key: NewApiKey, signal?: AbortSignal): Promise<ApiKey> {
    const { data } = await this.http.request<ApiKey>('POST', this.base(holderId), {
      body: { name: key.name, rights: key.rights, expires_at: key.expiresAt },
      signal,
    });
    return data;
  }

  /** Throws NotStoredError when the answer shows a changed field did not take. */
  async update(holderId: string, keyId: string, changes: Partial<NewApiKey>, signal?: AbortSignal): Promise<ApiKey> {
    const apiKey: Record<string, unknown> = { id: keyId };
    const paths: string[] = [];
    if (changes.name !== undefined) {
      apiKey.name = changes.name;
      paths.push('name');
    }
    if (changes.rights !== undefined) {
      apiKey.rights = changes.rights;
      paths.push('rights');
    }
    if (changes.expiresAt !== undefined) {
      apiKey.expires_at = changes.expiresAt;
      paths.push('expires_at');
    }
    const { data } = await this.http.request<ApiKey>('PUT', `${this.base(holderId)}/${enc(keyId)}`, {
      body: { api_key: apiKey, field_mask: { paths } },
      signal,
    });
    return checkStored(apiKey, data, paths);
  }

  async delete(holderId: string, keyId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `${this.base(holderId)}/${enc(keyId)}`, { signal });
  }
}

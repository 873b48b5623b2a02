// Application API keys (§3). The key value comes back only from create.
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

export class ApiKeysApi {
  constructor(private readonly http: HttpClient) {}

  private base(appId: string): string {
    return `/applications/${enc(appId)}/api-keys`;
  }

  async list(appId: string, options: ListOptions & { order?: string } = {}): Promise<Page<ApiKey>> {
    const page = await listPage<ApiKey>(this.http, this.base(appId), 'api_keys', {
      ...options,
      query: { order: options.order },
    });
    return { ...page, items: page.items.map((key) => withDefaults(key, KEY_FIELDS, API_KEY_DEFAULTS)) };
  }

  async get(appId: string, keyId: string, signal?: AbortSignal): Promise<ApiKey> {
    const { data } = await this.http.request<ApiKey>('GET', `${this.base(appId)}/${enc(keyId)}`, { signal });
    return withDefaults(data, KEY_FIELDS, API_KEY_DEFAULTS);
  }

  /** Returns the key including its one-time `key` value. Never retried. */
  async create(appId: string, key: NewApiKey, signal?: AbortSignal): Promise<ApiKey> {
    const { data } = await this.http.request<ApiKey>('POST', this.base(appId), {
      body: { name: key.name, rights: key.rights, expires_at: key.expiresAt },
      signal,
    });
    return data;
  }

  /** Throws NotStoredError when the answer shows a changed field did not take. */
  async update(appId: string, keyId: string, changes: Partial<NewApiKey>, signal?: AbortSignal): Promise<ApiKey> {
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
    const { data } = await this.http.request<ApiKey>('PUT', `${this.base(appId)}/${enc(keyId)}`, {
      body: { api_key: apiKey, field_mask: { paths } },
      signal,
    });
    return checkStored(apiKey, data, paths);
  }

  async delete(appId: string, keyId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `${this.base(appId)}/${enc(keyId)}`, { signal });
  }
}

// End devices of an application, as the Identity Server lists them (§3 End devices).
import type { HttpClient } from './http';
import { listPage, type ListOptions, type Page } from './paging';
import type { EndDevice } from './types';

export const DEVICE_LIST_FIELDS = ['name', 'description', 'ids.dev_eui', 'ids.join_eui'] as const;

export class DevicesApi {
  constructor(private readonly http: HttpClient) {}

  async list(
    appId: string,
    options: ListOptions & { fields?: readonly string[]; order?: string } = {},
  ): Promise<Page<EndDevice>> {
    return listPage<EndDevice>(this.http, `/applications/${encodeURIComponent(appId)}/devices`, 'end_devices', {
      ...options,
      query: { field_mask: (options.fields ?? DEVICE_LIST_FIELDS).join(','), order: options.order },
    });
  }
}

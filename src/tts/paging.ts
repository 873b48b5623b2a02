// TTS list paging (§5): `limit` (≤ 1000) and `page` (from 1), the total in `X-Total-Count`, `{}` past the end.
import { BadResponseError } from './errors';
import type { HttpClient, Query } from './http';

export const MAX_PAGE_SIZE = 1000;

export interface Page<T> {
  items: T[];
  /** From X-Total-Count; undefined when the server did not send it. */
  total: number | undefined;
  page: number;
  limit: number;
}

export interface ListOptions {
  /** Page size; default 100, at most 1000. */
  limit?: number;
  page?: number;
  signal?: AbortSignal;
  query?: Query;
}

export interface ListAllOptions extends ListOptions {
  /** Pages fetched at once after the first; default 4. */
  concurrency?: number;
}

function pageSize(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit ?? 100)));
}

function kindOf(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** One page of a list route; `key` is the array field (`clients`, `applications`, …). */
export async function listPage<T>(
  http: HttpClient,
  path: string,
  key: string,
  options: ListOptions = {},
): Promise<Page<T>> {
  const limit = pageSize(options.limit);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const result = await http.request<Record<string, unknown>>('GET', path, {
    query: { ...options.query, limit, page },
    signal: options.signal,
  });
  const data: unknown = result.data;
  const object =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  // `{}` is an empty list (§0.8); anything else in the list's place is a broken answer, not "nothing".
  if (!object && data !== null) {
    throw new BadResponseError(
      `The Things Stack sent ${kindOf(data)}, not an object with "${key}" (HTTP ${result.status}).`,
      result.status,
    );
  }
  const raw = object?.[key];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    throw new BadResponseError(
      `The Things Stack sent "${key}" as ${kindOf(raw)}, not a list (HTTP ${result.status}).`,
      result.status,
    );
  }
  const items = (raw ?? []) as T[];
  const header = result.headers.get('x-total-count');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  return { items, total, page, limit };
}

/** Walks the pages one after another, stopping at an empty or short page or at the total. */
export async function* iteratePages<T>(
  http: HttpClient,
  path: string,
  key: string,
  options: ListOptions = {},
): AsyncGenerator<Page<T>> {
  let page = Math.max(1, options.page ?? 1);
  for (;;) {
    const current = await listPage<T>(http, path, key, { ...options, page });
    yield current;
    const done =
      current.items.length < current.limit || (current.total !== undefined && page * current.limit >= current.total);
    if (done) {
      return;
    }
    page++;
  }
}

/**
 * Every item: the first page tells the total, then the remaining pages run with bounded concurrency.
 * Without a total it falls back to walking page by page.
 */
export async function listAll<T>(
  http: HttpClient,
  path: string,
  key: string,
  options: ListAllOptions = {},
): Promise<T[]> {
  const first = await listPage<T>(http, path, key, { ...options, page: 1 });
  if (first.total === undefined) {
    const items = [...first.items];
    if (first.items.length === first.limit) {
      for await (const page of iteratePages<T>(http, path, key, { ...options, page: 2 })) {
        items.push(...page.items);
      }
    }
    return items;
  }
  const pages = Math.ceil(first.total / first.limit);
  const results: T[][] = new Array(pages);
  results[0] = first.items;
  let next = 2;
  const worker = async (): Promise<void> => {
    while (next <= pages) {
      const page = next++;
      results[page - 1] = (await listPage<T>(http, path, key, { ...options, page, limit: first.limit })).items;
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, pages - 1));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results.flat();
}

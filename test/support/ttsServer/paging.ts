// Listing (§5): `limit` ≤ 1000 (0 → default 100), `page` from 1 (0 → 1), `order` by a named field with optional
// `-`, `X-Total-Count` on every successful list, and `{}` past the last page (the empty array is omitted).
import { errors } from './errors';
import type { Reply } from './http';

export const MAX_LIMIT = 1000;

export interface PageRequest {
  limit: number;
  page: number;
}

function uint(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return 0;
  }
  if (!/^\d+$/.test(raw)) {
    throw errors.validation(name, `type mismatch, parameter: ${name}, value \`${raw}\` is not an unsigned integer`);
  }
  return Number(raw);
}

export function pageRequest(query: URLSearchParams, defaultLimit: number): PageRequest {
  const limit = uint(query, 'limit');
  if (limit > MAX_LIMIT) {
    throw errors.validation('limit', `value must be less than or equal to ${MAX_LIMIT}`);
  }
  return { limit: limit === 0 ? defaultLimit : limit, page: Math.max(1, uint(query, 'page')) };
}

type SortKey<T> = (item: T) => string | number | undefined;

/**
 * Sorts by `order` (`name`, `-created_at`, …); default ascending by the first key (the ID). An unknown order is 400
 * `validation` as TTS words it (the list starts with the empty default: `[ created_at -created_at]`), naming the
 * request's validator when `request` is given (`ListOAuthClientAuthorizationsRequest`).
 */
export function ordered<T>(items: T[], order: string | null, keys: Record<string, SortKey<T>>, request?: string): T[] {
  const names = Object.keys(keys);
  const wanted = order ?? '';
  const desc = wanted.startsWith('-');
  const name = (desc ? wanted.slice(1) : wanted) || names[0];
  const key = keys[name];
  if (!key) {
    const list = ['', ...names.flatMap((n) => [n, `-${n}`])].join(' ');
    throw errors.validation('order', `value must be in list [${list}]`, request && `${request}ValidationError`);
  }
  const idKey = keys[names[0]];
  const cmp = (a: T, b: T): number => {
    const x = key(a) ?? '';
    const y = key(b) ?? '';
    const primary = x < y ? -1 : x > y ? 1 : 0;
    if (primary !== 0) {
      return desc ? -primary : primary;
    }
    const ia = idKey(a) ?? '';
    const ib = idKey(b) ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  // Lists of thousands are ordered on every page request; most already are (insertion order), so check first.
  const inOrder = items.every((item, i) => i === 0 || cmp(items[i - 1], item) <= 0);
  return inOrder ? [...items] : [...items].sort(cmp);
}

/** One page of `items` under `key`, with the total in X-Total-Count. */
export function listReply<T>(
  key: string,
  items: readonly T[],
  page: PageRequest,
  render: (item: T) => unknown = (i) => i,
): Reply {
  const start = (page.page - 1) * page.limit;
  const slice = items.slice(start, start + page.limit).map(render);
  return {
    status: 200,
    headers: { 'X-Total-Count': String(items.length) },
    json: slice.length > 0 ? { [key]: slice } : {},
  };
}

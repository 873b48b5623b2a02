// The transport's default fetch: node-fetch, loaded on the first request instead of at activation (it is about a
// sixth of the bundle and pulls in http, https, zlib and web streams).
import type { Fetch } from './http';

let loading: Promise<Fetch> | undefined;

export const defaultFetch: Fetch = async (url, init) => {
  loading ??= import('node-fetch').then(
    (m) => m.default as unknown as Fetch,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return (await loading)(url, init);
};

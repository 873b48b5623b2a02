// The transport's default fetch: node-fetch, loaded on the first request instead of at activation (it is about a
// sixth of the bundle and pulls in http, https, zlib and web streams).
import { onFirstUse } from '../util/onFirstUse';
import type { Fetch } from './http';

const nodeFetch = onFirstUse(async () => (await import('node-fetch')).default as unknown as Fetch);

export const defaultFetch: Fetch = async (url, init) => (await nodeFetch())(url, init);

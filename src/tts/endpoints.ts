// Every URL the extension sends anything to is built here: a deployment may live under a path
// (`https://host/tts`), and `new URL('/oauth/token', base)` would silently drop that path.

export type Query = Record<string, string | number | boolean | undefined>;

/** A base URL as stored: scheme, host, port and path, no trailing slash, no query or fragment. */
export function baseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** The path part of a base URL (`/tts`), or '' at the root. */
export function basePath(url: string): string {
  return new URL(url).pathname.replace(/\/+$/, '');
}

/** `endpoint('https://host/tts', '/oauth/token')` → `https://host/tts/oauth/token`; undefined query values are left out. */
export function endpoint(base: string, path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      search.set(key, String(value));
    }
  }
  const qs = search.toString();
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
}

/** Where the HTTP API of a deployment lives (`/api/v3` under the base). */
export const apiEndpoint = (base: string, path: string, query?: Query): string =>
  endpoint(base, `/api/v3${path}`, query);

/** The OAuth server's routes (`authorize`, `token`) under the base: `/oauth/authorize`, `/oauth/token`. */
export const oauthEndpoint = (base: string, route: string, query?: Query): string =>
  endpoint(base, `/oauth/${route.replace(/^\/+/, '')}`, query);

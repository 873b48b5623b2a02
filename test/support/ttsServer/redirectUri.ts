// osin's redirect URI matching (§1.4; osin urivalidate.go at 0f4d38c), with Go's url.Parse rules: equal scheme
// and host (port included) except that a registered http loopback IP literal without port accepts any loopback IP
// and port; the path equal or a true sub-path after dot-segment removal; no fragments; the request's query kept.
import { isIPv4, isIPv6 } from 'node:net';

interface GoUrl {
  scheme: string;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

/** Go's url.Parse, the parts osin uses; undefined where Go returns an error. */
export function parseGoUrl(raw: string): GoUrl | undefined {
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? raw.slice(hash + 1) : '';
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith(':')) {
    return undefined; // missing protocol scheme
  }
  const q = rest.indexOf('?');
  const rawQuery = q >= 0 ? rest.slice(q + 1) : '';
  rest = q >= 0 ? rest.slice(0, q) : rest;
  if (!scheme && !rest.startsWith('/') && rest.split('/')[0].includes(':')) {
    return undefined; // first path segment in URL cannot contain colon
  }
  let host = '';
  if (rest.startsWith('//') && !(scheme === '' && rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    host = authority.slice(authority.lastIndexOf('@') + 1);
    const port = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(host)?.[2];
    if (port !== undefined && !/^\d*$/.test(port)) {
      return undefined; // invalid port
    }
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rest)) {
    return undefined; // invalid URL escape
  }
  return { scheme, host, path: rest, rawQuery, fragment };
}

/** Go's resolvePath against an empty base: relative paths become absolute, dot segments are removed. */
export function resolvePath(ref: string): string {
  if (ref === '') {
    return '';
  }
  const out: string[] = [];
  const segments = ref.replace(/^\//, '').split('/');
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..') {
        out.pop();
      }
      if (last) {
        out.push('');
      }
    } else {
      out.push(segment);
    }
  });
  return '/' + out.join('/');
}

function isLoopback(ip: string): boolean {
  if (isIPv4(ip)) {
    return ip.startsWith('127.');
  }
  if (!isIPv6(ip)) {
    return false;
  }
  let normal: string;
  try {
    normal = new URL(`http://[${ip}]/`).hostname; // compressed form, IPv4-mapped in hex
  } catch {
    return false;
  }
  return normal === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normal);
}

const hostname = (host: string): string =>
  host.replace(/^\[([^\]]*)\](?::\d*)?$/, '$1').replace(/^([^:[\]]*):\d*$/, '$1');

export type UriCheck =
  | { ok: true; uri: string }
  /** `invalid` is a plain error (osin: invalid_request, 400); `mismatch` a UriValidationError (403). */
  | { ok: false; kind: 'invalid' | 'mismatch'; reason: string };

export function validateUri(baseUri: string, redirectUri: string): UriCheck {
  if (baseUri === '' || redirectUri === '') {
    return { ok: false, kind: 'invalid', reason: 'urls cannot be blank.' };
  }
  const base = parseGoUrl(baseUri);
  const redirect = parseGoUrl(redirectUri);
  if (!base || !redirect) {
    return { ok: false, kind: 'invalid', reason: 'unparsable url' };
  }
  if (base.fragment !== '' || redirect.fragment !== '') {
    return { ok: false, kind: 'mismatch', reason: 'url must not include fragment.' };
  }
  if (base.scheme !== redirect.scheme) {
    return { ok: false, kind: 'mismatch', reason: 'scheme mismatch' };
  }
  let host: string | undefined;
  if (redirect.host === base.host) {
    host = base.host;
  } else if (
    (isIPv4(base.host) || isIPv6(base.host)) &&
    isLoopback(base.host) &&
    base.scheme === 'http' &&
    isLoopback(hostname(redirect.host))
  ) {
    host = redirect.host; // RFC 8252 §7.3: any port on a loopback IP literal
  }
  if (host === undefined) {
    return { ok: false, kind: 'mismatch', reason: 'scheme and host mismatch' };
  }
  const basePath = resolvePath(base.path);
  const redirectPath = resolvePath(redirect.path);
  const uri = `${base.scheme ? `${base.scheme}:` : ''}${host || base.scheme ? `//${host}` : ''}${redirectPath}${redirect.rawQuery ? `?${redirect.rawQuery}` : ''}`;
  if (basePath === redirectPath || redirectPath.startsWith(basePath.replace(/\/+$/, '') + '/')) {
    return { ok: true, uri };
  }
  return { ok: false, kind: 'mismatch', reason: "path prefix doesn't match" };
}

/** osin ValidateUriList over the client's URIs (TTS joins them with `;` and osin splits again). */
export function validateUriList(registered: readonly string[], redirectUri: string): UriCheck {
  for (const base of registered.join(';').split(';')) {
    const check = validateUri(base, redirectUri);
    if (check.ok || check.kind === 'invalid') {
      return check;
    }
  }
  return { ok: false, kind: 'mismatch', reason: "urls don't validate" };
}

/** Go's url.QueryUnescape (`+` is a space); osin applies it to the already-decoded form value. */
export function queryUnescape(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Go's url.QueryEscape. */
export const queryEscape = (value: string): string =>
  encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Go's url.Values.Encode: keys sorted, values in order. */
export function encodeQuery(pairs: [string, string][]): string {
  return [...pairs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`)
    .join('&');
}

/** Sets `output` on the URI's query the way osin's GetRedirectUrl does (q.Set, then Encode). */
export function withQuery(uri: string, output: Record<string, string>): string {
  const q = uri.indexOf('?');
  const head = q >= 0 ? uri.slice(0, q) : uri;
  const pairs: [string, string][] =
    q >= 0
      ? uri
          .slice(q + 1)
          .split('&')
          .filter(Boolean)
          .map((p) => {
            const [k, v = ''] = p.split('=');
            return [queryUnescape(k) ?? k, queryUnescape(v) ?? v];
          })
      : [];
  const kept = pairs.filter(([k]) => !(k in output));
  return `${head}?${encodeQuery([...kept, ...Object.entries(output)])}`;
}

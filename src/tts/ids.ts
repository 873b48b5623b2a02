// TTS identifier and redirect-URI rules (§2.2–§2.3, §1.4), checked before anything reaches the server.
// Each check returns undefined when the value is fine, or one sentence that says what to change.

export type EntityType = 'application' | 'client' | 'device' | 'gateway' | 'organization' | 'user';

const ID_PATTERN = /^[a-z0-9](?:-?[a-z0-9])+$/;
export const ID_MAX = 36;
/** IDs the server refuses with `forbidden_id`; the server's blocklist is longer, these are the common ones. */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'api',
  'app',
  'apps',
  'applications',
  'cli',
  'client',
  'clients',
  'code',
  'console',
  'device',
  'devices',
  'gateway',
  'gateways',
  'local-callback',
  'login',
  'logout',
  'me',
  'oauth',
  'organization',
  'organizations',
  'root',
  'settings',
  'support',
  'system',
  'the-things-industries',
  'the-things-network',
  'thethings',
  'thethingsindustries',
  'thethingsnetwork',
  'tti',
  'ttn',
  'user',
  'users',
]);

const NOUN: Record<EntityType, string> = {
  application: 'Application ID',
  client: 'Client ID',
  device: 'Device ID',
  gateway: 'Gateway ID',
  organization: 'Organization ID',
  user: 'User ID',
};

const hex = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first character that is not printable ASCII, described for the user: a look-alike of a Latin letter or digit
 * (Cyrillic, Greek, full-width), an accent, or an invisible character (zero-width space, control character).
 */
export function nonAsciiCharacter(text: string): string | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) {
      continue;
    }
    if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(ch)) {
      return `it contains an invisible character (${hex(ch)}); delete it and type the text again`;
    }
    if (/\p{M}/u.test(ch)) {
      return `it contains a combining accent (${hex(ch)})`;
    }
    const folded = ch.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
    if (folded) {
      return `"${ch}" (${hex(ch)}) is not the ASCII "${folded}"`;
    }
    const script = /[\u0400-\u04ff]/.test(ch)
      ? 'a Cyrillic letter'
      : /[\u0370-\u03ff]/.test(ch)
        ? 'a Greek letter'
        : 'not ASCII';
    return `"${ch}" (${hex(ch)}) is ${script}`;
  }
  return undefined;
}

/**
 * A valid ID close to what was typed ("My_App" → "my-app"): lower case, every run of other characters becomes one
 * hyphen, no hyphen at either end, at most 36 characters. Undefined when nothing valid is left.
 */
export function suggestId(text: string, type: EntityType): string | undefined {
  const suggestion = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ID_MAX)
    .replace(/-+$/, '');
  return suggestion && suggestion !== text && !validateId(suggestion, type) ? suggestion : undefined;
}

const eg = (text: string, type: EntityType): string => {
  const suggestion = suggestId(text, type);
  return suggestion ? `, e.g. "${suggestion}"` : '';
};

/**
 * `refer`: the ID names something that exists (a collaborator to add), so the blocklist, which applies only when
 * creating, does not: the seeded `admin` user is a real user.
 */
export function validateId(id: string, type: EntityType, purpose: 'create' | 'refer' = 'create'): string | undefined {
  const noun = NOUN[type];
  const min = type === 'user' ? 2 : 3;
  if (!id) {
    return `${noun} is required.`;
  }
  if (/[^\S\ufeff]/.test(id)) {
    // an invisible U+FEFF is reported as such below, not as a space
    return `${noun} cannot contain spaces; use hyphens${eg(id, type)}.`;
  }
  const foreign = nonAsciiCharacter(id);
  if (foreign) {
    return `${noun} may only use the ASCII letters a–z, digits and hyphens: ${foreign}.`;
  }
  if (id !== id.toLowerCase()) {
    // The suggestion is a valid ID, not merely the lower-case text ("My_App" → "my-app", not "my_app").
    const suggestion = suggestId(id, type);
    return `${noun} must be lower case${suggestion ? `: "${suggestion}"` : ''}.`;
  }
  if (id.length < min) {
    return `${noun} must be at least ${min} characters (it has ${id.length}).`;
  }
  if (id.length > ID_MAX) {
    return `${noun} must be at most ${ID_MAX} characters (it has ${id.length}).`;
  }
  if (/[^a-z0-9-]/.test(id)) {
    const bad = [...new Set(id.replace(/[a-z0-9-]/g, ''))].join(' ');
    return `${noun} may only contain lower-case letters, digits and hyphens (not ${bad})${eg(id, type)}.`;
  }
  if (id.startsWith('-') || id.endsWith('-')) {
    return `${noun} cannot start or end with a hyphen${eg(id, type)}.`;
  }
  if (id.includes('--')) {
    return `${noun} cannot contain two hyphens in a row${eg(id, type)}.`;
  }
  if (!ID_PATTERN.test(id)) {
    return `${noun} must match ${ID_PATTERN.source}.`;
  }
  if (purpose === 'create' && type !== 'device' && RESERVED_IDS.has(id)) {
    return `"${id}" is reserved by The Things Stack; choose another ${noun}.`;
  }
  return undefined;
}

export const REDIRECT_URI_MAX = 128;
export const REDIRECT_URIS_MAX = 10;
const SPECIAL_REDIRECTS = /^(code|local-callback(?:\?port=(\d{1,5}))?)$/;
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:']);

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** One redirect URI: absolute, or the special `code` / `local-callback`; ≤ 128 characters; no `;`, spaces or fragment. */
export function validateRedirectUri(uri: string): string | undefined {
  if (!uri) {
    return 'A redirect URI cannot be empty.';
  }
  if (uri.length > REDIRECT_URI_MAX) {
    return `A redirect URI can be at most ${REDIRECT_URI_MAX} characters (this one has ${uri.length}).`;
  }
  if (uri.includes(';')) {
    return 'A redirect URI cannot contain ";" — The Things Stack uses it to separate URIs.';
  }
  if (/\s/.test(uri)) {
    return 'A redirect URI cannot contain spaces.';
  }
  const foreign = nonAsciiCharacter(uri);
  if (foreign) {
    // A look-alike letter in the host sends the code somewhere else entirely.
    return `A redirect URI must be plain ASCII: ${foreign}.`;
  }
  const special = SPECIAL_REDIRECTS.exec(uri);
  if (special) {
    const port = special[2] === undefined ? undefined : Number(special[2]);
    return port === undefined || (port >= 1 && port <= 65535)
      ? undefined
      : `"${uri}" has an invalid port; use 1–65535.`;
  }
  if (uri.includes('#')) {
    return 'A redirect URI cannot have a fragment (#…).';
  }
  if (uri.includes('\\')) {
    return 'A redirect URI cannot contain "\\"; use "/".';
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    return `"${uri}" is not an absolute URI; use e.g. "https://example.com/callback", or "code" / "local-callback".`;
  }
  if (/^[a-z][a-z0-9+.-]*:\d/i.test(uri)) {
    // "localhost:8080/cb" parses as the scheme "localhost:", which is not what was meant.
    return `"${uri}" has no scheme; did you mean ${/^(localhost|127\.)/i.test(uri) ? 'http' : 'https'}://${uri}?`;
  }
  if (/^https?:/i.test(uri) && !/^https?:\/\//i.test(uri)) {
    return `"${uri}" needs "//" after the scheme, e.g. "https://example.com/callback".`;
  }
  if (/^https?:\/\/(\/|$)/i.test(uri)) {
    return `"${uri}" has no host.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `"${uri}" is not a valid URI: check its host and port.`;
  }
  if (FORBIDDEN_SCHEMES.has(parsed.protocol)) {
    return `${parsed.protocol} URIs cannot be used as redirect URIs.`;
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.hostname) {
    return `"${uri}" has no host.`;
  }
  if (parsed.username || parsed.password) {
    return 'A redirect URI cannot contain a user name or password.';
  }
  return undefined;
}

/** A whole list: at most 10, each valid, no duplicates. Returns the first problem. */
export function validateRedirectUris(uris: readonly string[]): string | undefined {
  if (uris.length > REDIRECT_URIS_MAX) {
    return `At most ${REDIRECT_URIS_MAX} redirect URIs are allowed (there are ${uris.length}).`;
  }
  const seen = new Set<string>();
  for (const uri of uris) {
    const problem = validateRedirectUri(uri);
    if (problem) {
      return problem;
    }
    if (seen.has(uri)) {
      return `"${uri}" is listed twice.`;
    }
    seen.add(uri);
  }
  return undefined;
}

/**
 * Advice that does not block: plain http to a public host can leak the code; `%` and `+` are decoded twice by
 * The Things Stack at /authorize but not at the token exchange (§1.3), so the two legs may not match.
 */
export function redirectUriWarning(uri: string): string | undefined {
  if (/[%+]/.test(uri)) {
    return `"${uri}" contains "%" or "+": The Things Stack decodes redirect URIs twice at sign-in, so the code exchange may not match. Avoid them if you can.`;
  }
  try {
    const parsed = new URL(uri);
    if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
      return `"${uri}" uses plain http on a public host; the authorization code could be read on the way. Use https.`;
    }
  } catch {
    // Special values and invalid URIs have no warning here; validateRedirectUri reports the latter.
  }
  return undefined;
}

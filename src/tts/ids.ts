// TTS identifier and redirect-URI rules (§2.2–§2.3, §1.4), checked before anything reaches the server.
// Each check returns undefined when the value is fine, or one sentence that says what to change.

export type EntityType = 'application' | 'client' | 'device' | 'gateway' | 'organization' | 'user';

const ID_PATTERN = /^[a-z0-9](?:-?[a-z0-9])+$/;
export const ID_MAX = 36;
/** IDs the server refuses with `forbidden_id`; the server's blocklist is longer, these are the common ones. */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  'admin', 'administrator', 'api', 'app', 'apps', 'applications', 'cli', 'client', 'clients', 'code', 'console',
  'device', 'devices', 'gateway', 'gateways', 'local-callback', 'login', 'logout', 'me', 'oauth', 'organization',
  'organizations', 'root', 'settings', 'support', 'system', 'the-things-industries', 'the-things-network',
  'thethings', 'thethingsindustries', 'thethingsnetwork', 'tti', 'ttn', 'user', 'users',
]);

const NOUN: Record<EntityType, string> = {
  application: 'Application ID', client: 'Client ID', device: 'Device ID', gateway: 'Gateway ID',
  organization: 'Organization ID', user: 'User ID',
};

/** Non-ASCII characters that look like Latin ones (Cyrillic, Greek, full-width). */
function lookAlike(id: string): string | undefined {
  for (const ch of id) {
    if (ch.charCodeAt(0) > 0x7f) {
      const folded = ch.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
      const hint = folded || (/[\u0400-\u04ff]/.test(ch) ? 'a Cyrillic letter' : /[\u0370-\u03ff]/.test(ch) ? 'a Greek letter' : 'not ASCII');
      return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) is ${folded ? `not the ASCII "${folded}"` : hint}`;
    }
  }
  return undefined;
}

export function validateId(id: string, type: EntityType): string | undefined {
  const noun = NOUN[type];
  const min = type === 'user' ? 2 : 3;
  if (!id) {
    return `${noun} is required.`;
  }
  if (/\s/.test(id)) {
    return `${noun} cannot contain spaces; use hyphens, e.g. "${id.trim().toLowerCase().replace(/\s+/g, '-')}".`;
  }
  const foreign = lookAlike(id);
  if (foreign) {
    return `${noun} may only use the ASCII letters a–z, digits and hyphens: ${foreign}.`;
  }
  if (id !== id.toLowerCase()) {
    return `${noun} must be lower case: "${id.toLowerCase()}".`;
  }
  if (id.length < min) {
    return `${noun} must be at least ${min} characters (it has ${id.length}).`;
  }
  if (id.length > ID_MAX) {
    return `${noun} must be at most ${ID_MAX} characters (it has ${id.length}).`;
  }
  if (/[^a-z0-9-]/.test(id)) {
    const bad = [...new Set(id.replace(/[a-z0-9-]/g, ''))].join(' ');
    return `${noun} may only contain lower-case letters, digits and hyphens (not ${bad}).`;
  }
  if (id.startsWith('-') || id.endsWith('-')) {
    return `${noun} cannot start or end with a hyphen.`;
  }
  if (id.includes('--')) {
    return `${noun} cannot contain two hyphens in a row.`;
  }
  if (!ID_PATTERN.test(id)) {
    return `${noun} must match ${ID_PATTERN.source}.`;
  }
  if (type !== 'device' && RESERVED_IDS.has(id)) {
    return `"${id}" is reserved by The Things Stack; choose another ${noun}.`;
  }
  return undefined;
}

export const REDIRECT_URI_MAX = 128;
export const REDIRECT_URIS_MAX = 10;
const SPECIAL_REDIRECTS = /^(code|local-callback(\?port=\d{1,5})?)$/;
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
  if (SPECIAL_REDIRECTS.test(uri)) {
    return undefined;
  }
  if (uri.includes('#')) {
    return 'A redirect URI cannot have a fragment (#…).';
  }
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `"${uri}" is not an absolute URI; use e.g. "https://example.com/callback", or "code" / "local-callback".`;
  }
  if (!/^[a-z][a-z0-9+.-]*:$/.test(parsed.protocol)) {
    return `"${uri}" has an invalid scheme.`;
  }
  if (FORBIDDEN_SCHEMES.has(parsed.protocol)) {
    return `${parsed.protocol} URIs cannot be used as redirect URIs.`;
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && (!parsed.hostname || /^https?:\/\/(\/|$)/i.test(uri))) {
    return `"${uri}" has no host.`;
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

/** Advice that does not block: plain http to a public host can leak the code. */
export function redirectUriWarning(uri: string): string | undefined {
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

// Stored session records: what one signed-in account on one deployment keeps in SecretStorage, how it is
// (de)serialised defensively, and the added/removed/changed diff other windows need.
import { plainText } from '../util/plainText';

export type SessionMethod = 'oauth' | 'api-key';

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; undefined for API keys without expiry. */
  expiresAt?: number;
  /** Epoch ms when this pair was obtained; a newer one wins across windows. */
  obtainedAt: number;
}

export interface StoredSession {
  /** Stable across refreshes: `<deploymentKey>/<userId or key id>`. */
  id: string;
  deploymentKey: string;
  /** The user ID (or, for a non-user API key, the owning entity). */
  accountId: string;
  /** `alice @ eu1.cloud.thethings.network` — stable across refreshes. */
  accountLabel: string;
  method: SessionMethod;
  /** OAuth: the client the token belongs to (needed to refresh and revoke). */
  clientId?: string;
  /** OAuth: the access token's id, for revoking it (the middle part of MFRWG.<id>.<key>). */
  tokenId?: string;
  /** Scopes the session answers: `deployment:<key>`. */
  scopes: string[];
  tokens: TokenSet;
  isAdmin?: boolean;
  rights?: string[];
  createdAt: number;
}

/** Key of the index (ids only) and of each session's secret. */
export const INDEX_KEY = 'thingsStack.sessions';
export const sessionKey = (id: string): string => `thingsStack.session.${id}`;

/** Whether a SecretStorage key holds sessions (the index or one session), not, say, a client secret. */
export function isSessionKey(key: string): boolean {
  return key === INDEX_KEY || key.startsWith(sessionKey(''));
}

export function sessionId(deploymentKey: string, accountId: string): string {
  return `${deploymentKey}/${accountId}`;
}

/** The id part of a TTS token `<type>.<id>.<key>` (§1.10). */
export function tokenIdOf(token: string): string | undefined {
  const parts = token.split('.');
  return parts.length === 3 && parts[1] ? parts[1] : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Parses one stored session; anything damaged gives undefined (the caller deletes it and logs why). */
export function parseSession(text: string | undefined): StoredSession | undefined {
  if (!text) {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const s = raw as Partial<StoredSession>;
  const t = s.tokens as Partial<TokenSet> | undefined;
  if (!isString(s.id) || !isString(s.deploymentKey) || !isString(s.accountId) || !isString(s.accountLabel)) {
    return undefined;
  }
  if (s.method !== 'oauth' && s.method !== 'api-key') {
    return undefined;
  }
  if (!t || !isString(t.accessToken) || typeof t.obtainedAt !== 'number') {
    return undefined;
  }
  if (s.method === 'oauth' && (!isString(t.refreshToken) || typeof t.expiresAt !== 'number' || !isString(s.clientId))) {
    return undefined;
  }
  return {
    ...(s as StoredSession),
    accountLabel: s.method === 'api-key' ? apiKeyLabel(s.accountLabel) : s.accountLabel,
    scopes: Array.isArray(s.scopes) ? s.scopes.filter(isString) : [],
    createdAt: typeof s.createdAt === 'number' ? s.createdAt : t.obtainedAt,
  };
}

/**
 * An API-key session is its own account: "alice (API key) · Local", never "alice · Local" like alice's OAuth session,
 * so VS Code's consent for one does not extend to the other. Sessions stored before that are relabelled as read.
 */
export function apiKeyLabel(label: string): string {
  if (label.includes('(API key)')) {
    return label;
  }
  const at = label.indexOf(' · ');
  return at < 0 ? `${label} (API key)` : `${label.slice(0, at)} (API key)${label.slice(at)}`;
}

export function parseIndex(text: string | undefined): string[] {
  return readIndex(text).ids ?? [];
}

/** The index's ids; `ids` is undefined when the text is there but damaged (not a JSON array). */
export function readIndex(text: string | undefined): { ids: string[] | undefined } {
  if (!text) {
    return { ids: [] };
  }
  try {
    const raw: unknown = JSON.parse(text);
    return { ids: Array.isArray(raw) ? [...new Set(raw.filter(isString))] : undefined };
  } catch {
    return { ids: undefined };
  }
}

export interface SessionDiff {
  added: StoredSession[];
  removed: StoredSession[];
  changed: StoredSession[];
}

/** What changed between two snapshots; `changed` means the same id with another access token. */
export function diffSessions(before: readonly StoredSession[], after: readonly StoredSession[]): SessionDiff {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  return {
    added: after.filter((s) => !old.has(s.id)),
    removed: before.filter((s) => !now.has(s.id)),
    changed: after.filter((s) => old.has(s.id) && old.get(s.id)!.tokens.accessToken !== s.tokens.accessToken),
  };
}

/** Scopes the provider does not know, or several deployments at once: said to the extension that asked. */
export class ScopeError extends Error {
  override readonly name = 'ScopeError';
}

const SCOPE_HELP =
  'The Things Stack provider ("thingsstack") knows one scope, "deployment:<Identity Server host>" (e.g. ' +
  '"deployment:eu1.cloud.thethings.network"); no scope asks for any signed-in account.';

/**
 * The deployment key `scopes` ask for (undefined: no scope, any account). Anything but `deployment:<host>` is refused
 * rather than ignored, so an extension never gets a session that means something else than it asked for; so is
 * naming two deployments (a session belongs to one).
 */
export function requestedDeployment(scopes: readonly string[] | undefined): string | undefined {
  const keys = new Set<string>();
  for (const scope of scopes ?? []) {
    const key = /^deployment:(\S+)$/.exec(scope)?.[1];
    if (!key) {
      throw new ScopeError(`Unknown scope "${plainText(String(scope), 80)}". ${SCOPE_HELP}`);
    }
    keys.add(key);
  }
  if (keys.size > 1) {
    throw new ScopeError(
      `A session belongs to one deployment; these scopes name ${keys.size} (${[...keys].map((k) => plainText(k, 80)).join(', ')}). Ask for one at a time.`,
    );
  }
  return [...keys][0];
}

/** Whether a session asked for with `scopes` can be answered by `session` (empty asks for any); see requestedDeployment. */
export function matchesScopes(session: StoredSession, scopes: readonly string[] | undefined): boolean {
  const key = requestedDeployment(scopes);
  return key === undefined || session.scopes.includes(`deployment:${key}`);
}

/** The session is gone (signed out here or in another window). */
export class SessionGoneError extends Error {
  override readonly name = 'SessionGoneError';
  constructor(
    readonly sessionId: string,
    readonly reason = 'You are signed out of The Things Stack.',
  ) {
    super(reason);
  }
}

// POST /oauth/token (§1.5, Corrections 6-7): form-encoded unless Content-Type is exactly application/json; HTTP
// Basic overrides body credentials (raw, never URL-decoded); codes single-use for 5 minutes and bound to client
// and redirect URI; refresh tokens rotate and the old pair dies at once. PKCE's code_verifier is dropped, as in TTS.
import { errors, GRPC, TtsError } from './errors';
import { isObject, type Ctx, type Reply, type ServerContext } from './http';
import { validateUriList } from './redirectUri';
import type { Right } from './rights';
import { newToken, newTokenId, splitToken, TOKEN_PREFIX } from './tokens';
import type { ServerState } from './state';

export const ACCESS_TOKEN_TTL_MS = 3600_000;
export const CODE_TTL_MS = 5 * 60_000;

const oauthError = (code: number, name: string, format: string, attributes: Record<string, unknown> = {}) =>
  new TtsError(code, 'pkg/oauth', name, format, attributes);
export const oauthErrors = {
  invalidRequest: () => oauthError(GRPC.InvalidArgument, 'invalid_request', 'invalid or missing request parameter'),
  unauthorizedClient: () => oauthError(GRPC.PermissionDenied, 'unauthorized_client', 'unauthorized client'),
  accessDenied: () => oauthError(GRPC.PermissionDenied, 'access_denied', 'access denied'),
  invalidGrant: () =>
    oauthError(GRPC.PermissionDenied, 'invalid_grant', 'invalid, expired or revoked authorization code'),
  invalidClient: () => oauthError(GRPC.PermissionDenied, 'invalid client', 'invalid client'),
  invalidRedirectUri: () => oauthError(GRPC.PermissionDenied, 'invalid_redirect_uri', 'invalid redirect URI'),
  token: () => oauthError(GRPC.InvalidArgument, 'token', 'invalid token'),
  parse: () => oauthError(GRPC.Aborted, 'parse', 'could not parse request'),
};

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token?: string;
}

/** Stores a new access token (and refresh token, same ID) and returns the token response. */
export function issueTokenPair(
  server: ServerContext,
  grant: { userId: string; clientId: string; rights: Right[]; userSessionId: string; refresh: boolean },
): TokenResponse {
  const now = server.clock.now();
  const id = newTokenId();
  const access = newToken(TOKEN_PREFIX.accessToken, id).token;
  const refresh = grant.refresh ? newToken(TOKEN_PREFIX.refreshToken, id).token : undefined;
  server.state.accessTokens.set(id, {
    id,
    accessToken: access,
    refreshToken: refresh,
    userId: grant.userId,
    clientId: grant.clientId,
    userSessionId: grant.userSessionId,
    rights: [...grant.rights],
    createdAt: now,
    expiresAt: now + ACCESS_TOKEN_TTL_MS,
  });
  return {
    access_token: access,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_TTL_MS / 1000,
    ...(refresh ? { refresh_token: refresh } : {}),
  };
}

/**
 * Refresh tokens this server rotated away, and how often one of them was presented again. With single-use
 * tokens (§0.4) every such presentation is a refresh token used twice: a client race the extension must avoid.
 */
export interface RefreshLedger {
  /** Refresh tokens that were exchanged successfully (each one is dead from then on). */
  readonly spent: Set<string>;
  /** Token requests that presented a token from `spent`. */
  reused: number;
  /** Successful refreshes. */
  rotations: number;
}
const ledgers = new WeakMap<ServerState, RefreshLedger>();

/** The refresh-token ledger of a server (by its state), created on first use. */
export function refreshLedger(state: ServerState): RefreshLedger {
  let ledger = ledgers.get(state);
  if (!ledger) {
    ledger = { spent: new Set(), reused: 0, rotations: 0 };
    ledgers.set(state, ledger);
  }
  return ledger;
}

const FIELDS = ['grant_type', 'code', 'refresh_token', 'redirect_uri', 'client_id', 'client_secret'] as const;
type TokenRequest = Record<(typeof FIELDS)[number], string>;

function readRequest(ctx: Ctx): TokenRequest {
  const rawBody = ctx.rawBody;
  const request = Object.fromEntries(FIELDS.map((f) => [f, ''])) as TokenRequest;
  let source: Record<string, unknown> = {};
  if (ctx.headers['content-type'] === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      source = isObject(parsed) ? parsed : {};
    } catch {
      throw oauthErrors.parse();
    }
  } else {
    // Go's ParseForm: the URL query, plus the body only for application/x-www-form-urlencoded.
    source = Object.fromEntries(ctx.query);
    if (/^application\/x-www-form-urlencoded\b/i.test(ctx.headers['content-type'] ?? '')) {
      Object.assign(source, Object.fromEntries(new URLSearchParams(rawBody)));
    }
  }
  for (const f of FIELDS) {
    const value = source[f];
    if (value !== undefined && typeof value !== 'string') {
      throw oauthErrors.parse();
    }
    request[f] = value ?? '';
  }
  const basic = /^basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? '');
  const decoded =
    basic && /^[A-Za-z0-9+/]*={0,2}$/.test(basic[1]) ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon >= 0) {
    request.client_id = decoded.slice(0, colon);
    request.client_secret = decoded.slice(colon + 1);
  }
  return request;
}

function validateRequest(r: TokenRequest): void {
  const missing = (name: string, format: string) => new TtsError(GRPC.InvalidArgument, 'pkg/oauth', name, format);
  if (r.grant_type.trim() === '') {
    throw missing('missing_grant_type', 'missing grant type');
  }
  if (r.grant_type === 'authorization_code') {
    if (r.code.trim() === '') {
      throw missing('missing_authorization_code', 'missing authorization code');
    }
  } else if (r.grant_type === 'refresh_token') {
    if (r.refresh_token.trim() === '') {
      throw missing('missing_refresh_token', 'missing refresh token');
    }
  } else {
    throw new TtsError(GRPC.InvalidArgument, 'pkg/oauth', 'invalid_grant_type', 'invalid grant type `{grant_type}`', {
      grant_type: r.grant_type,
    });
  }
  if (r.client_id.trim() === '') {
    throw missing('missing_client_id', 'missing client id');
  }
  if (!/^[a-z0-9](?:[-]?[a-z0-9]){2,}$/.test(r.client_id) || r.client_id.length > 36) {
    throw errors.validation('client_id', 'value does not match regex pattern');
  }
  if (r.client_secret.trim() === '' && r.client_id !== 'cli') {
    throw missing('missing_client_secret', 'missing client secret');
  }
}

const NO_STORE = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: 'Fri, 01 Jan 1990 00:00:00 GMT',
};

export function tokenEndpoint(ctx: Ctx): Reply {
  const request = readRequest(ctx);
  validateRequest(request);
  const { state, clock } = ctx.server;
  const record = state.clients.get(request.client_id);
  if (!record || record.client.deleted_at) {
    throw errors.notFound('client', request.client_id);
  }
  if (!record.secretUsable || record.secret !== request.client_secret) {
    throw oauthErrors.unauthorizedClient();
  }
  const grants = record.client.grants ?? [];
  const refresh = grants.includes('GRANT_REFRESH_TOKEN');
  if (request.grant_type === 'authorization_code') {
    const code = state.codes.get(request.code);
    if (!code) {
      throw errors.authorizationCodeNotFound();
    }
    if (code.clientId !== request.client_id || clock.now() > code.expiresAt) {
      throw oauthErrors.invalidGrant();
    }
    const check = validateUriList(
      record.client.redirect_uris ?? [],
      request.redirect_uri || (record.client.redirect_uris ?? [''])[0],
    );
    if (!check.ok) {
      throw check.kind === 'mismatch' ? oauthErrors.invalidRedirectUri() : oauthErrors.invalidRequest();
    }
    if (check.uri !== code.redirectUri) {
      throw oauthErrors.invalidRequest(); // osin: "Redirect uri is different" is a plain error, so 400
    }
    if (!grants.includes('GRANT_AUTHORIZATION_CODE')) {
      throw oauthErrors.accessDenied();
    }
    state.codes.delete(request.code);
    const body = issueTokenPair(ctx.server, {
      userId: code.userId,
      clientId: code.clientId,
      rights: code.rights,
      userSessionId: code.userSessionId,
      refresh,
    });
    return { status: 200, headers: NO_STORE, json: body };
  }
  const ledger = refreshLedger(state);
  if (ledger.spent.has(request.refresh_token)) {
    ledger.reused++;
  }
  const parts = splitToken(request.refresh_token);
  if (!parts) {
    throw errors.malformedToken();
  }
  const previous = state.accessTokens.get(parts.id);
  if (!previous || !previous.refreshToken) {
    throw errors.accessTokenNotFound();
  }
  if (previous.refreshToken !== request.refresh_token) {
    throw oauthErrors.token();
  }
  if (previous.clientId !== request.client_id) {
    throw oauthErrors.invalidClient();
  }
  if (!refresh) {
    throw oauthErrors.accessDenied();
  }
  state.accessTokens.delete(previous.id); // RetainTokenAfterRefresh: false
  ledger.spent.add(request.refresh_token);
  ledger.rotations++;
  const body = issueTokenPair(ctx.server, { ...previous, refresh });
  return { status: 200, headers: NO_STORE, json: body };
}

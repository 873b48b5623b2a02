// The OAuth authorization server under /oauth (§1): authorize with login and consent, local-callback, the code
// page and the token endpoint. Errors before the redirect URI is known are TTS error JSON; after it they go back
// RFC-style on the redirect (Corrections 1: TTS's own checks omit `state`).
import { codePage, consentPage, escapeHtml, loginPage } from './authorizePage';
import { errors } from './errors';
import { isObject, type Ctx, type Reply, type Route, type ServerContext } from './http';
import { oauthErrors, tokenEndpoint, CODE_TTL_MS } from './oauthToken';
import { encodeQuery, queryUnescape, validateUriList, withQuery } from './redirectUri';
import { expand, type Right } from './rights';
import type { SessionRecord } from './state';
import { newToken, TOKEN_PREFIX } from './tokens';

export const SESSION_COOKIE = '_session';
const PKCE = /^[a-zA-Z0-9~._-]{43,128}$/;

/** osin's deferror descriptions. */
const DESCRIPTION: Record<string, string> = {
  invalid_request:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  access_denied: 'The resource owner or authorization server denied the request.',
  unsupported_response_type:
    'The authorization server does not support obtaining an authorization code using this method.',
  invalid_grant:
    'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
};

export function sessionOf(ctx: Ctx): SessionRecord | undefined {
  const cookies = (ctx.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  const value = cookies.find(([name]) => name === SESSION_COOKIE)?.[1];
  return value ? ctx.server.state.sessions.get(value) : undefined;
}

/** A browser session; `cookie` is the value of the session cookie. */
export function newSession(server: ServerContext, userId: string): { session: SessionRecord; cookie: string } {
  const { id, token } = newToken(TOKEN_PREFIX.session);
  const session = { id, userId, createdAt: server.clock.now() };
  server.state.sessions.set(token, session);
  return { session, cookie: token };
}

/**
 * A 302 to the redirect URI with `output` in its query. Like TTS (server.go:222-226), the relative `code` and
 * `local-callback` redirects become root-relative Locations under the UI mount: `<base>/oauth/code?…`.
 */
function redirectTo(ctx: Ctx, uri: string, output: Record<string, string>): Reply {
  let location = withQuery(uri, output);
  if (location.startsWith('/code') || location.startsWith('/local-callback')) {
    location = `${ctx.server.basePath}/oauth${location}`;
  }
  return found(location);
}

/** A 302 with the small HTML body Go's http.Redirect writes. */
const found = (location: string): Reply => ({
  status: 302,
  headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
  text: `<a href="${escapeHtml(location)}">Found</a>.\n\n`,
});

/** A client in these states may not be authorized; TTS's description of each. */
const CLIENT_STATE_REFUSALS: Record<string, string | undefined> = {
  STATE_REQUESTED: 'error:pkg/oauth:client_not_approved (OAuth client was not approved)',
  STATE_REJECTED: 'error:pkg/oauth:client_rejected (OAuth client was rejected)',
  STATE_SUSPENDED: 'error:pkg/oauth:client_suspended (OAuth client was suspended)',
};

const redirectError = (ctx: Ctx, uri: string, error: string, state?: string, description = DESCRIPTION[error] ?? '') =>
  redirectTo(ctx, uri, { error, error_description: description, ...(state ? { state } : {}) });

function authorize(ctx: Ctx): Reply {
  const params = new URLSearchParams(ctx.query);
  if (ctx.method === 'POST' && isObject(ctx.body)) {
    for (const [k, v] of Object.entries(ctx.body)) {
      params.set(k, String(v));
    }
  }
  const session = sessionOf(ctx);
  if (!session) {
    const original = `${ctx.server.basePath}/oauth/authorize${ctx.query.size > 0 ? `?${ctx.query}` : ''}`;
    return found(`${ctx.server.basePath}/oauth/login?${encodeQuery([['n', original]])}`);
  }
  const clientId = params.get('client_id') ?? '';
  const record = ctx.server.state.clients.get(clientId);
  if (!record || record.client.deleted_at) {
    throw errors.notFound('client', clientId);
  }
  const client = record.client;
  const registered = client.redirect_uris ?? [];
  if (registered.length === 0) {
    throw oauthErrors.unauthorizedClient();
  }
  let requested = queryUnescape(params.get('redirect_uri') ?? '');
  if (requested === undefined) {
    throw oauthErrors.invalidRequest();
  }
  if (requested === '' && registered.length === 1) {
    requested = registered[0];
  }
  const check = validateUriList(registered, requested);
  if (!check.ok) {
    throw check.kind === 'mismatch' ? oauthErrors.invalidRedirectUri() : oauthErrors.invalidRequest();
  }
  const uri = check.uri;
  const state = params.get('state') ?? '';
  if (params.get('response_type') !== 'code') {
    return redirectError(ctx, uri, 'unsupported_response_type');
  }
  const challenge = params.get('code_challenge') ?? '';
  if (challenge !== '') {
    const method = params.get('code_challenge_method') || 'plain';
    if (method !== 'plain' && method !== 'S256') {
      return redirectError(
        ctx,
        uri,
        'invalid_request',
        state,
        'code_challenge_method transform algorithm not supported (rfc7636)',
      );
    }
    if (!PKCE.test(challenge)) {
      return redirectError(ctx, uri, 'invalid_request', state, 'code_challenge invalid (rfc7636)');
    }
  }
  // TTS's own checks (oauth.go Authorize): osin's SetError without state, the TTS error as the description — exactly
  // as the real v3.32.1 words them (test/real/refusals.real.ts).
  if (!(client.grants ?? []).includes('GRANT_AUTHORIZATION_CODE')) {
    return redirectError(
      ctx,
      uri,
      'invalid_grant',
      undefined,
      'error:pkg/oauth:client_missing_grant (OAuth client does not have authorization_code grant)',
    );
  }
  const refusal = CLIENT_STATE_REFUSALS[client.state ?? 'STATE_REQUESTED'];
  if (refusal) {
    return redirectError(ctx, uri, 'invalid_client', undefined, refusal);
  }
  const rights = (client.rights ?? []).filter((r): r is Right => r !== 'right_invalid');
  const previous = ctx.server.state.authorizations.get(`${session.userId}/${clientId}`);
  const given = expand(previous?.rights ?? []);
  const consented = previous !== undefined && [...expand(rights)].every((r) => given.has(r)); // else consent again (client.proto:150)
  let authorized = client.skip_authorization === true || consented;
  if (!authorized) {
    if (ctx.method !== 'POST') {
      return consentPage(client, session.userId, `${ctx.server.basePath}/oauth/authorize?${ctx.query}`);
    }
    authorized = params.get('authorize') === 'true';
  }
  if (!authorized) {
    return redirectError(ctx, uri, 'access_denied', state);
  }
  const code = issueCode(ctx.server, {
    clientId,
    userId: session.userId,
    userSessionId: session.id,
    redirectUri: uri,
    state,
    rights,
  });
  return redirectTo(ctx, uri, { code, state });
}

/** Stores a code and the user's consent (SaveAuthorize, storage.go:87-117). */
export function issueCode(
  server: ServerContext,
  grant: {
    clientId: string;
    userId: string;
    userSessionId: string;
    redirectUri: string;
    state: string;
    rights: Right[];
  },
): string {
  const now = server.clock.now();
  const code = newToken(TOKEN_PREFIX.authorizationCode).token;
  server.state.codes.set(code, { code, ...grant, createdAt: now, expiresAt: now + CODE_TTL_MS });
  const key = `${grant.userId}/${grant.clientId}`;
  const previous = server.state.authorizations.get(key);
  server.state.authorizations.set(key, {
    userId: grant.userId,
    clientId: grant.clientId,
    rights: [...grant.rights],
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  });
  return code;
}

function safeNext(base: string, next: string | undefined): string {
  return next && next.startsWith(`${base}/oauth/`) && !next.startsWith('//') ? next : `${base}/oauth/code`;
}

export const CSRF_COOKIE = '_csrf';

/** `GET /oauth/login`: the login page with a fresh CSRF token (cookie `_csrf`, and `CSRF_TOKEN` in the page). */
function loginForm(ctx: Ctx): Reply {
  const csrf = newToken(TOKEN_PREFIX.session).token;
  const reply = loginPage(ctx.server.basePath, safeNext(ctx.server.basePath, ctx.query.get('n') ?? undefined), csrf);
  reply.headers = { ...reply.headers, 'Set-Cookie': `${CSRF_COOKIE}=${csrf}; Path=/; HttpOnly; SameSite=Lax` };
  return reply;
}

/**
 * `POST /oauth/api/auth/login` with JSON `{user_id, password}` → 204 and cookie `_session`. TTS does not check
 * the CSRF token for requests without a Bearer token (webmiddleware/csrf.go), so neither does this server.
 */
function apiLogin(ctx: Ctx): Reply {
  const body = isObject(ctx.body) ? ctx.body : {};
  const userId = typeof body.user_id === 'string' ? body.user_id : '';
  const user = ctx.server.state.users.get(userId);
  if (!user || user.user.deleted_at || typeof body.password !== 'string' || user.password !== body.password) {
    throw errors.noUserIdPasswordMatch();
  }
  const { cookie } = newSession(ctx.server, userId);
  return { status: 204, headers: { 'Set-Cookie': `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax` } };
}

/** `/oauth/local-callback` (callback.go): to `http://localhost:<port>/oauth/callback` with the other parameters. */
function localCallback(ctx: Ctx): Reply {
  const portParam = ctx.query.get('port') ?? '';
  const port = /^\d+$/.test(portParam) ? Number(portParam) : 11885;
  const pairs = [...ctx.query].filter(([k]) => k !== 'port');
  return { status: 302, headers: { Location: `http://localhost:${port}/oauth/callback?${encodeQuery(pairs)}` } };
}

export const oauthRoutes: Route[] = [
  { method: 'GET', template: '/oauth/authorize', handler: authorize },
  { method: 'POST', template: '/oauth/authorize', handler: authorize },
  { method: 'GET', template: '/oauth/login', handler: loginForm },
  // TTS has no form POST here: it answers with the page again and no session.
  { method: 'POST', template: '/oauth/login', handler: loginForm },
  { method: 'POST', template: '/oauth/api/auth/login', handler: apiLogin },
  { method: 'GET', template: '/oauth/local-callback', handler: localCallback },
  { method: 'GET', template: '/oauth/code', handler: (ctx) => codePage(ctx.query.get('code'), ctx.query.get('error')) },
  { method: 'POST', template: '/oauth/token', handler: tokenEndpoint },
];

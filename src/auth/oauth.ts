// The OAuth client side of TTS (§1): authorize URL, state and PKCE, callback parsing, code exchange and refresh.
// Token requests are form-encoded with HTTP Basic (raw credentials: TTS does not URL-decode them, Corrections 7), sent
// through the one transport (tts/http.ts).
import { createHash, randomBytes } from 'node:crypto';
import { oauthEndpoint } from '../tts/endpoints';
import { BadResponseError, TtsError } from '../tts/errors';
import { HttpClient, type Fetch } from '../tts/http';
import { plainText } from '../util/plainText';
import type { TokenSet } from './sessions';

/** The stack's public client (no secret; `local-callback` and `code` redirects), as `ttn-lw-cli` uses. */
export const CLI_CLIENT_ID = 'cli';
export const ATTEMPT_TIMEOUT_MS = 5 * 60 * 1000;

const b64url = (buf: Buffer): string => buf.toString('base64url');

/** 256 bits from the OS CSPRNG, base64url (no characters that need escaping). */
export function newState(): string {
  return b64url(randomBytes(32));
}

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function newPkce(): Pkce {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()), method: 'S256' };
}

export function authorizeUrl(
  identityServerUrl: string,
  params: { clientId: string; redirectUri: string; state: string; pkce: Pkce },
): string {
  return oauthEndpoint(identityServerUrl, 'authorize', {
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: 'code',
    state: params.state,
    code_challenge: params.pkce.challenge,
    code_challenge_method: params.pkce.method,
  });
}

/**
 * TTS (osin) URL-decodes `redirect_uri` twice at /authorize but not at /oauth/token, so a `%` escape in it makes
 * the two legs differ (§1.3). Rewrites the query with characters that need no escape left as they are
 * (`/auth/callback`, not `%2Fauth%2Fcallback`); a value that truly needs `%` keeps it.
 */
export function withoutNeedlessEscapes(uri: string): string {
  const q = uri.indexOf('?');
  if (q < 0 || !uri.includes('%')) {
    return uri;
  }
  const hash = uri.indexOf('#', q);
  const query = uri.slice(q + 1, hash < 0 ? undefined : hash);
  const keep = (text: string): string => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
    return decoded.replace(/[^A-Za-z0-9\-._~!$'()*,;:@/?]/g, (c) => encodeURIComponent(c));
  };
  const rebuilt = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? keep(pair) : `${keep(pair.slice(0, eq))}=${keep(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${uri.slice(0, q)}?${rebuilt}${hash < 0 ? '' : uri.slice(hash)}`;
}

export type Callback =
  | { kind: 'code'; code: string; state: string | undefined }
  | { kind: 'error'; error: string; description: string | undefined; state: string | undefined }
  /** `malformed`: refused as a whole (too long, several states) before its state is looked at. */
  | { kind: 'invalid'; message: string; state: string | undefined; malformed?: true };

const MAX_QUERY = 8 * 1024;

/** Reads what came back on the redirect URI. Anything odd is `invalid` with a message for the user. */
export function parseCallback(query: string): Callback {
  if (query.length > MAX_QUERY) {
    return {
      kind: 'invalid',
      message: 'The sign-in callback was too long and was ignored.',
      state: undefined,
      malformed: true,
    };
  }
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const states = params.getAll('state');
  const state = states.length === 1 ? states[0] : undefined;
  if (states.length > 1) {
    return {
      kind: 'invalid',
      message: 'The sign-in callback carried more than one state and was ignored.',
      state: undefined,
      malformed: true,
    };
  }
  const error = params.get('error');
  if (error) {
    return { kind: 'error', error, description: params.get('error_description') ?? undefined, state };
  }
  const codes = params.getAll('code');
  if (codes.length !== 1 || !codes[0]) {
    return {
      kind: 'invalid',
      message:
        codes.length > 1
          ? 'The sign-in callback carried more than one code and was ignored.'
          : 'The sign-in callback carried no authorization code.',
      state,
    };
  }
  return { kind: 'code', code: codes[0], state };
}

/**
 * A user-facing sentence for `error` / `error_description` from the authorize redirect. Both come from a URL anyone
 * can open, so they are plain text (util/plainText.ts): no link, no icon, capped.
 */
export function describeAuthorizeError(error: string, description?: string): string {
  const inner = description ? plainText(description.replace(/^error:[^ ]+ \((.*)\)$/s, '$1'), 200) : '';
  const detail = inner ? ` (${inner})` : '';
  switch (error) {
    case 'access_denied':
      return 'Sign-in was cancelled on The Things Stack: access was not authorized.';
    case 'invalid_client':
      return `The OAuth client cannot be used to sign in${detail}. ${CLIENT_STATE_ADVICE[clientRefusal(description)]}`;
    case 'invalid_grant':
      return `The OAuth client does not allow the authorization code grant${detail}.`;
    default:
      return `The Things Stack refused the sign-in: ${plainText(error, 64)}${detail}.`;
  }
}

const CLIENT_STATE_ADVICE = {
  client_not_approved: 'A client created by a non-admin must be approved by an admin first.',
  client_rejected: 'An admin rejected it: sign in another way, or ask an admin of The Things Stack.',
  client_suspended: 'An admin suspended it: sign in another way, or ask an admin of The Things Stack.',
  other: 'A client created by a non-admin must be approved by an admin first.',
} as const;

function clientRefusal(description: string | undefined): keyof typeof CLIENT_STATE_ADVICE {
  const name = /^error:pkg\/oauth:(client_not_approved|client_rejected|client_suspended) /.exec(description ?? '')?.[1];
  return (name as keyof typeof CLIENT_STATE_ADVICE | undefined) ?? 'other';
}

/**
 * The refusals The Things Stack v3.32.1 redirects WITHOUT `state`, exactly as it sends them: its own checks in
 * pkg/oauth/oauth.go (Authorize) set the error with osin's SetError, which adds no state — a client without the
 * authorization code grant, and a client that is requested (not approved), rejected or suspended. Seen on the real
 * server (test/real/signIn.real.ts). Every other refusal carries the state it was asked with (osin adds it), so only
 * these may end the one sign-in in progress without naming it.
 */
export const STATELESS_REFUSALS: readonly { error: string; description: string }[] = [
  {
    error: 'invalid_grant',
    description: 'error:pkg/oauth:client_missing_grant (OAuth client does not have authorization_code grant)',
  },
  { error: 'invalid_client', description: 'error:pkg/oauth:client_not_approved (OAuth client was not approved)' },
  { error: 'invalid_client', description: 'error:pkg/oauth:client_rejected (OAuth client was rejected)' },
  { error: 'invalid_client', description: 'error:pkg/oauth:client_suspended (OAuth client was suspended)' },
];

/** Whether an error redirect without state is one The Things Stack sends that way (STATELESS_REFUSALS), to the letter. */
export function isStatelessRefusal(error: string, description: string | undefined): boolean {
  return STATELESS_REFUSALS.some((r) => r.error === error && r.description === description);
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
}

export interface OAuthClientOptions {
  identityServerUrl: string;
  clientId: string;
  clientSecret?: string;
  fetch?: Fetch;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Talks to `/oauth/token` through the one transport (tts/http.ts): a form body, never retried (a code is single-use,
 * and a refresh token rotates), and no redirect followed (the body carries a code or a refresh token, the headers the
 * client secret).
 */
export class OAuthClient {
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(private readonly options: OAuthClientOptions) {
    this.http = new HttpClient({
      baseUrl: options.identityServerUrl,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retries: 0,
      redirects: 'refuse',
    });
    this.now = options.now ?? Date.now;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  exchangeCode(code: string, redirectUri: string, verifier: string, signal?: AbortSignal): Promise<TokenSet> {
    return this.tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      signal,
    );
  }

  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
  }

  private async tokenRequest(fields: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> {
    const { clientId, clientSecret } = this.options;
    // A confidential client authenticates with HTTP Basic; the public one names itself in the form.
    const { status, data } = await this.http.request<TokenResponse | null>('POST', '/token', {
      route: 'oauth',
      form: clientSecret ? fields : { ...fields, client_id: clientId },
      headers: clientSecret
        ? { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` }
        : {},
      signal,
    });
    const t = data ?? {};
    if (typeof t.access_token !== 'string' || !t.access_token) {
      throw new BadResponseError(
        `The Things Stack sent a token answer without an access token (HTTP ${status}).`,
        status,
      );
    }
    const expiresIn = typeof t.expires_in === 'number' ? t.expires_in : Number(t.expires_in ?? 3600);
    const obtainedAt = this.now();
    return {
      accessToken: t.access_token,
      refreshToken: typeof t.refresh_token === 'string' && t.refresh_token ? t.refresh_token : undefined,
      expiresAt: obtainedAt + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
      obtainedAt,
    };
  }
}

/**
 * Whether a refresh failure means the grant is gone for good (sign in again) rather than a passing fault:
 * TTS answers a used or revoked refresh token with 404 `access_token_not_found`, a bad one with 400 `token`,
 * a mismatch with 403 `invalid_grant` / `invalid client` / `unauthorized_client` (§1.5, Corrections 6).
 */
export function isPermanentGrantError(error: unknown): boolean {
  if (!(error instanceof TtsError)) {
    return false;
  }
  // Only an answer from TTS itself says the grant is dead: a 4xx page without an error body comes from a proxy or
  // gateway in between (ttsErrorFrom names it 'http') and is treated like any other transient failure.
  const fromTts = !(error.namespace === '' && error.errorName === 'http');
  return fromTts && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

// One sign-in attempt, flow by flow, without VS Code: the provider supplies the UI (browser, input boxes) and
// gets back a session record to store. Each browser attempt has its own state, PKCE and redirect URI, sent
// identically on both legs, and a 5-minute limit.
import type { Deployment } from '../tts/deployments';
import { isV2Key } from '../tts/deployments';
import { nonAsciiCharacter } from '../tts/ids';
import type { Identity } from '../tts/users';
import type { PendingAttempts } from './attempts';
import type { Flow } from './flows';
import { startLoopback } from './loopback';
import { redirectCovered, registrableRedirectUri } from './redirectMatch';
import { ATTEMPT_TIMEOUT_MS, authorizeUrl, type OAuthClient } from './oauth';
import { sessionId, tokenIdOf, type StoredSession, type TokenSet } from './sessions';
import { UserCancelledError } from '../util/cancellation';

export interface SignInUi {
  /** Opens the URL in the user's browser; false when it could not. */
  openBrowser(url: string): Promise<boolean>;
  /** The URI-handler callback as the browser can reach it (vscode.env.asExternalUri). */
  callbackUri(): Promise<string>;
  /**
   * Asks for the code the `/oauth/code` page shows; undefined when the user gives up. `browserOpened` false: the
   * browser could not be opened, so the link must be offered.
   */
  askCode(authorizeUrl: string, signal: AbortSignal, browserOpened: boolean): Promise<string | undefined>;
  askApiKey(signal: AbortSignal): Promise<string | undefined>;
  /** A callback was refused (wrong or reused state, …); the attempt goes on. */
  refused(message: string): void;
}

export interface SignInDeps {
  deployment: Deployment;
  /** The OAuth client for `own` or `cli`. */
  oauth(client: 'own' | 'cli'): OAuthClient;
  /** Who a token belongs to (GET /auth_info). */
  identify(token: string, signal: AbortSignal): Promise<Identity>;
  pending: PendingAttempts;
  ui: SignInUi;
  /**
   * The own client's registered redirect URIs, where they can be read (a session on the deployment with rights on
   * the client); undefined skips the check.
   */
  registeredRedirectUris?(signal: AbortSignal): Promise<readonly string[] | undefined>;
  timeoutMs?: number;
  now?: () => number;
}

/** The own client does not have a redirect URI that covers this flow's; TTS would refuse it in the browser. */
export class RedirectNotRegisteredError extends Error {
  override readonly name = 'RedirectNotRegisteredError';
  constructor(
    readonly clientId: string,
    readonly redirectUri: string,
    readonly register: string,
  ) {
    super(
      `The OAuth client "${clientId}" has no redirect URI that covers this sign-in's callback, so The Things Stack would ` +
        `refuse it. Add "${register}" to the client's redirect URIs (Things Stack: Edit OAuth Client, or the Console), ` +
        'or sign in another way.',
    );
  }
}

/** Input that cannot be an API key or code; the message says what is wrong. */
export class InvalidCredentialError extends Error {
  override readonly name = 'InvalidCredentialError';
}

const BASE32 = '[A-Z2-7]';
const API_KEY = new RegExp(`^NNSXS\\.${BASE32}{39}\\.${BASE32}{52}$`);
const AUTH_CODE = new RegExp(`^MF2XI\\.${BASE32}+\\.${BASE32}+$`);

// NNSXS. + 39-character ID + . + 52-character secret (§1.10).
const API_KEY_LENGTH = 'NNSXS.'.length + 39 + 1 + 52;

/** Checks a pasted API key; returns a message saying what is wrong, or undefined. */
export function checkApiKey(text: string): string | undefined {
  const key = text.trim();
  if (!key) {
    return 'Paste an API key (it starts with NNSXS.).';
  }
  if (isV2Key(key)) {
    return 'This is a The Things Network v2 access key (ttn-account-v2.…); v2 was shut down. Create an API key in the v3 Console: it starts with NNSXS.';
  }
  if (/^(bearer|authorization:)\s/i.test(key)) {
    return 'Paste only the key (NNSXS.…), without "Bearer" or "Authorization:" in front.';
  }
  if (/^["'`]/.test(key)) {
    return 'Paste the key without the quotes around it.';
  }
  if (/^(MFRWG|OJSWM|MF2XI|ONZW4)\./.test(key)) {
    return 'This is an OAuth token, not an API key. API keys start with NNSXS.';
  }
  if (!/^NNSXS(\.|$)/.test(key)) {
    return 'API keys of The Things Stack start with NNSXS.';
  }
  if (/\s/.test(key)) {
    return 'This API key has spaces or line breaks inside; copy it again as one line.';
  }
  const foreign = nonAsciiCharacter(key);
  if (foreign) {
    return `This API key looks damaged: ${foreign}.`;
  }
  if (key.length !== API_KEY_LENGTH) {
    return `This API key looks incomplete or damaged: a key has ${API_KEY_LENGTH} characters (this one has ${key.length}).`;
  }
  if (!API_KEY.test(key)) {
    return 'This API key looks damaged: after NNSXS. it may only have the capital letters A–Z, the digits 2–7 and one dot.';
  }
  return undefined;
}

export function checkAuthCode(text: string): string | undefined {
  const code = text.trim();
  if (!code) {
    return 'Paste the authorization code shown by The Things Stack.';
  }
  return AUTH_CODE.test(code) ? undefined : 'An authorization code starts with MF2XI. — copy it whole from the page.';
}

/**
 * Who a session is, as VS Code shows and remembers it. An API key is its own account ("alice (API key)", session id
 * `<key>/api-key:alice`) beside alice's OAuth session: VS Code keeps each extension's consent per account label, and a
 * consent given for a short-lived OAuth token must not silently extend to a key that may never expire.
 */
function accountOf(
  identity: Identity,
  deployment: Deployment,
  method: StoredSession['method'],
): { id: string; accountId: string; label: string } {
  if (method === 'oauth' && identity.userId) {
    const accountId = identity.userId;
    return { id: sessionId(deployment.key, accountId), accountId, label: `${accountId} · ${deployment.name}` };
  }
  const accountId = identity.userId ?? identity.entity ?? 'unknown';
  const who = identity.userId ?? accountId.replace(':', ' ');
  return {
    id: sessionId(deployment.key, `api-key:${accountId}`),
    accountId,
    label: `${who} (API key) · ${deployment.name}`,
  };
}

/** Runs one flow to the end and returns the session to store. */
export async function signIn(flow: Flow, deps: SignInDeps, signal: AbortSignal): Promise<StoredSession> {
  const now = deps.now ?? Date.now;
  if (flow.id === 'api-key') {
    const key = (await deps.ui.askApiKey(signal))?.trim();
    if (!key) {
      throw new UserCancelledError('Sign-in was cancelled.');
    }
    const problem = checkApiKey(key);
    if (problem) {
      throw new InvalidCredentialError(problem);
    }
    const identity = await deps.identify(key, signal);
    if (identity.kind !== 'api-key') {
      throw new InvalidCredentialError('The Things Stack did not recognise this API key.');
    }
    return record(
      deps.deployment,
      identity,
      'api-key',
      { accessToken: key, obtainedAt: now(), expiresAt: expiry(identity) },
      undefined,
      now,
    );
  }

  const client = flow.client === 'own' ? 'own' : 'cli';
  const oauth = deps.oauth(client);
  const timeoutMs = deps.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  let redirectUri: string;
  let close: (() => Promise<void>) | undefined;
  if (flow.id === 'uri-handler') {
    redirectUri = await deps.ui.callbackUri();
  } else if (flow.id === 'loopback') {
    const server = await startLoopback(
      deps.pending,
      (message) => deps.ui.refused(message),
      client === 'cli' ? '/oauth/callback' : '/callback',
    );
    close = server.close;
    redirectUri = client === 'cli' ? `local-callback?port=${server.port}` : `http://127.0.0.1:${server.port}/callback`;
  } else {
    redirectUri = 'code';
  }
  try {
    if (client === 'own' && deps.registeredRedirectUris) {
      const registered = await deps.registeredRedirectUris(signal).catch(() => undefined);
      if (registered && registered.length > 0 && !redirectCovered(registered, redirectUri)) {
        const register = flow.id === 'loopback' ? 'http://127.0.0.1/callback' : registrableRedirectUri(redirectUri);
        throw new RedirectNotRegisteredError(oauth.clientId, redirectUri, register);
      }
    }
    const attempt = deps.pending.create(redirectUri);
    const url = authorizeUrl(deps.deployment.identityServerUrl, {
      clientId: oauth.clientId,
      redirectUri,
      state: attempt.state,
      pkce: attempt.pkce,
    });
    let code: string | undefined;
    if (flow.id === 'paste-code') {
      // The code page shows only the code (no state): the pasted code is checked for shape and exchanged once.
      const opened = await deps.ui.openBrowser(url);
      code = (await deps.ui.askCode(url, signal, opened))?.trim();
      if (!code) {
        throw new UserCancelledError('Sign-in was cancelled.');
      }
      const problem = checkAuthCode(code);
      if (problem) {
        throw new InvalidCredentialError(problem);
      }
    } else {
      const waiting = deps.pending.wait(attempt, timeoutMs, signal);
      // A cancel or timeout while the browser is still opening rejects `waiting` before it is awaited below.
      waiting.catch(() => undefined);
      if (!(await deps.ui.openBrowser(url))) {
        throw new InvalidCredentialError('Could not open the browser.');
      }
      code = await waiting;
    }
    const tokens = await oauth.exchangeCode(code, redirectUri, attempt.pkce.verifier, signal);
    const identity = await deps.identify(tokens.accessToken, signal);
    return record(deps.deployment, identity, 'oauth', tokens, oauth.clientId, now);
  } finally {
    await close?.();
  }
}

function expiry(identity: Identity): number | undefined {
  return identity.expiresAt ? Date.parse(identity.expiresAt) || undefined : undefined;
}

function record(
  deployment: Deployment,
  identity: Identity,
  method: StoredSession['method'],
  tokens: TokenSet,
  clientId: string | undefined,
  now: () => number,
): StoredSession {
  const { id, accountId, label } = accountOf(identity, deployment, method);
  return {
    id,
    deploymentKey: deployment.key,
    accountId,
    accountLabel: label,
    method,
    clientId,
    tokenId: method === 'oauth' ? (identity.tokenId ?? tokenIdOf(tokens.accessToken)) : identity.tokenId,
    scopes: [`deployment:${deployment.key}`],
    tokens,
    isAdmin: identity.isAdmin,
    rights: identity.rights,
    createdAt: now(),
  };
}

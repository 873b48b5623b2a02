// An in-process HTTP server that behaves like The Things Stack v3.32.1 for the routes the extension uses
// (DESIGN.md "The TTS test server"): in-memory state, TTS's rules and error bodies, fault knobs, and a record of
// every request and response for the contract checks (contractHooks.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from './dispatch';
import { inProcessFetch } from './inProcess';
import type { Fetch } from '../../../src/tts/http';
import { EventHub } from './events';
import type { Clock, ServerContext } from './http';
import { Knobs } from './knobs';
import { newSession, SESSION_COOKIE } from './oauth';
import { issueTokenPair } from './oauthToken';
import { isRight } from './rights';
import { createSeeder, type Seeder } from './seed';
import { seedAccount } from './seedAccount';
import { seedWorld } from './seedWorld';
import { registerServer, type RecordedRequest, type RecordedServer } from './servers';
import { createState, type ServerState } from './state';

export { SEED } from './seedWorld';
export { ACCOUNT_SEED, seedAccount, seedAuthorization, seedUserApiKeys } from './seedAccount';
export type { AccountSeed, SeededKey } from './seedAccount';
export type { Seeder } from './seed';
export type { ServerState } from './state';
export type { RecordedRequest, RecordedResponse } from './servers';
export { Knobs } from './knobs';
export { EventHub } from './events';
export { API_ROUTES } from './dispatch';

export interface StartOptions {
  /** 'demo' (default): a small realistic world; 'none': only the built-in users and the `cli` client. */
  seed?: 'demo' | 'none';
  /** The base of the server clock (default Date.now); `clock.advance` adds to it. */
  now?: () => number;
  /** False: this server's traffic is left out of the contract checks (for tests that send bad requests on purpose). */
  contract?: boolean;
  /**
   * Loopback address to listen on (default 127.0.0.1). Browser tests in code-server use ::1: VS Code tunnels
   * 127.0.0.1/localhost URLs that extensions open through its own port proxy, which a real TTS never is.
   */
  host?: string;
  /** Serve the stack under this path (e.g. `/tts`), as behind a reverse proxy; `url` then ends with it. */
  basePath?: string;
  /** Also seed the account side (seedAccount.ts: alice's API keys, organization, authorized clients, admin queue). */
  account?: boolean;
}

export interface TokenSet {
  access_token: string;
  /** Empty when the client lacks GRANT_REFRESH_TOKEN. */
  refresh_token: string;
  expires_in: number;
}

export interface AuthorizeParams {
  userId: string;
  clientId: string;
  /** Empty string: leave `redirect_uri` out of the request. */
  redirectUri: string;
  state?: string;
  /** Answer on the consent page; default true. */
  approve?: boolean;
  codeChallenge?: string;
  responseType?: string;
}

export interface TtsTestServer {
  url: string;
  state: ServerState;
  knobs: Knobs;
  requests: RecordedRequest[];
  /** Unexpected exceptions inside handlers; should stay empty. */
  crashes: Error[];
  clock: Clock;
  seed: Seeder;
  events: EventHub;
  /** As if a code had been exchanged: tokens with the client's rights (and the consent recorded). */
  issueTokens(userId: string, clientId: string): TokenSet;
  /** An `NNSXS.` key owned by the user. */
  createUserApiKey(userId: string, rights: readonly string[]): string;
  /** Runs /oauth/authorize as a logged-in user; resolves to the Location of the final redirect. */
  authorize(params: AuthorizeParams): Promise<string>;
  /** The same server without a socket; `deliver` decides when each answer reaches the caller (virtual time). */
  inProcessFetch(deliver?: (answer: () => void) => void, options?: { contract?: boolean }): Fetch;
  close(): Promise<void>;
}

export async function startTtsServer(options: StartOptions = {}): Promise<TtsTestServer> {
  const state = createState();
  const base = options.now ?? Date.now;
  let offset = 0;
  const clock: Clock = {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
  const events = new EventHub(clock, state);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath && !/^\/[\w./-]+$/.test(basePath)) {
    throw new Error(`startTtsServer: basePath must look like /tts, not ${options.basePath}`);
  }
  const context: ServerContext = { state, clock, events, url: '', basePath };
  const knobs = new Knobs();
  const recorded: RecordedServer = { url: '', requests: [], crashes: [] };
  const seed = createSeeder(state, clock);
  seedWorld(seed, state, options.seed ?? 'demo');

  const dispatcher = { server: context, knobs, recorded, contract: options.contract ?? true };
  const http = createServer((req, res) => {
    dispatch(dispatcher, req, res).catch((error: unknown) => {
      recorded.crashes.push(error instanceof Error ? error : new Error(String(error)));
      res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, host, () => resolve());
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${(http.address() as AddressInfo).port}${basePath}`;
  context.url = url;
  recorded.url = url;
  registerServer(recorded);

  const issueTokens = (userId: string, clientId: string): TokenSet => {
    const client = state.clients.get(clientId)?.client;
    if (!client || !state.users.has(userId)) {
      throw new Error(`issueTokens: unknown user ${userId} or client ${clientId}`);
    }
    const rights = (client.rights ?? []).filter(isRight);
    const now = clock.now();
    const key = `${userId}/${clientId}`;
    state.authorizations.set(key, {
      userId,
      clientId,
      rights,
      createdAt: state.authorizations.get(key)?.createdAt ?? now,
      updatedAt: now,
    });
    const tokens = issueTokenPair(context, {
      userId,
      clientId,
      rights,
      userSessionId: newSession(context, userId).session.id,
      refresh: (client.grants ?? []).includes('GRANT_REFRESH_TOKEN'),
    });
    return {
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token ?? '',
      expires_in: tokens.expires_in,
    };
  };

  const authorize = async (p: AuthorizeParams): Promise<string> => {
    const { cookie } = newSession(context, p.userId);
    const query = new URLSearchParams({ client_id: p.clientId, response_type: p.responseType ?? 'code' });
    if (p.redirectUri !== '') {
      query.set('redirect_uri', p.redirectUri);
    }
    if (p.state !== undefined) {
      query.set('state', p.state);
    }
    if (p.codeChallenge !== undefined) {
      query.set('code_challenge', p.codeChallenge);
      query.set('code_challenge_method', 'S256');
    }
    const target = `${url}/oauth/authorize?${query}`;
    const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };
    let response = await fetch(target, { redirect: 'manual', headers });
    if (response.status === 200) {
      await response.text();
      response = await fetch(target, {
        method: 'POST',
        redirect: 'manual',
        body: `authorize=${p.approve ?? true}`,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      });
    }
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) {
      throw new Error(`authorize: ${response.status} ${await response.text()}`);
    }
    return location;
  };

  const server: TtsTestServer = {
    url,
    state,
    knobs,
    requests: recorded.requests,
    crashes: recorded.crashes,
    clock,
    seed,
    events,
    issueTokens,
    createUserApiKey: (userId, rights) => {
      const unknown = rights.filter((r) => !isRight(r));
      if (unknown.length > 0) {
        throw new Error(`createUserApiKey: unknown rights ${unknown.join(', ')}`);
      }
      return seed.apiKey({ kind: 'user', id: userId }, rights.filter(isRight));
    },
    authorize,
    inProcessFetch: (deliver, options) => inProcessFetch(dispatcher, deliver, options),
    close: () =>
      new Promise<void>((resolve) => {
        events.dropStreams();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  if (options.account) {
    seedAccount(server);
  }
  return server;
}

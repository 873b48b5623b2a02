// What the bad-input suites (*.suite.ts, run by ../badInput.test.ts) share: one window's worth of the extension over
// the TTS test server, a command runner through the error boundary, and what a row must leave unchanged.
import { AssertionError, strict as assert } from 'node:assert';
import nodeFetch from 'node-fetch';
import { AccountService } from '../../../../src/auth/accountService';
import { OAuthClient } from '../../../../src/auth/oauth';
import { SessionRepository } from '../../../../src/auth/repository';
import { TokenManager } from '../../../../src/auth/tokens';
import { runInBoundary } from '../../../../src/commands/boundary';
import type { CommandContext } from '../../../../src/commands/context';
import type { ExplorerCommandId } from '../../../../src/commands/explorerCommands';
import { EXPLORER_COMMANDS } from '../../../../src/commands/explorerCommands';
import { ExplorerModel } from '../../../../src/explorer/model';
import type { ExplorerNode } from '../../../../src/explorer/nodeTypes';
import { resolveDeployment, type Deployment } from '../../../../src/tts/deployments';
import type { Fetch } from '../../../../src/tts/http';
import { accountFor, key } from '../../../support/explorerFixture';
import { MemoryMemento, MemorySecrets } from '../../../support/fakes';
import { ScriptedUi, type ScriptStep } from '../../../support/scriptedUi';
import { SEED, startTtsServer, type TtsTestServer } from '../../../support/ttsServer';
import type { BodyCase } from './bodies.corpus';
import { TEN_URIS } from './uris.corpus';
import { fixedDeployments } from '../../../../src/tts/deploymentList';

/** Runs one row and checks what it must leave unchanged (badInput.test.ts). */
export type Row = (body: () => Promise<void>) => Promise<void>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The whole message, nothing more or less (ScriptedUi matches prompts' messages with a RegExp). */
export const exactly = (text: string): RegExp => new RegExp(`^${escapeRegExp(text)}$`);
/** Text that starts with `text` (a confirmation's message, followed by its detail). */
export const startingWith = (text: string): RegExp => new RegExp(`^${escapeRegExp(text)}`);
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const show = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
/** Lets timers and the 'unhandledRejection' event of anything left dangling fire before the checks. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
};

/** One window's worth of the extension over the TTS test server: stored sessions, globalState, accounts, explorer. */
export interface Env {
  server: TtsTestServer;
  deployment: Deployment;
  secrets: MemorySecrets;
  memento: MemoryMemento;
  repo: SessionRepository;
  model: ExplorerModel;
  accounts: AccountService;
  ui: ScriptedUi;
  ctx: CommandContext;
  logs: string[];
  /** The next answer whose path matches is rewritten once (see BodyCase.rewrite). */
  rewrite: BodyCase['rewrite'];
}

/** Reads a fetch body fully (test-side; the product's readers are the ones under test). */
async function textOf(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body ?? []) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fills `env` (an object the suites already hold) once the server has started. */
export async function startEnv(env: Env): Promise<void> {
  const server = await startTtsServer();
  server.seed.organization({ id: 'empty-org', name: 'Empty Org', members: { alice: ['RIGHT_ORGANIZATION_ALL'] } });
  server.seed.clients('alice', 1, { ids: ['alice-ten-uris'], redirectUris: [...TEN_URIS] });
  const deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
  const secrets = new MemorySecrets();
  const memento = new MemoryMemento();
  const repo = new SessionRepository(secrets);
  const tokens = new TokenManager({
    repo,
    graceMs: 0,
    oauthFor: () =>
      new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret }),
  });
  Object.assign(env, { server, deployment, secrets, memento, repo, rewrite: undefined });
  const fetch: Fetch = async (url, init) => {
    const response = await (nodeFetch as unknown as Fetch)(url, init);
    const rule = env.rewrite;
    if (!rule || !rule.path.test(new URL(url).pathname)) {
      return response;
    }
    env.rewrite = undefined;
    const original = await textOf(response.body);
    const value = rule.body(original ? JSON.parse(original) : undefined);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const body = (async function* (): AsyncGenerator<Uint8Array> {
      yield Buffer.from(text);
    })();
    return { status: rule.status ?? response.status, headers: response.headers, body };
  };
  env.accounts = new AccountService({
    deployments: fixedDeployments([deployment]),
    tokens,
    secrets,
    http: { retries: 0, timeoutMs: 5000, fetch },
    state: memento,
  });
  await secrets.store(`thingsStack.clientSecret.${deployment.key}.${SEED.client.id}`, SEED.client.secret);
  await signInAlice(env, false);
  env.accounts.setActive(deployment.key, `${deployment.key}/alice`);
  env.model = new ExplorerModel(env.accounts, { pageSize: () => 100 });
  env.ui = new ScriptedUi();
  env.logs = [];
  const log = {
    info: (m: string) => env.logs.push(`info ${m}`),
    warn: (m: string) => env.logs.push(`warn ${m}`),
    error: (m: string | Error) => env.logs.push(`error ${String(m)}`),
  };
  env.ctx = { ui: env.ui, accounts: env.accounts, model: env.model, log, now: () => Date.now() };
}

/**
 * A new explorer, as a new window has: nothing loaded yet, so the next walk asks the server (a refresh of everything
 * would load again, before the case's answer is planted, every row the previous case opened).
 */
export function freshExplorer(env: Env): void {
  env.model.dispose();
  env.model = new ExplorerModel(env.accounts, { pageSize: () => 100 });
  env.ctx = { ...env.ctx, model: env.model };
}

/** Stores a fresh session for alice (as a completed sign-in does); `expired` makes the next request refresh it. */
export async function signInAlice(env: Env, expired: boolean): Promise<void> {
  const { session } = accountFor(env.server, env.deployment, 'alice');
  await env.repo.put(expired ? { ...session, tokens: { ...session.tokens, expiresAt: Date.now() - 60_000 } } : session);
  env.accounts.update(await env.repo.list());
}

/** What the extension keeps between sessions: SecretStorage and globalState. */
export function stored(env: Pick<Env, 'secrets' | 'memento'>): string {
  return JSON.stringify({
    secrets: [...env.secrets.data.entries()].sort(),
    globalState: env.memento.keys().map((k) => [k, env.memento.get(k)]),
  });
}

/** Requests that change something at the API (token refreshes excluded: they are how sessions live). */
export function apiWrites(server: TtsTestServer, since: number): string[] {
  return server.requests
    .slice(since)
    .filter((r) => r.method !== 'GET' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
}

/** Runs an explorer command as VS Code does, through runInBoundary, with scripted answers. */
export async function command(env: Env, id: ExplorerCommandId, script: ScriptStep[]): Promise<void> {
  const spec = EXPLORER_COMMANDS.find((c) => c.id === id);
  assert.ok(spec, id);
  env.ui.clear();
  env.ui.answer(...script);
  let scripting: unknown;
  await runInBoundary(
    id,
    async () => {
      try {
        await spec.run(env.ctx);
      } catch (error) {
        if (error instanceof AssertionError) {
          scripting = error; // the script did not fit the prompts: a test problem, rethrown below
        }
        throw error;
      }
    },
    { ui: env.ui, log: env.ctx.log },
    spec.rights,
  );
  if (scripting) {
    throw scripting;
  }
  env.ui.assertDone();
  const crash = env.logs.find((l) => l.includes('failed unexpectedly'));
  assert.equal(crash, undefined, 'an unexpected error reached the boundary');
}

export async function walk(env: Env, ...path: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const segment of path) {
    const children = await env.model.children(node);
    node = children.find((c) => key(c) === segment);
    assert.ok(node, `no ${segment} in ${children.map(key).join(', ')}`);
  }
  return node!;
}

// Runs every row of the bad-input catalogue (badInput.corpus.ts) through the entry point the user meets: the
// validators prompts run while typing, the commands through the error boundary with scripted input, the URI
// handler's and the loopback server's callback path, the API-key and paste-code sign-in, the explorer and the API
// client against the TTS test server (its malformed-body knobs, or answers rewritten on the way), token refreshes
// under a command, and the "Add Deployment" URL check. For every row: the exact message, no throw past the
// boundary, no unhandled rejection, and stored state (secrets, globalState, the server's entities) unchanged.
import { AssertionError, strict as assert } from 'node:assert';
import nodeFetch from 'node-fetch';
import { AccountService } from '../../../src/auth/accountService';
import { AuthorizeError, PendingAttempts, SignInTimeoutError } from '../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../src/auth/flows';
import { startLoopback } from '../../../src/auth/loopback';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import { checkApiKey, checkAuthCode, InvalidCredentialError, signIn, type SignInUi } from '../../../src/auth/signIn';
import { TokenManager } from '../../../src/auth/tokens';
import { checkApplicationId } from '../../../src/commands/applications';
import { runInBoundary } from '../../../src/commands/boundary';
import { checkUriListText } from '../../../src/commands/clientPrompts';
import type { CommandContext } from '../../../src/commands/context';
import type { ExplorerCommandId } from '../../../src/commands/ids';
import { EXPLORER_COMMANDS } from '../../../src/commands/explorerCommands';
import { ExplorerModel } from '../../../src/explorer/model';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { TtsClient } from '../../../src/tts/client';
import { checkDeploymentUrl, resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import type { Fetch } from '../../../src/tts/http';
import { validateId } from '../../../src/tts/ids';
import { checkClientId, checkRedirectUri } from '../../../src/ui/clientGuidelines';
import { describeError } from '../../../src/ui/errorText';
import { accountFor, key } from '../../support/explorerFixture';
import { MemoryMemento, MemorySecrets } from '../../support/fakes';
import { ScriptedUi, type ScriptStep } from '../../support/scriptedUi';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import {
  API_KEY_CASES,
  BODY_CASES,
  CALLBACK_CASES,
  CODE_CASES,
  DEPLOYMENT_CASES,
  GOOD_LOOKING_KEY,
  ID_CASES,
  TEN_URIS,
  URI_CASES,
  type BodyCase,
  type CallbackCase,
} from './badInput.corpus';
import { UserCancelledError } from '../../../src/util/cancellation';

const FAMILIES = {
  IDs: ID_CASES.length,
  'redirect URIs': URI_CASES.length,
  'callback URLs': CALLBACK_CASES.length,
  'pasted codes': CODE_CASES.length,
  'API keys': API_KEY_CASES.length + 1, // + the well-formed key the server does not know
  'server bodies': BODY_CASES.length,
  'deployment URLs': DEPLOYMENT_CASES.length,
};
const TOTAL = Object.values(FAMILIES).reduce((a, b) => a + b, 0);

/** The whole message, nothing more or less (ScriptedUi matches prompts' messages with a RegExp). */
const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const show = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
/** Lets timers and the 'unhandledRejection' event of anything left dangling fire before the checks. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
};

const NOUN = { application: 'Application ID', client: 'Client ID', user: 'User ID' } as const;
const CLIENT_URIS: Record<string, readonly string[]> = {
  'alice-dashboard': ['http://127.0.0.1/callback'],
  'alice-ten-uris': TEN_URIS,
};

/** One window's worth of the extension over the TTS test server: stored sessions, globalState, accounts, explorer. */
interface Env {
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

async function startEnv(): Promise<Env> {
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
  const env = { server, deployment, secrets, memento, repo, rewrite: undefined } as Env;
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
    deployments: () => [deployment],
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
  return env;
}

/** Stores a fresh session for alice (as a completed sign-in does); `expired` makes the next request refresh it. */
async function signInAlice(env: Env, expired: boolean): Promise<void> {
  const { session } = accountFor(env.server, env.deployment, 'alice');
  await env.repo.put(expired ? { ...session, tokens: { ...session.tokens, expiresAt: Date.now() - 60_000 } } : session);
  env.accounts.update(await env.repo.list());
}

/** What the extension keeps between sessions: SecretStorage and globalState. */
function stored(env: Pick<Env, 'secrets' | 'memento'>): string {
  return JSON.stringify({
    secrets: [...env.secrets.data.entries()].sort(),
    globalState: env.memento.keys().map((k) => [k, env.memento.get(k)]),
  });
}

/** Requests that change something at the API (token refreshes excluded: they are how sessions live). */
function apiWrites(server: TtsTestServer, since: number): string[] {
  return server.requests
    .slice(since)
    .filter((r) => r.method !== 'GET' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
}

/** Runs an explorer command as VS Code does, through runInBoundary, with scripted answers. */
async function command(env: Env, id: ExplorerCommandId, script: ScriptStep[]): Promise<void> {
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

async function walk(env: Env, ...path: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const segment of path) {
    const children = await env.model.children(node);
    node = children.find((c) => key(c) === segment);
    assert.ok(node, `no ${segment} in ${children.map(key).join(', ')}`);
  }
  return node!;
}

describe('bad input: the catalogue through the real entry points (issue 8)', function () {
  this.timeout(30_000);
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  let env: Env;
  let ran = 0;

  before(async () => {
    process.on('unhandledRejection', onRejection);
    env = await startEnv();
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    env?.model.dispose();
    await env?.server.close();
  });
  afterEach(async () => {
    await settle();
    assert.deepEqual(rejections.map(String), [], 'unhandled rejections');
  });

  /** One row: the state before and after must be the same, and nothing may be written to the server. */
  async function row(body: () => Promise<void>): Promise<void> {
    const before = stored(env);
    const requests = env.server.requests.length;
    await body();
    await settle();
    assert.equal(stored(env), before, 'stored state changed');
    assert.deepEqual(apiWrites(env.server, requests), [], 'the server was changed');
    ran++;
  }

  describe('IDs: typed into the create prompts (validator and command)', () => {
    for (const c of ID_CASES) {
      const kinds = c.only ? [c.only] : (['application', 'client'] as const);
      it(`${show(c.input)} → ${c.severity ?? 'error'} for ${kinds.join(' and ')}`, () =>
        row(async () => {
          for (const kind of kinds) {
            const message = c.message.replace('{ID}', NOUN[kind]);
            const severity = c.severity ?? 'error';
            const typed = c.input.trim();
            const check =
              kind === 'application'
                ? checkApplicationId(typed)
                : kind === 'client'
                  ? checkClientId(typed)
                  : { severity: 'error', message: validateId(typed, 'user', 'refer') };
            assert.deepEqual(check, { severity, message }, `${kind} validator`);
            const answer: ScriptStep[] =
              severity === 'error'
                ? [{ input: c.input, invalid: exactly(message) }, { cancel: true }]
                : [{ input: c.input, advice: exactly(message), severity }, { cancel: true }];
            if (kind === 'user') {
              await command(env, 'thingsStack.addCollaborator', [
                { pick: 'Application' },
                { search: '', choose: 'alice-tracker' },
                { pick: 'User' },
                ...answer,
              ]);
            } else {
              await command(
                env,
                kind === 'application' ? 'thingsStack.createApplication' : 'thingsStack.createClient',
                [{ pick: 'ACME Corp' }, ...answer],
              );
            }
            assert.deepEqual(env.ui.messages, [], 'nothing else is shown');
          }
        }));
    }
  });

  describe('redirect URIs: "Add Redirect URI" and the create wizard', () => {
    for (const c of URI_CASES) {
      it(`${c.box} ${show(c.input)} → ${c.severity ?? 'error'}`, () =>
        row(async () => {
          const severity = c.severity ?? 'error';
          if (c.box === 'single') {
            const client = c.client ?? 'alice-dashboard';
            assert.deepEqual(checkRedirectUri(c.input, CLIENT_URIS[client]), { severity, message: c.message });
            await command(env, 'thingsStack.addRedirectUri', [
              { search: '', choose: client },
              { pick: 'Redirect URIs' },
              { input: c.input, invalid: exactly(c.message) },
              { cancel: true },
            ]);
          } else {
            assert.deepEqual(checkUriListText(c.input, true), { severity, message: c.message });
            const answer: ScriptStep[] =
              severity === 'error'
                ? [{ input: c.input, invalid: exactly(c.message) }, { cancel: true }]
                : [
                    { input: c.input, advice: exactly(c.message), severity },
                    { cancel: true, expect: /Logout redirect URIs/ },
                  ];
            await command(env, 'thingsStack.createClient', [
              { pick: 'ACME Corp' },
              { input: 'acme-uri-check' },
              { input: 'URI check' },
              { input: 'Checks how redirect URIs are validated.' },
              ...answer,
            ]);
          }
          assert.deepEqual(env.ui.messages, []);
        }));
    }
  });

  describe('callback URLs: the URI handler path and the loopback server', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => cleanups.splice(0).forEach((clean) => clean()));
    /** An attempt in progress plus what the row prepares; `{name}` placeholders are filled from `states`. */
    async function attempts(
      c: CallbackCase,
    ): Promise<{ pending: PendingAttempts; waiting: Promise<string>; states: Record<string, string>; live: string }> {
      const pending = new PendingAttempts();
      const aside = new AbortController(); // ends a `second` attempt with the row
      cleanups.push(() => aside.abort());
      const live = pending.create('code');
      const waiting = pending.wait(live, 60_000);
      waiting.catch(() => undefined); // as signIn does while the browser opens; the row awaits it below
      const states: Record<string, string> = { state: live.state };
      for (const step of c.prepare ?? []) {
        const other = pending.create('code');
        if (step === 'used') {
          const done = pending.wait(other, 60_000);
          assert.deepEqual(pending.deliver(`code=MF2XI.USED.CODE&state=${other.state}`), { accepted: true });
          assert.equal(await done, 'MF2XI.USED.CODE');
        } else if (step === 'cancelled') {
          const controller = new AbortController();
          const done = pending.wait(other, 60_000, controller.signal);
          controller.abort();
          await assert.rejects(done, UserCancelledError);
        } else if (step === 'timedOut') {
          await assert.rejects(pending.wait(other, 1), SignInTimeoutError);
        } else {
          void pending.wait(other, 60_000, aside.signal).catch(() => undefined);
        }
        states[step] = other.state;
      }
      return { pending, waiting, states, live: live.state };
    }
    const fill = (query: string, states: Record<string, string>): string =>
      query.replace(/\{(\w+)\}/g, (_, name: string) => states[name]);

    /** The refused callback leaves the attempt going: the real callback still completes it. */
    async function stillGoing(pending: PendingAttempts, waiting: Promise<string>, live: string): Promise<void> {
      assert.deepEqual(pending.deliver(`code=MF2XI.GOOD.CODE&state=${live}`), { accepted: true });
      assert.equal(await waiting, 'MF2XI.GOOD.CODE');
    }

    for (const c of CALLBACK_CASES) {
      it(`${c.name} → ${c.refused ? 'refused' : 'ends the attempt'}`, () =>
        row(async () => {
          // 1. What CallbackUriHandler.handleUri does with the URI's query.
          {
            const { pending, waiting, states, live } = await attempts(c);
            const outcome = pending.deliver(fill(c.query, states));
            if (c.refused) {
              assert.deepEqual(outcome, { accepted: false, message: c.refused });
              await stillGoing(pending, waiting, live);
            } else {
              assert.deepEqual(outcome, { accepted: true, refusal: c.ends });
              await assert.rejects(waiting, (e: unknown) => e instanceof AuthorizeError && e.message === c.ends);
            }
          }
          // 2. The same callback at the loopback server, as the browser brings it.
          {
            const { pending, waiting, states, live } = await attempts(c);
            const refusedMessages: string[] = [];
            const loopback = await startLoopback(pending, (m) => refusedMessages.push(m));
            try {
              const query = fill(c.query, states);
              const response = await fetch(`http://127.0.0.1:${loopback.port}/callback${query ? `?${query}` : ''}`);
              const page = await response.text();
              assert.ok(!page.includes('<script>'), 'the page shows text, not markup');
              if (c.refused) {
                assert.equal(response.status, 400);
                assert.ok(page.includes(`<p>${escapeHtml(c.refused)}</p>`), page);
                assert.deepEqual(refusedMessages, [c.refused]);
                await stillGoing(pending, waiting, live);
              } else {
                assert.equal(response.status, 200);
                assert.ok(page.includes('<h1>Sign-in not completed</h1>') && page.includes(escapeHtml(c.ends!)), page);
                assert.deepEqual(refusedMessages, []);
                await assert.rejects(waiting, (e: unknown) => e instanceof AuthorizeError && e.message === c.ends);
              }
            } finally {
              await loopback.close();
            }
          }
        }));
    }
  });

  describe('sign-in input: API keys and pasted codes', () => {
    const flow = (id: Flow['id']): Flow =>
      chooseFlows({ ui: 'desktop', remote: true }, { clientId: SEED.client.id, hasSecret: true }).find(
        (f) => f.id === id,
      )!;
    function deps(answer: string): Parameters<typeof signIn>[1] {
      const ui: SignInUi = {
        openBrowser: async () => true,
        callbackUri: async () => 'vscode://lpwan-tools.things-stack-manager/auth/callback',
        askCode: async () => answer,
        askApiKey: async () => answer,
        refused: () => assert.fail('no callback expected'),
      };
      return {
        deployment: env.deployment,
        pending: new PendingAttempts(),
        ui,
        oauth: () =>
          new OAuthClient({
            identityServerUrl: env.server.url,
            clientId: SEED.client.id,
            clientSecret: SEED.client.secret,
          }),
        identify: (token, signal) =>
          new TtsClient({ baseUrl: env.server.url, auth: { token: async () => token }, retries: 0 }).users.identity(
            signal,
          ),
      };
    }
    /** As the provider does: the session is stored only when sign-in succeeds. */
    async function attempt(flowId: Flow['id'], answer: string): Promise<unknown> {
      try {
        await env.repo.put(await signIn(flow(flowId), deps(answer), new AbortController().signal));
        return undefined;
      } catch (error) {
        return error;
      }
    }

    for (const c of API_KEY_CASES) {
      it(`API key: ${c.name} → ${c.message ? 'refused' : 'abandoned'}`, () =>
        row(async () => {
          const requests = env.server.requests.length;
          // The input box validates non-empty text with checkApiKey; empty text just closes it.
          assert.equal(c.input.trim() ? checkApiKey(c.input) : undefined, c.message);
          const error = await attempt('api-key', c.input);
          if (c.message) {
            assert.ok(error instanceof InvalidCredentialError, String(error));
            assert.equal(error.message, c.message);
          } else {
            assert.ok(error instanceof UserCancelledError, String(error));
          }
          assert.equal(env.server.requests.length, requests, 'refused before any request');
        }));
    }

    it("API key: well-formed, but unknown to the server → the server's refusal", () =>
      row(async () => {
        assert.equal(checkApiKey(GOOD_LOOKING_KEY), undefined);
        const error = await attempt('api-key', GOOD_LOOKING_KEY);
        assert.match(describeError(error), /^API key not found \(correlation id [0-9a-f]{32}\)$/);
      }));

    for (const c of CODE_CASES) {
      it(`pasted code: ${c.name} → ${c.message ? 'refused' : 'abandoned'}`, () =>
        row(async () => {
          const before = env.server.requests.filter((r) => r.path === '/oauth/token').length;
          assert.equal(c.input.trim() ? checkAuthCode(c.input) : undefined, c.message);
          const error = await attempt('paste-code', c.input);
          if (c.message) {
            assert.ok(error instanceof InvalidCredentialError, String(error));
            assert.equal(error.message, c.message);
          } else {
            assert.ok(error instanceof UserCancelledError, String(error));
          }
          assert.equal(env.server.requests.filter((r) => r.path === '/oauth/token').length, before, 'no code exchange');
        }));
    }
  });

  describe('server bodies: the explorer and commands over the API client', () => {
    for (const c of BODY_CASES) {
      it(`${c.name} → ${show(c.message)}`, async () => {
        env.model.refresh();
        await signInAlice(env, c.expired === true);
        const injected = env.server.knobs.injected.malformed;
        await row(async () => {
          if (c.knob) {
            env.server.knobs.malformedNext({
              ...c.knob,
              path: c.knob.path.startsWith('/oauth') ? c.knob.path : `/api/v3${c.knob.path}`,
            });
          }
          env.rewrite = c.rewrite;
          const e = c.enters;
          if ('tree' in e && e.tree === 'client') {
            const client = await walk(env, 'deployment', 'section:clients', 'owner:user:alice', `client:${e.client}`);
            const children = await env.model.children(client);
            const shown =
              e.property === 'rights'
                ? children.flatMap((n) => (n.kind === 'rights' ? n.rights : [])).join(', ')
                : children.flatMap((n) => (n.kind === 'property' && n.property === e.property ? [n.value] : [])).join();
            assert.equal(shown, c.message);
          } else if ('tree' in e) {
            const owner = await walk(env, 'deployment', `section:${e.tree}`, `owner:${e.owner}`);
            const [only, ...more] = await env.model.children(owner);
            assert.ok(
              (only.kind === 'error' || only.kind === 'message') && more.length === 0,
              'one error or empty-state node, no entities',
            );
            assert.equal(only.message, c.message);
          } else {
            const script: ScriptStep[] = c.expired
              ? []
              : e.command === 'showJson'
                ? [{ pick: 'OAuth Client' }, { search: '', choose: e.client }]
                : [{ search: '', choose: e.application }];
            await command(
              env,
              e.command === 'showJson' ? 'thingsStack.showJson' : 'thingsStack.editApplication',
              script,
            );
            assert.deepEqual(env.ui.messages, [{ level: 'error', text: c.message }]);
          }
          assert.equal(env.rewrite, undefined, 'the rewritten answer was used');
          assert.equal(env.server.knobs.injected.malformed - injected, c.knob ? 1 : 0, 'the malformed answer was sent');
        });
        env.model.refresh();
      });
    }
  });

  describe('deployment URLs: the "Add Deployment" input', () => {
    for (const c of DEPLOYMENT_CASES) {
      it(`${show(c.input)} → refused`, () =>
        row(async () => {
          assert.deepEqual(checkDeploymentUrl(c.input), { ok: false, message: c.message });
        }));
    }
  });

  describe('the catalogue', () => {
    it(`has at least 150 cases, all run (${TOTAL})`, () => {
      console.log(
        `      bad-input corpus: ${Object.entries(FAMILIES)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')}; ${TOTAL} cases, ${ran} run`,
      );
      assert.ok(TOTAL >= 150, `only ${TOTAL} cases`);
      assert.equal(ran, TOTAL, 'every case ran and passed');
    });
  });
});

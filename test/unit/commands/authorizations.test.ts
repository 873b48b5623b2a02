// The user's side of OAuth against the TTS test server: revoke an authorization (its tokens first, since the server
// leaves them valid), revoke one access token, and the token this window signs in with (then: sign out).
import { strict as assert } from 'node:assert';
import type { AuthorizationNode, TokenNode } from '../../../src/explorer/nodeTypes';
import { TtsClient } from '../../../src/tts/client';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, keys, walk, type Fixture } from '../../support/explorerFixture';
import { seedAccount, type AccountSeed } from '../../support/ttsServer/seedAccount';

describe('authorized apps commands', () => {
  let f: Fixture;
  let seed: AccountSeed;
  let signedOut: string[];
  beforeEach(async () => {
    f = await explorerFixture();
    seed = seedAccount(f.server);
    signedOut = [];
    f.ctx.signOut = async (sessionId) => {
      signedOut.push(sessionId);
    };
  });
  afterEach(async () => f?.close());

  /** Whether the server still takes this access token (GET /users/alice with it). */
  const works = async (token: string): Promise<boolean> =>
    (await fetch(`${f.server.url}/api/v3/users/alice`, { headers: { authorization: `Bearer ${token}` } })).ok;

  it('revokes an authorization from its row: every token first, then the consent; the list shows it gone', async () => {
    const row = await walk(f, 'deployment', 'authorizations', 'authorization:weather-portal');
    const before = f.server.requests.length;
    await run(
      f,
      'thingsStack.revokeAuthorization',
      [
        {
          confirm: true,
          expect:
            /Revoke the authorization of Weather portal \(weather-portal\)\?.*its 2 access tokens stop working at once.*cannot be undone/,
        },
      ],
      row,
    );
    const ids = seed.tokens['weather-portal'].map((t) => t.access_token.split('.')[1]);
    assert.deepEqual(
      writes(f, before).sort(),
      [
        ...ids.map((id) => `DELETE /users/alice/authorizations/weather-portal/tokens/${id}`),
        'DELETE /users/alice/authorizations/weather-portal',
      ].sort(),
    );
    assert.equal(
      writes(f, before).at(-1),
      'DELETE /users/alice/authorizations/weather-portal',
      'the consent goes last',
    );
    for (const t of seed.tokens['weather-portal']) {
      assert.equal(await works(t.access_token), false, 'a revoked token no longer works');
    }
    assert.equal(await works(seed.tokens['field-notes'][0].access_token), true, 'other clients keep theirs');
    const list = await f.model.children(await walk(f, 'deployment', 'authorizations'));
    assert.ok(!keys(list).includes('authorization:weather-portal'), keys(list).join(', '));
    assert.ok(keys(list).includes('authorization:field-notes'));
    assert.deepEqual(f.ui.messages, [
      { level: 'info', text: 'Revoked the authorization of Weather portal (weather-portal) and its 2 access tokens.' },
    ]);
    assert.deepEqual(signedOut, []);
  });

  it('sends nothing when the question is answered No', async () => {
    const before = f.server.requests.length;
    await run(f, 'thingsStack.revokeAuthorization', [{ pick: 'field-notes' }, { confirm: false }]);
    assert.deepEqual(writes(f, before), []);
    assert.equal(await works(seed.tokens['field-notes'][0].access_token), true);
  });

  it("revoking this window's own client says it signs out, keeps the own token for sign-out, then signs out", async () => {
    const session = f.account.session;
    const before = f.server.requests.length;
    await run(f, 'thingsStack.revokeAuthorization', [
      { pick: 'vscode-ext', expect: /Which OAuth client/ },
      { confirm: true, expect: /This VS Code window signs in with it: you will be signed out here\./ },
    ]);
    const own = session.tokens.accessToken.split('.')[1];
    const sent = writes(f, before);
    assert.ok(!sent.some((w) => w.endsWith(`/tokens/${own}`)), 'the own token is left to the sign-out');
    assert.equal(sent.at(-1), 'DELETE /users/alice/authorizations/vscode-ext');
    assert.deepEqual(signedOut, [session.id]);
    assert.deepEqual(f.ui.messages, [
      {
        level: 'info',
        text: 'Revoked the authorization of Things Stack Manager (vscode-ext) and its 2 access tokens; this window is signed out.',
      },
    ]);
  });

  it('revokes one access token from the palette; the other token of the client keeps working', async () => {
    const [first, second] = seed.tokens['weather-portal'];
    const id = first.access_token.split('.')[1];
    await run(f, 'thingsStack.revokeToken', [
      { pick: 'weather-portal' },
      { pick: id, expect: /Which token/ },
      { confirm: true, expect: /the authorization and other tokens stay/ },
    ]);
    assert.equal(await works(first.access_token), false);
    assert.equal(await works(second.access_token), true);
    assert.ok(f.server.state.authorizations.has('alice/weather-portal'), 'the consent stays');
    assert.deepEqual(f.ui.messages, [
      { level: 'info', text: `Revoked access token ${id} of Weather portal (weather-portal).` },
    ]);
  });

  it("marks this window's token and revokes it only by signing out", async () => {
    const holder = (await walk(f, 'deployment', 'authorizations', 'authorization:vscode-ext')) as AuthorizationNode;
    assert.equal(holder.current, true);
    const tokens = (await f.model.children(holder)).filter((n): n is TokenNode => n.kind === 'token');
    const own = tokens.find((t) => t.current);
    assert.ok(own, 'one token row is marked as this window');
    assert.equal(own.token.id, f.account.session.tokens.accessToken.split('.')[1]);
    const before = f.server.requests.length;
    await run(f, 'thingsStack.revokeToken', [{ confirm: true, expect: /Revoke and Sign Out|signed out here/ }], own);
    assert.deepEqual(writes(f, before), [], 'the sign-out revokes it, not the command');
    assert.deepEqual(signedOut, [f.account.session.id]);
  });

  it('names the missing right before asking when the account may not manage authorizations', async () => {
    const narrow = f.server.seed.apiKey({ kind: 'user', id: 'alice' }, ['RIGHT_USER_INFO'], 'narrow');
    f.account.api = new TtsClient({ baseUrl: f.server.url, auth: { token: async () => narrow }, retries: 0 });
    const before = f.server.requests.length;
    await run(f, 'thingsStack.revokeAuthorization', []);
    assert.deepEqual(writes(f, before), []);
    assert.match(
      f.ui.text('error'),
      /cannot manage the OAuth clients you authorized: it lacks RIGHT_USER_AUTHORIZED_CLIENTS \(.+\) on user "alice"/,
    );
  });
});

// The suite-wide secret-leak scan itself (test/support/leakRecorder.ts): it knows every secret the TTS test server
// hands out, it is fed by the test doubles, and it catches a planted leak — so its "no leak" at the end of the
// run cannot pass vacuously.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { MemoryMemento, MemorySettings } from '../../support/fakes';
import { knownSecrets, leakScan, scanForLeaks, type Leak } from '../../support/leakRecorder';
import { forgetSinks, recordedSinks, recordingLog, recordSink, type SinkEntry } from '../../support/leakSinks';
import { ScriptedUi } from '../../support/scriptedUi';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

const keyPart = (token: string): string => token.split('.')[2];
const idPart = (token: string): string => token.split('.')[1];

describe('leak recorder: the suite-wide secret scan', () => {
  let server: TtsTestServer;
  let access: string;
  let refresh: string;
  let apiKey: string;
  let code: string;
  before(async () => {
    server = await startTtsServer();
    const tokens = server.issueTokens('alice', SEED.client.id);
    access = tokens.access_token;
    refresh = tokens.refresh_token;
    const api = new TtsClient({ baseUrl: server.url, auth: { token: async () => access }, retries: 0 });
    apiKey =
      (await api.apiKeys.create(SEED.demo.appWithDevices, { name: 'leak-probe', rights: ['RIGHT_APPLICATION_INFO'] }))
        .key ?? '';
    const location = await server.authorize({
      userId: 'alice',
      clientId: SEED.client.id,
      redirectUri: 'code',
      state: 'leak-probe-state',
    });
    code = new URL(location, server.url).searchParams.get('code') ?? '';
  });
  after(() => server.close());

  const scan = (...entries: SinkEntry[]): Leak[] => scanForLeaks(knownSecrets(), entries);

  it('knows every secret the test server issues or is seeded with, and not the public token IDs', () => {
    const known = knownSecrets();
    assert.equal(known.get(access), 'access token');
    assert.equal(known.get(keyPart(access)), 'access token', 'the key part alone is a secret');
    assert.equal(known.get(refresh), 'refresh token');
    assert.equal(known.get(apiKey), 'API key', 'an API key created over HTTP');
    assert.match(code, /^MF2XI\./);
    assert.equal(known.get(code), 'authorization code');
    const [seeded] = server.seed.clients('alice', 1, { prefix: 'leak-probe' });
    assert.equal(knownSecrets().get(seeded.secret), 'client secret');
    assert.equal(known.get(SEED.client.secret), 'client secret');
    assert.equal(known.get(SEED.alice.password), 'password');
    assert.equal(known.get(idPart(access)), undefined);
  });

  it('finds a planted token, or only its key part, in any sink, and masks it in what it prints', () => {
    const leaks = scan(
      { sink: 'notification', text: `Signed in with ${access}.` },
      { sink: 'log', text: `POST /oauth/token refresh_token=OJSWM.***.${keyPart(refresh)}` },
      { sink: 'globalState', text: `thingsStack.accounts=${JSON.stringify({ alice: { code } })}` },
      { sink: 'boundary error', text: `Error: bad key ${apiKey}` },
      { sink: 'settings', text: `thingsStack.clientSecret=${SEED.client.secret}` },
      { sink: 'log', text: `Signed in as alice with token ${idPart(access)} (its ID only).` },
    );
    assert.deepEqual(leaks.map((l) => `${l.sink}: ${l.kind}`).sort(), [
      'boundary error: API key',
      'globalState: authorization code',
      'log: refresh token',
      'notification: access token',
      'settings: client secret',
    ]);
    const printed = leaks.map((l) => l.excerpt).join('\n');
    for (const secret of [access, keyPart(refresh), code, apiKey, SEED.client.secret]) {
      assert.ok(!printed.includes(secret), 'the report masks the value');
    }
    assert.match(printed, /Signed in with «access token»/);
  });

  it('lets the one-time modal show exactly its new client secret or API key, and nothing else', () => {
    const modal = (secret: string, detail = 'Shown only now.'): SinkEntry => ({
      sink: 'one-time secret',
      text: `New secret\n${detail}\n\n${secret}`,
      oneTime: secret,
    });
    assert.deepEqual(scan(modal(apiKey), modal(SEED.client.secret)), []);
    assert.deepEqual(
      scan(modal(SEED.client.secret, `Signed in with ${access}.`)).map((l) => l.kind),
      ['access token'],
    );
    assert.deepEqual(
      scan(modal(access)).map((l) => l.kind),
      ['access token'],
      'a token is never a one-time value',
    );
    assert.deepEqual(
      scan({ sink: 'notification', text: `Created. Secret: ${apiKey}`, oneTime: apiKey }).length,
      1,
      'only where it was flagged as one-time',
    );
  });

  it('lets the clipboard hold a copied client secret alone, not inside other text', () => {
    assert.deepEqual(scan({ sink: 'clipboard', text: SEED.client.secret, oneTime: SEED.client.secret }), []);
    const json = JSON.stringify({ id: SEED.client.id, secret: SEED.client.secret });
    assert.equal(scan({ sink: 'clipboard', text: json, oneTime: json }).length, 1);
    assert.equal(scan({ sink: 'clipboard', text: refresh, oneTime: refresh }).length, 1);
  });

  it('is fed by the test doubles: ScriptedUi, MemoryMemento, MemorySettings and the fixture log', async () => {
    const marker = `probe-${Date.now()}`;
    const before = recordedSinks().length;
    const ui = new ScriptedUi([{ input: 'x', invalid: new RegExp(marker) }, { input: 'ok' }]);
    await ui.info(`info ${marker}`, 'Action');
    await ui.input({
      title: `title ${marker}`,
      prompt: 'prompt',
      validate: (v) => (v === 'x' ? { severity: 'error', message: `bad ${marker}` } : undefined),
    });
    await ui.showSecret({ title: `title ${marker}`, detail: 'detail', secret: apiKey }).catch(() => undefined); // script has no step: still recorded
    await ui.copy(apiKey);
    await new MemoryMemento('workspaceState').update('k', { marker });
    await new MemorySettings().update('thingsStack.x', marker);
    recordingLog().warn(`log ${marker}`);
    const mine = recordedSinks()
      .slice(before)
      .filter((e) => e.text.includes(marker) || e.oneTime === apiKey);
    try {
      assert.deepEqual(
        mine.map((e) => e.sink),
        ['notification', 'prompt', 'prompt', 'one-time secret', 'clipboard', 'workspaceState', 'settings', 'log'],
      );
      assert.deepEqual(scan(...mine), [], 'the one-time value in the modal and the clipboard is allowed');
    } finally {
      forgetSinks(...mine);
    }
  });

  it('fails the run on a leak anywhere in the recorded sinks, naming the sink and masking the value', function () {
    this.timeout(60_000); // a scan of the whole run so far, the contract check of its traffic included
    const planted = recordSink('notification', `Your token is ${access}`);
    try {
      assert.throws(
        () => leakScan(),
        (error: Error) =>
          /access token in notification: "Your token is «access token»"/.test(error.message) &&
          !error.message.includes(keyPart(access)),
      );
    } finally {
      forgetSinks(planted);
    }
  });
});

// Payload formatters on the real TTS: application defaults (the AS link), a device's own formatters, the test
// endpoints with JavaScript and CayenneLPP, the error shapes and the size limits; then the same test cases against
// the test server, which must answer them alike. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { formatterErrorText, type FormatterType } from '../../src/tts/formatters';
import { SEED, startTtsServer } from '../support/ttsServer';
import { adminApi, env, uniqueId } from './env';

const admin = { kind: 'user' as const, id: env.user };
const CSMA = Uint8Array.from([0x09, 0x29, 0x80]);
const DEMO_UPLINK = SEED.demo.formatters.deviceUplink;

async function failure(promise: Promise<unknown>): Promise<TtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof TtsError, `expected a TtsError, got ${String(error)}`);
  return error;
}

interface Case {
  name: string;
  run(api: TtsClient, appId: string, deviceId: string): Promise<unknown>;
}

const js = (parameter: string) => ({ type: 'FORMATTER_JAVASCRIPT' as FormatterType, parameter });

/** Cases run on both servers; each gives a comparable outcome (a result, or the error's id, status and text). */
const CASES: Case[] = [
  {
    name: 'demo decoder, FPort 2 warning',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 2, bytes: CSMA, ...js(DEMO_UPLINK) }),
  },
  {
    name: 'input keys, no console, sorted keys',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 7,
        bytes: CSMA,
        ...js(
          'function decodeUplink(input) { return { data: { z: 1, keys: Object.keys(input), c: typeof console, b: input.bytes, p: input.fPort } }; }',
        ),
      }),
  },
  {
    name: 'legacy Decoder',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function Decoder(bytes, port) { return { n: bytes.length, port: port }; }'),
      }),
  },
  {
    name: 'array data',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { return { data: [1, 2] }; }'),
      }),
  },
  {
    name: 'output errors',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: Uint8Array.from([1]), ...js(DEMO_UPLINK) }),
  },
  {
    name: 'data not an object',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { return { data: 5 }; }'),
      }),
  },
  {
    name: 'neither decodeUplink nor Decoder',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, ...js('var x = 1;') }),
  },
  {
    name: 'throws on line 2',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink(input) {\n  throw new Error("boom");\n}'),
      }),
  },
  {
    name: 'endless loop',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { for (;;) {} }'),
      }),
  },
  {
    name: 'CayenneLPP uplink',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: Uint8Array.from(Buffer.from('AWcA/wJoYA==', 'base64')),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'CayenneLPP uplink cut short',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: Uint8Array.from([1, 0x67]),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'no formatter',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, type: 'FORMATTER_NONE' }),
  },
  {
    name: 'Device Repository without version IDs',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, type: 'FORMATTER_REPOSITORY' }),
  },
  {
    name: 'encode: script fPort, bytes over 255',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { led: true, level: 7 },
        ...js('function encodeDownlink(input) { return { bytes: [1, input.data.level, 300, -1, 1.7], fPort: 3 }; }'),
      }),
  },
  {
    name: 'encode: no fPort anywhere → 1',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 0,
        data: { a: 1 },
        ...js('function encodeDownlink(input) { return { bytes: [input.fPort], warnings: ["w"] }; }'),
      }),
  },
  {
    name: 'encode: legacy Encoder',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 4,
        data: { a: 9 },
        ...js('function Encoder(object, port) { return [object.a, port]; }'),
      }),
  },
  {
    name: 'encode: null',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { a: 1 },
        ...js('function encodeDownlink() { return null; }'),
      }),
  },
  {
    name: 'encode: CayenneLPP one value, other keys ignored',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { value_3: 21.5, led: true, value_300: 1 },
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'decode downlink',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from([1, 7]),
        ...js(
          'function decodeDownlink(input) { return { data: { b: input.bytes, p: input.fPort }, warnings: ["x"] }; }',
        ),
      }),
  },
  {
    name: 'decode downlink without decodeDownlink',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from([1]),
        ...js('function decodeUplink() { return {}; }'),
      }),
  },
  {
    name: 'decode downlink CayenneLPP',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from(Buffer.from('AwhmBP+c', 'base64')),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
];

/** What must match between the servers: results exactly; errors by id, status and readable text. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = (await run()) as Record<string, unknown>;
    return 'bytes' in result ? { ...result, bytes: [...(result.bytes as Uint8Array)] } : result;
  } catch (error) {
    if (!(error instanceof TtsError)) {
      throw error;
    }
    return { error: error.id, status: error.status, text: formatterErrorText(error) };
  }
}

describe('real TTS: payload formatters', () => {
  const api = adminApi();
  const appId = uniqueId('fmt');
  const deviceId = 'fmt-device';

  before(async () => {
    await api.applications.create(admin, { ids: { application_id: appId }, name: 'Formatters (test:real)' });
  });
  after(async () => {
    const as = `/as/applications/${appId}`;
    await api.http.request('DELETE', `${as}/devices/${deviceId}`).catch(() => undefined);
    await api.http.request('DELETE', `${as}/link`).catch(() => undefined);
    await api.applications.delete(appId).catch(() => undefined);
    await api.applications.purge(appId).catch(() => undefined);
  });

  it('application defaults: none before a link; set one direction, read it back, set the other', async () => {
    assert.equal(await api.formatters.getApplication(appId), undefined, '404 pkg/redis:not_found → no defaults');
    const set = await api.formatters.setApplication(appId, 'up', js(DEMO_UPLINK));
    assert.deepEqual(set, { up: js(DEMO_UPLINK), down: { type: 'FORMATTER_NONE' } });
    assert.deepEqual(await api.formatters.getApplication(appId), set);
    const both = await api.formatters.setApplication(appId, 'down', { type: 'FORMATTER_CAYENNELPP' });
    assert.deepEqual(both, { up: js(DEMO_UPLINK), down: { type: 'FORMATTER_CAYENNELPP' } }, 'sub-path masks');
  });

  it("a device's own formatters: none, then one direction, then NONE still counts as its own", async () => {
    assert.deepEqual(await api.formatters.getDevice(appId, deviceId), { formatters: undefined });
    const set = await api.formatters.setDevice(appId, deviceId, 'up', js(DEMO_UPLINK));
    assert.deepEqual(set.formatters, { up: js(DEMO_UPLINK) }, 'the AS answers only the masked fields');
    const read = await api.formatters.getDevice(appId, deviceId);
    assert.deepEqual(read.formatters, { up: js(DEMO_UPLINK), down: { type: 'FORMATTER_NONE' } });
    await api.formatters.setDevice(appId, deviceId, 'up', { type: 'FORMATTER_NONE' });
    const none = await api.formatters.getDevice(appId, deviceId);
    assert.deepEqual(
      none.formatters,
      { up: { type: 'FORMATTER_NONE' }, down: { type: 'FORMATTER_NONE' } },
      '"formatters": {} is kept (it overrides the application defaults)',
    );
  });

  it('decodes an uplink and encodes + decodes a downlink with JavaScript', async () => {
    const decoded = await api.formatters.decodeUplink(appId, deviceId, { fPort: 1, bytes: CSMA, ...js(DEMO_UPLINK) });
    assert.deepEqual(decoded, { decoded: { humidity: 64, temperature: 23.45 }, warnings: [], fPort: 1 });
    const encoded = await api.formatters.encodeDownlink(appId, deviceId, {
      fPort: 2,
      data: { led: true, level: 7 },
      ...js(
        'function encodeDownlink(input) { return { bytes: [input.data.led ? 1 : 0, input.data.level], fPort: 3 }; }',
      ),
    });
    assert.deepEqual({ ...encoded, bytes: [...encoded.bytes] }, { bytes: [1, 7], fPort: 3, warnings: [] });
    const back = await api.formatters.decodeDownlink(appId, deviceId, {
      fPort: encoded.fPort,
      bytes: encoded.bytes,
      ...js(
        'function decodeDownlink(input) { return { data: { led: input.bytes[0] === 1, level: input.bytes[1] } }; }',
      ),
    });
    assert.deepEqual(back, { decoded: { led: true, level: 7 }, warnings: [], fPort: 3 });
  });

  it('errors: output_errors, a throwing script, a timeout', async () => {
    const errors = await failure(
      api.formatters.decodeUplink(appId, deviceId, { fPort: 1, bytes: Uint8Array.from([1]), ...js(DEMO_UPLINK) }),
    );
    assert.deepEqual([errors.status, errors.id], [409, 'pkg/messageprocessors/javascript:output_errors']);
    assert.equal(formatterErrorText(errors), 'the formatter returned errors: expected 3 bytes, got 1');
    const thrown = await failure(
      api.formatters.decodeUplink(appId, deviceId, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink(input) {\n  throw new Error("boom");\n}'),
      }),
    );
    assert.equal(thrown.id, 'pkg/scripting/javascript:script');
    assert.equal(formatterErrorText(thrown), 'decodeUplink threw: Error: boom at decodeUplink (line 2)');
    const slow = await failure(
      api.formatters.decodeUplink(appId, deviceId, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { for (;;) {} }'),
      }),
    );
    assert.deepEqual([slow.status, slow.id], [504, 'pkg/scripting/javascript:script_timeout']);
  });

  it('size limits: 40960 characters and 40960 bytes, on the link and on a device', async () => {
    assert.ok(await api.formatters.setApplication(appId, 'up', js('/'.repeat(40960))), 'exactly at the limit');
    const chars = await failure(api.formatters.setApplication(appId, 'up', js('/'.repeat(40961))));
    assert.equal(formatterErrorText(chars), 'the script is longer than the server allows (40960 characters)');
    const bytes = await failure(api.formatters.setDevice(appId, deviceId, 'down', js('é'.repeat(20481))));
    assert.equal(formatterErrorText(bytes), 'the script is 40962 bytes (UTF-8); the server allows at most 40960 bytes');
  });

  it('the test server answers the same test cases alike', async function () {
    this.timeout(60_000);
    const server = await startTtsServer();
    try {
      const token = server.issueTokens('admin', SEED.client.id).access_token;
      const imitation = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
      const differences: string[] = [];
      for (const c of CASES) {
        const real = await outcome(() => c.run(api, appId, deviceId));
        const ours = await outcome(() => c.run(imitation, SEED.demo.appWithDevices, SEED.demo.formatters.deviceId));
        try {
          assert.deepEqual(ours, real);
        } catch {
          differences.push(`${c.name}:\n  real ${JSON.stringify(real)}\n  test ${JSON.stringify(ours)}`);
        }
      }
      assert.deepEqual(differences, [], differences.join('\n'));
    } finally {
      await server.close();
    }
  });
});

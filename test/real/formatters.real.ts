// Payload formatters on the real TTS: application defaults (the AS link), a device's own formatters, the test
// endpoints with JavaScript and CayenneLPP, the error shapes and the size limits; then the same test cases against
// the test server, which must answer them alike. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { formatterErrorText } from '../../src/tts/formatterErrors';
import type { FormatterType } from '../../src/tts/formatters';
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
    // goja hands encodeDownlink a Number object: typeof is "object" and === 2 is false (media/formatters/formatter.d.ts).
    name: 'encode: input.fPort is a Number object',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { a: 1 },
        ...js(
          'function encodeDownlink(input) { return { bytes: [typeof input.fPort === "object" ? 1 : 0, input.fPort === 2 ? 1 : 0, input.fPort == 2 ? 1 : 0] }; }',
        ),
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

interface RawCase {
  name: string;
  method: string;
  path: (app: string, dev: string) => string;
  body?: (app: string, dev: string) => unknown;
}

const linkPut = (paths: string[], defaults: Record<string, unknown>) => () => ({
  link: { default_formatters: defaults },
  field_mask: { paths },
});
const devicePut = (paths: string[], device: Record<string, unknown>) => (app: string, dev: string) => ({
  end_device: { ids: { device_id: dev, application_ids: { application_id: app } }, ...device },
  field_mask: { paths },
});
const UP = ['default_formatters.up_formatter', 'default_formatters.up_formatter_parameter'];
const link =
  (query = '') =>
  (app: string) =>
    `/as/applications/${app}/link${query}`;
const asDevice =
  (query = '') =>
  (app: string, dev: string) =>
    `/as/applications/${app}/devices/${dev}${query}`;
const SETTINGS = { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' };
const upDecode = (uplink: unknown) => (app: string, dev: string) => ({
  end_device_ids: { device_id: dev, application_ids: { application_id: app } },
  uplink,
  formatter: 'FORMATTER_CAYENNELPP',
});

/** Requests in order, on an application without a link and a device the AS does not have; answers compared raw. */
const RAW_CASES: RawCase[] = [
  { name: 'GET link before any', method: 'GET', path: link('?field_mask=default_formatters') },
  { name: 'PUT link, empty mask', method: 'PUT', path: link(), body: linkPut([], {}) },
  { name: 'GET link after an empty PUT', method: 'GET', path: link('?field_mask=default_formatters') },
  {
    name: 'PUT link, up sub-paths',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: 'var a;' }),
  },
  {
    name: 'PUT link, down sub-path',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters.down_formatter'], { down_formatter: 'FORMATTER_CAYENNELPP' }),
  },
  { name: 'GET link without a mask', method: 'GET', path: link() },
  { name: 'GET link, one sub-path', method: 'GET', path: link('?field_mask=default_formatters.up_formatter') },
  {
    name: 'PUT link, up NONE',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_NONE' }),
  },
  {
    name: 'PUT link, whole default_formatters',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters'], { up_formatter: 'FORMATTER_CAYENNELPP' }),
  },
  {
    name: 'PUT link, unknown path',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters.foo'], {}),
  },
  { name: 'GET link, unknown path', method: 'GET', path: link('?field_mask=foo') },
  {
    name: 'PUT link, 40961 characters',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: '/'.repeat(40961) }),
  },
  {
    name: 'PUT link, 40962 bytes',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters'], { down_formatter_parameter: 'é'.repeat(20481) }),
  },
  { name: 'DELETE link', method: 'DELETE', path: link() },
  { name: 'DELETE link again', method: 'DELETE', path: link() },
  { name: 'GET link after DELETE', method: 'GET', path: link('?field_mask=default_formatters') },
  { name: 'GET AS device unknown', method: 'GET', path: asDevice('?field_mask=formatters') },
  {
    name: 'PUT AS device, up NONE',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters.up_formatter', 'formatters.up_formatter_parameter'], {
      formatters: { up_formatter: 'FORMATTER_NONE' },
    }),
  },
  { name: 'GET AS device', method: 'GET', path: asDevice('?field_mask=formatters,version_ids') },
  {
    name: 'PUT AS device, empty mask',
    method: 'PUT',
    path: asDevice(),
    body: devicePut([], { formatters: { up_formatter: 'FORMATTER_CAYENNELPP' } }),
  },
  {
    name: 'PUT AS device, bad brand',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['version_ids'], { version_ids: { brand_id: 'b', model_id: 'model-ok' } }), // with both bad, either may be named
  },
  {
    name: 'PUT AS device, unknown path',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters.foo'], {}),
  },
  {
    name: 'PUT AS device, 40962 bytes',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters'], { formatters: { up_formatter_parameter: 'é'.repeat(20481) } }),
  },
  { name: 'DELETE AS device', method: 'DELETE', path: asDevice() },
  { name: 'DELETE AS device again', method: 'DELETE', path: asDevice() },
  {
    name: 'up/decode without settings',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 1, frm_payload: 'AWcA/w==' }),
  },
  {
    name: 'up/decode without a frequency',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 1, frm_payload: 'AWcA/w==', settings: { data_rate: SETTINGS.data_rate } }),
  },
  {
    name: 'up/decode with FPort 300',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 300, frm_payload: 'AWcA/w==', settings: SETTINGS }),
  },
  { name: 'up/decode without an uplink', method: 'POST', path: asDevice('/up/decode'), body: upDecode(undefined) },
  {
    name: 'down/encode without a payload',
    method: 'POST',
    path: asDevice('/down/encode'),
    body: (app, dev) => ({
      end_device_ids: { device_id: dev, application_ids: { application_id: app } },
      downlink: { f_port: 2 },
      formatter: 'FORMATTER_JAVASCRIPT',
      parameter: 'function encodeDownlink() { return { bytes: [1] }; }',
    }),
  },
];

/**
 * An answer without what differs by nature (IDs, times, correlation IDs; the application ID inside texts becomes
 * `<app>`); an error as its status and cause chain.
 */
async function rawOutcome(api: TtsClient, c: RawCase, app: string, dev: string): Promise<unknown> {
  const outcome = await rawAnswer(api, c, app, dev);
  return JSON.parse(JSON.stringify(outcome).split(app).join('<app>')) as unknown;
}

async function rawAnswer(api: TtsClient, c: RawCase, app: string, dev: string): Promise<unknown> {
  try {
    const { status, data } = await api.http.request<Record<string, unknown>>(c.method, c.path(app, dev), {
      body: c.body?.(app, dev),
    });
    const body = Object.fromEntries(
      Object.entries(data).filter(([key]) => !['ids', 'created_at', 'updated_at'].includes(key)),
    );
    return { status, body };
  } catch (error) {
    if (!(error instanceof TtsError)) {
      throw error;
    }
    const causes: unknown[] = [];
    for (let d = error.ttsCause; d; d = d.cause) {
      causes.push({ name: `${d.namespace}:${d.name}`, attributes: d.attributes });
    }
    return { status: error.status, error: error.id, attributes: error.attributes, causes };
  }
}

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

  it('precedence: a device with any formatters of its own (even only a downlink one) ignores the application default', async () => {
    // Simulated uplinks run the stored formatters; the decoded payload arrives in as.up.data.forward.
    await api.formatters.setApplication(
      appId,
      'up',
      js('function decodeUplink() { return { data: { from: "application" } }; }'),
    );
    const devices = { none: 'prec-none', downOnly: 'prec-down', own: 'prec-own' };
    const as = `/as/applications/${appId}/devices`;
    const body = (id: string, paths: string[], formatters?: Record<string, unknown>) => ({
      end_device: { ids: { device_id: id, application_ids: { application_id: appId } }, formatters },
      field_mask: { paths },
    });
    await api.http.request('PUT', `${as}/${devices.none}`, { body: body(devices.none, []) });
    await api.formatters.setDevice(appId, devices.downOnly, 'down', { type: 'FORMATTER_CAYENNELPP' });
    await api.formatters.setDevice(
      appId,
      devices.own,
      'up',
      js('function decodeUplink() { return { data: { from: "device" } }; }'),
    );
    const controller = new AbortController();
    const stream = api.events.stream(
      { identifiers: [{ application_ids: { application_id: appId } }], names: ['as.up.data.forward'] },
      controller.signal,
    );
    const decoded = new Map<string, unknown>();
    try {
      assert.equal((await stream.next()).value?.name, 'events.stream.start');
      for (const id of Object.values(devices)) {
        await api.http.request('POST', `${as}/${id}/up/simulate`, {
          body: {
            end_device_ids: { device_id: id, application_ids: { application_id: appId } },
            uplink_message: { f_port: 1, frm_payload: 'AQ==', settings: SETTINGS },
          },
        });
      }
      while (decoded.size < 3) {
        const event = (await stream.next()).value;
        const data = event?.data as {
          end_device_ids?: { device_id?: string };
          uplink_message?: { decoded_payload?: unknown };
        };
        decoded.set(data.end_device_ids?.device_id ?? '', data.uplink_message?.decoded_payload ?? 'none');
      }
    } finally {
      controller.abort();
      await stream.return(undefined).catch(() => undefined);
      for (const id of Object.values(devices)) {
        await api.http.request('DELETE', `${as}/${id}`).catch(() => undefined);
      }
    }
    assert.deepEqual(decoded.get(devices.none), { from: 'application' }, 'no formatters of its own → the default');
    assert.equal(decoded.get(devices.downOnly), 'none', 'its own (uplink NONE) formatters win over the default');
    assert.deepEqual(decoded.get(devices.own), { from: 'device' });
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

  it('the test server answers the same link and AS device requests alike', async function () {
    this.timeout(60_000);
    const server = await startTtsServer();
    const rawApp = uniqueId('fmtraw');
    await api.applications.create(admin, { ids: { application_id: rawApp }, name: 'Formatters raw (test:real)' });
    try {
      const token = server.issueTokens('admin', SEED.client.id).access_token;
      const imitation = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
      const differences: string[] = [];
      for (const c of RAW_CASES) {
        const real = await rawOutcome(api, c, rawApp, 'fmt-raw');
        const ours = await rawOutcome(imitation, c, SEED.demo.applications.aliceTracker, 'fmt-raw');
        try {
          assert.deepEqual(ours, real);
        } catch {
          differences.push(`${c.name}:\n  real ${JSON.stringify(real)}\n  test ${JSON.stringify(ours)}`);
        }
      }
      assert.deepEqual(differences, [], differences.join('\n'));
    } finally {
      await server.close();
      await api.http.request('DELETE', `/as/applications/${rawApp}/devices/fmt-raw`).catch(() => undefined);
      await api.http.request('DELETE', `/as/applications/${rawApp}/link`).catch(() => undefined);
      await api.applications.delete(rawApp).catch(() => undefined);
      await api.applications.purge(rawApp).catch(() => undefined);
    }
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

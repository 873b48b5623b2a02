// The test server's Application Server formatters, each rule as seen on the real v3.32.1 (../shared/real-tts/README.md
// "(1) Payload formatters" and test/real/formatters.real.ts).
import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName, type Answer } from './helpers';

const APP = SEED.demo.appWithDevices;
const DEV = SEED.demo.formatters.deviceId;
const OTHER_APP = SEED.demo.applications.aliceTracker;
const SETTINGS = { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' };
const IDS = { device_id: DEV, application_ids: { application_id: APP } };
const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: unknown): number[] => [...Buffer.from(String(text ?? ''), 'base64')];

/** Walks `details[0].cause…` and returns each level's `name` and attributes. */
function chain(answer: Answer): { name: string; attributes: Record<string, unknown> }[] {
  const out: { name: string; attributes: Record<string, unknown> }[] = [];
  let d = (answer.json.details as Record<string, unknown>[] | undefined)?.[0];
  while (d) {
    out.push({ name: String(d.name), attributes: (d.attributes ?? {}) as Record<string, unknown> });
    d = d.cause as Record<string, unknown> | undefined;
  }
  return out;
}

const detail = (answer: Answer): Record<string, unknown> =>
  ((answer.json.details as Record<string, unknown>[] | undefined)?.[0] ?? {}) as Record<string, unknown>;

describe('TTS test server: payload formatters (AS link, AS devices, test endpoints)', () => {
  let server: TtsTestServer;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    server = await startTtsServer();
    alice = server.issueTokens('alice', SEED.client.id).access_token;
    bob = server.issueTokens('bob', SEED.client.id).access_token;
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  const up = (script: string, options: { fPort?: number; bytes?: number[]; settings?: unknown } = {}) =>
    call(server, 'POST', `/as/applications/${APP}/devices/${DEV}/up/decode`, {
      token: alice,
      body: {
        end_device_ids: IDS,
        uplink: {
          f_port: options.fPort ?? 1,
          frm_payload: b64(options.bytes ?? [9, 41, 128]),
          settings: 'settings' in options ? options.settings : SETTINGS,
        },
        formatter: 'FORMATTER_JAVASCRIPT',
        parameter: script,
      },
    });
  const encode = (body: Record<string, unknown>) =>
    call(server, 'POST', `/as/applications/${APP}/devices/${DEV}/down/encode`, {
      token: alice,
      body: { end_device_ids: IDS, ...body },
    });
  const decodeDown = (body: Record<string, unknown>) =>
    call(server, 'POST', `/as/applications/${APP}/devices/${DEV}/down/decode`, {
      token: alice,
      body: { end_device_ids: IDS, ...body },
    });

  describe('the link (application defaults)', () => {
    const link = (appId: string = APP) => `/as/applications/${appId}/link`;

    it('answers only what the field mask names, 404 pkg/redis:not_found without a link, and after DELETE', async () => {
      const bare = await call(server, 'GET', link(), { token: alice });
      assert.equal(bare.status, 200);
      assert.deepEqual(bare.json, {}, 'without field_mask the answer is {}');
      const masked = await call(server, 'GET', `${link()}?field_mask=default_formatters`, { token: alice });
      assert.deepEqual(masked.json, { default_formatters: { up_formatter: 'FORMATTER_CAYENNELPP' } });
      const none = await call(server, 'GET', `${link(OTHER_APP)}?field_mask=default_formatters`, { token: alice });
      assert.equal(none.status, 404);
      assert.equal(detail(none).namespace, 'pkg/redis');
      assert.equal(errorName(none), 'not_found');
      const deleted = await call(server, 'DELETE', link(), { token: alice });
      assert.deepEqual([deleted.status, deleted.json], [200, {}]);
      assert.equal(
        (await call(server, 'GET', `${link()}?field_mask=default_formatters`, { token: alice })).status,
        404,
      );
    });

    it('writes one direction through sub-paths, keeps the other, and answers the whole link', async () => {
      const script = 'function decodeUplink(input) { return { data: { n: input.bytes.length } }; }';
      const set = await call(server, 'PUT', link(), {
        token: alice,
        body: {
          link: { default_formatters: { down_formatter: 'FORMATTER_JAVASCRIPT', down_formatter_parameter: script } },
          field_mask: { paths: ['default_formatters.down_formatter', 'default_formatters.down_formatter_parameter'] },
        },
      });
      assert.equal(set.status, 200);
      assert.deepEqual(set.json, {
        default_formatters: {
          up_formatter: 'FORMATTER_CAYENNELPP',
          down_formatter: 'FORMATTER_JAVASCRIPT',
          down_formatter_parameter: script,
        },
      });
      // Writing NONE leaves an empty message, which the AS still sends.
      const cleared = await call(server, 'PUT', link(), {
        token: alice,
        body: {
          link: { default_formatters: {} },
          field_mask: { paths: ['default_formatters.up_formatter', 'default_formatters.down_formatter'] },
        },
      });
      assert.deepEqual(cleared.json, { default_formatters: { down_formatter_parameter: script } });
      // The whole message replaces both directions.
      const whole = await call(server, 'PUT', link(), {
        token: alice,
        body: {
          link: { default_formatters: { up_formatter: 'FORMATTER_CAYENNELPP' } },
          field_mask: { paths: ['default_formatters'] },
        },
      });
      assert.deepEqual(whole.json, { default_formatters: { up_formatter: 'FORMATTER_CAYENNELPP' } });
    });

    it('an empty mask creates no link; an unknown path is 400 field_mask_paths', async () => {
      const empty = await call(server, 'PUT', link(OTHER_APP), {
        token: alice,
        body: { link: {}, field_mask: { paths: [] } },
      });
      assert.deepEqual([empty.status, empty.json], [200, {}]);
      assert.equal(
        (await call(server, 'GET', `${link(OTHER_APP)}?field_mask=default_formatters`, { token: alice })).status,
        404,
      );
      const bad = await call(server, 'PUT', link(), {
        token: alice,
        body: { link: {}, field_mask: { paths: ['default_formatters.foo'] } },
      });
      assert.equal(bad.status, 400);
      assert.equal(errorName(bad), 'field_mask_paths');
      assert.deepEqual(detail(bad).attributes, { forbidden_paths: ['default_formatters.foo'] });
      const badGet = await call(server, 'GET', `${link()}?field_mask=foo`, { token: alice });
      assert.equal(errorName(badGet), 'field_mask_paths');
    });

    it('40960 characters and 40960 bytes are the limits, checked before the rights', async () => {
      const put = (token: string, parameter: string) =>
        call(server, 'PUT', link(), {
          token,
          body: {
            link: { default_formatters: { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: parameter } },
            field_mask: { paths: ['default_formatters.up_formatter', 'default_formatters.up_formatter_parameter'] },
          },
        });
      assert.equal((await put(alice, '/'.repeat(40960))).status, 200, 'exactly 40960 ASCII characters are stored');
      const chars = await put(alice, '/'.repeat(40961));
      assert.equal(chars.status, 400);
      assert.deepEqual(
        chain(chars).map((c) => [c.name, c.attributes.field, c.attributes.reason]),
        [
          ['validation', 'link', 'embedded message failed validation'],
          ['validation', 'default_formatters', 'embedded message failed validation'],
          ['validation', 'up_formatter_parameter', 'value length must be at most 40960 runes'],
        ],
      );
      const bytes = await put(bob, 'é'.repeat(20481)); // 20481 characters, 40962 bytes; bob has no rights here
      assert.equal(bytes.status, 400, 'the size is refused before the rights are checked');
      assert.deepEqual(
        chain(bytes).map((c) => [c.name, c.attributes]),
        [
          ['field_value', { field: 'default_formatters.up_formatter_parameter' }],
          ['formatter_script_too_large', { max_size: 40960, size: 40962 }],
        ],
      );
    });

    it('needs RIGHT_APPLICATION_SETTINGS_BASIC', async () => {
      const key = server.createUserApiKey('alice', ['RIGHT_APPLICATION_INFO']);
      const limited = await call(server, 'GET', `${link()}?field_mask=default_formatters`, { token: key });
      assert.equal(limited.status, 403);
      assert.equal(errorName(limited), 'insufficient_application_rights');
      assert.deepEqual(detail(limited).attributes, { missing: ['RIGHT_APPLICATION_SETTINGS_BASIC'], uid: APP });
      assert.equal((await call(server, 'DELETE', link(), { token: bob })).status, 403);
    });
  });

  describe('AS end devices', () => {
    const device = (id: string) => `/as/applications/${APP}/devices/${id}`;
    const setUp = (id: string, formatters: Record<string, unknown>, token = alice) =>
      call(server, 'PUT', device(id), {
        token,
        body: {
          end_device: { ids: { device_id: id, application_ids: { application_id: APP } }, formatters },
          field_mask: { paths: ['formatters.up_formatter', 'formatters.up_formatter_parameter'] },
        },
      });

    it('reads formatters and version IDs; a device the AS does not have is 404 pkg/redis:not_found', async () => {
      const got = await call(server, 'GET', `${device(DEV)}?field_mask=formatters,version_ids`, { token: alice });
      assert.equal(got.status, 200);
      assert.deepEqual(Object.keys(got.json).sort(), ['created_at', 'formatters', 'ids', 'updated_at']);
      assert.deepEqual(got.json.formatters, {
        up_formatter: 'FORMATTER_JAVASCRIPT',
        up_formatter_parameter: SEED.demo.formatters.deviceUplink,
      });
      const bare = await call(server, 'GET', device(DEV), { token: alice });
      assert.equal(bare.json.formatters, undefined, 'only masked fields');
      const missing = await call(server, 'GET', `${device('device-0002')}?field_mask=formatters`, { token: alice });
      assert.equal(missing.status, 404);
      assert.equal(detail(missing).namespace, 'pkg/redis');
    });

    it('a PUT creates the AS device, answers only the masked fields, and NONE leaves "formatters": {}', async () => {
      const created = await setUp('device-0002', { up_formatter: 'FORMATTER_NONE' });
      assert.equal(created.status, 200);
      assert.deepEqual(created.json.formatters, {});
      assert.equal(created.json.created_at, created.json.updated_at);
      const down = await call(server, 'PUT', device('device-0002'), {
        token: alice,
        body: {
          end_device: {
            ids: { device_id: 'device-0002', application_ids: { application_id: APP } },
            formatters: { down_formatter: 'FORMATTER_CAYENNELPP' },
          },
          field_mask: { paths: ['formatters.down_formatter', 'formatters.down_formatter_parameter'] },
        },
      });
      assert.deepEqual(down.json.formatters, { down_formatter: 'FORMATTER_CAYENNELPP' });
      const got = await call(server, 'GET', `${device('device-0002')}?field_mask=formatters`, { token: alice });
      assert.deepEqual(got.json.formatters, { down_formatter: 'FORMATTER_CAYENNELPP' });
      const ids = got.json.ids as Record<string, unknown>;
      assert.equal(ids.dev_eui, server.state.devices.get(APP)?.get('device-0002')?.ids?.dev_eui, 'EUIs from the IS');
    });

    it('checks sizes (before rights), version IDs and rights like the real AS', async () => {
      const tooBig = await setUp(
        'device-0003',
        { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: 'é'.repeat(20481) },
        bob,
      );
      assert.deepEqual(
        chain(tooBig).map((c) => c.name),
        ['field_value', 'formatter_script_too_large'],
      );
      const long = await setUp('device-0003', {
        up_formatter: 'FORMATTER_JAVASCRIPT',
        up_formatter_parameter: 'x'.repeat(40961),
      });
      assert.deepEqual(
        chain(long).map((c) => [c.attributes.field, c.attributes.name]),
        [
          ['end_device', 'SetEndDeviceRequestValidationError'],
          ['formatters', 'EndDeviceValidationError'],
          ['up_formatter_parameter', 'MessagePayloadFormattersValidationError'],
        ],
      );
      const version = await call(server, 'PUT', device('device-0003'), {
        token: alice,
        body: {
          end_device: {
            ids: { device_id: 'device-0003', application_ids: { application_id: APP } },
            version_ids: { brand_id: 'b', model_id: 'm' },
          },
          field_mask: { paths: ['version_ids'] },
        },
      });
      assert.equal(version.status, 400);
      assert.equal(chain(version).at(-1)?.attributes.field, 'brand_id');
      const denied = await setUp('device-0003', { up_formatter: 'FORMATTER_CAYENNELPP' }, bob);
      assert.equal(denied.status, 403);
      assert.equal(server.state.asDevices.get(APP)?.has('device-0003'), false, 'nothing was created');
    });

    it('DELETE removes the AS device (its formatters); a second DELETE is 404 device_not_found', async () => {
      assert.equal((await call(server, 'DELETE', device(DEV), { token: bob })).status, 403);
      const deleted = await call(server, 'DELETE', device(DEV), { token: alice });
      assert.deepEqual([deleted.status, deleted.json], [200, {}]);
      assert.equal((await call(server, 'GET', `${device(DEV)}?field_mask=formatters`, { token: alice })).status, 404);
      const again = await call(server, 'DELETE', device(DEV), { token: alice });
      assert.deepEqual(
        [again.status, detail(again).namespace, errorName(again), detail(again).attributes],
        [404, 'pkg/applicationserver', 'device_not_found', { device_uid: `${APP}.${DEV}` }],
      );
    });
  });

  describe('up/decode', () => {
    it('passes {bytes, fPort} only, runs decodeUplink and answers the uplink with sorted keys', async () => {
      const answer = await up(
        'function decodeUplink(input) { return { data: { p: input.fPort, b: input.bytes, keys: Object.keys(input), console: typeof console }, warnings: ["w1"] }; }',
      );
      assert.equal(answer.status, 200);
      const uplink = answer.json.uplink as Record<string, unknown>;
      assert.deepEqual(uplink.decoded_payload, {
        b: [9, 41, 128],
        console: 'undefined',
        keys: ['bytes', 'fPort'],
        p: 1,
      });
      assert.deepEqual(Object.keys(uplink.decoded_payload as object), ['b', 'console', 'keys', 'p']);
      assert.deepEqual(uplink.decoded_payload_warnings, ['w1']);
      assert.deepEqual(uplink.settings, SETTINGS);
      assert.equal(uplink.frm_payload, 'CSmA');
    });

    it('falls back to the legacy Decoder(bytes, port); with neither it is ReferenceError at main', async () => {
      const legacy = await up('function Decoder(bytes, port) { return { n: bytes.length, port: port }; }');
      assert.deepEqual((legacy.json.uplink as Record<string, unknown>).decoded_payload, { n: 3, port: 1 });
      const neither = await up('var x = 1;');
      assert.equal(neither.status, 409);
      assert.equal(detail(neither).namespace, 'pkg/scripting/javascript');
      assert.match(
        String(chain(neither)[0].attributes.message),
        /^ReferenceError: Decoder is not defined at main \(<eval>:18:/,
      );
    });

    it('the seeded device script decodes CSmA as on the real stack', async () => {
      const answer = await up(SEED.demo.formatters.deviceUplink, { fPort: 2 });
      const uplink = answer.json.uplink as Record<string, unknown>;
      assert.deepEqual(uplink.decoded_payload, { humidity: 64, temperature: 23.45 });
      assert.deepEqual(uplink.decoded_payload_warnings, ['unexpected FPort 2']);
    });

    it('script errors in TTS format: output_errors, script (line of the wrapper), output, timeout', async () => {
      const errors = await up('function decodeUplink(input) { return { errors: ["too short", "x"] }; }');
      assert.deepEqual([errors.status, errors.json.code, detail(errors).name], [409, 10, 'output_errors']);
      assert.deepEqual(detail(errors).attributes, { errors: 'too short, x' });
      assert.equal(errors.json.message, 'error:pkg/messageprocessors/javascript:output_errors (too short, x)');
      const thrown = await up('function decodeUplink(input) {\n throw new Error("boom")}');
      assert.equal(thrown.status, 409);
      assert.equal(detail(thrown).message_format, '{message}');
      assert.match(
        String(chain(thrown)[0].attributes.message),
        /^Error: boom at decodeUplink \(<eval>:3:\d+\(\d+\)\)$/,
      );
      const syntax = await up('function decodeUplink(input) {\n return { data: { a: 1 } ;\n}');
      assert.match(
        String(chain(syntax)[0].attributes.message),
        /^SyntaxError: SyntaxError: \(anonymous\): Line 3:\d+ /,
      );
      const notObject = await up('function decodeUplink(input) { return { data: 5 }; }');
      assert.deepEqual(
        chain(notObject).map((c) => c.name),
        ['output', 'runtime'],
      );
      assert.equal(notObject.status, 409);
      assert.match(
        String(chain(notObject)[1].attributes.message),
        /could not convert 5 to map\[string\]interface \{\}$/,
      );
      const started = Date.now();
      const slow = await up('function decodeUplink(input) { while (true) {} }');
      assert.deepEqual([slow.status, slow.json.code, detail(slow).name], [504, 4, 'script_timeout']);
      assert.deepEqual(
        chain(slow).map((c) => c.name),
        ['script_timeout', 'context_deadline_exceeded'],
      );
      assert.ok(Date.now() - started < 2000, 'the limit is 100 ms, not the test timeout');
    });

    it('an array as data becomes index keys; nothing returned gives {}', async () => {
      const array = await up('function decodeUplink() { return { data: [1, 2] }; }');
      assert.deepEqual((array.json.uplink as Record<string, unknown>).decoded_payload, { 0: 1, 1: 2 });
      const empty = await up('function decodeUplink() { return {}; }');
      assert.deepEqual((empty.json.uplink as Record<string, unknown>).decoded_payload, {});
      const zeroPort = await up('function decodeUplink(input) { return { data: { p: input.fPort } }; }', { fPort: 0 });
      const uplink = zeroPort.json.uplink as Record<string, unknown>;
      assert.equal(uplink.f_port, undefined, 'f_port 0 is left out');
      assert.deepEqual(uplink.decoded_payload, { p: 0 }, 'zeros inside the payload are kept');
    });

    it('validates the request: settings required, frequency ≥ 100000, f_port ≤ 255', async () => {
      const noSettings = await up('function decodeUplink() { return {}; }', { settings: undefined });
      assert.equal(noSettings.status, 400);
      assert.deepEqual(
        chain(noSettings).map((c) => [c.attributes.field, c.attributes.reason]),
        [
          ['uplink', 'embedded message failed validation'],
          ['settings', 'value is required'],
        ],
      );
      const lowFrequency = await up('function decodeUplink() { return {}; }', {
        settings: { data_rate: SETTINGS.data_rate },
      });
      assert.equal(chain(lowFrequency).at(-1)?.attributes.reason, 'value must be greater than or equal to 100000');
      const port = await up('function decodeUplink() { return {}; }', { fPort: 300 });
      assert.equal(chain(port).at(-1)?.attributes.field, 'f_port');
    });

    it('other formatters: CayenneLPP, none, gRPC, Device Repository', async () => {
      const run = (formatter: string, frm: number[], extra: Record<string, unknown> = {}) =>
        call(server, 'POST', `/as/applications/${APP}/devices/${DEV}/up/decode`, {
          token: alice,
          body: {
            end_device_ids: IDS,
            uplink: { f_port: 1, frm_payload: b64(frm), settings: SETTINGS },
            formatter,
            ...extra,
          },
        });
      const lpp = await run('FORMATTER_CAYENNELPP', [1, 0x67, 0x00, 0xff, 2, 0x68, 0x60]);
      assert.deepEqual((lpp.json.uplink as Record<string, unknown>).decoded_payload, {
        relative_humidity_2: 48,
        temperature_1: 25.5,
      });
      const all = await run(
        'FORMATTER_CAYENNELPP',
        // prettier-ignore
        [1, 0, 1, 2, 1, 0xff, 3, 2, 0x01, 0x10, 4, 3, 0xff, 0xf0, 5, 0x65, 0x01, 0x00, 6, 0x66, 1, 7, 0x67, 0xff, 0x38,
          8, 0x68, 0x61, 9, 0x71, 0, 1, 0, 2, 0, 3, 10, 0x73, 0x27, 0x10, 11, 0x86, 0, 1, 0, 2, 0, 3,
          12, 0x88, 0x06, 0x76, 0x5f, 0xf2, 0x96, 0x0a, 0x00, 0x03, 0xe8],
      );
      // As the real server decoded the same bytes.
      assert.deepEqual((all.json.uplink as Record<string, unknown>).decoded_payload, {
        accelerometer_9: { x: 0.001, y: 0.002, z: 0.003 },
        analog_in_3: 2.72,
        analog_out_4: -0.16,
        barometric_pressure_10: 1000,
        digital_in_1: 1,
        digital_out_2: 255,
        gps_12: { altitude: 10, latitude: 42.3519, longitude: -87.9094 },
        gyrometer_11: { x: 0.01, y: 0.02, z: 0.03 },
        luminosity_5: 256,
        presence_6: 1,
        relative_humidity_8: 48.5,
        temperature_7: -20,
      });
      const short = await run('FORMATTER_CAYENNELPP', [1, 0x67]);
      assert.deepEqual(
        [short.status, detail(short).namespace, errorName(short)],
        [400, 'pkg/messageprocessors/cayennelpp', 'output'],
      );
      const none = await run('FORMATTER_NONE', [1]);
      assert.deepEqual([none.status, none.json.code, errorName(none)], [400, 9, 'formatter_not_configured']);
      assert.deepEqual(detail(none).attributes, { formatter: 'FORMATTER_NONE' });
      const grpc = await run('FORMATTER_GRPC_SERVICE', [1]);
      assert.deepEqual(detail(grpc).attributes, { formatter: 'FORMATTER_GRPC_SERVICE' });
      const repository = await run('FORMATTER_REPOSITORY', [1]);
      assert.equal(errorName(repository), 'no_version_identifiers');
      const unknownBrand = await run('FORMATTER_REPOSITORY', [1], {
        version_ids: { brand_id: 'nobrand', model_id: 'nomodel', band_id: 'EU_863_870' },
      });
      assert.deepEqual([unknownBrand.status, errorName(unknownBrand)], [404, 'brand_not_found']);
    });

    it('needs RIGHT_APPLICATION_TRAFFIC_READ', async () => {
      const key = server.createUserApiKey('alice', ['RIGHT_APPLICATION_INFO']);
      const answer = await call(server, 'POST', `/as/applications/${APP}/devices/${DEV}/up/decode`, {
        token: key,
        body: { end_device_ids: IDS, uplink: { f_port: 1, settings: SETTINGS }, formatter: 'FORMATTER_CAYENNELPP' },
      });
      assert.equal(answer.status, 403);
      assert.deepEqual(detail(answer).attributes, { missing: ['RIGHT_APPLICATION_TRAFFIC_READ'], uid: APP });
    });
  });

  describe('down/encode and down/decode', () => {
    it('encodes: the script fPort wins, else 1; bytes are truncated to 0..255; legacy Encoder', async () => {
      const run = (parameter: string, fPort?: number) =>
        encode({
          downlink: { f_port: fPort, decoded_payload: { led: true, level: 7 } },
          formatter: 'FORMATTER_JAVASCRIPT',
          parameter,
        });
      const wins = await run(
        'function encodeDownlink(input) { return { bytes: [1, input.data.level], fPort: 3 }; }',
        2,
      );
      assert.deepEqual(wins.json.downlink, {
        f_port: 3,
        frm_payload: 'AQc=',
        decoded_payload: { led: true, level: 7 },
      });
      const defaulted = await run(
        'function encodeDownlink(input) { return { bytes: [300, -1, 1.7, 256], warnings: ["w"] }; }',
      );
      const downlink = defaulted.json.downlink as Record<string, unknown>;
      assert.equal(downlink.f_port, 1, 'neither given → 1');
      assert.deepEqual(unb64(downlink.frm_payload), [0x2c, 0xff, 1, 0]);
      assert.deepEqual(downlink.decoded_payload_warnings, ['w']);
      const kept = await run('function encodeDownlink(input) { return { bytes: [input.fPort] }; }', 5);
      assert.deepEqual(unb64((kept.json.downlink as Record<string, unknown>).frm_payload), [5]);
      assert.equal((kept.json.downlink as Record<string, unknown>).f_port, 5);
      const legacy = await run('function Encoder(object, port) { return [object.level, port]; }', 2);
      assert.deepEqual(unb64((legacy.json.downlink as Record<string, unknown>).frm_payload), [7, 2]);
      const failing = await run('function encodeDownlink() { return { errors: ["bad level"] }; }', 2);
      assert.deepEqual([failing.status, detail(failing).attributes], [409, { errors: 'bad level' }]);
      const nothing = await run('function encodeDownlink() { return null; }', 2);
      assert.deepEqual(
        chain(nothing).map((c) => c.name),
        ['output', 'no_script_output'],
      );
    });

    it('CayenneLPP encodes value_<channel> only and ignores other keys silently', async () => {
      const lpp = await encode({
        downlink: { f_port: 2, decoded_payload: { value_3: 21.5, value_4: -1 } },
        formatter: 'FORMATTER_CAYENNELPP',
      });
      assert.equal((lpp.json.downlink as Record<string, unknown>).frm_payload, 'AwhmBP+c');
      const ignored = await encode({
        downlink: { f_port: 2, decoded_payload: { led: true, value_3: 'x', value_300: 1 } },
        formatter: 'FORMATTER_CAYENNELPP',
      });
      assert.equal(ignored.status, 200);
      assert.equal((ignored.json.downlink as Record<string, unknown>).frm_payload, undefined);
      const noPayload = await encode({ downlink: { f_port: 2 }, formatter: 'FORMATTER_CAYENNELPP' });
      assert.deepEqual(noPayload.json.downlink, { f_port: 2 });
    });

    it('decodes with decodeDownlink (no legacy fallback) and CayenneLPP', async () => {
      const js = await decodeDown({
        downlink: { f_port: 2, frm_payload: 'AQc=' },
        formatter: 'FORMATTER_JAVASCRIPT',
        parameter:
          'function decodeDownlink(input) { return { data: { b: input.bytes, p: input.fPort }, warnings: ["x"] }; }',
      });
      assert.deepEqual(js.json.downlink, {
        f_port: 2,
        frm_payload: 'AQc=',
        decoded_payload: { b: [1, 7], p: 2 },
        decoded_payload_warnings: ['x'],
      });
      const missing = await decodeDown({
        downlink: { f_port: 2, frm_payload: 'AQc=' },
        formatter: 'FORMATTER_JAVASCRIPT',
        parameter: 'function decodeUplink() { return {}; }',
      });
      assert.match(
        String(chain(missing)[0].attributes.message),
        /^ReferenceError: decodeDownlink is not defined at main \(<eval>:7:/,
      );
      const lpp = await decodeDown({
        downlink: { f_port: 2, frm_payload: 'AwhmBP+c' },
        formatter: 'FORMATTER_CAYENNELPP',
      });
      assert.deepEqual((lpp.json.downlink as Record<string, unknown>).decoded_payload, { value_3: 21.5, value_4: -1 });
      const cut = await decodeDown({ downlink: { f_port: 2, frm_payload: 'Awg=' }, formatter: 'FORMATTER_CAYENNELPP' });
      assert.equal(cut.status, 400);
    });
  });
});

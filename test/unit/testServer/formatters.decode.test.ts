// The test server's Application Server formatters, the up/decode test endpoint: each rule as seen on the real
// v3.32.1 (../shared/real-tts/README.md "(1) Payload formatters" and test/real/formatters.real.ts).
import { strict as assert } from 'node:assert';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { APP, chain, DEV, detail, formattersEnv, IDS } from './formatters.fixture';
import { call, errorName } from './helpers';

const SETTINGS = { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' };
const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');

describe('TTS test server: payload formatters (AS link, AS devices, test endpoints)', () => {
  let server: TtsTestServer;
  let alice: string;
  formattersEnv((env) => ({ server, alice } = env));

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
});

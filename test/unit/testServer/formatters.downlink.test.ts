// The test server's Application Server formatters, the down/encode and down/decode test endpoints: each rule as
// seen on the real v3.32.1 (../shared/real-tts/README.md "(1) Payload formatters" and test/real/formatters.real.ts).
import { strict as assert } from 'node:assert';
import type { TtsTestServer } from '../../support/ttsServer';
import { APP, chain, DEV, detail, formattersEnv, IDS } from './formatters.fixture';
import { call } from './helpers';

const unb64 = (text: unknown): number[] => [...Buffer.from(String(text ?? ''), 'base64')];

describe('TTS test server: payload formatters (AS link, AS devices, test endpoints)', () => {
  let server: TtsTestServer;
  let alice: string;
  formattersEnv((env) => ({ server, alice } = env));

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

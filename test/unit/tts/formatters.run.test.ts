// FormattersApi against the TTS test server, running formatters: decoding uplinks, encoding and decoding downlinks
// (the given formatter, not the stored one), and the readable texts of script, size and formatter errors.
import { strict as assert } from 'node:assert';
import type { TtsClient } from '../../../src/tts/client';
import { formatterErrorPosition, formatterErrorText } from '../../../src/tts/formatterErrors';
import { UPLINK_TEST_SETTINGS } from '../../../src/tts/formatters';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { APP, DEV, failure, formattersEnv, type FormattersEnv } from './formatters.fixture';

describe('api: payload formatters (FormattersApi)', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let api: TtsClient;
  let bobApi: TtsClient;
  let sent: FormattersEnv['sent'];
  formattersEnv((env) => ({ server, api, bobApi, sent } = env));

  it('decodes an uplink with the given formatter (not the stored one), with the fixed settings', async () => {
    const result = await api.formatters.decodeUplink(APP, DEV, {
      fPort: 2,
      bytes: Uint8Array.from([0x09, 0x29, 0x80]),
      type: 'FORMATTER_JAVASCRIPT',
      parameter: SEED.demo.formatters.deviceUplink,
    });
    assert.deepEqual(result, {
      decoded: { humidity: 64, temperature: 23.45 },
      warnings: ['unexpected FPort 2'],
      fPort: 2,
    });
    const post = sent('POST', '/up/decode');
    assert.equal(post.length, 1);
    assert.deepEqual(post[0].body, {
      end_device_ids: { device_id: DEV, application_ids: { application_id: APP } },
      formatter: 'FORMATTER_JAVASCRIPT',
      parameter: SEED.demo.formatters.deviceUplink,
      uplink: { f_port: 2, frm_payload: 'CSmA', settings: UPLINK_TEST_SETTINGS },
    });
    const lpp = await api.formatters.decodeUplink(APP, DEV, {
      fPort: 1,
      bytes: Uint8Array.from(Buffer.from('AWcA/wJoYA==', 'base64')),
      type: 'FORMATTER_CAYENNELPP',
    });
    assert.deepEqual(lpp.decoded, { relative_humidity_2: 48, temperature_1: 25.5 });
    assert.deepEqual(lpp.warnings, []);
  });

  it('encodes and decodes downlinks', async () => {
    const encoded = await api.formatters.encodeDownlink(APP, DEV, {
      fPort: 2,
      data: { led: true, level: 7 },
      type: 'FORMATTER_JAVASCRIPT',
      parameter: 'function encodeDownlink(input) { return { bytes: [1, input.data.level, 300], fPort: 3 }; }',
    });
    assert.deepEqual([...encoded.bytes], [1, 7, 0x2c]);
    assert.equal(encoded.fPort, 3);
    assert.deepEqual(encoded.warnings, []);
    const ignored = await api.formatters.encodeDownlink(APP, DEV, {
      fPort: 2,
      data: { led: true },
      type: 'FORMATTER_CAYENNELPP',
    });
    assert.deepEqual([...ignored.bytes], [], 'CayenneLPP ignores keys other than value_<channel>');
    const decoded = await api.formatters.decodeDownlink(APP, DEV, {
      fPort: 3,
      bytes: Uint8Array.from([1, 7]),
      type: 'FORMATTER_JAVASCRIPT',
      parameter: 'function decodeDownlink(input) { return { data: { level: input.bytes[1] }, warnings: ["w"] }; }',
    });
    assert.deepEqual(decoded, { decoded: { level: 7 }, warnings: ['w'], fPort: 3 });
  });

  it('script failures arrive as TtsErrors with readable texts; a timeout is not retried', async () => {
    const test = (parameter: string) =>
      failure(
        api.formatters.decodeUplink(APP, DEV, {
          fPort: 1,
          bytes: Uint8Array.from([1]),
          type: 'FORMATTER_JAVASCRIPT',
          parameter,
        }),
      );
    const errors = await test('function decodeUplink(input) { return { errors: ["too short", "x"] }; }');
    assert.equal(errors.status, 409);
    assert.equal(formatterErrorText(errors), 'the formatter returned errors: too short, x');
    const thrown = await test('function decodeUplink(input) {\n  throw new Error("boom");\n}');
    assert.equal(formatterErrorText(thrown), 'decodeUplink threw: Error: boom at decodeUplink (line 2)');
    assert.equal(formatterErrorPosition(thrown)?.line, 2);
    const syntax = await test('function decodeUplink(input) {\n  return { data: { a: 1 } ;\n}');
    assert.match(formatterErrorText(syntax) ?? '', /^syntax error: .+ \(line 2\)$/);
    const neither = await test('var x = 1;');
    assert.equal(
      formatterErrorText(neither),
      'the script defines neither decodeUplink(input) nor the legacy Decoder(bytes, fPort)',
    );
    assert.equal(formatterErrorPosition(neither), undefined, 'the position is in the wrapper, not the script');
    const notObject = await test('function decodeUplink() { return { data: 5 }; }');
    assert.equal(formatterErrorText(notObject), "the formatter's data must be an object, not 5");
    const before = server.requests.length;
    const slow = await test('function decodeUplink() { for (;;) {} }');
    assert.equal(slow.status, 504);
    assert.equal(formatterErrorText(slow), 'the formatter ran longer than the server allows (100 ms)');
    assert.equal(server.requests.length - before, 1, 'a script timeout is an answer, not a fault to retry');
  });

  it('size limits and unsupported formatters have readable texts', async () => {
    const long = await failure(
      api.formatters.setApplication(APP, 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: '/'.repeat(40961) }),
    );
    assert.equal(formatterErrorText(long), 'the script is longer than the server allows (40960 characters)');
    const heavy = await failure(
      api.formatters.setDevice(APP, DEV, 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: 'é'.repeat(20481) }),
    );
    assert.equal(formatterErrorText(heavy), 'the script is 40962 bytes (UTF-8); the server allows at most 40960 bytes');
    const uplink = (type: 'FORMATTER_NONE' | 'FORMATTER_REPOSITORY' | 'FORMATTER_CAYENNELPP', bytes = [1]) =>
      failure(api.formatters.decodeUplink(APP, DEV, { fPort: 1, bytes: Uint8Array.from(bytes), type }));
    assert.equal(formatterErrorText(await uplink('FORMATTER_NONE')), 'no formatter to run (type None)');
    assert.match(formatterErrorText(await uplink('FORMATTER_REPOSITORY')) ?? '', /needs the device version IDs/);
    assert.match(formatterErrorText(await uplink('FORMATTER_CAYENNELPP', [1, 0x67])) ?? '', /not valid CayenneLPP/);
    assert.equal(formatterErrorText(new Error('x')), undefined);
    const unrelated = await failure(bobApi.formatters.getDevice(APP, DEV));
    assert.equal(formatterErrorText(unrelated), undefined, 'a rights error is left to the usual error text');
  });
});

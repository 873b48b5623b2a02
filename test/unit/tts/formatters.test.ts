// FormattersApi against the TTS test server: what each call sends (one request, masks on one direction only), what it
// makes of the answers, and the readable texts of the formatter errors.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { TtsError, ttsErrorFrom } from '../../../src/tts/errors';
import { formatterErrorPosition, formatterErrorText, UPLINK_TEST_SETTINGS } from '../../../src/tts/formatters';
import type { FetchInit } from '../../../src/tts/http';
import { NotStoredError } from '../../../src/tts/updateCheck';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract } from '../testServer/helpers';

const APP = SEED.demo.appWithDevices;
const DEV = SEED.demo.formatters.deviceId;
const OTHER_APP = SEED.demo.applications.aliceTracker;

async function failure(promise: Promise<unknown>): Promise<TtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof TtsError, `expected a TtsError, got ${String(error)}`);
  return error;
}

describe('api: payload formatters (FormattersApi)', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let api: TtsClient;
  let bobApi: TtsClient;

  beforeEach(async () => {
    server = await startTtsServer();
    const token = server.issueTokens('alice', SEED.client.id).access_token;
    const bobToken = server.issueTokens('bob', SEED.client.id).access_token;
    api = new TtsClient({ baseUrl: server.url, auth: { token: async () => token } });
    bobApi = new TtsClient({ baseUrl: server.url, auth: { token: async () => bobToken }, retries: 0 });
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  const sent = (method: string, suffix: string) =>
    server.requests.filter((r) => r.method === method && r.path.endsWith(suffix));

  it('reads the application defaults from the link; no link is undefined; other errors are thrown', async () => {
    assert.deepEqual(await api.formatters.getApplication(APP), {
      up: { type: 'FORMATTER_CAYENNELPP' },
      down: { type: 'FORMATTER_NONE' },
    });
    assert.deepEqual(sent('GET', `/as/applications/${APP}/link`)[0].query, { field_mask: 'default_formatters' });
    assert.equal(await api.formatters.getApplication(OTHER_APP), undefined, '404 pkg/redis:not_found');
    const denied = await failure(bobApi.formatters.getApplication(APP));
    assert.equal(denied.status, 403);
  });

  it('writes one direction of the link with a two-path mask and returns both as stored', async () => {
    const script = 'function encodeDownlink(input) { return { bytes: [input.data.level] }; }';
    const stored = await api.formatters.setApplication(APP, 'down', {
      type: 'FORMATTER_JAVASCRIPT',
      parameter: script,
    });
    assert.deepEqual(stored, {
      up: { type: 'FORMATTER_CAYENNELPP' },
      down: { type: 'FORMATTER_JAVASCRIPT', parameter: script },
    });
    const put = sent('PUT', `/as/applications/${APP}/link`);
    assert.equal(put.length, 1, 'one request');
    assert.deepEqual(put[0].body, {
      link: { default_formatters: { down_formatter: 'FORMATTER_JAVASCRIPT', down_formatter_parameter: script } },
      field_mask: { paths: ['default_formatters.down_formatter', 'default_formatters.down_formatter_parameter'] },
    });
    // A new link for an application without one; NONE clears the parameter.
    assert.deepEqual(await api.formatters.setApplication(OTHER_APP, 'up', { type: 'FORMATTER_CAYENNELPP' }), {
      up: { type: 'FORMATTER_CAYENNELPP' },
      down: { type: 'FORMATTER_NONE' },
    });
    assert.deepEqual(await api.formatters.setApplication(APP, 'down', { type: 'FORMATTER_NONE' }), {
      up: { type: 'FORMATTER_CAYENNELPP' },
      down: { type: 'FORMATTER_NONE' },
    });
  });

  it("reads a device's formatters; a device without its own (or unknown to the AS) has undefined", async () => {
    const device = await api.formatters.getDevice(APP, DEV);
    assert.deepEqual(device.formatters, {
      up: { type: 'FORMATTER_JAVASCRIPT', parameter: SEED.demo.formatters.deviceUplink },
      down: { type: 'FORMATTER_NONE' },
    });
    assert.ok(device.updatedAt);
    assert.deepEqual(sent('GET', `/devices/${DEV}`)[0].query, { field_mask: 'formatters,version_ids' });
    assert.deepEqual(await api.formatters.getDevice(APP, 'device-0002'), { formatters: undefined });
    server.seed.asDevice(APP, 'device-0003', {
      versionIds: { brand_id: 'acme', model_id: 'sensor', firmware_version: '1.0', band_id: 'EU_863_870' },
    });
    const versioned = await api.formatters.getDevice(APP, 'device-0003');
    assert.equal(versioned.formatters, undefined);
    assert.equal(versioned.versionIds?.model_id, 'sensor');
  });

  it('writes one direction of a device; the result holds that direction; afterwards the device has its own', async () => {
    const result = await api.formatters.setDevice(APP, 'device-0002', 'up', { type: 'FORMATTER_CAYENNELPP' });
    assert.deepEqual(result.formatters, { up: { type: 'FORMATTER_CAYENNELPP' } });
    const put = sent('PUT', '/devices/device-0002');
    assert.deepEqual(put[0].body, {
      end_device: {
        ids: { device_id: 'device-0002', application_ids: { application_id: APP } },
        formatters: { up_formatter: 'FORMATTER_CAYENNELPP', up_formatter_parameter: '' },
      },
      field_mask: { paths: ['formatters.up_formatter', 'formatters.up_formatter_parameter'] },
    });
    const script = 'function decodeDownlink(input) { return { data: {} }; }';
    await api.formatters.setDevice(APP, DEV, 'down', { type: 'FORMATTER_JAVASCRIPT', parameter: script });
    const both = await api.formatters.getDevice(APP, DEV);
    assert.equal(both.formatters?.up?.parameter, SEED.demo.formatters.deviceUplink, 'the other direction is kept');
    assert.deepEqual(both.formatters?.down, { type: 'FORMATTER_JAVASCRIPT', parameter: script });
  });

  it('reports an update the server accepted but did not store', async () => {
    const fake = new TtsClient({
      baseUrl: 'http://tts.invalid',
      auth: { token: async () => 'token' },
      fetch: async (_url: string, init: FetchInit) => ({
        status: 200,
        headers: new Headers({ 'content-type': 'application/json' }),
        body: (async function* () {
          yield new TextEncoder().encode(init.method === 'PUT' ? '{"default_formatters":{}}' : '{}');
        })(),
      }),
    });
    const error = await fake.formatters
      .setApplication(APP, 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: 'x' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof NotStoredError);
    assert.deepEqual(error.fields, ['default_formatters.up_formatter', 'default_formatters.up_formatter_parameter']);
  });

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

/** An error body as the real v3.32.1 sends it (correlation IDs left out). */
function realError(
  status: number,
  code: number,
  id: string,
  format: string,
  attributes?: Record<string, unknown>,
  cause?: Record<string, unknown>,
): TtsError {
  const [namespace, name] = id.split(':');
  return ttsErrorFrom(status, {
    code,
    message: `error:${id}`,
    details: [{ namespace, name, message_format: format, attributes, cause, code }],
  });
}

describe('formatterErrorText on error bodies of the real v3.32.1 (goja, not V8)', () => {
  const script = (message: string) => realError(409, 10, 'pkg/scripting/javascript:script', '{message}', { message });

  it('a throw names the function and the line in the user script (the wrapper adds one line)', () => {
    const thrown = script('Error: boom at decodeUplink (<eval>:3:8(3))');
    assert.equal(formatterErrorText(thrown), 'decodeUplink threw: Error: boom at decodeUplink (line 2)');
    assert.deepEqual(formatterErrorPosition(thrown), { line: 2, column: 8 });
    const onFirstLine = script('Error: nope at encodeDownlink (<eval>:2:36(3))');
    assert.deepEqual(formatterErrorPosition(onFirstLine), { line: 1, column: 34 }, 'two tabs before line 1');
    assert.equal(
      formatterErrorText(script('str at decodeUplink (<eval>:2:32(2))')),
      'decodeUplink threw: str at decodeUplink (line 1)',
    );
  });

  it('syntax errors, missing entry points and errors inside the wrapper', () => {
    assert.equal(
      formatterErrorText(
        script('SyntaxError: SyntaxError: (anonymous): Line 2:47 Unexpected token } (and 33 more errors)'),
      ),
      'syntax error: Unexpected token } (line 1)',
    );
    const endOfInput = script('SyntaxError: SyntaxError: (anonymous): Line 22:2 Unexpected end of input');
    assert.equal(formatterErrorText(endOfInput), 'syntax error: Unexpected end of input');
    assert.equal(formatterErrorPosition(endOfInput), undefined, 'the line is past the script, in the wrapper');
    assert.equal(
      formatterErrorText(script('ReferenceError: Encoder is not defined at main (<eval>:12:12(20))')),
      'the script defines neither encodeDownlink(input) nor the legacy Encoder(object, fPort)',
    );
    assert.equal(
      formatterErrorText(script('ReferenceError: decodeDownlink is not defined at main (<eval>:7:25(18))')),
      'the script does not define decodeDownlink(input)',
    );
    assert.equal(
      formatterErrorText(script('TypeError: Value is not object coercible at main (<eval>:10:30(29))')),
      "the formatter's result could not be used: TypeError: Value is not object coercible",
    );
  });

  it('output, time, size and configuration errors', () => {
    const runtime = (message: string) => ({
      namespace: 'pkg/scripting/javascript',
      name: 'runtime',
      message_format: '{message}',
      attributes: { message },
      code: 10,
    });
    assert.equal(
      formatterErrorText(
        realError(
          409,
          10,
          'pkg/messageprocessors/javascript:output',
          'invalid output',
          undefined,
          runtime(
            'could not convert struct value [object Object] to javascript.decodeUplinkOutput for field Decoded: could not convert struct value 5 to map[string]interface {} for field Data: could not convert 5 to map[string]interface {}',
          ),
        ),
      ),
      "the formatter's data must be an object, not 5",
    );
    assert.equal(
      formatterErrorText(
        realError(409, 10, 'pkg/messageprocessors/javascript:output', 'invalid output', undefined, {
          namespace: 'pkg/scripting/javascript',
          name: 'no_script_output',
          message_format: 'no script output',
          code: 10,
        }),
      ),
      'the formatter returned nothing (null or undefined)',
    );
    assert.equal(
      formatterErrorText(realError(504, 4, 'pkg/scripting/javascript:script_timeout', 'script timeout')),
      'the formatter ran longer than the server allows (100 ms)',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          3,
          'pkg/applicationserver:field_value',
          'invalid value of field `{field}`',
          { field: 'default_formatters.down_formatter_parameter' },
          {
            namespace: 'pkg/applicationserver',
            name: 'formatter_script_too_large',
            message_format: 'formatter script size exceeds maximum allowed size',
            attributes: { max_size: 40960, size: 40962 },
            code: 3,
          },
        ),
      ),
      'the script is 40962 bytes (UTF-8); the server allows at most 40960 bytes',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          9,
          'pkg/messageprocessors:formatter_not_configured',
          'formatter `{formatter}` is not configured',
          { formatter: 'FORMATTER_GRPC_SERVICE' },
        ),
      ),
      'the server cannot run a FORMATTER_GRPC_SERVICE formatter here',
    );
    assert.equal(
      formatterErrorText(
        realError(404, 5, 'pkg/devicerepository/store/remote:brand_not_found', 'brand `{brand_id}` not found', {
          brand_id: 'nonexist',
        }),
      ),
      'Device Repository: brand "nonexist" not found',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          3,
          'pkg/errors:validation',
          'invalid `{field}`: {reason}',
          { field: 'uplink', reason: 'embedded message failed validation' },
          {
            namespace: 'pkg/errors',
            name: 'validation',
            message_format: 'invalid `{field}`: {reason}',
            attributes: { field: 'settings', reason: 'value is required' },
            code: 3,
          },
        ),
      ),
      'invalid settings: value is required',
    );
    assert.equal(
      formatterErrorText(realError(403, 7, 'pkg/auth/rights:insufficient_application_rights', 'insufficient rights')),
      undefined,
    );
  });
});

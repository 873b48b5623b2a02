// Test Uplink / Downlink Formatter with a scripted Ui, and Test Formatter with This Uplink from a live event, against
// the TTS test server: the decoded or encoded result, the formatter's errors and warnings, what the server changed.
import { strict as assert } from 'node:assert';
import { testDownlink, testUplink } from '../../../src/commands/formatterTests';
import { testWithUplink, uplinkOfEvent } from '../../../src/commands/formatterUplinkTest';
import type { FormatterLocation } from '../../../src/formatters/location';
import type { TtsEvent } from '../../../src/tts/types';
import type { Fixture } from '../../support/explorerFixture';
import { APP, DECODER, formatterCommandsEnv, type FormatterCommandsEnv } from './formatterCommands.fixture';

describe('formatter commands', () => {
  let f: Fixture;
  let at: FormatterCommandsEnv['at'];
  formatterCommandsEnv((env) => ({ f, at } = env));

  describe('Test Uplink Formatter', () => {
    it("runs the editor's text on the server and shows the decoded JSON, warnings and what the server changes", async () => {
      f.ui.answer(
        { input: '09 2G', invalid: /G/ },
        { input: '09 29 80' },
        { input: '0', invalid: /1 to 223/ },
        { input: '2' },
      );
      const from = f.server.requests.length;
      const report = await testUplink(f.ctx, { location: at('device-0001'), script: DECODER });
      assert.deepEqual(report.decoded, { temperature: 23.45, humidity: 64 });
      assert.deepEqual(report.warnings, ['unexpected FPort 2']);
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.input, { fPort: 2, bytes: { hex: '09 29 80', base64: 'CSmA' } });
      assert.deepEqual(f.ui.documents.at(-1), { title: 'uplink test device-0001', value: report });
      const decode = f.server.requests.find((r) => r.path.endsWith('/up/decode'));
      assert.deepEqual(
        f.server.requests.slice(from).map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')}`),
        ['POST up/decode'],
        'a server test of a device formatter is one request',
      );
      assert.equal((decode?.body as { parameter?: string }).parameter, DECODER, 'the unsaved text, not the stored one');
    });

    it("shows the formatter's errors in the result instead of failing the command", async () => {
      f.ui.answer({ input: 'CSk=' }, { input: '1' });
      const report = await testUplink(f.ctx, { location: at('device-0001'), script: DECODER });
      assert.equal(report.decoded, undefined);
      assert.equal(report.errors.length, 1);
      assert.match(report.errors[0], /expected 3 bytes, got 2/);
    });

    it('says where in the script the server engine failed', async () => {
      f.ui.answer({ input: '01' }, { input: '1' });
      const script = 'function decodeUplink(input) {\n  var x = 1;\n  throw new Error("boom");\n}\n';
      const report = await testUplink(f.ctx, { location: at('device-0001'), script });
      assert.match(report.errors[0] ?? '', /boom/);
      assert.equal(report.errorAt?.line, 3, JSON.stringify(report));
    });

    it("asks which device to run on for an application's formatter", async () => {
      f.ui.answer({ pick: 'device-0003' }, { input: 'CSmA' }, { input: '1' });
      const report = await testUplink(f.ctx, { location: at(), script: DECODER });
      assert.equal(report.device, 'device-0003');
      assert.deepEqual(report.decoded, { temperature: 23.45, humidity: 64 });
    });
  });

  describe('Test Downlink Formatter', () => {
    it('encodes JSON to bytes and names what the server changed silently', async () => {
      const script = 'function encodeDownlink(input) { return { bytes: [1, input.data.level], fPort: 3 }; }';
      f.ui.answer(
        { pick: 'Encode' },
        { input: '[1]', invalid: /JSON object/ },
        { input: '{"level": 300}' },
        { input: '' },
      );
      const report = await testDownlink(f.ctx, { location: at('device-0001', 'down'), script });
      assert.deepEqual(report.bytes, { hex: '01 2C', base64: 'ASw=' });
      assert.equal(report.fPort, 3);
      assert.ok(report.serverChanges.length > 0, JSON.stringify(report));
    });
  });
});

describe('Test Formatter with This Uplink (live events)', () => {
  let f: Fixture;
  formatterCommandsEnv((env) => ({ f } = env));
  const event = (deviceId: string, bytes: number[], fPort = 1): TtsEvent => ({
    name: 'as.up.data.forward',
    data: {
      '@type': 'type.googleapis.com/ttn.lorawan.v3.ApplicationUp',
      end_device_ids: { device_id: deviceId, application_ids: { application_id: APP } },
      uplink_message: { f_port: fPort, frm_payload: Buffer.from(bytes).toString('base64') },
    },
  });

  it("runs the device's own formatter with the captured bytes, without prompts; an open unsaved document wins", async () => {
    const report = await testWithUplink(
      f.ctx,
      f.deployment.key,
      event('device-0001', [0x09, 0x29, 0x80]),
      () => undefined,
    );
    assert.deepEqual(report.decoded, { temperature: 23.45, humidity: 64 });
    assert.deepEqual(report.input, { fPort: 1, bytes: { hex: '09 29 80', base64: 'CSmA' } });
    const opened: FormatterLocation[] = [];
    const unsaved = 'function decodeUplink(input) { return { data: { edited: input.bytes.length } }; }';
    const edited = await testWithUplink(f.ctx, f.deployment.key, event('device-0001', [1, 2]), (l) => {
      opened.push(l);
      return unsaved;
    });
    assert.deepEqual(edited.decoded, { edited: 2 });
    assert.equal(opened[0].deviceId, 'device-0001', "the device's own formatter document");
  });

  it("runs the application's default (CayenneLPP) for a device without formatters of its own", async () => {
    const report = await testWithUplink(
      f.ctx,
      f.deployment.key,
      event('device-0002', [0x01, 0x67, 0x00, 0xff]),
      () => undefined,
    );
    assert.equal(report.device, 'device-0002');
    assert.match(report.formatter, /\(CayenneLPP\)$/);
    assert.deepEqual(report.decoded, { temperature_1: 25.5 });
  });

  it('says why when no formatter is in effect, and refuses an event without an uplink', async () => {
    await f.account.api.formatters.setApplication(APP, 'up', { type: 'FORMATTER_NONE' });
    await assert.rejects(
      testWithUplink(f.ctx, f.deployment.key, event('device-0002', [1]), () => undefined),
      /No uplink formatter is in effect for end device device-0002/,
    );
    await assert.rejects(
      testWithUplink(f.ctx, f.deployment.key, { name: 'as.up.join.forward', data: {} }, () => undefined),
      /no uplink payload/,
    );
    assert.equal(uplinkOfEvent({ name: 'x' }), undefined);
  });
});

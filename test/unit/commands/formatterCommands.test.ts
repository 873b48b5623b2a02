// Change Formatter Type and Test Uplink / Downlink Formatter with a scripted Ui against the TTS test server.
import { strict as assert } from 'node:assert';
import { changeFormatterType } from '../../../src/commands/formatterType';
import { testDownlink, testUplink, testWithUplink, uplinkOfEvent } from '../../../src/commands/formatterTests';
import type { TtsEvent } from '../../../src/tts/types';
import {
  deployedText,
  deployFormatter,
  pullFormatter,
  type LinkStore,
  type WorkspaceFiles,
} from '../../../src/commands/formatterSync';
import type { FormatterLink } from '../../../src/formatters/syncState';
import { caseDevice, formatterErrors, runCase } from '../../../src/commands/formatterCases';
import type { FormatterLocation } from '../../../src/formatters/location';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import { SEED } from '../../support/ttsServer';

const APP = 'alice-sensors';
const DECODER = SEED.demo.formatters.deviceUplink;
const TEMPLATE = 'function decodeUplink(input) { return { data: {} }; }\n';

describe('formatter commands', () => {
  let f: Fixture;
  let at: (deviceId?: string, direction?: 'up' | 'down') => FormatterLocation;
  afterEach(async () => f?.close());
  beforeEach(async () => {
    f = await explorerFixture();
    at = (deviceId, direction = 'up') => ({ deploymentKey: f.deployment.key, applicationId: APP, deviceId, direction });
  });

  describe('Change Formatter Type', () => {
    it('sets JavaScript from the template when there was no script, and reloads the rows', async () => {
      // device-0002 has no formatters of its own: giving it one replaces the application's CayenneLPP uplink too.
      f.ui.answer(
        { pick: 'JavaScript', expect: /Now: not set \(the application's default applies\)/ },
        { confirm: true, expect: /its uplink formatter becomes None instead of the application's CayenneLPP/ },
      );
      const changed: string[] = [];
      f.model.onDidChange((n) => changed.push(n?.id ?? ''));
      const holder = (await f.model.children(await deviceNodeOf(f, 'device-0002'))).find(
        (n) => n.kind === 'formatters',
      )!;
      await f.model.children(holder);
      const stored = await changeFormatterType(f.ctx, at('device-0002', 'down'), async () => TEMPLATE);
      assert.deepEqual(stored, { type: 'FORMATTER_JAVASCRIPT', parameter: TEMPLATE });
      const device = await f.account.api.formatters.getDevice(APP, 'device-0002');
      assert.deepEqual(device.formatters?.down, stored);
      assert.ok(changed.includes(holder.id), 'the Payload Formatters row reloads');
    });

    it('asks before deleting a script, and keeps it when the user says no', async () => {
      f.server.seed.link(APP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: DECODER });
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: false });
      await assert.rejects(
        changeFormatterType(f.ctx, at(), async () => TEMPLATE),
        { name: 'UserCancelledError' },
      );
      assert.equal((await f.account.api.formatters.getApplication(APP))?.up?.parameter, DECODER);
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: true });
      await changeFormatterType(f.ctx, at(), async () => TEMPLATE);
      assert.deepEqual((await f.account.api.formatters.getApplication(APP))?.up, { type: 'FORMATTER_CAYENNELPP' });
    });

    it('asks before giving a device formatters of its own that hide a default, and writes nothing on no', async () => {
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: false });
      await assert.rejects(
        changeFormatterType(f.ctx, at('device-0003', 'down'), async () => TEMPLATE),
        {
          name: 'UserCancelledError',
        },
      );
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0003')).formatters, undefined);
    });

    it('offers only the types v3.32.1 runs, and does nothing when the type stays', async () => {
      let items: string[] = [];
      f.ui.answer({ pick: 'CayenneLPP', expect: /Now: CayenneLPP/ });
      const original = f.ui.pick.bind(f.ui);
      f.ui.pick = async (options) => {
        items = options.items.map((i) => i.label);
        return original(options);
      };
      assert.equal(await changeFormatterType(f.ctx, at(), async () => TEMPLATE), undefined);
      assert.deepEqual(items, ['JavaScript', 'CayenneLPP', 'Device Repository', 'None']);
    });
  });

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

  describe('Pull to Workspace, Deploy from File, Compare with Deployed', () => {
    class Memory implements LinkStore, WorkspaceFiles {
      readonly files = new Map<string, string>();
      readonly links = new Map<string, FormatterLink>();
      get = (path: string): FormatterLink | undefined => this.links.get(path);
      set = async (path: string, link: FormatterLink): Promise<void> => {
        this.links.set(path, link);
      };
      read = async (path: string): Promise<string | undefined> => this.files.get(path);
      write = async (path: string, text: string): Promise<void> => {
        this.files.set(path, text);
      };
    }
    const PATH = 'ttn/alice-sensors/devices/device-0001/uplink.js';
    let ws: Memory;
    beforeEach(() => {
      ws = new Memory();
    });

    it('pulls a JavaScript formatter to ttn/<app>/devices/<dev>/uplink.js and links it (ids and a hash only)', async () => {
      assert.equal(await pullFormatter(f.ctx, at('device-0001'), ws, ws), PATH);
      assert.equal(ws.files.get(PATH), DECODER);
      const link = ws.links.get(PATH);
      assert.deepEqual(Object.keys(link ?? {}).sort(), [
        'applicationId',
        'deployedHash',
        'deployment',
        'deviceId',
        'direction',
      ]);
      assert.equal(link?.deployment, f.deployment.key);
      assert.match(link?.deployedHash ?? '', /^[0-9a-f]{64}$/);
    });

    it('refuses to pull a formatter that is not JavaScript, saying which type it is', async () => {
      await assert.rejects(pullFormatter(f.ctx, at(), ws, ws), /application alice-sensors is CayenneLPP/);
    });

    it('asks before a pull replaces local changes', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      ws.files.set(PATH, '// my work\n');
      f.ui.answer({ confirm: false });
      await assert.rejects(pullFormatter(f.ctx, at('device-0001'), ws, ws), { name: 'UserCancelledError' });
      assert.equal(ws.files.get(PATH), '// my work\n');
    });

    it('deploys a changed file with one read and one write; in sync needs no write', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const edited = DECODER.replace('/ 100', '/ 10');
      let from = f.server.requests.length;
      assert.deepEqual(await deployFormatter(f.ctx, PATH, edited, ws, ws), { outcome: 'deployed' });
      assert.deepEqual(
        f.server.requests.slice(from).map((r) => r.method),
        ['GET', 'PUT'],
      );
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0001')).formatters?.up?.parameter, edited);
      from = f.server.requests.length;
      assert.deepEqual(await deployFormatter(f.ctx, PATH, edited, ws, ws), { outcome: 'in-sync' });
      assert.deepEqual(
        f.server.requests.slice(from).map((r) => r.method),
        ['GET'],
      );
    });

    it('never overwrites a change on the server silently: Compare, Pull or Overwrite', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const api = f.account.api.formatters;
      const theirs = `${DECODER}\n// theirs\n`;
      await api.setDevice(APP, 'device-0001', 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: theirs });
      const mine = `${DECODER}\n// mine\n`;
      f.ui.messageActions.push([/changed locally and on the server/, 'Compare']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, mine, ws, ws), { outcome: 'compare', server: theirs });
      assert.equal((await api.getDevice(APP, 'device-0001')).formatters?.up?.parameter, theirs, 'not written');
      assert.equal(await deployedText(f.ctx, PATH, ws), theirs);
      f.ui.messageActions.unshift([/changed locally and on the server/, 'Pull']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, mine, ws, ws), { outcome: 'pulled' });
      assert.equal(ws.files.get(PATH), theirs);
      await api.setDevice(APP, 'device-0001', 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: DECODER });
      f.ui.messageActions.unshift([/changed on the server since/, 'Overwrite']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, theirs, ws, ws), { outcome: 'deployed' });
      assert.equal((await api.getDevice(APP, 'device-0001')).formatters?.up?.parameter, theirs);
    });

    it('links a file at a formatter path on first use (a fresh clone) and asks before replacing the server version', async () => {
      const path = 'ttn/alice-sensors/devices/device-0001/uplink.js';
      const mine = `${DECODER}\n// from the repository\n`;
      f.ui.messageActions.push([/changed locally and on the server/, 'Overwrite']);
      assert.deepEqual(await deployFormatter(f.ctx, path, mine, ws, ws), { outcome: 'deployed' });
      const link = ws.links.get(path);
      assert.equal(link?.deployment, f.deployment.key);
      assert.equal(link?.deviceId, 'device-0001');
      assert.equal(link?.direction, 'up');
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0001')).formatters?.up?.parameter, mine);
      assert.ok(
        f.ui.messages.some((m) => /changed locally and on the server/.test(m.text)),
        'asked first: nothing is known about what was deployed',
      );
    });

    it('refuses an unlinked file and a script over the limit, before any request', async () => {
      await assert.rejects(deployFormatter(f.ctx, 'ttn/x/uplink.js', DECODER, ws, ws), /Pull to Workspace/);
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const from = f.server.requests.length;
      await assert.rejects(
        deployFormatter(f.ctx, PATH, 'x'.repeat(40_961), ws, ws),
        /Not deployed: .*40,961 characters/,
      );
      assert.equal(f.server.requests.length, from);
    });
  });
});

async function deviceNodeOf(f: Fixture, deviceId: string) {
  const devices = await walk(
    f,
    'deployment',
    'section:applications',
    'owner:user:alice',
    `application:${APP}`,
    'devices',
  );
  const node = (await f.model.children(devices)).find(
    (n) => n.kind === 'device' && n.device.ids?.device_id === deviceId,
  );
  assert.ok(node);
  return node;
}

describe('formatter test cases on the server', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());
  const location: Omit<FormatterLocation, 'deploymentKey'> = { applicationId: APP, direction: 'up' };

  it('runs each case with the given script and judges it: pass, a difference with expected/actual, expected errors', async () => {
    const api = f.account.api.formatters;
    const at = { ...location, deploymentKey: f.deployment.key };
    const device = await caseDevice(f.account.api, at);
    assert.equal(device, 'device-0001', "an application's formatter runs on its first device");
    const pass = await runCase(api, at, device, DECODER, {
      name: 'ok',
      direction: 'uplink',
      fPort: 1,
      bytes: '09 29 80',
      expect: { data: { temperature: 23.45, humidity: 64 }, warnings: [] },
    });
    assert.deepEqual(pass, { name: 'ok', passed: true });
    const fail = await runCase(api, at, device, DECODER, {
      name: 'wrong',
      direction: 'uplink',
      fPort: 1,
      bytes: 'CSmA',
      expect: { data: { temperature: 20, humidity: 64 } },
    });
    assert.equal(fail.passed, false);
    assert.match(fail.message ?? '', /data\.temperature: expected 20, got 23\.45/);
    assert.match(fail.expected ?? '', /"temperature": 20/);
    assert.match(fail.actual ?? '', /"temperature": 23\.45/);
    const errors = await runCase(api, at, device, DECODER, {
      name: 'short',
      direction: 'uplink',
      fPort: 1,
      bytes: '09',
      expect: { errors: ['expected 3 bytes, got 1'] },
    });
    assert.deepEqual(errors, { name: 'short', passed: true });
    const thrown = await runCase(api, at, device, 'function decodeUplink() { throw new Error("boom"); }', {
      name: 'throws',
      direction: 'uplink',
      fPort: 1,
      bytes: '',
      expect: { data: {} },
    });
    assert.match(thrown.message ?? '', /boom/);
  });

  it('encodes a downlink case and compares the bytes', async () => {
    const at = { ...location, direction: 'down' as const, deploymentKey: f.deployment.key };
    const outcome = await runCase(
      f.account.api.formatters,
      at,
      'device-0002',
      'function encodeDownlink(input) { return { bytes: [input.data.level], fPort: 2 }; }',
      { name: 'level', direction: 'downlink-encode', fPort: 2, data: { level: 7 }, expect: { bytes: '07', fPort: 2 } },
    );
    assert.deepEqual(outcome, { name: 'level', passed: true });
  });

  it('names the formatter errors a case can expect, and none for other errors', () => {
    assert.equal(formatterErrors(new Error('network')), undefined);
  });
});

describe('Test Formatter with This Uplink (live events)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());
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

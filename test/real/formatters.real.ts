// Payload formatters on the real TTS: application defaults (the AS link), a device's own formatters and which one
// is in effect, the test endpoints with JavaScript and CayenneLPP, the error shapes and the size limits. Whether the
// test server answers alike is formatterParity.real.ts. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { TtsError } from '../../src/tts/errors';
import { formatterErrorText } from '../../src/tts/formatterErrors';
import { CSMA, DEMO_UPLINK, js } from './formatterCases';
import { SETTINGS } from './formatterRawCases';
import { adminApi, env, uniqueId } from './env';

const admin = { kind: 'user' as const, id: env.user };

async function failure(promise: Promise<unknown>): Promise<TtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof TtsError, `expected a TtsError, got ${String(error)}`);
  return error;
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
});

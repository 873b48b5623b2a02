// FormattersApi against the TTS test server, reading and writing: the application defaults (the link) and a device's
// own formatters (one request, masks on one direction only), and an update the server did not store.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import type { FetchInit } from '../../../src/tts/http';
import { NotStoredError } from '../../../src/tts/updateCheck';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { APP, DEV, failure, formattersEnv, OTHER_APP, type FormattersEnv } from './formatters.fixture';

describe('api: payload formatters (FormattersApi)', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let api: TtsClient;
  let bobApi: TtsClient;
  let sent: FormattersEnv['sent'];
  formattersEnv((env) => ({ server, api, bobApi, sent } = env));

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
});

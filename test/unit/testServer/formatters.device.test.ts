// The test server's Application Server formatters, AS end devices (their own formatters): each rule as seen on the real
// v3.32.1 (../shared/real-tts/README.md "(1) Payload formatters" and test/real/formatters.real.ts).
import { strict as assert } from 'node:assert';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { APP, chain, DEV, detail, formattersEnv } from './formatters.fixture';
import { call, errorName } from './helpers';

describe('TTS test server: payload formatters (AS link, AS devices, test endpoints)', () => {
  let server: TtsTestServer;
  let alice: string;
  let bob: string;
  formattersEnv((env) => ({ server, alice, bob } = env));

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
});

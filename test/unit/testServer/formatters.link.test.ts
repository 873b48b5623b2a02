// The test server's Application Server formatters, the link (application defaults): each rule as seen on the real
// v3.32.1 (../shared/real-tts/README.md "(1) Payload formatters" and test/real/formatters.real.ts).
import { strict as assert } from 'node:assert';
import { SEED, type TtsTestServer } from '../../support/ttsServer';
import { APP, chain, detail, formattersEnv } from './formatters.fixture';
import { call, errorName } from './helpers';

const OTHER_APP = SEED.demo.applications.aliceTracker;

describe('TTS test server: payload formatters (AS link, AS devices, test endpoints)', () => {
  let server: TtsTestServer;
  let alice: string;
  let bob: string;
  formattersEnv((env) => ({ server, alice, bob } = env));

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
});

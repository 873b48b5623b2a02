// The test server against the real TTS on payload formatters: the same requests on the Application Server's link and
// devices (formatterRawCases.ts) and the same test cases on the test endpoints (formatterCases.ts) must be answered
// alike. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { formatterErrorText } from '../../src/tts/formatterErrors';
import { SEED, startTtsServer } from '../support/ttsServer';
import { CASES } from './formatterCases';
import { RAW_CASES, rawOutcome } from './formatterRawCases';
import { adminApi, env, uniqueId } from './env';

const admin = { kind: 'user' as const, id: env.user };

/** What must match between the servers: results exactly; errors by id, status and readable text. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = (await run()) as Record<string, unknown>;
    return 'bytes' in result ? { ...result, bytes: [...(result.bytes as Uint8Array)] } : result;
  } catch (error) {
    if (!(error instanceof TtsError)) {
      throw error;
    }
    return { error: error.id, status: error.status, text: formatterErrorText(error) };
  }
}

describe('real TTS: payload formatters, the test server alike', () => {
  const api = adminApi();
  const appId = uniqueId('fmtsame');
  const deviceId = 'fmt-device';

  before(async () => {
    await api.applications.create(admin, { ids: { application_id: appId }, name: 'Formatters alike (test:real)' });
    await api.formatters.setDevice(appId, deviceId, 'up', { type: 'FORMATTER_NONE' }); // the device the cases run on
  });
  after(async () => {
    const as = `/as/applications/${appId}`;
    await api.http.request('DELETE', `${as}/devices/${deviceId}`).catch(() => undefined);
    await api.applications.delete(appId).catch(() => undefined);
    await api.applications.purge(appId).catch(() => undefined);
  });

  it('the test server answers the same link and AS device requests alike', async function () {
    this.timeout(60_000);
    const server = await startTtsServer();
    const rawApp = uniqueId('fmtraw');
    await api.applications.create(admin, { ids: { application_id: rawApp }, name: 'Formatters raw (test:real)' });
    try {
      const token = server.issueTokens('admin', SEED.client.id).access_token;
      const imitation = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
      const differences: string[] = [];
      for (const c of RAW_CASES) {
        const real = await rawOutcome(api, c, rawApp, 'fmt-raw');
        const ours = await rawOutcome(imitation, c, SEED.demo.applications.aliceTracker, 'fmt-raw');
        try {
          assert.deepEqual(ours, real);
        } catch {
          differences.push(`${c.name}:\n  real ${JSON.stringify(real)}\n  test ${JSON.stringify(ours)}`);
        }
      }
      assert.deepEqual(differences, [], differences.join('\n'));
    } finally {
      await server.close();
      await api.http.request('DELETE', `/as/applications/${rawApp}/devices/fmt-raw`).catch(() => undefined);
      await api.http.request('DELETE', `/as/applications/${rawApp}/link`).catch(() => undefined);
      await api.applications.delete(rawApp).catch(() => undefined);
      await api.applications.purge(rawApp).catch(() => undefined);
    }
  });

  it('the test server answers the same test cases alike', async function () {
    this.timeout(60_000);
    const server = await startTtsServer();
    try {
      const token = server.issueTokens('admin', SEED.client.id).access_token;
      const imitation = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
      const differences: string[] = [];
      for (const c of CASES) {
        const real = await outcome(() => c.run(api, appId, deviceId));
        const ours = await outcome(() => c.run(imitation, SEED.demo.appWithDevices, SEED.demo.formatters.deviceId));
        try {
          assert.deepEqual(ours, real);
        } catch {
          differences.push(`${c.name}:\n  real ${JSON.stringify(real)}\n  test ${JSON.stringify(ours)}`);
        }
      }
      assert.deepEqual(differences, [], differences.join('\n'));
    } finally {
      await server.close();
    }
  });
});

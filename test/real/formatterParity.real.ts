// The test server against the real TTS on payload formatters: the same requests on the Application Server's link and
// devices (formatterRawCases.ts) and the same test cases on the test endpoints (formatterCases.ts) must be answered
// alike. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { formatterErrorText } from '../../src/tts/formatterErrors';
import { SEED, startTtsServer, type TtsTestServer } from '../support/ttsServer';
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

/** The test server's client as the admin, and the cases whose outcome differs between it and the real TTS. */
async function differences<C extends { name: string }>(
  server: TtsTestServer,
  cases: readonly C[],
  outcomes: (c: C, imitation: TtsClient) => Promise<[real: unknown, test: unknown]>,
): Promise<string[]> {
  const token = server.issueTokens('admin', SEED.client.id).access_token;
  const imitation = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
  const out: string[] = [];
  for (const c of cases) {
    const [real, ours] = await outcomes(c, imitation);
    try {
      assert.deepEqual(ours, real);
    } catch {
      out.push(`${c.name}:\n  real ${JSON.stringify(real)}\n  test ${JSON.stringify(ours)}`);
    }
  }
  return out;
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
      const differ = await differences(server, RAW_CASES, async (c, imitation) => [
        await rawOutcome(api, c, rawApp, 'fmt-raw'),
        await rawOutcome(imitation, c, SEED.demo.applications.aliceTracker, 'fmt-raw'),
      ]);
      assert.deepEqual(differ, [], differ.join('\n'));
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
      const differ = await differences(server, CASES, async (c, imitation) => [
        await outcome(() => c.run(api, appId, deviceId)),
        await outcome(() => c.run(imitation, SEED.demo.appWithDevices, SEED.demo.formatters.deviceId)),
      ]);
      assert.deepEqual(differ, [], differ.join('\n'));
    } finally {
      await server.close();
    }
  });
});

// Shared by the tts/formatters.*.test.ts files: the seeded application and device with formatters, a TTS test server
// per test with FormattersApi clients for Alice and Bob, and what the client sent and what failed.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { TtsError } from '../../../src/tts/errors';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract } from '../testServer/helpers';

export const APP = SEED.demo.appWithDevices;
export const DEV = SEED.demo.formatters.deviceId;
export const OTHER_APP = SEED.demo.applications.aliceTracker;

export async function failure(promise: Promise<unknown>): Promise<TtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof TtsError, `expected a TtsError, got ${String(error)}`);
  return error;
}

export interface FormattersEnv {
  server: TtsTestServer;
  /** Alice's client. */
  api: TtsClient;
  /** Bob's client (no rights on APP), without retries. */
  bobApi: TtsClient;
  /** The requests of this test with the given method whose path ends with `suffix`. */
  sent: (method: string, suffix: string) => TtsTestServer['requests'];
}

/** Registers the hooks of the enclosing suite: a fresh test server and clients before each test, handed to `use`;
 * after it, the contract check of the recorded traffic. */
export function formattersEnv(use: (env: FormattersEnv) => void): void {
  let server: TtsTestServer;
  beforeEach(async () => {
    server = await startTtsServer();
    const token = server.issueTokens('alice', SEED.client.id).access_token;
    const bobToken = server.issueTokens('bob', SEED.client.id).access_token;
    const api = new TtsClient({ baseUrl: server.url, auth: { token: async () => token } });
    const bobApi = new TtsClient({ baseUrl: server.url, auth: { token: async () => bobToken }, retries: 0 });
    const sent = (method: string, suffix: string) =>
      server.requests.filter((r) => r.method === method && r.path.endsWith(suffix));
    use({ server, api, bobApi, sent });
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });
}

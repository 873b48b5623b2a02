// Shared by the testServer/formatters.*.test.ts files: the seeded application and device with formatters, a test
// server per test with Alice's and Bob's tokens, and readers for the details of TTS error bodies.
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, type Answer } from './helpers';

export const APP = SEED.demo.appWithDevices;
export const DEV = SEED.demo.formatters.deviceId;
export const IDS = { device_id: DEV, application_ids: { application_id: APP } };

/** Walks `details[0].cause…` and returns each level's `name` and attributes. */
export function chain(answer: Answer): { name: string; attributes: Record<string, unknown> }[] {
  const out: { name: string; attributes: Record<string, unknown> }[] = [];
  let d = (answer.json.details as Record<string, unknown>[] | undefined)?.[0];
  while (d) {
    out.push({ name: String(d.name), attributes: (d.attributes ?? {}) as Record<string, unknown> });
    d = d.cause as Record<string, unknown> | undefined;
  }
  return out;
}

export const detail = (answer: Answer): Record<string, unknown> =>
  ((answer.json.details as Record<string, unknown>[] | undefined)?.[0] ?? {}) as Record<string, unknown>;

export interface FormattersEnv {
  server: TtsTestServer;
  /** Alice's access token. */
  alice: string;
  /** Bob's access token (no rights on APP). */
  bob: string;
}

/** Registers the hooks of the enclosing suite: a fresh test server and tokens before each test, handed to `use`;
 * after it, the contract check of the recorded traffic. */
export function formattersEnv(use: (env: FormattersEnv) => void): void {
  let server: TtsTestServer;
  beforeEach(async () => {
    server = await startTtsServer();
    const alice = server.issueTokens('alice', SEED.client.id).access_token;
    const bob = server.issueTokens('bob', SEED.client.id).access_token;
    use({ server, alice, bob });
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });
}

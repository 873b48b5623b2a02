import { strict as assert } from 'node:assert';
import { tokenRevoker } from '../../../src/auth/revoke';
import { tokenIdOf } from '../../../src/auth/sessions';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment } from '../../../src/tts/deployments';
import { accountFor } from '../../support/explorerFixture';
import { recordingLog } from '../../support/leakSinks';
import { startTtsServer } from '../../support/ttsServer';

describe('tokenRevoker', () => {
  it("revokes the session's token on its Identity Server, and only logs when that fails", async () => {
    const server = await startTtsServer();
    try {
      const deployment = resolveDeployment({ name: 'Local', url: server.url });
      const { session } = accountFor(server, deployment, 'alice');
      const stored = { ...session, tokenId: tokenIdOf(session.tokens.accessToken) };
      assert.ok(stored.tokenId);
      const lines: string[] = [];
      const revoke = tokenRevoker({ deployments: () => [deployment], log: recordingLog(lines) });
      const api = new TtsClient({
        baseUrl: server.url,
        auth: { token: async () => stored.tokens.accessToken },
        retries: 0,
      });
      await api.users.get('alice', ['name']);
      await revoke(stored);
      await assert.rejects(api.users.get('alice', ['name']), (e: { status?: number }) => e.status === 401);
      assert.ok(
        lines.some((l) => /Revoked the access token of alice · Local/.test(l)),
        lines.join('\n'),
      );
      await revoke(stored); // already gone: a warning, not an exception
      assert.ok(
        lines.some((l) => /Could not revoke the token of alice · Local/.test(l)),
        lines.join('\n'),
      );
      await revoke({ ...stored, deploymentKey: 'elsewhere.example.com' }); // no such deployment: nothing sent
      assert.equal(lines.filter((l) => /revoke/i.test(l)).length, 2);
    } finally {
      await server.close();
    }
  });
});

// Token requests never follow a redirect (issue 21): their body carries an authorization code or a refresh token and
// their headers the client secret, and node-fetch re-sends the body on 307/308. The redirect is an error naming
// the host; nothing reaches where it points. Nor does the revoke at sign-out, which carries the access token. All of
// them go through the one transport (tts/http.ts, `redirects: 'refuse'`).
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthClient } from '../../../src/auth/oauth';
import { tokenRevoker } from '../../../src/auth/revoke';
import { oauthSession } from '../../support/storedSession';
import { fixedDeployments } from '../../../src/tts/deploymentList';
import { resolveDeployment } from '../../../src/tts/deployments';
import { RedirectRefusedError } from '../../../src/tts/errors';
import { describeError } from '../../../src/ui/errorText';
import { recordingLog } from '../../support/leakSinks';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('token requests: no redirect is followed', () => {
  let elsewhere: Server;
  let stack: Server;
  let received: string[];
  let status: number;
  let target: string;
  beforeEach(async () => {
    received = [];
    elsewhere = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end('{"access_token":"MFRWG.A.B","expires_in":3600}');
      });
    });
    target = `127.0.0.1:${await listen(elsewhere)}`;
    stack = createServer((req, res) => {
      req.resume();
      res.writeHead(status, { Location: `http://${target}/oauth/token?stolen=1` }).end();
    });
  });
  afterEach(async () => {
    elsewhere.close();
    stack.close();
  });

  for (const code of [301, 302, 303, 307, 308]) {
    it(`HTTP ${code}: the code, the refresh token and the client secret stay where they were sent`, async () => {
      status = code;
      const host = `127.0.0.1:${await listen(stack)}`;
      const client = new OAuthClient({
        identityServerUrl: `http://${host}`,
        clientId: 'vscode-ext',
        clientSecret: 'the-client-secret',
      });
      for (const request of [
        () => client.exchangeCode('MF2XI.CODE.KEY', 'code', 'verifier'),
        () => client.refresh('OJSWM.REFRESH.KEY'),
      ]) {
        await assert.rejects(request(), (e: unknown) => {
          assert.ok(e instanceof RedirectRefusedError, String(e));
          assert.equal(
            describeError(e),
            `${host} answered a sign-in or sign-out request with a redirect (HTTP ${code} to ${target}); it was not followed, ` +
              "because the request carries a code, a token or a client secret. Check the deployment's URL: it must " +
              'be the address of The Things Stack itself.',
          );
          return true;
        });
      }
      assert.deepEqual(received, [], 'nothing reached the redirect target');
    });
  }

  it('HTTP 307 at sign-out: the access token is not sent on to where the redirect points', async () => {
    status = 307;
    const host = `127.0.0.1:${await listen(stack)}`;
    const deployment = resolveDeployment({ name: 'Local', url: `http://${host}` });
    const lines: string[] = [];
    const session = oauthSession(deployment, 'alice', {
      accessToken: 'MFRWG.TOKENID.KEY',
      expiresAt: Date.now() + 3_600_000,
      obtainedAt: Date.now(),
    });
    await tokenRevoker({
      deployments: fixedDeployments([deployment]),
      log: recordingLog(lines),
      oauthFor: () => undefined,
    })(session);
    assert.deepEqual(received, [], 'nothing reached the redirect target');
    assert.ok(
      lines.some((l) => l.includes(`${host} answered a sign-in or sign-out request with a redirect`)),
      lines.join('\n'),
    );
  });
});

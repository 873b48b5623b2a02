// The loopback callback server answers only its exact callback path (issue 21): nothing else reaches the attempts.
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { PendingAttempts } from '../../../src/auth/attempts';
import { startLoopback, type LoopbackPath } from '../../../src/auth/loopback';

/** A raw request (fetch would normalise the path). */
function send(port: number, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback server: only its exact callback path', () => {
  const cases: [LoopbackPath, string[]][] = [
    [
      '/callback',
      [
        '/oauth/callback',
        '/x/callback',
        '/callback/',
        '/callback/x',
        '//callback',
        '/CALLBACK',
        '/%63allback',
        '/callback;x',
      ],
    ],
    [
      '/oauth/callback',
      ['/callback', '/x/oauth/callback', '/oauth/callback/', '/oauth//callback', '/evil/oauth/callback'],
    ],
  ];
  for (const [path, others] of cases) {
    it(`${path}: a GET of ${path} is a callback; ${others.length} other paths and other methods get 404`, async () => {
      const pending = new PendingAttempts();
      const attempt = pending.create('code');
      const waiting = pending.wait(attempt, 10_000);
      const refused: string[] = [];
      const server = await startLoopback(pending, (m) => refused.push(m), path);
      try {
        for (const other of others) {
          assert.equal(await send(server.port, 'GET', `${other}?code=MF2XI.A.B&state=${attempt.state}`), 404, other);
        }
        assert.equal(await send(server.port, 'POST', `${path}?code=MF2XI.A.B&state=${attempt.state}`), 404, 'POST');
        assert.deepEqual(refused, []);
        assert.equal(pending.size, 1, 'nothing reached the attempt');
        assert.equal(await send(server.port, 'GET', `${path}?code=MF2XI.GOOD.CODE&state=${attempt.state}`), 200);
        assert.equal(await waiting, 'MF2XI.GOOD.CODE');
      } finally {
        await server.close();
      }
    });
  }
});

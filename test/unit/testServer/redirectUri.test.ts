import { strict as assert } from 'node:assert';
import { startTtsServer } from '../../support/ttsServer';
import { validateUriList, withQuery } from '../../support/ttsServer/redirectUri';
import { assertContract, queryOf } from './helpers';

// [registered, requested, expected: the resolved URI, 'mismatch' (403 invalid_redirect_uri) or 'invalid' (400)]
const TABLE: [string[], string, string][] = [
  [['http://127.0.0.1/callback'], 'http://127.0.0.1/callback', 'http://127.0.0.1/callback'],
  [['http://127.0.0.1/callback'], 'http://127.0.0.1:8080/callback', 'http://127.0.0.1:8080/callback'],
  [['http://127.0.0.1/callback'], 'http://127.0.0.8:8081/callback', 'http://127.0.0.8:8081/callback'],
  [['http://127.0.0.1/callback'], 'http://[::1]:8081/callback', 'http://[::1]:8081/callback'],
  [['http://127.0.0.1/callback'], 'http://localhost:8080/callback', 'mismatch'],
  [['http://127.0.0.1/callback'], 'http://127.0.0.1:8080/callback/sub?x=1', 'http://127.0.0.1:8080/callback/sub?x=1'],
  [['http://127.0.0.1:8080/cb'], 'http://127.0.0.1:9090/cb', 'mismatch'],
  [['http://[::1]/cb'], 'http://[::1]:8080/cb', 'mismatch'],
  [['https://127.0.0.1/cb'], 'https://127.0.0.1:8443/cb', 'mismatch'],
  [['https://example.com/myapp'], 'https://example.com/myapp/x', 'https://example.com/myapp/x'],
  [['https://example.com/myapp'], 'https://example.com/myapp2', 'mismatch'],
  [['https://example.com/myapp'], 'https://example.com/myapp/../evil', 'mismatch'],
  [['https://example.com/myapp'], 'https://example.com/myapp#frag', 'mismatch'],
  [['https://example.com/myapp'], 'http://example.com/myapp', 'mismatch'],
  [['https://example.com/myapp'], 'https://Example.com/myapp', 'mismatch'],
  [
    ['https://example.com/myapp?registered=1'],
    'https://example.com/myapp?asked=2',
    'https://example.com/myapp?asked=2',
  ],
  [['https://example.com/myapp'], '', 'invalid'],
  [['code', 'local-callback'], 'code', '/code'],
  [['code', 'local-callback'], 'local-callback?port=12345', '/local-callback?port=12345'],
  [['code'], 'local-callback', 'mismatch'],
  [
    ['vscode://lpwan-tools.things-stack-manager/auth/callback'],
    'vscode://lpwan-tools.things-stack-manager/auth/callback',
    'vscode://lpwan-tools.things-stack-manager/auth/callback',
  ],
  [['vscode://lpwan-tools.things-stack-manager/auth/callback'], 'vscode://other.extension/auth/callback', 'mismatch'],
  [['https://a.example/x;https://b.example/y'], 'https://b.example/y', 'https://b.example/y'],
];

describe('TTS test server: redirect URI matching (osin)', () => {
  for (const [registered, requested, expected] of TABLE) {
    it(`${registered.join(' ')} ← ${requested || '(blank)'}: ${expected}`, () => {
      const check = validateUriList(registered, requested);
      assert.equal(check.ok ? check.uri : check.kind, expected);
    });
  }

  it('puts code and state into the query sorted by key, like Go url.Values.Encode', () => {
    assert.equal(
      withQuery('/local-callback?port=1', { state: 'a b', code: 'C' }),
      '/local-callback?code=C&port=1&state=a+b',
    );
  });

  it('applies through /oauth/authorize: loopback any port, unregistered refused', async () => {
    const server = await startTtsServer();
    try {
      const ok = await server.authorize({
        userId: 'alice',
        clientId: 'vscode-ext',
        redirectUri: 'http://[::1]:40123/callback',
        state: 's',
      });
      assert.ok(ok.startsWith('http://[::1]:40123/callback?code=MF2XI.'));
      assert.equal(queryOf(ok).state, 's');
      const vscode = await server.authorize({
        userId: 'alice',
        clientId: 'vscode-ext',
        redirectUri: 'vscode://lpwan-tools.things-stack-manager/auth/callback',
      });
      assert.ok(vscode.startsWith('vscode://lpwan-tools.things-stack-manager/auth/callback?code=MF2XI.'));
      await assert.rejects(
        server.authorize({ userId: 'alice', clientId: 'vscode-ext', redirectUri: 'http://127.0.0.1/callback#x' }),
        /403/,
      );
      server.seed.clients('alice', 1, { ids: ['single-uri'], redirectUris: ['https://example.com/cb'] });
      const omitted = await server.authorize({ userId: 'alice', clientId: 'single-uri', redirectUri: '', state: 's' });
      assert.equal(omitted.startsWith('https://example.com/cb?code='), true, 'one registered URI: used when omitted');
      assertContract(server);
    } finally {
      await server.close();
    }
  });
});

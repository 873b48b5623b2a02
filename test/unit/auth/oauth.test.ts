import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import {
  authorizeUrl,
  describeAuthorizeError,
  isPermanentGrantError,
  newPkce,
  newState,
  parseCallback,
  withoutNeedlessEscapes,
} from '../../../src/auth/oauth';
import { NetworkError, ttsErrorFrom } from '../../../src/tts/errors';

describe('oauth: authorize request and callback', () => {
  it('makes states of 256 bits that never repeat', () => {
    const states = new Set(Array.from({ length: 1000 }, newState));
    assert.equal(states.size, 1000);
    for (const s of states) {
      assert.match(s, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(s, 'base64url').length, 32);
    }
  });

  it('makes an S256 PKCE pair', () => {
    const pkce = newPkce();
    assert.equal(pkce.method, 'S256');
    assert.match(pkce.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pkce.challenge, createHash('sha256').update(pkce.verifier).digest('base64url'));
  });

  it('builds the authorize URL with state, PKCE and the exact redirect URI', () => {
    const pkce = newPkce();
    const redirect = 'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss';
    const url = new URL(
      authorizeUrl('https://eu1.cloud.thethings.network', {
        clientId: 'my-client',
        redirectUri: redirect,
        state: 'S',
        pkce,
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://eu1.cloud.thethings.network/oauth/authorize');
    assert.equal(url.searchParams.get('client_id'), 'my-client');
    assert.equal(url.searchParams.get('redirect_uri'), redirect);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('state'), 'S');
    assert.equal(url.searchParams.get('code_challenge'), pkce.challenge);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  });

  const callbacks: [string, string, Record<string, unknown>][] = [
    ['a code and state', 'code=MF2XI.A.B&state=s1', { kind: 'code', code: 'MF2XI.A.B', state: 's1' }],
    ['a leading ?', '?code=c&state=s', { kind: 'code', code: 'c', state: 's' }],
    ['no state', 'code=c', { kind: 'code', code: 'c', state: undefined }],
    ['an error', 'error=access_denied&state=s', { kind: 'error', error: 'access_denied', state: 's' }],
    [
      'an error without state',
      'error=invalid_client&error_description=x',
      { kind: 'error', error: 'invalid_client', description: 'x', state: undefined },
    ],
    ['two codes', 'code=a&code=b&state=s', { kind: 'invalid', state: 's' }],
    ['two states', 'code=a&state=s&state=t', { kind: 'invalid', state: undefined }],
    ['no code', 'state=s', { kind: 'invalid', state: 's' }],
    ['an empty code', 'code=&state=s', { kind: 'invalid', state: 's' }],
    ['a huge query', `code=c&state=s&pad=${'x'.repeat(9000)}`, { kind: 'invalid', state: undefined }],
  ];
  for (const [name, query, expected] of callbacks) {
    it(`parses a callback with ${name}`, () => {
      const parsed = parseCallback(query) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(parsed[key], value, key);
      }
    });
  }

  it('leaves no needless % escapes in a redirect URI (TTS decodes it twice at /authorize)', () => {
    const cs =
      'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lpwan-tools.things-stack-manager&vscode-path=%2Fauth%2Fcallback';
    const clean = withoutNeedlessEscapes(cs);
    assert.equal(
      clean,
      'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lpwan-tools.things-stack-manager&vscode-path=/auth/callback',
    );
    assert.equal(new URL(clean).searchParams.get('vscode-path'), new URL(cs).searchParams.get('vscode-path'));
    assert.equal(
      withoutNeedlessEscapes('vscode://lpwan-tools.things-stack-manager/auth/callback'),
      'vscode://lpwan-tools.things-stack-manager/auth/callback',
    );
    assert.equal(
      withoutNeedlessEscapes('https://x.example/cb?q=a%26b'),
      'https://x.example/cb?q=a%26b',
      'a needed escape stays',
    );
  });

  it('explains authorize errors', () => {
    assert.match(describeAuthorizeError('access_denied'), /not authorized/);
    assert.match(
      describeAuthorizeError('invalid_client', 'error:pkg/oauth:client_not_approved (OAuth client was not approved)'),
      /\(OAuth client was not approved\).*approved by an admin/,
    );
    assert.match(describeAuthorizeError('server_error'), /refused the sign-in: server_error/);
  });
});

describe('oauth: which refresh failures end a session', () => {
  const fromTts = (status: number): unknown =>
    ttsErrorFrom(status, { code: 3, message: 'error:pkg/oauth:invalid_grant (invalid grant)' });

  it('ends it on a 4xx that TTS itself sent (invalid grant, token not found, bad request)', () => {
    for (const status of [400, 401, 403, 404]) {
      assert.equal(isPermanentGrantError(fromTts(status)), true, String(status));
    }
  });

  it('keeps it on 408, 429, 5xx, network errors and a 4xx page from a proxy in between', () => {
    for (const status of [408, 429, 500, 502, 503]) {
      assert.equal(isPermanentGrantError(fromTts(status)), false, String(status));
    }
    assert.equal(isPermanentGrantError(ttsErrorFrom(400, '<html><body>400 Bad Request (nginx)</body></html>')), false);
    assert.equal(isPermanentGrantError(ttsErrorFrom(403, undefined)), false);
    assert.equal(isPermanentGrantError(new NetworkError('offline')), false);
  });
});

import { strict as assert } from 'node:assert';
import {
  suggestId,
  validateId,
  validateRedirectUri,
  validateRedirectUris,
  redirectUriWarning,
  type EntityType,
} from '../../../src/tts/ids';

describe('ids: TTS identifier rules', () => {
  const cases: [string, EntityType, RegExp | undefined][] = [
    ['my-app', 'application', undefined],
    ['abc', 'application', undefined],
    ['a1b', 'client', undefined],
    ['mycompany-gateway-onboarding', 'client', undefined],
    ['a'.repeat(36), 'application', undefined],
    ['ab', 'user', undefined],
    ['ab', 'application', /at least 3 characters \(it has 2\)/],
    ['a', 'user', /at least 2 characters/],
    ['', 'client', /Client ID is required/],
    ['a'.repeat(37), 'client', /at most 36 characters \(it has 37\)/],
    ['My-App', 'application', /lower case: "my-app"/],
    ['MYAPP', 'application', /lower case: "myapp"/],
    ['My_App', 'application', /lower case: "my-app"\.$/], // a valid ID, not "my_app"
    ['My App!', 'application', /spaces; use hyphens, e.g. "my-app"\.$/],
    ['My.Sensor--Net_', 'application', /lower case: "my-sensor-net"\.$/],
    ['-app', 'application', /start or end with a hyphen/],
    ['app-', 'application', /start or end with a hyphen/],
    ['my--app', 'application', /two hyphens in a row/],
    ['my_app', 'application', /not _\), e.g. "my-app"\.$/],
    ['my--app', 'client', /two hyphens in a row, e.g. "my-app"\.$/],
    ['my.app', 'application', /not \./],
    ['my app', 'application', /cannot contain spaces; use hyphens, e.g. "my-app"/],
    ['аpp', 'application', /ASCII letters a–z.*U\+0430/], // Cyrillic а
    ['ｍyapp', 'application', /not the ASCII "m"/], // full-width m
    ['cli', 'client', /"cli" is reserved/],
    ['admin', 'user', /reserved/],
    ['ttn', 'organization', /reserved/],
    ['console', 'application', /reserved/],
    ['cli', 'device', undefined],
    ['123', 'gateway', undefined],
  ];
  for (const [id, type, expected] of cases) {
    it(`${type} "${id.length > 20 ? `${id.slice(0, 12)}…(${id.length})` : id}" → ${expected ? expected.source : 'ok'}`, () => {
      const problem = validateId(id, type);
      if (expected) {
        assert.match(problem ?? '(accepted)', expected);
      } else {
        assert.equal(problem, undefined);
      }
    });
  }
});

describe('ids: redirect URIs', () => {
  const cases: [string, RegExp | undefined][] = [
    ['https://example.com/callback', undefined],
    ['http://127.0.0.1/callback', undefined],
    ['vscode://lpwan-tools.things-stack-manager/auth/callback', undefined],
    ['code', undefined],
    ['local-callback', undefined],
    ['local-callback?port=12345', undefined],
    ['', /cannot be empty/],
    ['/callback', /not an absolute URI/],
    ['callback', /not an absolute URI/],
    ['javascript:alert(1)', /javascript: URIs cannot be used/],
    ['data:text/html,hi', /data: URIs cannot be used/],
    ['https://a.example/cb;https://b.example/cb', /cannot contain ";"/],
    [`https://example.com/${'x'.repeat(120)}`, /at most 128 characters \(this one has 140\)/],
    ['https://example.com/call back', /cannot contain spaces/],
    ['https://example.com/cb#frag', /fragment/],
    ['https:///cb', /not an absolute URI|no host/],
  ];
  for (const [uri, expected] of cases) {
    it(`"${uri.length > 40 ? `${uri.slice(0, 30)}…` : uri}" → ${expected ? expected.source : 'ok'}`, () => {
      const problem = validateRedirectUri(uri);
      if (expected) {
        assert.match(problem ?? '(accepted)', expected);
      } else {
        assert.equal(problem, undefined);
      }
    });
  }

  it('allows at most 10 URIs', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `https://example.com/cb${i}`);
    assert.equal(validateRedirectUris(ten), undefined);
    assert.match(validateRedirectUris([...ten, 'code']) ?? '', /At most 10 redirect URIs are allowed \(there are 11\)/);
  });

  it('refuses duplicates and reports the first invalid entry', () => {
    assert.match(validateRedirectUris(['code', 'code']) ?? '', /"code" is listed twice/);
    assert.match(validateRedirectUris(['code', 'javascript:x']) ?? '', /javascript:/);
  });

  it('warns on plain http to a public host but not on loopback', () => {
    assert.match(redirectUriWarning('http://example.com/cb') ?? '', /plain http on a public host/);
    assert.equal(redirectUriWarning('http://127.0.0.1/cb'), undefined);
    assert.equal(redirectUriWarning('http://localhost:8080/cb'), undefined);
    assert.equal(redirectUriWarning('https://example.com/cb'), undefined);
  });
});

describe('ids: suggested IDs', () => {
  it('suggests only valid IDs, close to what was typed', () => {
    const cases: [string, string | undefined][] = [
      ['My_App', 'my-app'],
      ['Acme Soil Sensors', 'acme-soil-sensors'],
      ['__x__y__', 'x-y'],
      ['Café', 'cafe'],
      ['CLI', undefined],
      ['A', undefined],
      ['my-app', undefined],
      [`${'A'.repeat(35)}_b`, 'a'.repeat(35)],
    ];
    for (const [typed, expected] of cases) {
      const suggestion = suggestId(typed, 'client');
      assert.equal(suggestion, expected, typed);
      assert.equal(suggestion && validateId(suggestion, 'client'), undefined, typed);
    }
  });
});

import { strict as assert } from 'node:assert';
import { Redactor } from '../../../src/util/redact';

describe('redact: log lines never carry secrets', () => {
  const r = new Redactor();
  r.add('my-client-secret-value');
  const cases: [string, string, string][] = [
    ['access token', 'token MFRWG.ABCDEF234.GHIJK567 used', 'MFRWG.ABCDEF234'],
    ['refresh token', 'OJSWM.AAA.BBB', 'OJSWM.AAA'],
    ['authorization code', 'code MF2XI.CC.DD', 'MF2XI.CC'],
    ['API key', 'key NNSXS.U4H3ZFF.SHIF3P', 'NNSXS.U4H3ZFF'],
    ['session token', 'ONZW4.X1.Y2', 'ONZW4.X1'],
    ['query parameters', 'GET /cb?code=abc123&state=xyz789', 'abc123'],
    ['state parameter', 'GET /cb?code=abc123&state=xyz789', 'xyz789'],
    ['JSON fields', '{"access_token":"tok-123","secret":"sss-456"}', 'tok-123'],
    ['JSON secret', '{"access_token":"tok-123","secret":"sss-456"}', 'sss-456'],
    ['Authorization header', 'Authorization: Bearer abc.def.ghi', 'abc.def.ghi'],
    ['Basic header', 'Authorization: Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['known secret', 'created with my-client-secret-value ok', 'my-client-secret-value'],
  ];
  for (const [name, line, secret] of cases) {
    it(`hides ${name}`, () => {
      const out = r.redact(line);
      assert.ok(!out.includes(secret), out);
    });
  }

  it('keeps the rest of the line readable', () => {
    assert.equal(r.redact('Refreshed session eu1/alice.'), 'Refreshed session eu1/alice.');
    assert.equal(r.redact('token MFRWG.AB.CD'), 'token MFRWG.***');
  });
});

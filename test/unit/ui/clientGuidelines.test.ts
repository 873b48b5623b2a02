// Every client guideline and validation rule, as tables.
import { strict as assert } from 'node:assert';
import {
  ID_FACT,
  PASSWORD_GRANT_REFUSAL,
  REFRESH_TOKEN_QUESTION,
  checkClientId,
  checkClientName,
  checkDescription,
  checkRedirectUri,
  checkRedirectUriList,
  looksOfficial,
  rightsAdvice,
} from '../../../src/ui/clientGuidelines';
import { checkUriListText, parseUris } from '../../../src/commands/clientPrompts';
import { checkApplicationId } from '../../../src/commands/applications';
import { parseExpiry } from '../../../src/commands/apiKeys';
import type { Right } from '../../../src/tts/rights';
import type { Severity } from '../../../src/ui/ui';

type Row = [input: string, severity: Severity | undefined, pattern?: RegExp];

function table(check: (value: string) => { severity: Severity; message: string } | undefined, rows: Row[]): void {
  for (const [input, severity, pattern] of rows) {
    it(`${JSON.stringify(input)} → ${severity ?? 'fine'}${pattern ? ` ${String(pattern)}` : ''}`, () => {
      const result = check(input);
      assert.equal(result?.severity, severity, JSON.stringify(result));
      if (pattern) {
        assert.match(result?.message ?? '', pattern);
      }
    });
  }
}

describe('client guidelines', () => {
  describe('client ID', () => {
    table(checkClientId, [
      ['', 'error', /required/],
      ['ab', 'error', /at least 3/],
      ['My-Client', 'error', /lower case/],
      ['my client', 'error', /spaces/],
      ['my_client', 'error', /hyphens/],
      ['-client', 'error', /start or end/],
      ['my--client', 'error', /two hyphens/],
      ['a'.repeat(37), 'error', /at most 36/],
      ['cli', 'error', /reserved/],
      ['ttn', 'error', /reserved/],
      ['dashboard', 'warning', /brand and the client's purpose, e\.g\. "mycompany-gateway-onboarding"/],
      ['my-app', 'warning', /says neither who runs it nor what it is for/],
      ['test-client', 'warning', /brand/],
      ['ttn-mapper-login', 'warning', /official The Things Network/],
      ['thethingsnetwork-console', 'warning', /official/],
      ['the-things-stack-helper', 'warning', /official/],
      ['acme-tti-bridge', 'warning', /official/],
      ['acme-gateway-onboarding', 'info', /cannot be changed later, and cannot be reused/],
      ['mycompany-gateway-onboarding', 'info'],
    ]);
    it('states that the ID cannot be changed or reused, also when warning about it', () => {
      assert.match(checkClientId('dashboard').message, /cannot be reused/);
      assert.equal(checkClientId('acme-fleet-monitor').message, ID_FACT);
    });
  });

  describe('official look-alikes', () => {
    for (const [text, official] of [
      ['The Things Network Login', true],
      ['TTN mapper', true],
      ['The Things Stack CLI', true],
      ['TheThingsIndustries', true],
      ['things-network-bridge', true],
      ['lorawan-stack tools', true],
      ['ACME sensors', false],
      ['nettings', false],
      ['Stacks of things', false],
    ] as const) {
      it(`${text} → ${official}`, () => assert.equal(looksOfficial(text), official));
    }
  });

  describe('name', () => {
    table(checkClientName, [
      ['', 'warning', /users see it/],
      ['x'.repeat(51), 'error', /at most 50/],
      ['The Things Network Dashboard', 'warning', /official/],
      ['ACME Gateway Onboarding', undefined],
    ]);
  });

  describe('description', () => {
    table(checkDescription, [
      ['', 'warning', /what the client does/],
      ['x'.repeat(2001), 'error', /at most 2000/],
      ['Onboards ACME gateways.', undefined],
    ]);
  });

  describe('redirect URIs', () => {
    table(
      (v) => checkRedirectUri(v, ['https://a.example.com/cb']),
      [
        ['https://app.example.com/callback', undefined],
        ['http://127.0.0.1/callback', undefined],
        ['code', undefined],
        ['local-callback', undefined],
        ['http://app.example.com/callback', 'warning', /plain http/],
        ['https://a.example.com/cb', 'error', /already in the list/],
        ['not a uri', 'error'],
        ['/relative', 'error', /absolute/],
        ['https://x.example.com/cb#frag', 'error', /fragment/],
        ['javascript:alert(1)', 'error'],
        [`https://example.com/${'x'.repeat(130)}`, 'error', /at most 128/],
      ],
    );
    it('refuses an eleventh URI', () => {
      const ten = Array.from({ length: 10 }, (_, i) => `https://e${i}.example.com/cb`);
      assert.match(checkRedirectUri('https://x.example.com/cb', ten)?.message ?? '', /At most 10/);
    });
    it('needs at least one redirect URI, but no logout URI', () => {
      assert.match(checkRedirectUriList([], true)?.message ?? '', /at least one redirect URI/);
      assert.equal(checkRedirectUriList([], false), undefined);
    });
    table(
      (v) => checkUriListText(v, true),
      [
        ['', 'error', /at least one/],
        ['https://a.example.com/cb https://b.example.com/cb', undefined],
        ['https://a.example.com/cb, http://b.example.com/cb', 'warning', /plain http/],
        ['https://a.example.com/cb https://a.example.com/cb', 'error', /already in the list/],
        ['https://a.example.com/cb bad', 'error'],
      ],
    );
    it('splits on spaces and commas', () => assert.deepEqual(parseUris(' a, b  c,'), ['a', 'b', 'c']));
  });

  describe('rights against the description', () => {
    const cases: [Right[], string, RegExp[]][] = [
      [['RIGHT_ALL'], 'Manages everything for ACME.', [/RIGHT_ALL grants every current and future right/]],
      [
        ['RIGHT_APPLICATION_ALL'],
        'Manages ACME applications and devices.',
        [/RIGHT_APPLICATION_ALL grants every current and future application right \(\d+ today, including delete\)/],
      ],
      [
        ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_APPLICATION_TRAFFIC_READ'],
        'Shows uplink data of your applications on a dashboard.',
        [],
      ],
      [
        ['RIGHT_USER_INFO', 'RIGHT_GATEWAY_INFO'],
        'Shows uplink data of your applications.',
        [/gateway rights, but the description does not mention gateways/],
      ],
      [
        ['RIGHT_USER_INFO', 'RIGHT_APPLICATION_DEVICES_WRITE'],
        'Shows your device data.',
        [/only speaks of reading, but these rights allow changes: RIGHT_APPLICATION_DEVICES_WRITE/],
      ],
      [['RIGHT_USER_INFO', 'RIGHT_APPLICATION_DEVICES_WRITE'], 'Registers your devices.', []],
      [['RIGHT_USER_DELETE'], 'Deletes accounts on request.', [/delete the user's account/]],
      [['RIGHT_USER_INFO'], '', [/no description/]],
    ];
    for (const [rights, description, patterns] of cases) {
      it(`${rights.join('+')} for "${description}"`, () => {
        const advice = rightsAdvice(rights, description);
        assert.equal(advice.length, patterns.length, JSON.stringify(advice));
        patterns.forEach((p, i) => assert.match(advice[i].message, p));
        assert.ok(advice.every((a) => a.severity === 'warning'));
      });
    }
  });

  describe('grants', () => {
    it('explains why the password grant is refused', () =>
      assert.match(PASSWORD_GRANT_REFUSAL, /password.*authorization code grant/s));
    it('asks whether non-interactive access is really needed', () =>
      assert.match(REFRESH_TOKEN_QUESTION, /really need non-interactive access/));
  });

  describe('application ID', () => {
    table(checkApplicationId, [
      ['', 'error'],
      ['acme-fleet', 'info', /cannot be changed later/],
      ['apps', 'error', /reserved/],
    ]);
  });

  describe('API key expiry', () => {
    const now = Date.UTC(2030, 0, 15);
    it('takes a future date as the end of that day (UTC)', () =>
      assert.deepEqual(parseExpiry('2030-02-01', now), { iso: '2030-02-01T23:59:59Z' }));
    it('refuses a past date', () =>
      assert.deepEqual(parseExpiry('2030-01-14', now), { error: 'The expiry date must be in the future.' }));
    it('refuses nonsense', () => {
      for (const text of ['tomorrow', '2030-02-30', '2030-13-01', '30-01-2031']) {
        assert.ok('error' in parseExpiry(text, now), text);
      }
    });
  });
});

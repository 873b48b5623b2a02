// The bad-input catalogue (issue 8), what the user pastes to sign in: API keys and authorization codes. Each row is
// an input and the exact outcome the user sees; signInInput.suite.ts runs every row. Messages are written out in
// full on purpose: a vaguer or changed wording must fail here and be looked at.

/** A pasted API key, through the API-key sign-in. `message` undefined: the attempt is abandoned silently. */
export interface ApiKeyCase {
  name: string;
  input: string;
  message?: string;
}

const B32 = (n: number, c = 'A'): string => c.repeat(n);
export const GOOD_LOOKING_KEY = `NNSXS.${B32(39)}.${B32(52, 'B')}`;
const DAMAGED =
  'This API key looks damaged: after NNSXS. it may only have the capital letters A–Z, the digits 2–7 and one dot.';
const LENGTH = (n: number): string =>
  `This API key looks incomplete or damaged: a key has 98 characters (this one has ${n}).`;
const OAUTH_TOKEN = 'This is an OAuth token, not an API key. API keys start with NNSXS.';
const V2_KEY =
  'This is a The Things Network v2 access key (ttn-account-v2.…); v2 was shut down. Create an API key in the v3 Console: it starts with NNSXS.';
const NOT_BARE = 'Paste only the key (NNSXS.…), without "Bearer" or "Authorization:" in front.';

/** Enters: checkApiKey (the input box's validator), then signIn with the API-key flow. */
export const API_KEY_CASES: ApiKeyCase[] = [
  { name: 'nothing', input: '' },
  { name: 'only spaces', input: '   \n' },
  {
    name: 'a wrong prefix',
    input: `ABCDE.${B32(39)}.${B32(52)}`,
    message: 'API keys of The Things Stack start with NNSXS.',
  },
  {
    name: 'a lower-case prefix',
    input: GOOD_LOOKING_KEY.replace('NNSXS', 'nnsxs'),
    message: 'API keys of The Things Stack start with NNSXS.',
  },
  { name: 'the prefix alone', input: 'NNSXS', message: LENGTH(5) },
  { name: 'the prefix and a dot', input: 'NNSXS.', message: LENGTH(6) },
  { name: 'one character short', input: GOOD_LOOKING_KEY.slice(0, -1), message: LENGTH(97) },
  { name: 'cut in half', input: GOOD_LOOKING_KEY.slice(0, 49), message: LENGTH(49) },
  { name: 'the ID part only', input: `NNSXS.${B32(39)}`, message: LENGTH(45) },
  { name: 'one character more', input: `${GOOD_LOOKING_KEY}C`, message: LENGTH(99) },
  { name: 'lower-case letters', input: `NNSXS.${B32(39, 'a')}.${B32(52, 'b')}`, message: DAMAGED },
  { name: 'digits outside base32', input: `NNSXS.${B32(39, '0')}.${B32(52, '9')}`, message: DAMAGED },
  { name: 'no dot between ID and secret', input: `NNSXS.${B32(39)}B${B32(52, 'B')}`, message: DAMAGED },
  { name: 'a v2 access key', input: 'ttn-account-v2.Ek7mPzQm5Rj3uR2QXPA3Kx9ZbWvT7nMdPq2wGb8s1yU', message: V2_KEY },
  { name: 'a v2 key with spaces around', input: '  ttn-account-v2.abcdef  ', message: V2_KEY },
  { name: 'an OAuth access token', input: `MFRWG.${B32(39)}.${B32(52)}`, message: OAUTH_TOKEN },
  { name: 'a refresh token', input: `OJSWM.${B32(39)}.${B32(52)}`, message: OAUTH_TOKEN },
  { name: 'an authorization code', input: `MF2XI.${B32(39)}.${B32(52)}`, message: OAUTH_TOKEN },
  { name: 'a Bearer header value', input: `Bearer ${GOOD_LOOKING_KEY}`, message: NOT_BARE },
  { name: 'a whole Authorization header', input: `Authorization: Bearer ${GOOD_LOOKING_KEY}`, message: NOT_BARE },
  { name: 'the key in quotes', input: `"${GOOD_LOOKING_KEY}"`, message: 'Paste the key without the quotes around it.' },
  {
    name: 'a line break inside',
    input: `${GOOD_LOOKING_KEY.slice(0, 50)}\n${GOOD_LOOKING_KEY.slice(50)}`,
    message: 'This API key has spaces or line breaks inside; copy it again as one line.',
  },
  {
    name: 'a space inside',
    input: `${GOOD_LOOKING_KEY.slice(0, 50)} ${GOOD_LOOKING_KEY.slice(50)}`,
    message: 'This API key has spaces or line breaks inside; copy it again as one line.',
  },
  {
    name: 'a zero-width space inside',
    input: `${GOOD_LOOKING_KEY.slice(0, 50)}\u200b${GOOD_LOOKING_KEY.slice(50)}`,
    message:
      'This API key looks damaged: it contains an invisible character (U+200B); delete it and type the text again.',
  },
  {
    name: 'a Cyrillic look-alike inside',
    input: GOOD_LOOKING_KEY.replace('AAAA', 'AA\u0410A'),
    message: 'This API key looks damaged: "\u0410" (U+0410) is a Cyrillic letter.',
  },
];

/** A code pasted into "paste the code" sign-in (redirect_uri=code). */
export interface CodeCase {
  name: string;
  input: string;
  message?: string;
}

const CODE_SHAPE = 'An authorization code starts with MF2XI. — copy it whole from the page.';
/** Enters: checkAuthCode (the input box's validator), then signIn with the paste-the-code flow. */
export const CODE_CASES: CodeCase[] = [
  { name: 'nothing', input: '' },
  { name: 'a word', input: 'abc', message: CODE_SHAPE },
  { name: 'the prefix only', input: 'MF2XI.', message: CODE_SHAPE },
  { name: 'an access token', input: 'MFRWG.AAAA.BBBB', message: CODE_SHAPE },
  {
    name: 'the whole callback URL',
    input: 'vscode://lpwan-tools.things-stack-manager/auth/callback?code=MF2XI.AAAA.BBBB&state=x',
    message: CODE_SHAPE,
  },
  { name: 'lower-case base32', input: 'MF2XI.aaaa.bbbb', message: CODE_SHAPE },
];

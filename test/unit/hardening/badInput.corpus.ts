// The bad-input catalogue (issue 8): one table per family. Each row is an input and the exact outcome the user
// sees; badInput.test.ts runs every row through the entry point named in its family's `enters`. Messages are
// written out in full on purpose: a vaguer or changed wording must fail here and be looked at.
import type { MalformedKind } from '../../support/ttsServer/knobs';

/** `{ID}` stands for the noun of the prompt: "Application ID", "Client ID", "User ID". */
export interface IdCase {
  input: string;
  message: string;
  /** Default: both create commands (application and OAuth client). */
  only?: 'application' | 'client' | 'user';
  /** A warning is shown but the ID can be accepted. */
  severity?: 'warning';
}

const CYRILLIC_A = '\u0430';
const ASCII_ONLY = '{ID} may only use the ASCII letters a–z, digits and hyphens:';
const OFFICIAL =
  'This ID looks like an official The Things Network / The Things Industries one; users and reviewing admins may ' +
  'take it for theirs and it may be refused. Use your own brand.';
const GENERIC = (id: string): string =>
  `Give the ID your brand and the client's purpose, e.g. "mycompany-gateway-onboarding": "${id}" ` +
  'says neither who runs it nor what it is for. The ID cannot be changed later, and cannot be reused by anyone after the client is deleted.';

/** Enters: checkApplicationId / checkClientId / validateId (the prompts' validators), then createApplication,
 * createClient or addCollaborator with the ID typed into the prompt. */
export const ID_CASES: IdCase[] = [
  { input: '', message: '{ID} is required.' },
  { input: '   ', message: '{ID} is required.' },
  { input: 'a', message: '{ID} must be at least 3 characters (it has 1).' },
  { input: 'ab', message: '{ID} must be at least 3 characters (it has 2).' },
  { input: 'a'.repeat(37), message: '{ID} must be at most 36 characters (it has 37).' },
  { input: `acme-${'x'.repeat(95)}`, message: '{ID} must be at most 36 characters (it has 100).' },
  { input: 'Soil', message: '{ID} must be lower case: "soil".' },
  { input: 'My_App', message: '{ID} must be lower case: "my-app".' }, // a valid ID, not "my_app" (issue 12)
  { input: 'SOIL-SENSORS', message: '{ID} must be lower case: "soil-sensors".' },
  { input: 'acme-Soil-2', message: '{ID} must be lower case: "acme-soil-2".' },
  { input: '-soil', message: '{ID} cannot start or end with a hyphen, e.g. "soil".' },
  { input: 'soil-', message: '{ID} cannot start or end with a hyphen, e.g. "soil".' },
  { input: '---', message: '{ID} cannot start or end with a hyphen.' },
  { input: 'soil--sensors', message: '{ID} cannot contain two hyphens in a row, e.g. "soil-sensors".' },
  {
    input: 'soil_sensors',
    message: '{ID} may only contain lower-case letters, digits and hyphens (not _), e.g. "soil-sensors".',
  },
  {
    input: 'soil.sensors',
    message: '{ID} may only contain lower-case letters, digits and hyphens (not .), e.g. "soil-sensors".',
  },
  {
    input: 'acme/app',
    message: '{ID} may only contain lower-case letters, digits and hyphens (not /), e.g. "acme-app".',
  },
  {
    input: 'soil@home!',
    message: '{ID} may only contain lower-case letters, digits and hyphens (not @ !), e.g. "soil-home".',
  },
  {
    input: 'soil%20x',
    message: '{ID} may only contain lower-case letters, digits and hyphens (not %), e.g. "soil-20x".',
  },
  { input: 'soil sensors', message: '{ID} cannot contain spaces; use hyphens, e.g. "soil-sensors".' },
  { input: 'My Soil', message: '{ID} cannot contain spaces; use hyphens, e.g. "my-soil".' },
  { input: 'soil\tsensors', message: '{ID} cannot contain spaces; use hyphens, e.g. "soil-sensors".' },
  { input: 'soil\nsensors', message: '{ID} cannot contain spaces; use hyphens, e.g. "soil-sensors".' },
  { input: 'soil\u00a0sensors', message: '{ID} cannot contain spaces; use hyphens, e.g. "soil-sensors".' },
  // Unicode look-alikes: they pass a glance but not the server.
  { input: `${CYRILLIC_A}cme-app`, message: `${ASCII_ONLY} "${CYRILLIC_A}" (U+0430) is a Cyrillic letter.` },
  { input: 's\u0435nsors', message: `${ASCII_ONLY} "\u0435" (U+0435) is a Cyrillic letter.` },
  { input: 'm\u03bfnitor', message: `${ASCII_ONLY} "\u03bf" (U+03BF) is a Greek letter.` },
  { input: 'app-\uff11', message: `${ASCII_ONLY} "\uff11" (U+FF11) is not the ASCII "1".` },
  { input: '\uff41\uff50\uff50', message: `${ASCII_ONLY} "\uff41" (U+FF41) is not the ASCII "a".` },
  { input: '\u{1d41a}pp-one', message: `${ASCII_ONLY} "\u{1d41a}" (U+1D41A) is not the ASCII "a".` },
  { input: 'caf\u00e9-app', message: `${ASCII_ONLY} "\u00e9" (U+00E9) is not the ASCII "e".` },
  { input: 'cafe\u0301-app', message: `${ASCII_ONLY} it contains a combining accent (U+0301).` },
  { input: 'l\u0131ght', message: `${ASCII_ONLY} "\u0131" (U+0131) is not ASCII.` },
  { input: 'rocket-\u{1f680}', message: `${ASCII_ONLY} "\u{1f680}" (U+1F680) is not ASCII.` },
  {
    input: 'soil\u200bsensors',
    message: `${ASCII_ONLY} it contains an invisible character (U+200B); delete it and type the text again.`,
  },
  {
    input: 'soil\u200dsensors',
    message: `${ASCII_ONLY} it contains an invisible character (U+200D); delete it and type the text again.`,
  },
  {
    input: 'soil\u00adsensors',
    message: `${ASCII_ONLY} it contains an invisible character (U+00AD); delete it and type the text again.`,
  },
  {
    input: 'so\ufeffil',
    message: `${ASCII_ONLY} it contains an invisible character (U+FEFF); delete it and type the text again.`,
  },
  {
    input: 'soil\u0007x',
    message: `${ASCII_ONLY} it contains an invisible character (U+0007); delete it and type the text again.`,
  },
  // Reserved by the server's blocklist (forbidden_id).
  { input: 'admin', message: '"admin" is reserved by The Things Stack; choose another {ID}.' },
  { input: 'cli', message: '"cli" is reserved by The Things Stack; choose another {ID}.' },
  { input: 'console', message: '"console" is reserved by The Things Stack; choose another {ID}.' },
  { input: 'oauth', message: '"oauth" is reserved by The Things Stack; choose another {ID}.' },
  { input: 'ttn', message: '"ttn" is reserved by The Things Stack; choose another {ID}.' },
  {
    input: 'the-things-network',
    message: '"the-things-network" is reserved by The Things Stack; choose another {ID}.',
  },
  { input: 'local-callback', message: '"local-callback" is reserved by The Things Stack; choose another {ID}.' },
  // Client IDs the guidelines warn about (accepted after reading the warning).
  { input: 'ttn-dashboard', message: OFFICIAL, only: 'client', severity: 'warning' },
  { input: 'thethings-monitor', message: OFFICIAL, only: 'client', severity: 'warning' },
  { input: 'dashboard', message: GENERIC('dashboard'), only: 'client', severity: 'warning' },
  { input: 'my-test-app', message: GENERIC('my-test-app'), only: 'client', severity: 'warning' },
  // A collaborator's user ID (it names an existing user, so reserved words such as `admin` are fine there).
  { input: 'b', message: '{ID} must be at least 2 characters (it has 1).', only: 'user' },
  { input: 'Bob', message: '{ID} must be lower case: "bob".', only: 'user' },
  { input: 'b\u043eb', message: `${ASCII_ONLY} "\u043e" (U+043E) is a Cyrillic letter.`, only: 'user' },
  { input: 'bob smith', message: '{ID} cannot contain spaces; use hyphens, e.g. "bob-smith".', only: 'user' },
];

export interface UriCase {
  input: string;
  message: string;
  /** `single`: "Add Redirect URI" on an existing client; `list`: the create wizard's box (space separated). */
  box: 'single' | 'list';
  severity?: 'warning';
  /** The client to add to (default alice-dashboard, which has `http://127.0.0.1/callback`). */
  client?: string;
}

const NOT_ABSOLUTE = (uri: string): string =>
  `"${uri}" is not an absolute URI; use e.g. "https://example.com/callback", or "code" / "local-callback".`;
const LONG_URI = `https://example.com/${'a'.repeat(109)}`;
export const TEN_URIS = Array.from({ length: 10 }, (_, i) => `https://app${i}.example.com/callback`);

/** Enters: checkRedirectUri / checkUriListText, then addRedirectUri (`single`) or createClient's URI box (`list`). */
export const URI_CASES: UriCase[] = [
  { box: 'single', input: '', message: 'A redirect URI cannot be empty.' },
  { box: 'single', input: '   ', message: 'A redirect URI cannot be empty.' },
  { box: 'single', input: 'callback', message: NOT_ABSOLUTE('callback') },
  { box: 'single', input: '/oauth/callback', message: NOT_ABSOLUTE('/oauth/callback') },
  { box: 'single', input: '../callback', message: NOT_ABSOLUTE('../callback') },
  { box: 'single', input: 'local-callback?port=abc', message: NOT_ABSOLUTE('local-callback?port=abc') },
  {
    box: 'single',
    input: 'local-callback?port=99999',
    message: '"local-callback?port=99999" has an invalid port; use 1–65535.',
  },
  {
    box: 'single',
    input: 'local-callback?port=0',
    message: '"local-callback?port=0" has an invalid port; use 1–65535.',
  },
  { box: 'single', input: 'javascript:alert(1)', message: 'javascript: URIs cannot be used as redirect URIs.' },
  {
    box: 'single',
    input: 'JavaScript:alert(document.cookie)',
    message: 'javascript: URIs cannot be used as redirect URIs.',
  },
  {
    box: 'single',
    input: 'data:text/html,<script>alert(1)</script>',
    message: 'data: URIs cannot be used as redirect URIs.',
  },
  { box: 'single', input: 'vbscript:msgbox(1)', message: 'vbscript: URIs cannot be used as redirect URIs.' },
  { box: 'single', input: 'file:///etc/passwd', message: 'file: URIs cannot be used as redirect URIs.' },
  {
    box: 'single',
    input: 'https://a.example.com/cb;https://b.example.com/cb',
    message: 'A redirect URI cannot contain ";" — The Things Stack uses it to separate URIs.',
  },
  { box: 'single', input: LONG_URI, message: 'A redirect URI can be at most 128 characters (this one has 129).' },
  {
    box: 'single',
    input: `https://example.com/${'b'.repeat(500)}`,
    message: 'A redirect URI can be at most 128 characters (this one has 520).',
  },
  { box: 'single', input: 'https://example.com/my callback', message: 'A redirect URI cannot contain spaces.' },
  { box: 'single', input: 'https://example.com/cb\tnext', message: 'A redirect URI cannot contain spaces.' },
  { box: 'single', input: 'https://example.com/cb#section', message: 'A redirect URI cannot have a fragment (#…).' },
  { box: 'single', input: 'https://example.com/cb#', message: 'A redirect URI cannot have a fragment (#…).' },
  { box: 'single', input: 'http://', message: '"http://" has no host.' },
  { box: 'single', input: 'https:///callback', message: '"https:///callback" has no host.' },
  {
    box: 'single',
    input: 'https://example.com:99999/cb',
    message: '"https://example.com:99999/cb" is not a valid URI: check its host and port.',
  },
  {
    box: 'single',
    input: 'https://[::1/cb',
    message: '"https://[::1/cb" is not a valid URI: check its host and port.',
  },
  { box: 'single', input: 'https:\\\\example.com\\cb', message: 'A redirect URI cannot contain "\\"; use "/".' },
  {
    box: 'single',
    input: `https://ex${CYRILLIC_A}mple.com/cb`,
    message: `A redirect URI must be plain ASCII: "${CYRILLIC_A}" (U+0430) is a Cyrillic letter.`,
  },
  {
    box: 'single',
    input: 'https://example.com/cb\u200b',
    message:
      'A redirect URI must be plain ASCII: it contains an invisible character (U+200B); delete it and type the text again.',
  },
  {
    box: 'single',
    input: 'https://user:secret@example.com/cb',
    message: 'A redirect URI cannot contain a user name or password.',
  },
  {
    box: 'single',
    input: 'localhost:8080/callback',
    message: '"localhost:8080/callback" has no scheme; did you mean http://localhost:8080/callback?',
  },
  {
    box: 'single',
    input: 'example.com:443/cb',
    message: '"example.com:443/cb" has no scheme; did you mean https://example.com:443/cb?',
  },
  {
    box: 'single',
    input: 'https:example.com/cb',
    message: '"https:example.com/cb" needs "//" after the scheme, e.g. "https://example.com/callback".',
  },
  { box: 'single', input: 'http://127.0.0.1/callback', message: '"http://127.0.0.1/callback" is already in the list.' },
  {
    box: 'single',
    input: 'https://eleven.example.com/cb',
    message: 'At most 10 URIs are allowed.',
    client: 'alice-ten-uris',
  },
  // The create wizard's box: several URIs separated by spaces or commas.
  {
    box: 'list',
    input: '',
    message: 'Add at least one redirect URI: The Things Stack only sends authorization codes to registered URIs.',
  },
  {
    box: 'list',
    input: [...TEN_URIS, 'https://app10.example.com/callback'].join(' '),
    message: 'At most 10 URIs are allowed.',
  },
  {
    box: 'list',
    input: 'https://a.example.com/cb https://a.example.com/cb',
    message: '"https://a.example.com/cb" is already in the list.',
  },
  {
    box: 'list',
    input: 'https://a.example.com/cb,javascript:alert(1)',
    message: 'javascript: URIs cannot be used as redirect URIs.',
  },
  {
    box: 'list',
    input: 'https://a.example.com/cb https://a.example.com/my callback',
    message: NOT_ABSOLUTE('callback'),
  },
  {
    box: 'list',
    input: 'code local-callback?port=70000',
    message: '"local-callback?port=70000" has an invalid port; use 1–65535.',
  },
  // Accepted, with advice the user reads first.
  {
    box: 'list',
    severity: 'warning',
    input: 'http://example.com/cb',
    message:
      '"http://example.com/cb" uses plain http on a public host; the authorization code could be read on the way. Use https.',
  },
  {
    box: 'list',
    severity: 'warning',
    input: 'http://192.168.1.10/cb',
    message:
      '"http://192.168.1.10/cb" uses plain http on a public host; the authorization code could be read on the way. Use https.',
  },
  {
    box: 'list',
    severity: 'warning',
    input: 'https://example.com/cb?next=%2Fhome',
    message:
      '"https://example.com/cb?next=%2Fhome" contains "%" or "+": The Things Stack decodes redirect URIs twice at sign-in, so the code exchange may not match. Avoid them if you can.',
  },
  {
    box: 'list',
    severity: 'warning',
    input: 'https://example.com/cb?a=1+2',
    message:
      '"https://example.com/cb?a=1+2" contains "%" or "+": The Things Stack decodes redirect URIs twice at sign-in, so the code exchange may not match. Avoid them if you can.',
  },
];

/**
 * `{state}` is the state of the attempt in progress; `{used}` of one whose callback already came; `{cancelled}` and
 * `{timedOut}` of attempts that ended without one. `second` starts another attempt beside the first.
 */
export interface CallbackCase {
  name: string;
  query: string;
  prepare?: ('used' | 'cancelled' | 'timedOut' | 'second')[];
  /** Refused: the message shown (notification, loopback page); the attempt in progress goes on. */
  refused?: string;
  /** An error redirect: the attempt in progress ends with this message. */
  ends?: string;
}

const NO_STATE = 'Ignored a sign-in callback without a state: it was not started by this window.';
const UNKNOWN_STATE = 'Ignored a sign-in callback with an unknown state: it does not belong to a sign-in started here.';
const ACCESS_DENIED = 'Sign-in was cancelled on The Things Stack: access was not authorized.';

/** Enters: PendingAttempts.deliver (what the URI handler calls with the URI's query), then the loopback server over HTTP. */
export const CALLBACK_CASES: CallbackCase[] = [
  { name: 'an empty query', query: '', refused: NO_STATE },
  { name: 'no state', query: 'code=MF2XI.AAAA.BBBB', refused: NO_STATE },
  { name: 'an empty state', query: 'code=MF2XI.AAAA.BBBB&state=', refused: NO_STATE },
  { name: 'a state of nobody', query: 'code=MF2XI.AAAA.BBBB&state=not-mine', refused: UNKNOWN_STATE },
  { name: 'the state with one character more', query: 'code=MF2XI.AAAA.BBBB&state={state}x', refused: UNKNOWN_STATE },
  { name: 'the state padded with a space', query: 'code=MF2XI.AAAA.BBBB&state=%20{state}', refused: UNKNOWN_STATE },
  {
    name: 'a state already used',
    query: 'code=MF2XI.AAAA.BBBB&state={used}',
    prepare: ['used'],
    refused: 'Ignored a sign-in callback whose state was already used: a callback can only be used once.',
  },
  {
    name: 'the state of a cancelled attempt',
    query: 'code=MF2XI.AAAA.BBBB&state={cancelled}',
    prepare: ['cancelled'],
    refused: 'Ignored a sign-in callback for a sign-in that was cancelled or timed out. Start the sign-in again.',
  },
  {
    name: 'the state of a timed-out attempt',
    query: 'code=MF2XI.AAAA.BBBB&state={timedOut}',
    prepare: ['timedOut'],
    refused: 'Ignored a sign-in callback for a sign-in that was cancelled or timed out. Start the sign-in again.',
  },
  {
    name: 'two codes',
    query: 'code=MF2XI.A.B&code=MF2XI.C.D&state={state}',
    refused: 'The sign-in callback carried more than one code and was ignored.',
  },
  {
    name: 'two equal states',
    query: 'code=MF2XI.A.B&state={state}&state={state}',
    refused: 'The sign-in callback carried more than one state and was ignored.',
  },
  {
    name: 'the state and an empty one',
    query: 'code=MF2XI.A.B&state={state}&state=',
    refused: 'The sign-in callback carried more than one state and was ignored.',
  },
  { name: 'no code', query: 'state={state}', refused: 'The sign-in callback carried no authorization code.' },
  {
    name: 'an empty code',
    query: 'code=&state={state}',
    refused: 'The sign-in callback carried no authorization code.',
  },
  {
    name: 'a huge query',
    query: `code=MF2XI.A.B&state={state}&pad=${'x'.repeat(9000)}`,
    refused: 'The sign-in callback was too long and was ignored.',
  },
  { name: 'access denied with a state of nobody', query: 'error=access_denied&state=not-mine', refused: UNKNOWN_STATE },
  {
    name: 'an error without state while two attempts wait',
    query: 'error=access_denied',
    prepare: ['second'],
    refused: NO_STATE,
  },
  { name: 'error=access_denied', query: 'error=access_denied&state={state}', ends: ACCESS_DENIED },
  { name: 'error=access_denied without state', query: 'error=access_denied', ends: ACCESS_DENIED },
  {
    name: 'a code and an error together',
    query: 'code=MF2XI.A.B&error=access_denied&state={state}',
    ends: ACCESS_DENIED,
  },
  {
    name: 'an unapproved client (no state, as TTS sends it)',
    query:
      'error=invalid_client&error_description=error%3Apkg%2Foauth%3Aclient_not_approved+%28OAuth+client+was+not+approved%29',
    ends: 'The OAuth client cannot be used to sign in (OAuth client was not approved). A client created by a non-admin must be approved by an admin first.',
  },
  {
    name: 'a client without the grant',
    query: 'error=invalid_grant&state={state}',
    ends: 'The OAuth client does not allow the authorization code grant.',
  },
  {
    name: 'markup in error_description',
    query: 'error=server_error&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state={state}',
    ends: 'The Things Stack refused the sign-in: server_error (<script>alert(1)</script>).',
  },
];

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

/** Where a broken answer is met: the explorer tree, a command (error boundary), or a token refresh under a command. */
export type BodyEntry =
  | { tree: 'applications' | 'clients'; owner: string }
  | { tree: 'client'; client: string; property: 'state' | 'grants' | 'rights' }
  | { command: 'editApplication'; application: string }
  | { command: 'showJson'; client: string };

export interface BodyCase {
  name: string;
  enters: BodyEntry;
  /** A malformed-body knob of the TTS test server … */
  knob?: { kind: MalformedKind; method: string; path: string };
  /** … or an answer rewritten on its way to the client (what a newer or broken server would send). */
  rewrite?: { path: RegExp; status?: number; body: (original: unknown) => unknown };
  /** The stored session has expired, so the command first refreshes it at /oauth/token. */
  expired?: boolean;
  message: string;
}

const UNREADABLE = 'The Things Stack sent an answer the extension cannot read';
type Json = Record<string, unknown>;

/** Enters: per row (`enters`): the explorer model, or a command through the error boundary; `expired` adds a refresh. */
export const BODY_CASES: BodyCase[] = [
  {
    name: 'an HTML 502 page for a list',
    enters: { tree: 'applications', owner: 'user:alice' },
    knob: { kind: 'html', method: 'GET', path: '/users/alice/applications' },
    message: 'The Things Stack answered HTTP 502.',
  },
  {
    name: 'an HTML 502 page for a client',
    enters: { command: 'showJson', client: 'alice-dashboard' },
    knob: { kind: 'html', method: 'GET', path: '/clients/alice-dashboard' },
    message: 'The Things Stack answered HTTP 502.',
  },
  {
    name: 'an HTML 500 page',
    enters: { tree: 'clients', owner: 'user:alice' },
    rewrite: {
      path: /\/users\/alice\/clients$/,
      status: 500,
      body: () => '<!doctype html><title>Oops</title><h1>Internal error</h1>',
    },
    message: 'The Things Stack answered HTTP 500.',
  },
  {
    name: 'truncated JSON for a list',
    enters: { tree: 'applications', owner: 'user:alice' },
    knob: { kind: 'truncated', method: 'GET', path: '/users/alice/applications' },
    message: `${UNREADABLE} (HTTP 200): incomplete or invalid JSON.`,
  },
  {
    name: 'truncated JSON for an application',
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'truncated', method: 'GET', path: '/applications/alice-tracker' },
    message: `${UNREADABLE} (HTTP 200): incomplete or invalid JSON.`,
  },
  {
    name: 'an HTML page with status 200',
    enters: { command: 'editApplication', application: 'alice-tracker' },
    rewrite: { path: /\/applications\/alice-tracker$/, body: () => '<html><body>Maintenance</body></html>' },
    message: `${UNREADABLE} (HTTP 200): an HTML page instead of JSON.`,
  },
  {
    name: 'wrong types in a list (a number for an ID)',
    enters: { tree: 'applications', owner: 'user:alice' },
    knob: { kind: 'wrong-types', method: 'GET', path: '/users/alice/applications' },
    message: `${UNREADABLE} (HTTP 200): an application without a valid ID.`,
  },
  {
    name: 'wrong types in a client',
    enters: { command: 'showJson', client: 'alice-dashboard' },
    knob: { kind: 'wrong-types', method: 'GET', path: '/clients/alice-dashboard' },
    message: `${UNREADABLE} (HTTP 200): an OAuth client without a valid ID.`,
  },
  {
    name: 'wrong types in an empty list (an array)',
    enters: { tree: 'applications', owner: 'organization:empty-org' },
    knob: { kind: 'wrong-types', method: 'GET', path: '/organizations/empty-org/applications' },
    message: `${UNREADABLE} (HTTP 200): an array, not an object with "applications".`,
  },
  {
    name: 'a string where the list belongs',
    enters: { tree: 'clients', owner: 'user:alice' },
    rewrite: { path: /\/users\/alice\/clients$/, body: () => ({ clients: 'not-a-list' }) },
    message: `${UNREADABLE} (HTTP 200): "clients" as a string, not a list.`,
  },
  {
    name: 'an object where the list belongs',
    enters: { tree: 'applications', owner: 'user:alice' },
    rewrite: {
      path: /\/users\/alice\/applications$/,
      body: (b) => ({ applications: (b as { applications?: unknown[] }).applications?.[0] }),
    },
    message: `${UNREADABLE} (HTTP 200): "applications" as an object, not a list.`,
  },
  {
    name: 'an empty body for a client',
    enters: { command: 'showJson', client: 'alice-dashboard' },
    rewrite: { path: /\/clients\/alice-dashboard$/, body: () => '' },
    message: `${UNREADABLE} (HTTP 200): an OAuth client without a valid ID.`,
  },
  {
    name: '{} for an empty list of applications',
    enters: { tree: 'applications', owner: 'organization:empty-org' },
    message: 'No applications yet: create one',
  },
  {
    name: '{} for an empty list of clients',
    enters: { tree: 'clients', owner: 'organization:empty-org' },
    message: 'No OAuth clients yet: create one',
  },
  {
    name: 'an unknown client state',
    enters: { tree: 'client', client: 'alice-dashboard', property: 'state' },
    rewrite: { path: /\/clients\/alice-dashboard$/, body: (b) => ({ ...(b as Json), state: 'STATE_UNDER_REVIEW' }) },
    message: 'STATE_UNDER_REVIEW',
  },
  {
    name: 'an unknown grant',
    enters: { tree: 'client', client: 'alice-dashboard', property: 'grants' },
    rewrite: {
      path: /\/clients\/alice-dashboard$/,
      body: (b) => ({ ...(b as Json), grants: ['GRANT_AUTHORIZATION_CODE', 'GRANT_DEVICE_CODE'] }),
    },
    message: 'Authorization code, GRANT_DEVICE_CODE',
  },
  {
    name: 'an unknown right',
    enters: { tree: 'client', client: 'alice-dashboard', property: 'rights' },
    rewrite: {
      path: /\/clients\/alice-dashboard$/,
      body: (b) => ({ ...(b as Json), rights: ['RIGHT_USER_INFO', 'RIGHT_QUANTUM_ENTANGLE'] }),
    },
    message: 'RIGHT_USER_INFO',
  },
  {
    name: 'an error body of the wrong types',
    enters: { command: 'editApplication', application: 'alice-tracker' },
    rewrite: {
      path: /\/applications\/alice-tracker$/,
      status: 404,
      body: () => ({ code: 'five', message: 42, details: 'none' }),
    },
    message: 'The Things Stack answered HTTP 404.',
  },
  {
    name: 'a body over 10 MB for a list',
    enters: { tree: 'clients', owner: 'user:alice' },
    knob: { kind: 'huge', method: 'GET', path: '/users/alice/clients' },
    message: `${UNREADABLE} (HTTP 200): more than 8 MiB; the answer was not read.`,
  },
  {
    name: 'a body over 10 MB for an application',
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'huge', method: 'GET', path: '/applications/alice-tracker' },
    message: `${UNREADABLE} (HTTP 200): more than 8 MiB; the answer was not read.`,
  },
  // The same faults at the token endpoint, met while a command refreshes an expired session.
  {
    name: 'a token answer over 10 MB',
    expired: true,
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'huge', method: 'POST', path: '/oauth/token' },
    message: `${UNREADABLE} (HTTP 200): more than 8 MiB; the answer was not read.`,
  },
  {
    name: 'a truncated token answer',
    expired: true,
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'truncated', method: 'POST', path: '/oauth/token' },
    message: `${UNREADABLE} (HTTP 200): incomplete or invalid JSON.`,
  },
  {
    name: 'an HTML 502 page from the token endpoint',
    expired: true,
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'html', method: 'POST', path: '/oauth/token' },
    message: 'The Things Stack answered HTTP 502.',
  },
  {
    name: 'a token answer of the wrong types',
    expired: true,
    enters: { command: 'editApplication', application: 'alice-tracker' },
    knob: { kind: 'wrong-types', method: 'POST', path: '/oauth/token' },
    message: `${UNREADABLE} (HTTP 200): a token answer without an access token.`,
  },
];

export interface DeploymentCase {
  input: string;
  message: string;
}

const V2_HINT =
  'The Things Network v2 was shut down in 2021. Its accounts, `ttnctl` and `ttn-account-v2.` keys do not work with ' +
  'The Things Stack v3: sign in at your v3 cluster (e.g. https://eu1.cloud.thethings.network) and create an API key ' +
  '(NNSXS.…) or use the browser sign-in.';
const USE_HTTPS = (host: string): string =>
  `Use https for ${host}: plain http would send your tokens unencrypted. http is only allowed for localhost.`;

/** Enters: checkDeploymentUrl, the validator of the "Add Deployment" input box (the settings are written only when it passes). */
export const DEPLOYMENT_CASES: DeploymentCase[] = [
  {
    input: '',
    message: 'Enter the URL of your The Things Stack deployment, e.g. https://eu1.cloud.thethings.network.',
  },
  {
    input: '  \t',
    message: 'Enter the URL of your The Things Stack deployment, e.g. https://eu1.cloud.thethings.network.',
  },
  {
    input: 'eu1.cloud.thethings.network',
    message: '"eu1.cloud.thethings.network" has no scheme; did you mean https://eu1.cloud.thethings.network?',
  },
  {
    input: '//eu1.cloud.thethings.network',
    message: '"//eu1.cloud.thethings.network" has no scheme; did you mean https://eu1.cloud.thethings.network?',
  },
  { input: 'localhost:1885', message: '"localhost:1885" has no scheme; did you mean https://localhost:1885?' },
  { input: 'http://eu1.cloud.thethings.network', message: USE_HTTPS('eu1.cloud.thethings.network') },
  { input: 'http://lns.example.com:1885', message: USE_HTTPS('lns.example.com') },
  { input: 'http://192.168.1.20', message: USE_HTTPS('192.168.1.20') },
  { input: 'http://localhost.evil.example', message: USE_HTTPS('localhost.evil.example') },
  { input: 'https://console.thethingsnetwork.org', message: V2_HINT },
  { input: 'https://account.thethingsnetwork.org/users/login', message: V2_HINT },
  { input: 'https://router.eu.thethings.network', message: V2_HINT },
  { input: 'https://eu.thethings.network', message: V2_HINT },
  { input: 'https://discovery.thethings.network:8080', message: V2_HINT },
  { input: 'ttn-account-v2.abcdef', message: V2_HINT },
  { input: 'ttnctl', message: V2_HINT },
  { input: 'ftp://lns.example.com', message: '"ftp:" is not a web address; use https://.' },
  { input: 'javascript:alert(1)', message: '"javascript:" is not a web address; use https://.' },
  { input: 'mqtts://eu1.cloud.thethings.network:8883', message: '"mqtts:" is not a web address; use https://.' },
  {
    input: 'https:eu1.cloud.thethings.network',
    message:
      '"https:eu1.cloud.thethings.network" needs "//" after the scheme, e.g. https://eu1.cloud.thethings.network.',
  },
  { input: 'https://user:pw@lns.example.com', message: 'Do not put credentials in the deployment URL.' },
  {
    input: 'https://eu1.cloud.thethings.netw\u043erk',
    message: 'The URL must be plain ASCII: "\u043e" (U+043E) is a Cyrillic letter.',
  },
  {
    input: 'https://eu1.cloud.thethings.network\u200b',
    message:
      'The URL must be plain ASCII: it contains an invisible character (U+200B); delete it and type the text again.',
  },
  {
    input: 'https://lns.example.com:99999',
    message: '"https://lns.example.com:99999" is not a valid URL: check the host name and port.',
  },
  {
    input: 'https://exa mple.com',
    message: '"https://exa mple.com" is not a valid URL: check the host name and port.',
  },
  { input: 'https://', message: '"https://" is not a valid URL: check the host name and port.' },
];

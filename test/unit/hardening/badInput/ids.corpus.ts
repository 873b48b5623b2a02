// The bad-input catalogue (issue 8), IDs typed into the create prompts (application, OAuth client, collaborator).
// Each row is an input and the exact outcome the user sees; ids.suite.ts runs every row. Messages are written out
// in full on purpose: a vaguer or changed wording must fail here and be looked at.

/** `{ID}` stands for the noun of the prompt: "Application ID", "Client ID", "User ID". */
export interface IdCase {
  input: string;
  message: string;
  /** Default: both create commands (application and OAuth client). */
  only?: 'application' | 'client' | 'user';
  /** A warning is shown but the ID can be accepted. */
  severity?: 'warning';
}

/** Shared with the redirect URI rows. */
export const CYRILLIC_A = '\u0430';
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

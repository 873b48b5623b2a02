// The guidelines for a good OAuth client (the ones TTN Sandbox admins review against), as pure checks the create
// and edit inputs run on every keystroke. Errors block; warnings advise; info states a fact worth knowing.
import { REDIRECT_URIS_MAX, redirectUriWarning, validateId, validateRedirectUri } from '../tts/ids';
import { GROUP_LABELS, groupOf, isPseudoRight, rightsOfGroup, type Right, type RightGroup } from '../tts/rights';
import type { Validation } from './ui';

const error = (message: string): Validation => ({ severity: 'error', message });
const warning = (message: string): Validation => ({ severity: 'warning', message });
const info = (message: string): Validation => ({ severity: 'info', message });

export const NAME_MAX = 50;
export const DESCRIPTION_MAX = 2000;

/** Words that say nothing about who runs a client or what it is for. */
const GENERIC = new Set([
  'api',
  'app',
  'application',
  'auth',
  'client',
  'dashboard',
  'default',
  'demo',
  'dev',
  'example',
  'integration',
  'login',
  'mobile',
  'my',
  'new',
  'oauth',
  'portal',
  'sample',
  'service',
  'test',
  'tool',
  'web',
  'website',
]);
/** Tokens and spellings that make an ID or name look like an official The Things Network / Industries one. */
const OFFICIAL_TOKENS = new Set(['ttn', 'tti', 'tts', 'thethings', 'official', 'lorawan-stack']);
const OFFICIAL_SPELLINGS =
  /the[\s-]*things[\s-]*(network|stack|industries)|things[\s-]*(network|stack)|\b(ttn|tti|tts)\b|lorawan[\s-]*stack/i;

export const ID_FACT = 'The ID cannot be changed later, and cannot be reused by anyone after the client is deleted.';

/** The name or ID looks like one of The Things Network's / Industries' own. */
export function looksOfficial(text: string): boolean {
  const tokens = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return tokens.some((t) => OFFICIAL_TOKENS.has(t)) || OFFICIAL_SPELLINGS.test(text);
}

const OFFICIAL_WARNING = (what: string): string =>
  `${what} looks like an official The Things Network / The Things Industries one; users and reviewing admins may take it ` +
  'for theirs and it may be refused. Use your own brand.';

/** Client ID: the TTS rules (error), then brand + purpose and official look-alikes (warnings), then the fact. */
export function checkClientId(id: string): Validation {
  const problem = validateId(id, 'client');
  if (problem) {
    return error(problem);
  }
  if (looksOfficial(id)) {
    return warning(OFFICIAL_WARNING('This ID'));
  }
  const tokens = id.split('-');
  if (tokens.length === 1 || tokens.every((t) => GENERIC.has(t))) {
    return warning(
      `Give the ID your brand and the client's purpose, e.g. "mycompany-gateway-onboarding": "${id}" says neither who ` +
        `runs it nor what it is for. ${ID_FACT}`,
    );
  }
  return info(ID_FACT);
}

export function checkClientName(name: string): Validation | undefined {
  if (name.length > NAME_MAX) {
    return error(`The name can be at most ${NAME_MAX} characters (it has ${name.length}).`);
  }
  if (!name.trim()) {
    return warning('Give the client a name: users see it when they are asked to authorize it.');
  }
  if (looksOfficial(name)) {
    return warning(OFFICIAL_WARNING('This name'));
  }
  return undefined;
}

export function checkDescription(description: string): Validation | undefined {
  if (description.length > DESCRIPTION_MAX) {
    return error(`The description can be at most ${DESCRIPTION_MAX} characters (it has ${description.length}).`);
  }
  if (!description.trim()) {
    return warning(
      'Say what the client does and why it needs its rights: users read it before authorizing, admins review it.',
    );
  }
  return undefined;
}

/** Checks one URI being added to a list that already holds `existing`. */
export function checkRedirectUri(uri: string, existing: readonly string[]): Validation | undefined {
  const problem = validateRedirectUri(uri.trim());
  if (problem) {
    return error(problem);
  }
  if (existing.includes(uri.trim())) {
    return error(`"${uri.trim()}" is already in the list.`);
  }
  if (existing.length >= REDIRECT_URIS_MAX) {
    return error(`At most ${REDIRECT_URIS_MAX} URIs are allowed.`);
  }
  const advice = redirectUriWarning(uri.trim());
  return advice ? warning(advice) : undefined;
}

/** A redirect-URI list as a whole: the client needs at least one (logout URIs may be empty). */
export function checkRedirectUriList(uris: readonly string[], required: boolean): Validation | undefined {
  if (required && uris.length === 0) {
    return error('Add at least one redirect URI: The Things Stack only sends authorization codes to registered URIs.');
  }
  if (uris.length > REDIRECT_URIS_MAX) {
    return error(`At most ${REDIRECT_URIS_MAX} URIs are allowed (there are ${uris.length}).`);
  }
  return undefined;
}

export const PASSWORD_GRANT_REFUSAL =
  'The password grant is not offered: it has users type their The Things Stack password into your application, which ' +
  'then holds it and can do anything they can. Use the authorization code grant, where users sign in on The Things ' +
  'Stack itself and authorize only the rights the client asks for.';

export const REFRESH_TOKEN_QUESTION =
  'Does this client really need non-interactive access? With a refresh token it keeps access until the user revokes it, ' +
  'long after they have left; without one, users sign in again when the one-hour access token expires.';

/** Words in a description that mean the client changes things rather than only reading them. */
const CHANGES =
  /\b(manag|creat|edit|writ|provision|configur|regist|admin|delet|updat|control|send|downlink|onboard|set ?up)/i;
const ENTITY_WORDS: Partial<Record<RightGroup, RegExp>> = {
  application: /\b(app|application|device|sensor|node|uplink|downlink|payload|traffic|data|integration)/i,
  gateway: /\b(gateway|gw|station|coverage|network)/i,
  organization: /\b(organi[sz]ation|org|team|compan|member)/i,
  client: /\b(client|oauth)/i,
};

function changesSomething(right: Right): boolean {
  return (
    isPseudoRight(right) ||
    /_(WRITE|CREATE|DELETE|SETTINGS|LINK|WRITE_KEYS|READ_KEYS|READ_SECRETS|WRITE_SECRETS)|INVITES/.test(right)
  );
}

/** Advice on rights against the description: "all" rights, rights for things it does not mention, writes for a reader. */
export function rightsAdvice(rights: readonly Right[], description: string): Validation[] {
  const out: Validation[] = [];
  if (rights.includes('RIGHT_ALL')) {
    out.push(
      warning(
        'RIGHT_ALL grants every current and future right on everything the user can reach. Pick only what the client needs.',
      ),
    );
  }
  for (const right of rights.filter((r) => isPseudoRight(r) && r !== 'RIGHT_ALL')) {
    const group = groupOf(right);
    out.push(
      warning(
        `${right} grants every current and future ${GROUP_LABELS[group].toLowerCase()} right (${rightsOfGroup(group).length} today, including delete). Pick only what the client needs.`,
      ),
    );
  }
  if (rights.includes('RIGHT_USER_DELETE')) {
    out.push(warning("RIGHT_USER_DELETE lets the client delete the user's account."));
  }
  if (!description.trim()) {
    out.push(warning('There is no description, so nobody can judge whether these rights are proportionate. Add one.'));
    return out;
  }
  const groups = [...new Set(rights.filter((r) => r !== 'RIGHT_ALL').map(groupOf))];
  for (const group of groups) {
    const words = ENTITY_WORDS[group];
    if (words && !words.test(description)) {
      out.push(
        warning(
          `The rights include ${GROUP_LABELS[group].toLowerCase()} rights, but the description does not mention ${GROUP_LABELS[group].toLowerCase()}s.`,
        ),
      );
    }
  }
  const writes = rights.filter(changesSomething);
  if (writes.length > 0 && !CHANGES.test(description)) {
    out.push(warning(`The description only speaks of reading, but these rights allow changes: ${writes.join(', ')}.`));
  }
  return out;
}

// The bad-input catalogue (issue 8), broken answers of The Things Stack: HTML pages, truncated JSON, wrong types,
// unknown enum values, huge bodies, also at the token endpoint. Each row is an answer and the exact outcome the
// user sees; bodies.suite.ts runs every row. Messages are written out in full on purpose: a vaguer or changed
// wording must fail here and be looked at.
import type { MalformedKind } from '../../../support/ttsServer/knobs';

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

// The bad-input catalogue (issue 8), redirect URIs: "Add Redirect URI" on an existing client and the create
// wizard's box. Each row is an input and the exact outcome the user sees; uris.suite.ts runs every row. Messages
// are written out in full on purpose: a vaguer or changed wording must fail here and be looked at.
import { CYRILLIC_A } from './ids.corpus';

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

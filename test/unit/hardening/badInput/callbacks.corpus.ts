// The bad-input catalogue (issue 8), sign-in callback URLs: what the URI handler and the loopback server receive.
// Each row is a query and the exact outcome the user sees; callbacks.suite.ts runs every row. Messages are written
// out in full on purpose: a vaguer or changed wording must fail here and be looked at.

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
  // TTS sends access_denied with the state it was asked with: without one, anyone could have opened the URL.
  { name: 'error=access_denied without state', query: 'error=access_denied', refused: NO_STATE },
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
    name: 'a rejected client (no state, as TTS sends it)',
    query:
      'error=invalid_client&error_description=error%3Apkg%2Foauth%3Aclient_rejected+%28OAuth+client+was+rejected%29',
    ends: 'The OAuth client cannot be used to sign in (OAuth client was rejected). An admin rejected it: sign in another way, or ask an admin of The Things Stack.',
  },
  {
    name: 'a suspended client (no state, as TTS sends it)',
    query:
      'error=invalid_client&error_description=error%3Apkg%2Foauth%3Aclient_suspended+%28OAuth+client+was+suspended%29',
    ends: 'The OAuth client cannot be used to sign in (OAuth client was suspended). An admin suspended it: sign in another way, or ask an admin of The Things Stack.',
  },
  {
    name: 'a client without the code grant (no state, as TTS sends it)',
    query:
      'error=invalid_grant&error_description=error%3Apkg%2Foauth%3Aclient_missing_grant+%28OAuth+client+does+not+have+authorization_code+grant%29',
    ends: 'The OAuth client does not allow the authorization code grant (OAuth client does not have authorization_code grant).',
  },
  {
    name: "TTS's refusal with a link appended, no state",
    query:
      'error=invalid_client&error_description=error%3Apkg%2Foauth%3Aclient_not_approved+%28OAuth+client+was+not+approved%29+%5Bfix%5D(command%3Ax)',
    refused: NO_STATE,
  },
  {
    name: "TTS's refusal under another error code, no state",
    query:
      'error=server_error&error_description=error%3Apkg%2Foauth%3Aclient_not_approved+%28OAuth+client+was+not+approved%29',
    refused: NO_STATE,
  },
  {
    name: 'the link of the issue without state, while one sign-in waits',
    query:
      'error=server_error&error_description=Session+expired.+%5BClick+here+to+fix+it%5D(command%3Aworkbench.action.terminal.new)',
    refused: NO_STATE,
  },
  {
    name: 'the link of the issue with the state',
    query:
      'error=server_error&error_description=Session+expired.+%5BClick+here+to+fix+it%5D(command%3Aworkbench.action.terminal.new)&state={state}',
    ends: 'The Things Stack refused the sign-in: server_error (Session expired. [Click here to fix it] (command:workbench.action.terminal.new)).',
  },
  {
    name: 'a link and an icon as the error code',
    query: 'error=%24(verified)%5Bok%5D(https%3A%2F%2Fevil.example)&state={state}',
    ends: 'The Things Stack refused the sign-in: $ (verified)[ok] (https://evil.example).',
  },
  {
    name: 'a link inside an invalid_client description',
    query: 'error=invalid_client&error_description=%5Bapprove%5D(command%3Ax)&state={state}',
    ends: 'The OAuth client cannot be used to sign in ([approve] (command:x)). A client created by a non-admin must be approved by an admin first.',
  },
  {
    name: 'line breaks and a bidi override in error_description',
    query: 'error=server_error&error_description=line+one%0D%0Aline%E2%80%AEtwo&state={state}',
    ends: 'The Things Stack refused the sign-in: server_error (line one line two).',
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

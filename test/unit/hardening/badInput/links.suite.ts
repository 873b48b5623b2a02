// The bad-input catalogue's links and icons (links.corpus.ts): each text through the three ways someone else's words
// reach a notification — a sign-in callback's error_description (with its state: "Sign-in failed: …"; without a
// state: ignored, not quoted), a server error message through the command boundary, and an API key's name in the
// Delete question and its pick. Every text the row shows is then scanned for a live link or icon.
import { strict as assert } from 'node:assert';
import { AuthorizeError, PendingAttempts } from '../../../../src/auth/attempts';
import { signInFailureText } from '../../../../src/auth/signInFailure';
import { recordSink, recordedSinks } from '../../../support/leakSinks';
import { liveTexts } from '../../../support/linkScan';
import { command, freshExplorer, show, startingWith, signInAlice, type Env, type Row } from './env';
import { LINK_CASES, type LinkCase } from './links.corpus';

const NO_STATE = 'Ignored a sign-in callback without a state: it was not started by this window.';

function plainFor(c: LinkCase, path: 'callback' | 'server' | 'keyName'): string {
  return typeof c.plain === 'string' ? c.plain : c.plain[path];
}

/** What the URI handler and the sign-in show for one callback query: the refusal, or "Sign-in failed: …". */
async function callbackShows(query: (state: string) => string): Promise<string> {
  const pending = new PendingAttempts();
  const attempt = pending.create('code');
  const waiting = pending.wait(attempt, 60_000);
  waiting.catch(() => undefined);
  const outcome = pending.deliver(query(attempt.state));
  if (!outcome.accepted) {
    recordSink('notification', outcome.message); // CallbackUriHandler shows it as a warning
    pending.deliver(`code=MF2XI.GOOD.CODE&state=${attempt.state}`); // the attempt was still going
    assert.equal(await waiting, 'MF2XI.GOOD.CODE');
    return outcome.message;
  }
  const error = await waiting.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AuthorizeError, String(error));
  const text = signInFailureText(error); // interactiveSignIn's error notification
  recordSink('notification', text);
  return text;
}

export function linkRows(env: Env, row: Row): void {
  describe('links and icons: what others wrote reaches a notification as plain text', () => {
    for (const c of LINK_CASES) {
      it(`${c.name} → ${show(plainFor(c, 'keyName'))}`, async () => {
        freshExplorer(env);
        await signInAlice(env, false);
        const keyId = env.server.seed.apiKey(
          { kind: 'application', id: 'alice-tracker' },
          ['RIGHT_APPLICATION_INFO'],
          c.text,
        );
        assert.ok(keyId);
        const from = recordedSinks().length;
        await row(async () => {
          // 1. A callback's error_description, with the attempt's state and without one.
          const described = encodeURIComponent(c.text);
          assert.equal(
            await callbackShows((state) => `error=server_error&error_description=${described}&state=${state}`),
            `Sign-in failed: The Things Stack refused the sign-in: server_error (${plainFor(c, 'callback')}).`,
          );
          assert.equal(await callbackShows(() => `error=server_error&error_description=${described}`), NO_STATE);
          // 2. The server's error message, through the error boundary of a command.
          env.rewrite = {
            path: /\/clients\/alice-dashboard$/,
            status: 400,
            body: () => ({
              code: 3,
              message: `error:pkg/example:bad (${c.text})`,
              details: [
                {
                  '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails',
                  namespace: 'pkg/example',
                  name: 'bad',
                  message_format: c.text,
                  correlation_id: 'c0ffee',
                },
              ],
            }),
          };
          await command(env, 'thingsStack.showJson', [
            { pick: 'OAuth Client' },
            { search: '', choose: 'alice-dashboard' },
          ]);
          assert.equal(env.rewrite, undefined, 'the rewritten answer was used');
          assert.deepEqual(env.ui.messages, [
            { level: 'error', text: `${plainFor(c, 'server')} (correlation id c0ffee)` },
          ]);
          // 3. The API key's name: its row in the pick, then the Delete question (answered No: nothing is deleted).
          const name = plainFor(c, 'keyName');
          await command(env, 'thingsStack.deleteApiKey', [
            { pick: 'An Application' },
            { search: '', choose: 'alice-tracker' },
            { pick: name },
            { confirm: false, expect: startingWith(`Delete API key "${name}" of application "alice-tracker"? — `) },
          ]);
        });
        assert.deepEqual(liveTexts(recordedSinks().slice(from)), [], 'a live link or icon was shown');
      });
    }
  });
}

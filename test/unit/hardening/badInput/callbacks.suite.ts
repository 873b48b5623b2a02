// The bad-input catalogue's callback URLs (callbacks.corpus.ts): the URI handler's path and the loopback server.
import { strict as assert } from 'node:assert';
import { AuthorizeError, PendingAttempts, SignInTimeoutError } from '../../../../src/auth/attempts';
import { startLoopback } from '../../../../src/auth/loopback';
import { signInFailureText } from '../../../../src/auth/signInFailure';
import { recordSink } from '../../../support/leakSinks';
import { UserCancelledError } from '../../../../src/util/cancellation';
import { escapeHtml, type Row } from './env';
import { CALLBACK_CASES, type CallbackCase } from './callbacks.corpus';

export function callbackRows(row: Row): void {
  describe('callback URLs: the URI handler path and the loopback server', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => cleanups.splice(0).forEach((clean) => clean()));
    /** An attempt in progress plus what the row prepares; `{name}` placeholders are filled from `states`. */
    async function attempts(
      c: CallbackCase,
    ): Promise<{ pending: PendingAttempts; waiting: Promise<string>; states: Record<string, string>; live: string }> {
      const pending = new PendingAttempts();
      const aside = new AbortController(); // ends a `second` attempt with the row
      cleanups.push(() => aside.abort());
      const live = pending.create('code');
      const waiting = pending.wait(live, 60_000);
      waiting.catch(() => undefined); // as signIn does while the browser opens; the row awaits it below
      const states: Record<string, string> = { state: live.state };
      for (const step of c.prepare ?? []) {
        const other = pending.create('code');
        if (step === 'used') {
          const done = pending.wait(other, 60_000);
          assert.deepEqual(pending.deliver(`code=MF2XI.USED.CODE&state=${other.state}`), { accepted: true });
          assert.equal(await done, 'MF2XI.USED.CODE');
        } else if (step === 'cancelled') {
          const controller = new AbortController();
          const done = pending.wait(other, 60_000, controller.signal);
          controller.abort();
          await assert.rejects(done, UserCancelledError);
        } else if (step === 'timedOut') {
          await assert.rejects(pending.wait(other, 1), SignInTimeoutError);
        } else {
          void pending.wait(other, 60_000, aside.signal).catch(() => undefined);
        }
        states[step] = other.state;
      }
      return { pending, waiting, states, live: live.state };
    }
    const fill = (query: string, states: Record<string, string>): string =>
      query.replace(/\{(\w+)\}/g, (_, name: string) => states[name]);

    /** The refused callback leaves the attempt going: the real callback still completes it. */
    async function stillGoing(pending: PendingAttempts, waiting: Promise<string>, live: string): Promise<void> {
      assert.deepEqual(pending.deliver(`code=MF2XI.GOOD.CODE&state=${live}`), { accepted: true });
      assert.equal(await waiting, 'MF2XI.GOOD.CODE');
    }

    for (const c of CALLBACK_CASES) {
      it(`${c.name} → ${c.refused ? 'refused' : 'ends the attempt'}`, () =>
        row(async () => {
          // 1. What CallbackUriHandler.handleUri does with the URI's query.
          {
            const { pending, waiting, states, live } = await attempts(c);
            const outcome = pending.deliver(fill(c.query, states));
            if (c.refused) {
              assert.deepEqual(outcome, { accepted: false, message: c.refused });
              recordSink('notification', c.refused); // the URI handler's warning
              await stillGoing(pending, waiting, live);
            } else {
              assert.deepEqual(outcome, { accepted: true, refusal: c.ends });
              const error = await waiting.then(
                () => undefined,
                (e: unknown) => e,
              );
              assert.ok(error instanceof AuthorizeError && error.message === c.ends, String(error));
              recordSink('notification', signInFailureText(error)); // "Sign-in failed: …" with Try Another Way
            }
          }
          // 2. The same callback at the loopback server, as the browser brings it.
          {
            const { pending, waiting, states, live } = await attempts(c);
            const refusedMessages: string[] = [];
            const loopback = await startLoopback(pending, (m) => refusedMessages.push(m), '/callback');
            try {
              const query = fill(c.query, states);
              const response = await fetch(`http://127.0.0.1:${loopback.port}/callback${query ? `?${query}` : ''}`);
              const page = await response.text();
              assert.ok(!page.includes('<script>'), 'the page shows text, not markup');
              if (c.refused) {
                assert.equal(response.status, 400);
                assert.ok(page.includes(`<p>${escapeHtml(c.refused)}</p>`), page);
                assert.deepEqual(refusedMessages, [c.refused]);
                await stillGoing(pending, waiting, live);
              } else {
                assert.equal(response.status, 200);
                assert.ok(page.includes('<h1>Sign-in not completed</h1>') && page.includes(escapeHtml(c.ends!)), page);
                assert.deepEqual(refusedMessages, []);
                await assert.rejects(waiting, (e: unknown) => e instanceof AuthorizeError && e.message === c.ends);
              }
            } finally {
              await loopback.close();
            }
          }
        }));
    }
  });
}

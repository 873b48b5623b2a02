// The one error boundary: silent cancellation, TTS errors with correlation id and the missing right, network
// trouble, and unexpected errors logged with a generic message.
import { strict as assert } from 'node:assert';
import { runInBoundary } from '../../../src/commands/boundary';
import { NetworkError, TimeoutError, TtsError, ttsErrorFrom } from '../../../src/tts/errors';
import type { Right } from '../../../src/tts/rights';
import { CommandError } from '../../../src/ui/errorText';
import { GoBackError } from '../../../src/util/cancellation';
import { ScriptedUi } from '../../support/scriptedUi';
import { UserCancelledError } from '../../../src/util/cancellation';

function harness() {
  const ui = new ScriptedUi();
  const logs: string[] = [];
  let shown = 0;
  const deps = {
    ui,
    log: { warn: (m: string) => logs.push(`warn ${m}`), error: (m: string | Error) => logs.push(`error ${String(m)}`) },
    showLog: () => {
      shown++;
    },
  };
  const run = (error: unknown, rights: Right[] = []) =>
    runInBoundary(
      'thingsStack.test',
      async () => {
        throw error;
      },
      deps,
      rights,
    );
  return { ui, logs, run, shown: () => shown };
}

/** What `new vscode.CancellationError()` is at runtime (name and message "Canceled"). */
class VscodeCancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = this.message;
  }
}

describe('command boundary', () => {
  // Cancel on "Signing in…", Escape in the code or key box and dismissing "Sign-in failed" end in
  // vscode.CancellationError (interactive.ts); Add / Remove Deployment and pickers in UserCancelledError or UserCancelledError.
  for (const error of [
    new UserCancelledError(),
    new UserCancelledError(),
    new GoBackError(),
    new VscodeCancellationError(),
    new UserCancelledError(),
  ]) {
    it(`stays silent on ${error.name}`, async () => {
      const h = harness();
      await h.run(error);
      assert.deepEqual(h.ui.messages, []);
      assert.deepEqual(h.logs, []);
    });
  }

  it('shows a TTS error with its correlation id', async () => {
    const h = harness();
    await h.run(
      ttsErrorFrom(409, {
        code: 6,
        message: 'error:pkg/identityserver/store:id_taken (ID `x` already taken)',
        details: [
          {
            namespace: 'pkg/identityserver/store',
            name: 'id_taken',
            message_format: 'ID `{id}` already taken',
            attributes: { id: 'x' },
            correlation_id: 'abc123',
          },
        ],
      }),
    );
    assert.deepEqual(h.ui.messages, [{ level: 'error', text: 'ID "x" already taken (correlation id abc123)' }]);
    assert.match(h.logs[0], /^warn thingsStack\.test: pkg\/identityserver\/store:id_taken HTTP 409/);
  });

  it('names the missing right from the error, with its explanation', async () => {
    const h = harness();
    await h.run(
      ttsErrorFrom(403, {
        code: 7,
        details: [
          {
            namespace: 'pkg/auth/rights',
            name: 'insufficient_application_rights',
            message_format: 'insufficient rights for application `{uid}`',
            attributes: { uid: 'app1', missing: ['RIGHT_APPLICATION_DELETE'] },
            correlation_id: 'c1',
          },
        ],
      }),
    );
    assert.equal(
      h.ui.messages[0].text,
      'insufficient rights for application "app1". You need RIGHT_APPLICATION_DELETE (the right to delete application). (correlation id c1)',
    );
  });

  it('names the right the command needs when TTS does not', async () => {
    const h = harness();
    await h.run(
      ttsErrorFrom(403, {
        code: 7,
        details: [
          {
            namespace: 'pkg/auth/rights',
            name: 'no_application_rights',
            message_format: 'no rights for application `{uid}`',
            attributes: { uid: 'app1' },
            correlation_id: 'c2',
          },
        ],
      }),
      ['RIGHT_APPLICATION_DELETE'],
    );
    assert.match(
      h.ui.messages[0].text,
      /^no rights for application "app1"\. You need RIGHT_APPLICATION_DELETE \(the right to delete application\)\. \(correlation id c2\)$/,
    );
  });

  it('says plainly when the server cannot be reached or is too slow', async () => {
    const h = harness();
    await h.run(new NetworkError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'));
    await h.run(new TimeoutError(30_000));
    assert.match(
      h.ui.messages[0].text,
      /^Could not reach The Things Stack: connect ECONNREFUSED.*Check your connection/,
    );
    assert.match(h.ui.messages[1].text, /did not answer within 30 s\. Try again/);
  });

  it("shows the extension's own refusals as they are, without logging a failure", async () => {
    const h = harness();
    await h.run(new CommandError('Application "a" still has 3 end devices.'));
    assert.deepEqual(h.ui.messages, [{ level: 'error', text: 'Application "a" still has 3 end devices.' }]);
    assert.deepEqual(h.logs, []);
  });

  it('logs anything else with its stack and shows a generic message with Show Log', async () => {
    const h = harness();
    h.ui.messageActions.push([/went wrong/, 'Show Log']);
    await h.run(new TypeError('x is undefined'));
    await new Promise((resolve) => setImmediate(resolve)); // the toast's answer arrives after the command is over
    assert.equal(h.ui.messages[0].text, 'Something went wrong. The details are in the log (Things Stack: Show Log).');
    assert.match(h.logs[0], /^error thingsStack\.test failed unexpectedly: TypeError: x is undefined\n/);
    assert.equal(h.shown(), 1);
  });

  it('does not keep the command pending until the message is closed', async () => {
    const h = harness();
    h.ui.error = (message: string) => {
      h.ui.messages.push({ level: 'error', text: message });
      return new Promise<undefined>(() => undefined);
    };
    await h.run(new CommandError('Refused.'));
    await h.run(new TypeError('boom'));
    assert.deepEqual(
      h.ui.messages.map((m) => m.text),
      ['Refused.', 'Something went wrong. The details are in the log (Things Stack: Show Log).'],
    );
  });

  it('never lets an error escape', async () => {
    const h = harness();
    await h.run(new TtsError(500, 13, 'ns', 'internal', 'internal error', {}, undefined));
    assert.equal(h.ui.messages[0].text, 'internal error');
  });
});

import { strict as assert } from 'node:assert';
import { AuthorizeError, PendingAttempts, SignInTimeoutError } from '../../../src/auth/attempts';
import { UserCancelledError } from '../../../src/util/cancellation';

describe('attempts: callbacks reach only the attempt that owns the state', () => {
  it('delivers the code to the attempt with that state, once', async () => {
    const pending = new PendingAttempts();
    const attempt = pending.create('code');
    const waiting = pending.wait(attempt, 10_000);
    assert.deepEqual(pending.deliver(`code=C1&state=${attempt.state}`), { accepted: true });
    assert.equal(await waiting, 'C1');
    const replay = pending.deliver(`code=C1&state=${attempt.state}`);
    assert.equal(replay.accepted, false);
    assert.match(!replay.accepted ? replay.message : '', /already used/);
    assert.equal(pending.size, 0);
  });

  it('refuses missing, unknown or malformed callbacks without breaking the attempt in progress', async () => {
    const pending = new PendingAttempts();
    const attempt = pending.create('code');
    const waiting = pending.wait(attempt, 10_000);
    const refusals = [
      pending.deliver('code=X'),
      pending.deliver('code=X&state='),
      pending.deliver('code=X&state=somebody-else'),
      pending.deliver(`code=a&code=b&state=${attempt.state}`),
      pending.deliver(`state=${attempt.state}`),
    ];
    assert.deepEqual(
      refusals.map((r) => r.accepted),
      [false, false, false, false, false],
    );
    assert.match(!refusals[0].accepted ? refusals[0].message : '', /without a state/);
    assert.match(!refusals[2].accepted ? refusals[2].message : '', /unknown state/);
    assert.match(!refusals[3].accepted ? refusals[3].message : '', /more than one code/);
    assert.equal(pending.size, 1);
    pending.deliver(`code=GOOD&state=${attempt.state}`);
    assert.equal(await waiting, 'GOOD');
  });

  it('keeps two attempts apart', async () => {
    const pending = new PendingAttempts();
    const a = pending.create('code');
    const b = pending.create('code');
    const wa = pending.wait(a, 10_000);
    const wb = pending.wait(b, 10_000);
    pending.deliver(`code=B&state=${b.state}`);
    pending.deliver(`code=A&state=${a.state}`);
    assert.deepEqual(await Promise.all([wa, wb]), ['A', 'B']);
  });

  it('shows error redirects to the attempt, with or without state', async () => {
    const pending = new PendingAttempts();
    const a = pending.create('code');
    const wa = pending.wait(a, 10_000);
    pending.deliver(`error=access_denied&state=${a.state}`);
    await assert.rejects(wa, (e: unknown) => e instanceof AuthorizeError && e.error === 'access_denied');
    const b = pending.create('code');
    const wb = pending.wait(b, 10_000);
    pending.deliver(
      'error=invalid_client&error_description=error%3Apkg%2Foauth%3Aclient_not_approved+%28OAuth+client+was+not+approved%29',
    );
    await assert.rejects(wb, /OAuth client was not approved/);
  });

  it('times out and cancels, and forgets the state either way', async () => {
    const pending = new PendingAttempts();
    const a = pending.create('code');
    await assert.rejects(pending.wait(a, 20), SignInTimeoutError);
    assert.equal(pending.deliver(`code=late&state=${a.state}`).accepted, false);
    const controller = new AbortController();
    const b = pending.create('code');
    const wb = pending.wait(b, 10_000, controller.signal);
    controller.abort();
    await assert.rejects(wb, UserCancelledError);
    assert.equal(pending.size, 0);
  });
});

// Window races (issue 8, part 3): three provider instances ("windows") on one shared secret store, against the
// rotating TTS test server, 1,000 randomised trials of concurrent getSessions / accessToken / API calls, forced
// refreshes, sign-out + sign-in and window reloads. The store behaves like VS Code's SecretStorage: every call
// takes a random number of event-loop turns, and each change reaches every open window later, the same way.
// The PRNG is seeded (printed; RACES_SEED=<n> replays the choices — the network's own timing still varies).
//
// Invariants: no session lost (gone only after an explicit sign-out), no refresh token presented twice (the test
// server counts presentations of rotated tokens), every stored pair is the server's live pair, session ids and
// labels stable across refreshes, `changed` fired for the same id (never removed + added), no lease left behind.
//
// The shared index alone: races.index.test.ts; what a window is: races.windows.ts.
import { strict as assert } from 'node:assert';
import { leaseKey } from '../../../src/auth/lease';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { MemorySecrets } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { prng, turns } from '../../support/prng';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { refreshLedger } from '../../support/ttsServer/oauthToken';
import { raceWindows, USERS, type User, type Window } from './races.windows';

const TRIALS = 1_000;
const MINUTE = 60_000;

describe('hardening: three windows racing on one secret store', function () {
  this.timeout(600_000);
  let server: TtsTestServer;
  let deployment: Deployment;
  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
  });
  after(() => server.close());

  it(`${TRIALS.toLocaleString('en')} randomised trials: no session lost, no refresh token used twice`, async () => {
    const seed = Number(process.env.RACES_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`      races: seed ${seed} (replay with RACES_SEED=${seed})`);
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

    const shared = new MemorySecrets();
    shared.delayTurns = () => Math.floor(random() * 4); // 0-3 turns per call and per change delivery
    let skew = 0; // minutes our clock (and the server's) moved on between trials
    const now = (): number => Date.now() + skew;
    const oauth = new OAuthClient({
      identityServerUrl: server.url,
      clientId: SEED.client.id,
      clientSecret: SEED.client.secret,
      now,
    });
    const log = recordingLog([]);
    const { open, idOf, labelOf, events, prompts } = raceWindows({ server, deployment, shared, now, oauth, log });
    const api = (w: Window, user: User): TtsClient => {
      let client = w.api.get(user);
      if (!client) {
        client = new TtsClient({ baseUrl: server.url, auth: w.tokens.source(idOf(user)), retries: 0 });
        w.api.set(user, client);
      }
      return client;
    };

    // Everyone signed in once, through the first window.
    const windows = [open(), open(), open()];
    for (const user of USERS) {
      windows[0].signIns.push(user);
      await windows[0].core.createSession([`deployment:${deployment.key}`]);
    }

    const ledger = refreshLedger(server.state);
    const start = { reused: ledger.reused, rotations: ledger.rotations };
    const totals = { calls: 0, failures: 0, signOuts: 0, reloads: 0, clockJumps: 0, lost: 0, changed: 0 };

    for (let trial = 0; trial < TRIALS; trial++) {
      const context = `trial ${trial} (seed ${seed})`;
      if (random() < 0.1) {
        // Time passes between trials (never with a refresh in flight): every token is under 5 minutes from expiry.
        skew += 56 * MINUTE;
        server.clock.advance(56 * MINUTE);
        totals.clockJumps++;
      }
      const signingOut = new Set<User>();
      const ops: Promise<void>[] = [];
      events.length = 0;
      const count = 2 + Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const w = pick(windows);
        const user = pick(USERS);
        const kind = random();
        totals.calls++;
        // A call on a user being signed out in this trial may legitimately fail; anything else must succeed.
        const tolerant = (run: () => Promise<unknown>): Promise<void> =>
          run().then(
            () => undefined,
            (error: unknown) => {
              if (!signingOut.has(user)) {
                throw new Error(
                  `${context}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
                );
              }
              totals.failures++;
            },
          );
        if (kind < 0.2) {
          ops.push(
            tolerant(async () => {
              const sessions = await w.core.getSessions([`deployment:${deployment.key}`]);
              for (const s of sessions) {
                assert.equal(s.account.label, labelOf(s.account.id.split('/')[1] as User), context);
              }
            }),
          );
        } else if (kind < 0.4) {
          ops.push(tolerant(() => w.tokens.accessToken(idOf(user))));
        } else if (kind < 0.65) {
          ops.push(tolerant(async () => assert.equal((await api(w, user).users.identity()).userId, user, context)));
        } else if (kind < 0.85) {
          // A forced refresh: what a 401 on the current token triggers.
          ops.push(
            tolerant(async () => {
              const current = await new SessionRepository(w.view).get(idOf(user));
              if (current) {
                await w.tokens.renew(idOf(user), current.tokens.accessToken);
              }
            }),
          );
        } else if (kind < 0.95) {
          if (signingOut.has(user)) {
            continue;
          }
          signingOut.add(user);
          totals.signOuts++;
          ops.push(
            (async () => {
              await w.core.removeSession(idOf(user));
              w.signIns.push(user);
              await w.core.createSession([`deployment:${deployment.key}`]);
            })(),
          );
        } else {
          // Reload: the window goes away mid-trial and a fresh one opens on the same store.
          totals.reloads++;
          const at = windows.indexOf(w);
          if (at >= 0) {
            w.view.dispose();
            w.core.dispose();
            windows[at] = open();
          }
        }
      }
      await Promise.all(ops);
      // Let pending change notifications land, then every window re-reads.
      await turns(12);
      await Promise.all(windows.map((w) => w.core.reload()));

      const repo = new SessionRepository(shared);
      for (const user of USERS) {
        const stored = await repo.get(idOf(user));
        if (!stored) {
          totals.lost++;
          assert.fail(`${context}: the session of ${user} is gone without a sign-out`);
        }
        assert.equal(stored.id, idOf(user), context);
        assert.equal(stored.accountLabel, labelOf(user), context);
        const live = server.state.accessTokens.get(stored.tokenId!);
        assert.ok(
          live && live.accessToken === stored.tokens.accessToken && live.refreshToken === stored.tokens.refreshToken,
          `${context}: the stored pair of ${user} is not the server's live pair`,
        );
        assert.ok(
          live.expiresAt > server.clock.now(),
          `${context}: the stored token of ${user} has expired on the server`,
        );
      }
      for (const w of windows) {
        assert.deepEqual(
          (await w.core.getSessions()).map((s) => s.id).sort(),
          USERS.map(idOf).sort(),
          `${context}: a window lost sight of a session`,
        );
      }
      assert.deepEqual(
        USERS.map(idOf).filter((id) => shared.data.has(leaseKey(id))),
        [],
        `${context}: a lease was left behind`,
      );
      for (const { window, change } of events) {
        for (const removed of change.removed) {
          assert.ok(
            signingOut.has(removed.account.id.split('/')[1] as User),
            `${context}: window ${window} saw ${removed.id} removed without a sign-out`,
          );
        }
        for (const changed of change.changed) {
          const user = changed.id.split('/')[1] as User;
          assert.ok(
            USERS.includes(user) && changed.account.label === labelOf(user),
            `${context}: changed for an unknown id ${changed.id}`,
          );
          assert.ok(
            !change.added.some((s) => s.id === changed.id) && !change.removed.some((s) => s.id === changed.id),
            context,
          );
          totals.changed++;
        }
      }
      assert.equal(ledger.reused - start.reused, 0, `${context}: a refresh token was presented twice`);
      assert.deepEqual(prompts, [], `${context}: a session was declared expired`);
    }

    // Every stored token works against the API, not only in the server's books.
    for (const user of USERS) {
      const stored = (await new SessionRepository(shared).get(idOf(user)))!;
      const identity = await new TtsClient({
        baseUrl: server.url,
        auth: { token: async () => stored.tokens.accessToken },
      }).users.identity();
      assert.equal(identity.userId, user);
    }
    const refreshes = ledger.rotations - start.rotations;
    const reused = ledger.reused - start.reused;
    console.log(
      `      races: ${TRIALS} trials, ${totals.calls} calls, ${refreshes} refreshes, ${reused} refresh tokens used twice, ` +
        `${totals.lost} sessions lost, ${totals.signOuts} sign-outs, ${totals.reloads} reloads, ${totals.clockJumps} clock jumps, ` +
        `${totals.changed} changed events, ${totals.failures} calls failed during their own sign-out`,
    );
    assert.ok(refreshes > TRIALS / 2, `refreshes happened: ${refreshes}`);
    assert.ok(totals.changed > 0, 'changed events were fired');
    windows.forEach((w) => {
      w.view.dispose();
      w.core.dispose();
    });
  });
});

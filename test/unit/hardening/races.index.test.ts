// Window races (issue 8, part 3), the shared session index: three windows on one secret store whose every call
// takes a random number of event-loop turns, signing in and out at once. The randomised trials of whole windows
// against the TTS test server: races.trials.test.ts.
import { strict as assert } from 'node:assert';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { MemorySecrets } from '../../support/fakes';
import { prng, turns } from '../../support/prng';

describe('hardening: three windows racing on one secret store', function () {
  this.timeout(600_000);

  it('the shared index: 200 rounds of three windows signing in and out at once never drop or keep the wrong id', async () => {
    const shared = new MemorySecrets();
    const random = prng(11);
    shared.delayTurns = () => Math.floor(random() * 4);
    const repos = [0, 1, 2].map(() => new SessionRepository(shared.window(), undefined, { settle: () => turns(6) }));
    const record = (id: string): StoredSession => ({
      id,
      deploymentKey: 'local',
      accountId: id,
      accountLabel: id,
      method: 'api-key',
      scopes: [],
      createdAt: 1,
      tokens: { accessToken: `NNSXS.${id}.KEY`, obtainedAt: 1 },
    });
    const signedIn = new Set<string>();
    for (let round = 0; round < 200; round++) {
      // Each window flips one of its own ids: in when out, out when in.
      await Promise.all(
        repos.map((repo, w) => {
          const id = `w${w}-${Math.floor(random() * 3)}`;
          const wasIn = signedIn.has(id);
          if (wasIn) {
            signedIn.delete(id);
            return repo.remove(id);
          }
          signedIn.add(id);
          return repo.put(record(id));
        }),
      );
      assert.deepEqual((await new SessionRepository(shared).ids()).sort(), [...signedIn].sort(), `round ${round}`);
    }
  });
});

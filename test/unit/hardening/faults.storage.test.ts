// The fault catalogue (issue 8, part 2), VS Code's secret store: get, store and delete rejecting (also on sign-out
// and with a dead grant), a corrupt session index and a corrupt session entry. The network: faults.network.test.ts;
// tokens and clocks: faults.tokens.test.ts.
import { strict as assert } from 'node:assert';
import { SessionRepository, StorageError } from '../../../src/auth/repository';
import { INDEX_KEY, SessionGoneError, sessionKey } from '../../../src/auth/sessions';
import { MemorySecrets } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { refreshLedger } from '../../support/ttsServer/oauthToken';
import { faultEnv, MINUTE, type Fault } from './faults.env';

describe('hardening: fault catalogue', function () {
  this.timeout(30_000);
  const env = faultEnv('secret store');
  const { api, failing, manager, oauth, provider, session, stored, tokenRequests } = env;

  const faults: Fault[] = [
    {
      name: 'SecretStorage get rejecting: clear StorageError from repository and token manager; provider answers from its snapshot',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        const lines: string[] = [];
        const tokens = manager(secrets);
        const core = provider(secrets, tokens, lines);
        assert.equal((await core.getSessions()).length, 1);
        const removed: string[] = [];
        core.onDidChangeSessions((e) => removed.push(...e.removed.map((x) => x.id)));
        const dump = secrets.dump();
        const fault = failing(secrets, 'get');
        await assert.rejects(
          new SessionRepository(secrets).list(),
          (e: unknown) =>
            e instanceof StorageError &&
            e.message === 'Could not read the secure storage of VS Code: The keyring is locked',
        );
        await assert.rejects(tokens.accessToken(s.id), StorageError);
        await core.reload();
        const answered = await core.getSessions();
        assert.deepEqual(
          answered.map((x) => [x.id, x.accessToken]),
          [[s.id, s.tokens.accessToken]],
          'getSessions did not throw',
        );
        assert.ok(
          lines.includes(
            'error Could not read sessions: Could not read the secure storage of VS Code: The keyring is locked',
          ),
        );
        fault.active = false;
        await core.reload();
        assert.deepEqual(removed, [], 'no session looked signed out');
        assert.equal(secrets.dump(), dump, 'storage untouched');
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage store rejecting after a refresh: the new pair is kept in memory and saved on next use',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: 3 * MINUTE });
        const tokens = manager(secrets, { lease: false });
        const lines: string[] = [];
        const core = provider(secrets, tokens, lines);
        await core.reload();
        const fault = failing(secrets, 'store', sessionKey(s.id));
        const reused = refreshLedger(env.server.state).reused;
        const fresh = await tokens.accessToken(s.id);
        assert.notEqual(fresh, s.tokens.accessToken, 'refreshed');
        assert.equal(
          (await stored(secrets, s.id))?.tokens.accessToken,
          s.tokens.accessToken,
          'storage refused the pair',
        );
        assert.equal((await api(tokens, s.id).users.identity()).userId, 'alice', 'the kept pair works');
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.accessToken),
          [fresh],
          'the provider hands out the kept pair',
        );
        fault.active = false;
        assert.equal(await tokens.accessToken(s.id), fresh);
        assert.equal((await stored(secrets, s.id))?.tokens.accessToken, fresh, 'saved once storage works again');
        assert.equal(
          refreshLedger(env.server.state).reused,
          reused,
          'the retired refresh token was never presented again',
        );
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage delete rejecting on sign-out: the exact message, and the session stays signed in',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        const core = provider(secrets, manager(secrets), []);
        await core.reload();
        const dump = secrets.dump();
        const fault = failing(secrets, 'delete', sessionKey(s.id));
        await assert.rejects(
          core.removeSession(s.id),
          (e: unknown) =>
            e instanceof StorageError &&
            e.message === 'Could not delete from the secure storage of VS Code: The keyring is locked',
        );
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.id),
          [s.id],
        );
        assert.equal(secrets.dump(), dump);
        fault.active = false;
        await core.removeSession(s.id);
        assert.deepEqual(await core.getSessions(), []);
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage delete rejecting when the grant is dead: one prompt, signed out here, no second refresh',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        await oauth().refresh(s.tokens.refreshToken!); // spent behind our back
        const prompts: string[] = [];
        const tokens = manager(secrets, { onExpired: (_s, reason) => prompts.push(reason) });
        const fault = failing(secrets, 'delete');
        const before = tokenRequests();
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        assert.equal(tokenRequests() - before, 1);
        assert.equal(prompts.length, 1);
        fault.active = false;
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        assert.equal(await stored(secrets, s.id), undefined, 'removed once storage works again');
        return fault.hits;
      },
    },
    {
      name: 'corrupt index: logged, the sessions this window knows stay listed, the next write rebuilds it',
      async run() {
        const secrets = new MemorySecrets();
        const [a, b] = [await session(secrets), await session(secrets, { user: 'bob' })];
        const lines: string[] = [];
        const repo = new SessionRepository(secrets, recordingLog(lines));
        const core = provider(secrets, manager(secrets), lines, repo);
        await core.reload();
        const removed: string[] = [];
        core.onDidChangeSessions((e) => removed.push(...e.removed.map((x) => x.id)));
        await secrets.store(INDEX_KEY, '["oops",');
        await core.reload();
        assert.deepEqual((await core.getSessions()).map((x) => x.id).sort(), [a.id, b.id].sort());
        assert.deepEqual(removed, []);
        assert.ok(
          lines.includes(
            'warn The stored list of sessions is damaged; using the 2 session(s) this window knows until it is rewritten.',
          ),
          lines.join('\n'),
        );
        // A sign-in in this window rewrites the index: every session it knew, plus the new one.
        const c = await session(secrets, { user: 'admin', repo });
        assert.deepEqual((await new SessionRepository(secrets).ids()).sort(), [a.id, b.id, c.id].sort());
        assert.ok((await stored(secrets, a.id)) && (await stored(secrets, b.id)), 'no entry deleted');
        return 2;
      },
    },
    {
      name: 'corrupt session entry: that one dropped with a clear log line, everything else kept; nobody throws',
      async run() {
        const secrets = new MemorySecrets();
        const [good, bad] = [await session(secrets), await session(secrets, { user: 'bob' })];
        const lines: string[] = [];
        const tokens = manager(secrets);
        const core = provider(secrets, tokens, lines);
        await core.reload();
        await secrets.store(sessionKey(bad.id), '{"id": "half a record');
        await core.reload();
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.id),
          [good.id],
        );
        assert.ok(
          lines.includes(
            `warn Stored session ${bad.id} is damaged (unreadable JSON or missing fields) and was removed; sign in again to restore it.`,
          ),
          lines.join('\n'),
        );
        assert.equal(secrets.data.has(sessionKey(bad.id)), false);
        assert.deepEqual(await stored(secrets, good.id), good, 'the other session untouched');
        assert.deepEqual(await new SessionRepository(secrets).ids(), [good.id]);
        // A record that parses but lacks fields, read first by the token manager.
        await secrets.store(
          sessionKey(good.id),
          JSON.stringify({ ...good, tokens: { accessToken: good.tokens.accessToken } }),
        );
        await assert.rejects(tokens.accessToken(good.id), SessionGoneError);
        assert.deepEqual(await core.getSessions(), []);
        return 2;
      },
    },
  ];

  env.run(faults);
});

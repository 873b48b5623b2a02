import { strict as assert } from 'node:assert';
import {
  apiKeyLabel,
  diffSessions,
  matchesScopes,
  requestedDeployment,
  ScopeError,
  parseIndex,
  parseSession,
  tokenIdOf,
  type StoredSession,
} from '../../../src/auth/sessions';

function session(id: string, accessToken = `MFRWG.${id}.K`): StoredSession {
  return {
    id,
    deploymentKey: 'eu1.example',
    accountId: id,
    accountLabel: `${id} · Local`,
    method: 'oauth',
    clientId: 'c',
    scopes: ['deployment:eu1.example'],
    tokens: { accessToken, refreshToken: 'OJSWM.x.y', expiresAt: 1, obtainedAt: 0 },
    createdAt: 0,
  };
}

describe('sessions: stored records', () => {
  it('round-trips and rejects damaged records', () => {
    const s = session('alice');
    assert.deepEqual(parseSession(JSON.stringify(s)), s);
    assert.equal(parseSession(undefined), undefined);
    assert.equal(parseSession('{not json'), undefined);
    assert.equal(parseSession('null'), undefined);
    assert.equal(parseSession(JSON.stringify({ ...s, method: 'password' })), undefined);
    assert.equal(parseSession(JSON.stringify({ ...s, tokens: { accessToken: 'x' } })), undefined);
    assert.equal(
      parseSession(JSON.stringify({ ...s, clientId: undefined })),
      undefined,
      'OAuth sessions need their client',
    );
    const key: StoredSession = {
      ...s,
      accountLabel: 'alice (API key) · Local',
      method: 'api-key',
      clientId: undefined,
      tokens: { accessToken: 'NNSXS.a.b', obtainedAt: 0 },
    };
    assert.deepEqual(parseSession(JSON.stringify(key)), JSON.parse(JSON.stringify(key)));
  });

  it('parses the index defensively', () => {
    assert.deepEqual(parseIndex('["a","b","a",3]'), ['a', 'b']);
    assert.deepEqual(parseIndex('{}'), []);
    assert.deepEqual(parseIndex('oops'), []);
  });

  it('diffs snapshots into added, removed and changed', () => {
    const a = session('a');
    const b = session('b');
    const b2 = session('b', 'MFRWG.new.K');
    const c = session('c');
    const diff = diffSessions([a, b], [b2, c]);
    assert.deepEqual(
      diff.added.map((s) => s.id),
      ['c'],
    );
    assert.deepEqual(
      diff.removed.map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(
      diff.changed.map((s) => s.id),
      ['b'],
    );
    assert.deepEqual(diffSessions([a], [a]), { added: [], removed: [], changed: [] });
  });

  it('matches deployment scopes, and refuses any other scope with a clear error instead of ignoring it', () => {
    const s = session('a');
    assert.ok(matchesScopes(s, undefined));
    assert.ok(matchesScopes(s, []));
    assert.ok(matchesScopes(s, ['deployment:eu1.example']));
    assert.ok(matchesScopes(s, ['deployment:eu1.example', 'deployment:eu1.example']));
    assert.ok(!matchesScopes(s, ['deployment:nam1.example']));
    const help =
      'The Things Stack provider ("thingsstack") knows one scope, "deployment:<Identity Server host>" (e.g. ' +
      '"deployment:eu1.cloud.thethings.network"); no scope asks for any signed-in account.';
    for (const scope of [
      'something-else',
      'openid',
      'deployment:',
      'deployment: eu1.example',
      'Deployment:eu1.example',
    ]) {
      assert.throws(
        () => matchesScopes(s, ['deployment:eu1.example', scope]),
        (e: unknown) => e instanceof ScopeError && e.message === `Unknown scope "${scope.trim()}". ${help}`,
        scope,
      );
    }
    assert.throws(
      () => requestedDeployment(['deployment:eu1.example', 'deployment:nam1.example']),
      (e: unknown) =>
        e instanceof ScopeError &&
        e.message ===
          'A session belongs to one deployment; these scopes name 2 (eu1.example, nam1.example). Ask for one at a time.',
    );
    assert.throws(() => requestedDeployment(['[x](command:y)']), /Unknown scope "\[x\] \(command:y\)"/);
  });

  it('an API-key session is its own account: stored ones without "(API key)" in their label get it as they are read', () => {
    const key = {
      ...session('alice'),
      method: 'api-key' as const,
      tokens: { accessToken: 'NNSXS.A.B', obtainedAt: 0 },
    };
    assert.equal(parseSession(JSON.stringify(key))?.accountLabel, 'alice (API key) · Local');
    const labelled = { ...key, accountLabel: 'application app1 (API key) · Local' };
    assert.equal(parseSession(JSON.stringify(labelled))?.accountLabel, 'application app1 (API key) · Local');
    assert.equal(apiKeyLabel('alice'), 'alice (API key)');
    assert.equal(parseSession(JSON.stringify(session('alice')))?.accountLabel, 'alice · Local', 'OAuth: unchanged');
  });

  it('reads the id of a token', () => {
    assert.equal(tokenIdOf('MFRWG.ABC.DEF'), 'ABC');
    assert.equal(tokenIdOf('nonsense'), undefined);
  });
});

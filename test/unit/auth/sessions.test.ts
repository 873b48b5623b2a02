import { strict as assert } from 'node:assert';
import {
  diffSessions,
  matchesScopes,
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

  it('matches deployment scopes and ignores other scopes', () => {
    const s = session('a');
    assert.ok(matchesScopes(s, undefined));
    assert.ok(matchesScopes(s, []));
    assert.ok(matchesScopes(s, ['deployment:eu1.example']));
    assert.ok(matchesScopes(s, ['something-else']));
    assert.ok(!matchesScopes(s, ['deployment:nam1.example']));
  });

  it('reads the id of a token', () => {
    assert.equal(tokenIdOf('MFRWG.ABC.DEF'), 'ABC');
    assert.equal(tokenIdOf('nonsense'), undefined);
  });
});

// Every secret value a TTS test server issued or was seeded with in this process (tokens, codes, client secrets,
// API keys, passwords), for the suite-wide leak scan (test/support/leakRecorder.ts). Kept on globalThis like
// servers.ts: the root hook and the tests may load this module through different module instances.

export type SecretKind =
  | 'access token'
  | 'refresh token'
  | 'authorization code'
  | 'API key'
  | 'browser session'
  | 'client secret'
  | 'password';

const KEY = Symbol.for('things-stack-manager.tts-issued-secrets');

function registry(): Map<string, SecretKind> {
  const holder = globalThis as unknown as Record<symbol, Map<string, SecretKind> | undefined>;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Notes a secret value. Empty values (the public `cli` client) are not secrets and are skipped. */
export function noteSecret(kind: SecretKind, value: string | undefined): void {
  if (value) {
    registry().set(value, kind);
  }
}

/** Secret value → what it is. */
export function issuedSecrets(): ReadonlyMap<string, SecretKind> {
  return registry();
}

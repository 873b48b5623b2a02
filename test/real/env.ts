// The real stack under test and small helpers; every ID made here starts with `tsm-real-` and is purged after.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TtsClient } from '../../src/tts/client';

export const env = {
  url: (process.env.TTS_URL ?? '').replace(/\/+$/, ''),
  user: process.env.TTS_USER ?? 'admin',
  password: process.env.TTS_PASSWORD ?? '',
  apiKey: process.env.TTS_API_KEY ?? '',
};

export const uniqueId = (what: string): string => `tsm-real-${what}-${randomBytes(3).toString('hex')}`;

/** The admin's API key against the stack, without retries (a failure must show). */
export const adminApi = (): TtsClient =>
  new TtsClient({ baseUrl: env.url, auth: { token: async () => env.apiKey }, retries: 0, timeoutMs: 15_000 });

/**
 * The stack's database, to let an access token expire now as an hour idle would (its `expires_at` moved into the
 * past: the server's own check then answers 401 token_expired). TTS_DB_URL, else the `database-uri` of the local
 * stack of ../shared/real-tts (`$TTS_STATE/ttn-lw-stack.yml`); undefined when there is none.
 */
function databaseUrl(): string | undefined {
  if (process.env.TTS_DB_URL) {
    return process.env.TTS_DB_URL;
  }
  try {
    const config = readFileSync(`${process.env.TTS_STATE ?? '/tmp/tts-real'}/ttn-lw-stack.yml`, 'utf8');
    return /database-uri:\s*"?([^"\s]+)"?/.exec(config)?.[1];
  } catch {
    return undefined;
  }
}

/** Expires one access token (by its ID) on the server; false when the database cannot be reached from here. */
export function expireAccessToken(tokenId: string): boolean {
  const url = databaseUrl();
  if (!url || !/^[A-Z2-7]+$/.test(tokenId)) {
    return false;
  }
  const sql = `UPDATE access_tokens SET expires_at = now() - interval '1 minute' WHERE token_id = '${tokenId}'`;
  const run = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  return run.status === 0 && run.stdout.includes('UPDATE 1');
}

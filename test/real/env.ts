// The real stack under test and small helpers; every ID made here starts with `tsm-real-` and is purged after.
import { randomBytes } from 'node:crypto';
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

// Token formats (§1.10): `<type>.<id>.<key>`, unpadded base32 of 24 random bytes (id, 39 chars) and 32 random bytes
// (key, 52 chars); the type is the base32 of a three-letter tag.
import { randomBytes } from 'node:crypto';
import { noteSecret, type SecretKind } from './issuedSecrets';

export const TOKEN_PREFIX = {
  apiKey: 'NNSXS',
  accessToken: 'MFRWG',
  refreshToken: 'OJSWM',
  authorizationCode: 'MF2XI',
  session: 'ONZW4',
} as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    out += ALPHABET[(buffer << (5 - bits)) & 31];
  }
  return out;
}

export const newTokenId = (): string => base32(randomBytes(24));
export const newTokenKey = (): string => base32(randomBytes(32));

const KIND_OF: Record<string, SecretKind> = {
  [TOKEN_PREFIX.apiKey]: 'API key',
  [TOKEN_PREFIX.accessToken]: 'access token',
  [TOKEN_PREFIX.refreshToken]: 'refresh token',
  [TOKEN_PREFIX.authorizationCode]: 'authorization code',
  [TOKEN_PREFIX.session]: 'browser session',
};

export function newToken(prefix: string, id = newTokenId()): { id: string; key: string; token: string } {
  const key = newTokenKey();
  const token = `${prefix}.${id}.${key}`;
  // The key part alone is as secret as the whole token (the ID part is not: TTS shows it, e.g. in paths).
  noteSecret(KIND_OF[prefix] ?? 'access token', token);
  noteSecret(KIND_OF[prefix] ?? 'access token', key);
  return { id, key, token };
}

/** Splits `<type>.<id>.<key>`; undefined when malformed (TTS: `error:pkg/auth:token`). */
export function splitToken(token: string): { type: string; id: string; key: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Z2-7]+$/.test(p))) {
    return undefined;
  }
  return { type: parts[0], id: parts[1], key: parts[2] };
}

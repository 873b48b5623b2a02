// What the transport (http.ts) makes of an HTTP answer: a body read up to a limit, JSON as TTS sends it, and the
// error for a redirect it refuses.
import { BadResponseError, RedirectRefusedError } from './errors';
import type { FetchResponse } from './http';

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The error for a refused redirect: the hosts only (never a query, which could hold anything). */
export function redirectRefused(status: number, url: string, location: string | null): RedirectRefusedError {
  let target: string | undefined;
  try {
    target = location ? new URL(location, url).host : undefined;
  } catch {
    target = undefined;
  }
  return new RedirectRefusedError(status, new URL(url).host, target);
}

/** Reads a body as text, refusing one over `maxBytes` (the caller then drops the connection). */
export async function readBoundedText(
  response: Pick<FetchResponse, 'status' | 'body'>,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new BadResponseError(
        `The Things Stack sent more than ${Math.round(maxBytes / 1048576)} MiB; the answer was not read.`,
        response.status,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A successful answer's JSON; an empty body is `{}` (TTS's empty message), anything unreadable a BadResponseError. */
export function parseJsonBody<T>(text: string, status: number): T {
  if (!text.trim()) {
    return {} as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    const kind = /^\s*</.test(text) ? 'an HTML page instead of JSON' : 'incomplete or invalid JSON';
    throw new BadResponseError(`The Things Stack sent ${kind} (HTTP ${status}).`, status);
  }
}

// Small fetch helpers for the test-server tests.
import { strict as assert } from 'node:assert';
import { checkServers, contractAvailable } from '../../support/contract';
import { SEED, type TtsTestServer } from '../../support/ttsServer';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
  /** `body` as a record (for reading fields in assertions). */
  json: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(
  server: TtsTestServer,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
  }
  const url = path.startsWith('/oauth') || path.startsWith('http') ? path : `/api/v3${path}`;
  const response = await fetch(url.startsWith('http') ? url : server.url + url, {
    method,
    headers,
    redirect: 'manual',
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const json =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, text, body, json };
}

/** The TTS error name of an error body (`details[0].name`). */
export function errorName(answer: Answer): string | undefined {
  const details = answer.json.details;
  const first: unknown = Array.isArray(details) ? details[0] : undefined;
  return typeof first === 'object' && first !== null && 'name' in first && typeof first.name === 'string'
    ? first.name
    : undefined;
}

/** POSTs a form to /oauth/token. */
export function tokenRequest(
  server: TtsTestServer,
  form: Record<string, string>,
  basic?: [string, string],
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (basic) {
    headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  }
  return call(server, 'POST', '/oauth/token', { body: new URLSearchParams(form).toString(), headers });
}

/** The query of a Location header as a plain object. */
export function queryOf(location: string): Record<string, string> {
  return Object.fromEntries(new URL(location, 'http://relative.invalid').searchParams);
}

/** Fails when the server's recorded traffic breaks the swagger contract (no-op without the spec). */
export function assertContract(server: TtsTestServer): void {
  if (!contractAvailable()) {
    return;
  }
  assert.deepEqual(checkServers([{ url: server.url, requests: server.requests, crashes: server.crashes }]), []);
}

export interface EventStream {
  status: number;
  contentType: string | null;
  /** The next message, parsed; rejects if the stream ends first or nothing arrives within `timeoutMs`. */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Everything received so far, verbatim. */
  raw(): string;
  /** Resolves when the server ends or cuts the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(
  server: TtsTestServer,
  token: string | undefined,
  body: unknown,
  accept?: string,
): Promise<EventStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (accept) {
    headers.Accept = accept;
  }
  const response = await fetch(`${server.url}/api/v3/events`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  let raw = '';
  let buffer = '';
  const queue: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  const ended = (async () => {
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) {
          break;
        }
        const text = decoder.decode(chunk.value, { stream: true });
        raw += text;
        buffer += text;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) {
            queue.push(JSON.parse(line) as Record<string, unknown>);
          }
        }
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      // aborted or cut: the stream is over either way
    } finally {
      done = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();
  const next = async (timeoutMs = 2000): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      if (done) {
        throw new Error(`stream ended; received: ${raw}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no message within ${timeoutMs} ms; received: ${raw}`);
      }
      await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 50))]);
    }
    return queue.shift() ?? {};
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next,
    raw: () => raw,
    ended,
    close: () => controller.abort(),
  };
}

/** The extension's own OAuth client as seeded, a loopback redirect URI registered for it, and its Basic credentials. */
export const EXT = SEED.client;
export const LOOPBACK = 'http://127.0.0.1:5123/callback';
export const basic: [string, string] = [EXT.id, EXT.secret];

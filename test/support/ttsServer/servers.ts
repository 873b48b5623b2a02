// Every test server started in this process, so a root hook can check all their traffic against the contract.
// Kept on globalThis: the hook and the tests may load this module through different module instances.
import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, the text of an HTML page, or undefined for streams. */
  body: unknown;
  /** Stream messages (`{result}` / `{error}`), for POST /events. */
  messages?: unknown[];
  /** Set when a knob corrupted or dropped this response on purpose; the contract checks skip it. */
  injected?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON or form object. */
  body: unknown;
  /** The matched template: the swagger template (relative to /api/v3) for the API, the path for /oauth. */
  route?: string;
  response?: RecordedResponse;
  /** False for servers started with `contract: false` or requests sent with `X-Contract-Check: skip`. */
  contract: boolean;
  /** What the contract check found, kept once it ran (the contract hook and the leak scan both ask). */
  problems?: string[];
}

export interface RecordedServer {
  url: string;
  requests: RecordedRequest[];
  /** Unexpected exceptions inside handlers (bugs in the test server). */
  crashes: Error[];
}

const KEY = Symbol.for('things-stack-manager.tts-test-servers');

function registry(): RecordedServer[] {
  const holder = globalThis as unknown as Record<symbol, RecordedServer[] | undefined>;
  holder[KEY] ??= [];
  return holder[KEY];
}

export function registerServer(server: RecordedServer): void {
  registry().push(server);
}

export function recordedServers(): readonly RecordedServer[] {
  return registry();
}

/** Takes a server out of the registry (tests of the hook itself). */
export function forgetServer(server: RecordedServer): void {
  const list = registry();
  const at = list.indexOf(server);
  if (at >= 0) {
    list.splice(at, 1);
  }
}

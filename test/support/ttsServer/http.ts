// The small HTTP layer under the routes: replies as values (so knobs can corrupt them after the fact), request
// context, and swagger-style path templates (`/clients/{client_ids.client_id}`) with literal segments preferred.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from './auth';
import type { EventHub } from './events';
import type { ServerState } from './state';

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export interface ServerContext {
  state: ServerState;
  clock: Clock;
  events: EventHub;
  /** `http://127.0.0.1:<port>[/prefix]` once listening. */
  url: string;
  /** The path the stack is served under (`/tts`), or '' at the root; every route and Location is under it. */
  basePath: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON. */
  json?: unknown;
  /** Sent as is (HTML pages); set Content-Type in `headers`. */
  text?: string;
  /** Takes over the response (event streams); `record` keeps each message for the contract checks. */
  stream?: (res: ServerResponse, record: (message: unknown) => void) => void;
}

export interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON or form body. */
  body: unknown;
  rawBody: string;
  params: Record<string, string>;
  server: ServerContext;
  /** Authenticates lazily; throws TtsError on bad credentials. */
  caller(): Caller;
  req: IncomingMessage;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** The swagger path template, relative to /api/v3. */
  template: string;
  handler: Handler;
}

export const ok = (json: unknown, headers?: Record<string, string>): Reply => ({ status: 200, json, headers });
export const empty = (): Reply => ({ status: 200, json: {} });

/** Path parameters of `template` in `path`, or undefined when it does not match. */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const param = /^\{(.+)\}$/.exec(want[i]);
    if (param) {
      if (got[i] === '') {
        return undefined;
      }
      try {
        params[param[1]] = decodeURIComponent(got[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

/** Sort key: literal segments beat parameters, compared from the left (`/x/{id}/rights` over `/x/{id}/{y}`). */
export function specificity(template: string): string {
  return template
    .split('/')
    .map((s) => (s.startsWith('{') ? '0' : '1'))
    .join('');
}

/** The best route for a method and path: `route` is undefined when nothing matches the path at all. */
export function findRoute<R extends { method: string; template: string }>(
  routes: readonly R[],
  method: string,
  path: string,
): { route?: R; params: Record<string, string>; methodMismatch: boolean } {
  let best: { route: R; params: Record<string, string> } | undefined;
  let pathMatched = false;
  for (const route of routes) {
    const params = matchTemplate(route.template, path);
    if (!params) {
      continue;
    }
    pathMatched = true;
    if (route.method !== method) {
      continue;
    }
    if (!best || specificity(route.template) > specificity(best.route.template)) {
      best = { route, params };
    }
  }
  return best ? { ...best, methodMismatch: false } : { params: {}, methodMismatch: pathMatched };
}

/** Every value of a possibly repeated query parameter, also split on commas (`field_mask=a,b`). */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object field of the body, or `{}`. */
export function field(body: unknown, name: string): Record<string, unknown> {
  const value = isObject(body) ? body[name] : undefined;
  return isObject(value) ? value : {};
}

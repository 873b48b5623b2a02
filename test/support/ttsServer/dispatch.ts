// From socket to reply and back: read and parse the body, record the request, apply latency and knobs, route to
// /oauth or /api/v3 (swagger templates), turn TtsErrors into error bodies (`{"error": …}` on the events stream),
// write the reply (possibly corrupted or cut by a knob), and record the response for the contract checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationRoutes } from './applications';
import { apiKeyRoutes } from './apiKeys';
import { authenticate, type Caller } from './auth';
import { authorizationRoutes } from './authorizations';
import { clientRoutes } from './clients';
import { deviceRoutes } from './devices';
import { errors, TtsError } from './errors';
import { formatterStoreRoutes } from './formatters';
import { formatterTestRoutes } from './formatterTests';
import { findRoute, type Ctx, type Reply, type Route, type ServerContext } from './http';
import { BAD_GATEWAY_PAGE, huge, wrongTypes, type Knobs } from './knobs';
import { oauthRoutes } from './oauth';
import { organizationRoutes } from './organizations';
import { checkPathIds } from './pathIds';
import { searchAccountRoutes } from './searchAccounts';
import type { RecordedRequest, RecordedServer } from './servers';
import { userRoutes } from './users';

/** Every /api/v3 route the server answers, by swagger template. */
export const API_ROUTES: readonly Route[] = [
  ...userRoutes,
  ...authorizationRoutes,
  ...organizationRoutes,
  ...searchAccountRoutes,
  ...clientRoutes,
  ...applicationRoutes,
  ...apiKeyRoutes,
  ...deviceRoutes,
  ...formatterStoreRoutes,
  ...formatterTestRoutes,
  { method: 'POST', template: '/events', handler: (ctx) => ctx.server.events.handle(ctx) },
];

const EXPOSE =
  'Date, Content-Type, Location, X-Request-Id, X-Total-Count, X-Warning, X-Rate-Limit-Limit, ' +
  'X-Rate-Limit-Available, X-Rate-Limit-Reset, X-Rate-Limit-Retry';

export interface Dispatcher {
  server: ServerContext;
  knobs: Knobs;
  recorded: RecordedServer;
  contract: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(contentType: string, raw: string, api: boolean): { body: unknown; malformed: boolean } {
  if (raw === '') {
    return { body: undefined, malformed: false };
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType) && !api) {
    return { body: Object.fromEntries(new URLSearchParams(raw)), malformed: false };
  }
  if (api || /json/i.test(contentType)) {
    try {
      return { body: JSON.parse(raw) as unknown, malformed: false };
    } catch {
      return { body: raw, malformed: true };
    }
  }
  return { body: raw, malformed: false };
}

const errorReply = (
  error: TtsError,
  stream: boolean,
  sse: boolean,
  status = error.status,
  headers: Record<string, string> = {},
): Reply =>
  stream
    ? {
        status,
        headers: { ...headers, 'Content-Type': sse ? 'text/event-stream' : 'application/json' },
        json: { error: error.body() },
        text: JSON.stringify({ error: error.body() }) + (sse ? '\n\n' : '\n'),
      }
    : { status, headers, json: error.body() };

export async function dispatch(d: Dispatcher, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://test.invalid');
  const base = d.server.basePath;
  const outside = base !== '' && !url.pathname.startsWith(`${base}/`);
  // Served under a prefix (a stack behind a path): routes are matched below it; anything else is not found.
  const path = base && !outside ? url.pathname.slice(base.length) : url.pathname;
  const api = path === '/api/v3' || path.startsWith('/api/v3/');
  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch {
    res.destroy(); // the client went away while sending
    return;
  }
  const parsed = parseBody(req.headers['content-type'] ?? '', rawBody, api);
  const record: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body: parsed.body,
    contract: d.contract && req.headers['x-contract-check'] !== 'skip',
  };
  d.recorded.requests.push(record);
  if (d.knobs.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, d.knobs.latencyMs));
  }
  const apiPath = api ? path.slice('/api/v3'.length) : path;
  const isEvents = api && apiPath === '/events';
  const sse = req.headers.accept === 'text/event-stream';
  const preflight = method === 'OPTIONS';
  const drop = preflight ? undefined : d.knobs.takeDrop(method, path);
  const malformed = preflight ? undefined : d.knobs.takeMalformed(method, path);
  const injected = preflight ? undefined : d.knobs.takeError(method, path);
  let reply: Reply;
  if (outside) {
    reply = notFoundRoute();
  } else if (preflight) {
    reply = {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      },
    };
  } else if (injected) {
    reply = errorReply(injected.error, isEvents, sse, injected.status, injected.headers);
  } else if (malformed === 'html') {
    reply = { status: 502, headers: { 'Content-Type': 'text/html' }, text: BAD_GATEWAY_PAGE };
  } else {
    await d.knobs.interleave(method, path, 'before');
    reply = await route(d, req, { method, path, apiPath, api, url, rawBody, parsed, record, isEvents, sse });
    await d.knobs.interleave(method, path, 'after');
  }
  if (api) {
    reply.headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSE, ...reply.headers };
  }
  write(res, reply, record, drop, malformed);
}

/** grpc-gateway's own answers for unknown paths and methods: `{code, message}`, no `details`. */
const notFoundRoute = (methodMismatch = false): Reply =>
  methodMismatch
    ? { status: 405, json: { code: 12, message: 'Method Not Allowed' } }
    : { status: 404, json: { code: 5, message: 'Not Found' } };

interface Incoming {
  method: string;
  path: string;
  apiPath: string;
  api: boolean;
  url: URL;
  rawBody: string;
  parsed: { body: unknown; malformed: boolean };
  record: RecordedRequest;
  isEvents: boolean;
  sse: boolean;
}

async function route(d: Dispatcher, req: IncomingMessage, i: Incoming): Promise<Reply> {
  const found = i.api ? findRoute(API_ROUTES, i.method, i.apiPath) : findRoute(oauthRoutes, i.method, i.path);
  if (!found.route) {
    return notFoundRoute(found.methodMismatch);
  }
  i.record.route = found.route.template;
  let caller: Caller | undefined;
  const ctx: Ctx = {
    method: i.method,
    path: i.path,
    query: i.url.searchParams,
    headers: req.headers,
    body: i.parsed.body,
    rawBody: i.rawBody,
    params: found.params,
    server: d.server,
    req,
    caller: () => (caller ??= authenticate(d.server.state, d.server.clock, req.headers)),
  };
  try {
    if (i.api && i.parsed.malformed) {
      throw errors.badRequest('invalid JSON');
    }
    if (i.api) {
      checkPathIds(i.method, found.params);
    }
    return await found.route.handler(ctx);
  } catch (error) {
    if (error instanceof TtsError) {
      return errorReply(error, i.isEvents, i.sse);
    }
    const crash = error instanceof Error ? error : new Error(String(error));
    d.recorded.crashes.push(crash);
    console.error(`tts test server: ${i.method} ${i.path} crashed:`, crash);
    return errorReply(
      new TtsError(13, 'pkg/ttstest', 'crash', 'test server crashed: {message}', { message: crash.message }),
      i.isEvents,
      i.sse,
    );
  }
}

function write(
  res: ServerResponse,
  reply: Reply,
  record: RecordedRequest,
  drop: string | undefined,
  malformed: string | undefined,
): void {
  if (drop === 'before-response') {
    record.response = { status: 0, headers: {}, body: undefined, injected: 'drop:before-response' };
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.stream) {
    const messages: unknown[] = [];
    record.response = {
      status: reply.status,
      headers,
      body: undefined,
      messages,
      injected: drop ? `drop:${drop}` : undefined,
    };
    for (const [name, value] of Object.entries(headers)) {
      res.setHeader(name, value);
    }
    reply.stream(res, (message) => {
      messages.push(message);
      if (drop === 'mid-body') {
        setImmediate(() => res.socket?.destroy());
      }
    });
    return;
  }
  let body: unknown = reply.json ?? reply.text;
  let text = reply.text ?? (reply.json !== undefined ? JSON.stringify(reply.json) : '');
  if (reply.json !== undefined || reply.text === undefined) {
    headers['Content-Type'] ??= 'application/json';
  }
  const corrupt = malformed && malformed !== 'html' && reply.json !== undefined ? malformed : undefined;
  if (corrupt === 'truncated') {
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  } else if (corrupt === 'wrong-types') {
    body = wrongTypes(reply.json);
    text = JSON.stringify(body);
  } else if (corrupt === 'huge') {
    text = huge(reply.json);
    body = undefined;
  }
  const injected =
    malformed === 'html' ? 'malformed:html' : corrupt ? `malformed:${corrupt}` : drop ? `drop:${drop}` : undefined;
  record.response = { status: reply.status, headers, body, injected };
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(reply.status, { ...headers, 'Content-Length': String(bytes.length) });
  if (drop === 'mid-body') {
    res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}

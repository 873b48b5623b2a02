// A short-lived HTTP server for the loopback redirect (RFC 8252 §7.3): ephemeral port, open only during one
// attempt. With the stack's `cli` client TTS redirects to `http://localhost:N/oauth/callback` (§1.7), and
// localhost may resolve to ::1, so it listens on 127.0.0.1 and, on the same port, on ::1 when available.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PendingAttempts } from './attempts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The messages can quote `error_description` from the URL, so they are escaped. */
const PAGE = (title: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${escapeHtml(text)}</p></body></html>`;

export interface LoopbackServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Where TTS sends the browser back: `local-callback` → `/oauth/callback` (the `cli` client, §1.7); own client → `/callback`. */
export type LoopbackPath = '/oauth/callback' | '/callback';

/**
 * Starts the callback server; `onRefused` hears about callbacks that were not accepted (shown to the user). Only a
 * GET of exactly `path` is a callback: any other request (another path, a longer one, another method) gets 404 and
 * never reaches the attempts.
 */
export async function startLoopback(
  pending: PendingAttempts,
  onRefused: (message: string) => void,
  path: LoopbackPath,
): Promise<LoopbackServer> {
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    if (req.method !== 'GET' || (query < 0 ? target : target.slice(0, query)) !== path) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const outcome = pending.deliver(query < 0 ? '' : target.slice(query));
    if (outcome.accepted && outcome.refusal) {
      // An error redirect (e.g. access denied): the attempt ends with it, and the tab must not say "Signed in".
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(PAGE('Sign-in not completed', `${outcome.refusal} You can close this tab.`));
    } else if (outcome.accepted) {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(PAGE('Signed in', 'You can close this tab and return to VS Code.'));
    } else {
      onRefused(outcome.message);
      res
        .writeHead(400, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(PAGE('Sign-in not completed', outcome.message));
    }
  };
  const v4 = createServer(handler);
  const port = await listen(v4, '127.0.0.1', 0);
  const v6 = createServer(handler);
  let v6Open = false;
  try {
    await listen(v6, '::1', port);
    v6Open = true;
  } catch {
    // No IPv6 loopback here (or the port is taken there): 127.0.0.1 alone serves the callback.
  }
  const closeOne = (server: Server): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    port,
    close: async () => {
      await Promise.all([closeOne(v4), v6Open ? closeOne(v6) : Promise.resolve()]);
    },
  };
}

// The test server without a socket: a fetch that hands the request to the same dispatch as HTTP does and returns its
// reply, so a test on virtual time decides when an answer arrives (the Node model of VS Code's tree).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fetch, FetchInit, FetchResponse } from '../../../src/tts/http';
import { dispatch, type Dispatcher } from './dispatch';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function fakeRequest(url: URL, init: FetchInit): IncomingMessage {
  const listeners: Record<string, ((arg?: unknown) => void)[]> = {};
  const req = {
    method: init.method,
    url: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v])),
    on(event: string, listener: (arg?: unknown) => void) {
      (listeners[event] ??= []).push(listener);
      if (event === 'end') {
        queueMicrotask(() => {
          if (init.body) {
            listeners.data?.forEach((l) => l(Buffer.from(init.body ?? '', 'utf8')));
          }
          listeners.end?.forEach((l) => l());
        });
      }
      return req;
    },
  };
  return req as unknown as IncomingMessage;
}

function fakeResponse(done: (reply: Reply) => void): ServerResponse {
  const headers: Record<string, string> = {};
  let status = 200;
  const res = {
    socket: null,
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    writeHead: (code: number, more: Record<string, string> = {}) => {
      status = code;
      Object.entries(more).forEach(([k, v]) => (headers[k.toLowerCase()] = v));
      return res;
    },
    write: () => {
      throw new Error('in-process fetch: streamed or cut replies are not supported');
    },
    end: (bytes?: Buffer) => done({ status, headers, body: bytes ?? Buffer.alloc(0) }),
    destroy: () => done({ status: 0, headers, body: Buffer.alloc(0) }),
  };
  return res as unknown as ServerResponse;
}

/**
 * A Fetch answered by `d` in this process; `deliver` decides when the answer reaches the caller. `contract: false`
 * leaves the traffic out of the contract checks (a test's own oracle, not the code under test).
 */
export function inProcessFetch(
  d: Dispatcher,
  deliver: (answer: () => void) => void = (a) => a(),
  options: { contract?: boolean } = {},
): Fetch {
  return (url, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      const target = new URL(url);
      const headers = options.contract === false ? { ...init.headers, 'x-contract-check': 'skip' } : init.headers;
      const req = fakeRequest(target, { ...init, headers });
      const res = fakeResponse((reply) =>
        deliver(() => {
          if (init.signal.aborted) {
            reject(new DOMException('The operation was aborted.', 'AbortError'));
          } else if (reply.status === 0) {
            reject(new Error('socket hang up'));
          } else {
            resolve({
              status: reply.status,
              headers: { get: (name) => reply.headers[name.toLowerCase()] ?? null },
              body: (async function* () {
                yield new Uint8Array(reply.body);
              })(),
            });
          }
        }),
      );
      dispatch(d, req, res).catch(reject);
    });
}

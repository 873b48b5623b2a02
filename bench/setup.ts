// Shared bench plumbing: a timer, heap sampling, a byte-counting transport and a signed-in API client.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import nodeFetch from 'node-fetch';
import { TtsClient } from '../src/tts/client';
import type { Fetch, FetchResponse } from '../src/tts/http';
import type { TtsTestServer } from '../test/support/ttsServer';

export interface Result {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  pass?: boolean;
  note?: string;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The heap in use (process.memoryUsage().heapUsed without its read of the process's memory maps). */
export const heapUsed = (): number => getHeapStatistics().used_heap_size;

/** Samples heapUsed every 10 ms while `run` goes; resolves with the peak. */
export async function peakHeap<T>(run: () => Promise<T>): Promise<{ peak: number; value: T }> {
  let peak = heapUsed();
  const timer = setInterval(() => {
    peak = Math.max(peak, heapUsed());
  }, 10);
  try {
    const value = await run();
    peak = Math.max(peak, heapUsed());
    return { peak, value };
  } finally {
    clearInterval(timer);
  }
}

/** A fetch that counts the response bytes it hands on. */
export function countingFetch(): { fetch: Fetch; bytes: () => number; reset: () => void } {
  let bytes = 0;
  const fetch: Fetch = async (url, init) => {
    const response = (await (nodeFetch as unknown as Fetch)(url, init)) as FetchResponse;
    const body = response.body;
    return {
      status: response.status,
      headers: response.headers,
      body: body && {
        async *[Symbol.asyncIterator]() {
          for await (const chunk of body) {
            bytes += chunk.byteLength;
            yield chunk;
          }
        },
      },
    };
  };
  return {
    fetch,
    bytes: () => bytes,
    reset: () => {
      bytes = 0;
    },
  };
}

export function apiFor(server: TtsTestServer, userId: string, fetch?: Fetch): TtsClient {
  const token = server.issueTokens(userId, 'vscode-ext').access_token;
  return new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, fetch });
}

export const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;
export const mb = (bytes: number): number => Math.round(bytes / 104857.6) / 10;

/** Bytes of JavaScript in dist/: the entry and every chunk, source maps not counted. */
export function codeBytes(dir = 'dist'): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

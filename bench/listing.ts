// Listing 5,000 applications with 20 ms added latency: first page, all pages with bounded concurrency against the
// sequential page walk in the same run, bytes with our field mask against an unmasked (every field) listing.
// The server runs on a worker thread of this process (serverWorker.ts).
import { APPLICATION_DETAIL_FIELDS, APPLICATION_LIST_FIELDS } from '../src/tts/applications';
import type { Owner } from '../src/tts/types';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TtsClient } from '../src/tts/client';
import { countingFetch, heapUsed, kb, mb, peakHeap, timed, type Result } from './setup';

const ALL_FIELDS = [...APPLICATION_DETAIL_FIELDS, 'contact_info', 'dev_eui_counter', 'created_at', 'updated_at'];

export async function measureListing(): Promise<Result[]> {
  // A .ts entry needs tsx's require hook inside the worker too.
  const entry = `require('tsx/cjs'); require(${JSON.stringify(resolve(__dirname, 'serverWorker.ts'))});`;
  const worker = new Worker(entry, { eval: true });
  try {
    const { url, token } = await new Promise<{ url: string; token: string }>((ok, fail) => {
      worker.once('message', ok);
      worker.once('error', fail);
    });
    const counter = countingFetch();
    const api = new TtsClient({ baseUrl: url, auth: { token: async () => token }, fetch: counter.fetch });
    const owner: Owner = { kind: 'user', id: 'bench' };
    await api.users.authInfo(); // as after sign-in: the connection is open and both sides are warm
    const first = await timed(() => api.applications.list(owner, { fields: APPLICATION_LIST_FIELDS, limit: 100 }));
    const sequential = await timed(async () => {
      let n = 0;
      for await (const page of api.applications.pages(owner, { fields: APPLICATION_LIST_FIELDS, limit: 100 })) {
        n += page.items.length;
      }
      return n;
    });
    counter.reset();
    const heapBefore = heapUsed();
    const all = await peakHeap(() => timed(() => api.applications.listAll(owner, { fields: APPLICATION_LIST_FIELDS, limit: 100, concurrency: 8 })));
    const maskedBytes = counter.bytes();
    counter.reset();
    await api.applications.listAll(owner, { fields: ALL_FIELDS, limit: 100, concurrency: 8 });
    const fullBytes = counter.bytes();
    const speedup = sequential.ms / all.value.ms;
    return [
      { name: 'listing: first page ready (100 of 5,000, 20 ms latency)', value: Math.round(first.ms), unit: 'ms', goal: '≈ one round trip (< 60 ms)', pass: first.ms < 60 },
      { name: 'listing: all 5,000, sequential page walk', value: Math.round(sequential.ms), unit: 'ms', note: `${sequential.value} items` },
      { name: 'listing: all 5,000, concurrency 8 after the total is known', value: Math.round(all.value.ms), unit: 'ms', note: `${all.value.value.length} items` },
      { name: 'listing: speed-up over the sequential walk', value: Math.round(speedup * 10) / 10, unit: '×', goal: '≥ 4×', pass: speedup >= 4 },
      { name: 'listing: bytes with field mask / every field', value: Math.round((maskedBytes / fullBytes) * 1000) / 10, unit: '%', goal: '≤ 50 %', pass: maskedBytes <= fullBytes / 2, note: `${kb(maskedBytes)} KB vs ${kb(fullBytes)} KB` },
      { name: 'listing: peak heap growth while listing 5,000', value: mb(all.peak - heapBefore), unit: 'MB' },
    ];
  } finally {
    worker.postMessage('close');
    await new Promise((r) => worker.once('exit', r));
  }
}

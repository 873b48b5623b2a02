// Listing 5,000 applications with 20 ms added latency: first page, all pages with bounded concurrency against the
// sequential page walk (medians of alternating runs), bytes with our field mask against an unmasked (every field)
// listing. The server runs in a process of its own (serverProcess.ts).
import { APPLICATION_DETAIL_FIELDS, APPLICATION_LIST_FIELDS } from '../src/tts/applications';
import type { Owner } from '../src/tts/types';
import { TtsClient } from '../src/tts/client';
import { start, WORLD } from './serverProcess';
import { countingFetch, heapUsed, kb, mb, median, peakHeap, timed, type Result } from './setup';

const ALL_FIELDS = [...APPLICATION_DETAIL_FIELDS, 'contact_info', 'dev_eui_counter', 'created_at', 'updated_at'];

export async function measureListing(runs = 5): Promise<Result[]> {
  const server = await start();
  try {
    const counter = countingFetch();
    const api = new TtsClient({ baseUrl: server.url, auth: { token: async () => server.token }, fetch: counter.fetch });
    const owner: Owner = { kind: 'user', id: WORLD.user };
    const options = { fields: APPLICATION_LIST_FIELDS, limit: 100 };
    await api.users.authInfo(); // as after sign-in: the connection is open and both sides are warm
    const first = await timed(() => api.applications.list(owner, options));
    const walk = async (): Promise<number> => {
      let n = 0;
      for await (const page of api.applications.pages(owner, options)) {
        n += page.items.length;
      }
      return n;
    };
    // Alternating runs, so a busy moment of the machine weighs on both sides alike.
    const sequential: number[] = [];
    const concurrent: number[] = [];
    let walked = 0;
    let listed = 0;
    let heapGrowth = 0;
    let maskedBytes = 0;
    for (let i = 0; i < runs; i++) {
      const s = await timed(walk);
      sequential.push(s.ms);
      walked = s.value;
      counter.reset();
      const heapBefore = heapUsed();
      const all = await peakHeap(() => timed(() => api.applications.listAll(owner, { ...options, concurrency: 8 })));
      concurrent.push(all.value.ms);
      listed = all.value.value.length;
      heapGrowth = Math.max(heapGrowth, all.peak - heapBefore);
      maskedBytes = counter.bytes();
    }
    counter.reset();
    await api.applications.listAll(owner, { fields: ALL_FIELDS, limit: 100, concurrency: 8 });
    const fullBytes = counter.bytes();
    const speedup = median(sequential) / median(concurrent);
    const range = (values: number[]): string =>
      `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
    return [
      {
        name: `listing: first page ready (100 of ${WORLD.applications}, ${WORLD.latencyMs} ms latency)`,
        value: Math.round(first.ms),
        unit: 'ms',
        goal: '≈ one round trip (< 60 ms)',
        pass: first.ms < 60,
      },
      {
        name: `listing: all ${WORLD.applications}, sequential page walk, median of ${runs}`,
        value: Math.round(median(sequential)),
        unit: 'ms',
        note: `${walked} items, ${range(sequential)}`,
      },
      {
        name: `listing: all ${WORLD.applications}, concurrency 8 after the total is known, median of ${runs}`,
        value: Math.round(median(concurrent)),
        unit: 'ms',
        note: `${listed} items, ${range(concurrent)}`,
      },
      {
        name: 'listing: speed-up over the sequential walk (medians)',
        value: Math.round(speedup * 10) / 10,
        unit: '×',
        goal: '≥ 5×',
        pass: speedup >= 5,
        note: 'server in its own process',
      },
      {
        name: 'listing: bytes with field mask / every field',
        value: Math.round((maskedBytes / fullBytes) * 1000) / 10,
        unit: '%',
        goal: '≤ 50 %',
        pass: maskedBytes <= fullBytes / 2,
        note: `${kb(maskedBytes)} KB vs ${kb(fullBytes)} KB`,
      },
      {
        name: `listing: peak heap growth while listing ${WORLD.applications} (largest of ${runs})`,
        value: mb(heapGrowth),
        unit: 'MB',
      },
    ];
  } finally {
    await server.close();
  }
}

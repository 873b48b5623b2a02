// Events: 2,000 events/s for 10 s through the stream reader and the ring buffer (default size 2,000).
import { LiveEvents } from '../src/events/liveEvents';
import { startTtsServer } from '../test/support/ttsServer';
import { apiFor, heapUsed, mb, peakHeap, type Result } from './setup';

export async function measureEvents(rate = 2000, seconds = 10): Promise<Result[]> {
  const server = await startTtsServer({ contract: false });
  try {
    server.seed.user({ id: 'bench' });
    server.seed.applications('bench', 1, { ids: ['bench-live'] });
    server.seed.devices('bench-live', 5);
    const api = apiFor(server, 'bench');
    const count = rate * seconds;
    const updates: number[] = []; // when each UI update came
    const live = new LiveEvents({
      source: api.events,
      target: { applicationId: 'bench-live' },
      onUpdate: () => updates.push(performance.now()),
    });
    void live.start();
    for (let i = 0; i < 200 && server.events.openStreams === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const heapBefore = heapUsed();
    const started = Date.now();
    const from = performance.now();
    const run = await peakHeap(async () => {
      await server.events.emitUplinks('bench-live', { rate, count });
      const deadline = Date.now() + 10_000;
      while (live.snapshot().received < count && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const elapsed = (Date.now() - started) / 1000;
    // The rate of the updates that came while the events did: intervals over the time they span (n updates
    // spaced 100 ms apart make 10/s, though n / elapsed would read up to 10 + 1/elapsed).
    const during = updates.filter((t) => t >= from);
    const updatesPerSecond =
      during.length > 1 ? ((during.length - 1) * 1000) / (during[during.length - 1] - during[0]) : 0;
    const snapshot = live.snapshot();
    live.stop();
    const dropped = count - snapshot.received;
    return [
      {
        name: `events: received of ${count} at ${rate}/s`,
        value: snapshot.received,
        unit: '',
        note: `${Math.round(snapshot.received / elapsed)} events/s sustained`,
      },
      { name: 'events: dropped by the reader', value: dropped, unit: '', goal: '0', pass: dropped === 0 },
      {
        name: 'events: buffered (ring buffer, default 2,000)',
        value: snapshot.buffered,
        unit: '',
        goal: '= 2,000',
        pass: snapshot.buffered === 2000,
      },
      { name: 'events: peak heap growth', value: mb(run.peak - heapBefore), unit: 'MB' },
      {
        name: 'events: UI updates per second',
        value: Math.round(updatesPerSecond * 10) / 10,
        unit: '/s',
        goal: '≤ 10',
        pass: updatesPerSecond <= 10,
        note: `${during.length} updates in ${elapsed.toFixed(1)} s`,
      },
    ];
  } finally {
    await server.close();
  }
}

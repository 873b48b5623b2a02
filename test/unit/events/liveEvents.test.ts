// LiveEvents against the TTS test server's event source: start, a 2,000 events/s burst through the ring buffer with
// throttled UI updates, pause / resume, filters, a dropped stream resumed after the last event seen, stop. Every UI
// update goes through the throttle, so the tests wait for the update a change brings rather than expect it at once.
import { strict as assert } from 'node:assert';
import { LiveEvents, type LiveSnapshot } from '../../../src/events/liveEvents';
import type { TtsClient } from '../../../src/tts/client';
import { resolveDeployment } from '../../../src/tts/deployments';
import type { TtsEvent } from '../../../src/tts/types';
import { accountFor } from '../../support/explorerFixture';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

const APP = SEED.demo.appWithDevices;

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

const fCnt = (event: TtsEvent): number =>
  (event.data as { uplink_message?: { f_cnt?: number } } | undefined)?.uplink_message?.f_cnt ?? -1;

describe('LiveEvents against the test server', () => {
  let server: TtsTestServer;
  let api: TtsClient;
  let live: LiveEvents | undefined;
  let updates: { at: number; snapshot: LiveSnapshot }[];

  /** Records into this test's list: an update a stopped stream still sends after the test must not reach the next. */
  const recorder = (): ((snapshot: LiveSnapshot) => void) => {
    const mine = updates;
    return (snapshot) => mine.push({ at: Date.now(), snapshot });
  };
  /** Waits for the next update that satisfies `condition` after the first `after` updates (default: those so far). */
  const nextUpdate = async (
    what: string,
    condition: (s: LiveSnapshot) => boolean,
    after = updates.length,
  ): Promise<LiveSnapshot> => {
    await until(what, () => updates.slice(after).some((u) => condition(u.snapshot)));
    return updates.slice(after).find((u) => condition(u.snapshot))!.snapshot;
  };

  const start = async (options: Partial<ConstructorParameters<typeof LiveEvents>[0]> = {}): Promise<LiveEvents> => {
    live = new LiveEvents({
      source: api.events,
      target: { applicationId: APP },
      backoffMs: [50, 100],
      onUpdate: recorder(),
      ...options,
    });
    void live.start();
    await until('the stream to open', () => server.events.openStreams === 1 && live?.snapshot().state === 'live');
    return live;
  };

  beforeEach(async () => {
    server = await startTtsServer({ contract: false });
    api = accountFor(server, resolveDeployment({ name: 'Local', url: server.url }), 'alice').api;
    updates = [];
  });
  afterEach(async () => {
    live?.stop();
    live = undefined;
    await server.close();
  });

  it('starts: connecting, then live, and shows an uplink with its decoded fields', async () => {
    const l = await start();
    await nextUpdate('the live update', (s) => s.state === 'live', 0);
    assert.deepEqual(
      updates.map((u) => u.snapshot.state).filter((s, i, a) => s !== a[i - 1]),
      ['connecting', 'live'],
    );
    server.events.emit(APP, {
      name: 'as.up.data.forward',
      identifiers: [{ device_ids: { device_id: 'device-0001', application_ids: { application_id: APP } } }],
      data: {
        uplink_message: {
          f_port: 7,
          decoded_payload: { temperature: 21.5 },
          rx_metadata: [
            { rssi: -110, snr: -3 },
            { rssi: -72, snr: 9.25 },
          ],
        },
      },
    });
    await until('the event', () => l.snapshot().received === 1);
    const [summary] = l.snapshot().events;
    assert.equal(summary.name, 'as.up.data.forward');
    assert.equal(summary.deviceId, 'device-0001');
    assert.equal(summary.fPort, 7);
    assert.deepEqual(summary.payload, { temperature: 21.5 });
    assert.equal(summary.rssi, -72, 'the best gateway');
    assert.equal(summary.snr, 9.25);
    assert.equal(l.rawEvents()[0].name, 'as.up.data.forward');
  });

  it('takes a 2,000 events/s burst without dropping one below the buffer size, updating the UI at most 10 times a second', async () => {
    const l = await start({ capacity: 2000 });
    const before = updates.length;
    const started = Date.now();
    await server.events.emitUplinks(APP, { rate: 2000, count: 3000, deviceId: 'device-0001' });
    await until('all 3,000 events', () => l.snapshot().received === 3000);
    const elapsed = Date.now() - started;
    await new Promise((r) => setTimeout(r, 150)); // the last throttled update
    const snapshot = l.snapshot();
    assert.equal(snapshot.buffered, 2000, 'bounded by the buffer');
    assert.equal(snapshot.evicted, 1000);
    assert.deepEqual(
      l.rawEvents().map(fCnt),
      Array.from({ length: 2000 }, (_, i) => 1001 + i),
      'the newest 2,000, none missing, in order',
    );
    assert.equal(snapshot.events[0].id, l.rawEvents()[1999].unique_id, 'newest first');
    const burst = updates.slice(before);
    // All of them, the connection's own (connecting, live) included, go through the one throttle.
    for (let i = 1; i < updates.length; i++) {
      assert.ok(
        updates[i].at - updates[i - 1].at >= 100,
        `updates ${i - 1} and ${i} were ${updates[i].at - updates[i - 1].at} ms apart`,
      );
    }
    assert.ok(burst.length <= Math.ceil(elapsed / 100) + 2, `${burst.length} updates in ${elapsed} ms`);
    assert.equal(burst.at(-1)?.snapshot.received, 3000, 'the last update shows everything');
  });

  it('pauses the UI (events still buffered) and catches up on resume', async () => {
    const l = await start();
    l.pause();
    await nextUpdate('the paused view', (s) => s.paused);
    const before = updates.length;
    await server.events.emitUplinks(APP, { rate: 500, count: 50 });
    await until('50 events', () => l.snapshot().received === 50);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(updates.length, before, 'no update while paused');
    l.resume();
    const resumed = await nextUpdate('the update on resume', () => true);
    assert.equal(resumed.paused, false);
    assert.equal(resumed.events.length, 50);
  });

  it('throttles what the user and the connection change like new events: updates ≥ 100 ms apart, the last one current', async () => {
    const l = await start();
    await nextUpdate('the live update', (s) => s.state === 'live', 0);
    const before = updates.length;
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      l.pause();
      l.setFilter({ name: `x${i}` });
      l.resume();
      l.clear();
    }
    l.setFilter({ name: 'as.up' });
    assert.equal(updates.length, before, 'no update synchronously');
    assert.equal(server.events.dropStreams(), 1); // reconnecting, then live again
    await until('the stream back', () => l.snapshot().state === 'live' && l.snapshot().reconnects === 1);
    await nextUpdate('the update that shows it', (s) => s.state === 'live' && s.reconnects === 1, before);
    const elapsed = Date.now() - started;
    for (let i = 1; i < updates.length; i++) {
      assert.ok(
        updates[i].at - updates[i - 1].at >= 100,
        `updates ${i - 1} and ${i} were ${updates[i].at - updates[i - 1].at} ms apart`,
      );
    }
    const changes = updates.slice(before);
    assert.ok(
      changes.length <= Math.ceil(elapsed / 100) + 1,
      `${changes.length} updates in ${elapsed} ms for 81 changes and a reconnect`,
    );
    assert.equal(changes[0].snapshot.paused, false, 'the first update already shows the last of the changes before it');
    assert.equal(l.snapshot().paused, false);
  });

  it('filters by event name (substring or /regex/) and by device; clear empties the view', async () => {
    const l = await start();
    const device = (id: string) => [{ device_ids: { device_id: id, application_ids: { application_id: APP } } }];
    server.events.emit(APP, { name: 'as.up.data.forward', identifiers: device('device-0001') });
    server.events.emit(APP, { name: 'ns.up.data.receive', identifiers: device('device-0002') });
    server.events.emit(APP, { name: 'as.up.join.forward', identifiers: device('device-0002') });
    await until('3 events', () => l.snapshot().received === 3);
    l.setFilter({ name: 'as.up' });
    // The first update after the change already shows it: a pending update takes its snapshot when it runs.
    const filtered = await nextUpdate('the filtered view', () => true);
    assert.deepEqual(
      filtered.events.map((e) => e.name),
      ['as.up.join.forward', 'as.up.data.forward'],
    );
    l.setFilter({ name: '/^(ns|as)\\.up\\.data/', device: '0002' });
    assert.deepEqual(
      l.snapshot().events.map((e) => e.name),
      ['ns.up.data.receive'],
    );
    l.setFilter({ name: '/[unclosed/' });
    assert.deepEqual(l.snapshot().events, [], 'a broken regex matches nothing rather than throwing');
    l.setFilter({});
    assert.equal(l.snapshot(2).events.length, 2, 'limit');
    assert.equal(l.snapshot(2).matched, 3);
    l.clear();
    assert.equal(l.snapshot().buffered, 0);
    assert.deepEqual(l.rawEvents(), []);
    assert.equal((await nextUpdate('the cleared view', (s) => s.buffered === 0)).events.length, 0);
  });

  it('reconnects after a drop and resumes after the last event seen: no duplicates, no gap', async () => {
    const l = await start();
    await server.events.emitUplinks(APP, { rate: 1000, count: 200, deviceId: 'device-0001' });
    await until('200 events', () => l.snapshot().received === 200);
    const requestsBefore = server.requests.filter((r) => r.path === '/api/v3/events').length;
    assert.equal(server.events.dropStreams(), 1);
    // Emitted while the client is disconnected: only the resume can bring these.
    await server.events.emitUplinks(APP, { rate: 1000, count: 100, deviceId: 'device-0002' });
    await until(
      'the reconnect and the missed events',
      () => l.snapshot().received === 300 && l.snapshot().state === 'live',
    );
    await server.events.emitUplinks(APP, { rate: 1000, count: 50, deviceId: 'device-0003' });
    await until('350 events', () => l.snapshot().received === 350);
    await new Promise((r) => setTimeout(r, 100)); // anything resent twice would show up now
    const raw = l.rawEvents();
    assert.equal(raw.length, 350);
    assert.equal(new Set(raw.map((e) => e.unique_id)).size, 350, 'no duplicates');
    const byDevice = (id: string) => raw.filter((e) => JSON.stringify(e.identifiers).includes(id)).map(fCnt);
    assert.deepEqual(
      byDevice('device-0001'),
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      byDevice('device-0002'),
      Array.from({ length: 100 }, (_, i) => i + 1),
      'the events missed while disconnected',
    );
    assert.deepEqual(
      byDevice('device-0003'),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(l.snapshot().reconnects, 1);
    const resume = server.requests.filter((r) => r.path === '/api/v3/events').slice(requestsBefore)[0];
    assert.ok(resume, 'a second stream request');
    const after = (resume.body as { after?: string }).after;
    assert.ok(after && Date.parse(after) <= Date.parse(raw[199].time ?? ''), `resumed with after=${String(after)}`);
  });

  it('stops: the stream closes, later events are not received, and the state says stopped', async () => {
    const l = await start();
    l.stop();
    await nextUpdate('the stopped state', (s) => s.state === 'stopped');
    await until('the server to see the stream close', () => server.events.openStreams === 0);
    server.events.emit(APP, { name: 'as.up.data.forward' });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(l.snapshot().received, 0);
    assert.equal(l.isRunning, false);
  });

  it('stops with the reason, without retrying, when the user has no rights on the application', async () => {
    live = new LiveEvents({
      source: api.events,
      target: { applicationId: SEED.demo.applications.bobWeather },
      backoffMs: [10],
      onUpdate: recorder(),
    });
    await live.start();
    const last = await nextUpdate('the stopped state', (s) => s.state === 'stopped', 0);
    assert.ok(last.error, 'an error message');
    assert.equal(server.requests.filter((r) => r.path === '/api/v3/events').length, 1);
  });
});

import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, openStream } from './helpers';

const APP = SEED.demo.appWithDevices;
const appIds = (id: string) => ({ identifiers: [{ application_ids: { application_id: id } }] });
const result = (message: Record<string, unknown>): Record<string, unknown> => message.result as Record<string, unknown>;

describe('TTS test server: events stream', () => {
  let server: TtsTestServer;
  let token: string;
  beforeEach(async () => {
    server = await startTtsServer();
    token = server.issueTokens('alice', SEED.client.id).access_token;
  });
  afterEach(async () => {
    await server.close();
    assertContract(server);
  });

  it('starts with events.stream.start, then delivers emitted events as {"result"} lines', async () => {
    const stream = await openStream(server, token, appIds(APP));
    assert.equal(stream.status, 200);
    assert.equal(result(await stream.next()).name, 'events.stream.start');
    server.events.emit(APP, { name: 'as.up.data.forward' });
    server.events.emit('bob-weather', { name: 'as.up.data.forward' }); // another application: not delivered
    server.events.emit(APP, { name: 'ns.up.data.receive' });
    assert.equal(result(await stream.next()).name, 'as.up.data.forward');
    assert.equal(result(await stream.next()).name, 'ns.up.data.receive');
    assert.match(stream.raw(), /^\{"result":\{[^\n]*\}\}\n\{"result"/);
    stream.close();
  });

  it('filters by names (exact and /regex/) and uses \\n\\n for Accept: text/event-stream', async () => {
    const stream = await openStream(server, token, { ...appIds(APP), names: ['/^as\\.up\\./'] }, 'text/event-stream');
    assert.equal(stream.contentType, 'text/event-stream');
    await stream.next();
    server.events.emit(APP, { name: 'ns.up.data.receive' });
    server.events.emit(APP, { name: 'as.up.join.forward' });
    assert.equal(result(await stream.next()).name, 'as.up.join.forward');
    assert.ok(stream.raw().includes('}}\n\n{'));
    stream.close();
  });

  it('streams uplinks at a rate, replays a tail, and can be cut', async () => {
    const stream = await openStream(server, token, appIds(APP));
    await stream.next();
    const started = Date.now();
    await server.events.emitUplinks(APP, { rate: 50, count: 10, deviceId: 'device-0002' });
    assert.ok(Date.now() - started >= 150, 'about 10 events at 50/s');
    for (let i = 1; i <= 10; i++) {
      const event = result(await stream.next());
      assert.equal(event.name, 'as.up.data.forward');
      const data = event.data as Record<string, Record<string, unknown>>;
      assert.equal(data.uplink_message.f_cnt, i);
      assert.equal((data.end_device_ids as Record<string, unknown>).device_id, 'device-0002');
    }
    const replay = await openStream(server, token, { ...appIds(APP), tail: 3 });
    assert.equal(result(await replay.next()).name, 'events.stream.start');
    assert.equal((result(await replay.next()).data as Record<string, Record<string, unknown>>).uplink_message.f_cnt, 8);
    assert.equal(server.events.dropStreams(), 2);
    await stream.ended;
    await replay.ended;
  });

  it('hides events whose visibility rights the caller lacks', async () => {
    server.state.memberships.get(`application:${APP}`)?.set('user:bob', ['RIGHT_APPLICATION_INFO']);
    const bob = await openStream(server, server.issueTokens('bob', SEED.client.id).access_token, appIds(APP));
    await bob.next();
    await server.events.emitUplinks(APP, { count: 1 });
    server.events.emit(APP, { name: 'application.update' });
    assert.equal(result(await bob.next()).name, 'application.update');
    bob.close();
  });

  it('answers errors before the first event as {"error"} with the mapped status', async () => {
    const empty = await openStream(server, token, { identifiers: [] });
    assert.equal(empty.status, 400);
    assert.equal(((await empty.next()).error as Record<string, unknown>).code, 3);
    const foreign = await openStream(server, token, appIds('bob-weather'));
    assert.equal(foreign.status, 403);
    const anonymous = await openStream(server, undefined, appIds(APP));
    assert.equal(anonymous.status, 401);
    server.knobs.rateLimitNext({ retrySeconds: 2, path: '/events' });
    const limited = await openStream(server, token, appIds(APP), 'text/event-stream');
    assert.equal(limited.status, 429);
    const error = (await limited.next()).error as Record<string, Record<string, unknown>[]>;
    assert.equal(error.details[0].name, 'rate_limit_exceeded');
    await limited.ended;
    assert.ok(limited.raw().endsWith('}}\n\n'));
  });
});

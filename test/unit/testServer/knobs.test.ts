import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName } from './helpers';

describe('TTS test server: knobs', () => {
  let server: TtsTestServer;
  let token: string;
  before(async () => {
    server = await startTtsServer();
    token = server.issueTokens('alice', SEED.client.id).access_token;
  });
  afterEach(() => server.knobs.reset());
  after(async () => {
    assertContract(server); // corrupted responses are marked and skipped; injected errors are valid TTS errors
    await server.close();
  });

  const get = (path = '/clients/vscode-ext?field_mask=name') => call(server, 'GET', path, { token });

  it('adds latency', async () => {
    server.knobs.latencyMs = 120;
    const started = Date.now();
    await get();
    assert.ok(Date.now() - started >= 110);
  });

  it('fails the next matching requests with TTS error bodies', async () => {
    server.knobs.failNext({ status: 503, count: 2, path: '/clients/vscode-ext' });
    server.knobs.failNext({ status: 500, method: 'POST', path: /\/oauth\/token$/ });
    assert.equal((await get('/auth_info')).status, 200, 'other paths untouched');
    const first = await get();
    assert.equal(first.status, 503);
    assert.equal(first.json.code, 14);
    assert.equal(errorName(first), 'unavailable');
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 200);
    assert.equal(
      (
        await call(server, 'POST', '/oauth/token', {
          body: 'grant_type=x',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).status,
      500,
    );
    assert.equal(server.knobs.injected.failures, 3);
  });

  it('rate-limits with 429 and X-Rate-Limit-* headers', async () => {
    server.knobs.rateLimitNext({ retrySeconds: 7, path: '/api/v3/clients/vscode-ext' });
    const r = await get();
    assert.equal(r.status, 429);
    assert.equal(errorName(r), 'rate_limit_exceeded');
    assert.equal(r.headers.get('x-rate-limit-available'), '0');
    assert.equal(r.headers.get('x-rate-limit-retry'), '7');
    assert.equal(r.headers.get('x-rate-limit-reset'), '7');
    assert.ok(Number(r.headers.get('x-rate-limit-limit')) > 0);
    assert.equal(r.headers.get('retry-after'), null, 'TTS sends no Retry-After');
    assert.equal(server.knobs.injected.rateLimited, 1);
  });

  it('drops connections before the response (after handling) and in the middle of the body', async () => {
    server.knobs.dropNext({ when: 'before-response', path: '/users/alice/applications' });
    await assert.rejects(
      call(server, 'POST', '/users/alice/applications', {
        token,
        body: { application: { ids: { application_id: 'lost-reply' } } },
      }),
    );
    assert.ok(server.state.applications.has('lost-reply'), 'the request was handled; only the reply was lost');
    server.knobs.dropNext({ when: 'mid-body', path: '/clients' });
    await assert.rejects(get('/clients?field_mask=name,description,redirect_uris'));
    assert.equal(server.knobs.injected.dropped, 2);
    assert.equal((await get()).status, 200);
  });

  it('corrupts bodies: an HTML 502 page, cut JSON, wrong types, more than 10 MB', async () => {
    server.knobs.malformedNext({ kind: 'html' });
    const html = await get();
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(html.text, /<h1>502 Bad Gateway<\/h1>/);
    server.knobs.malformedNext({ kind: 'truncated' });
    const cut = await get();
    assert.equal(cut.status, 200);
    assert.throws(() => JSON.parse(cut.text));
    server.knobs.malformedNext({ kind: 'wrong-types' });
    const wrong = await get();
    assert.equal((wrong.json.ids as Record<string, unknown>).client_id, 12345);
    server.knobs.malformedNext({ kind: 'huge', path: '/clients/vscode-ext' });
    const huge = await get();
    assert.ok(huge.text.length > 10 * 1024 * 1024);
    assert.equal(server.knobs.injected.malformed, 4);
    const marked = server.requests.filter((r) => r.response?.injected?.startsWith('malformed:'));
    assert.equal(marked.length, 4);
  });

  it('resets everything', async () => {
    server.knobs.latencyMs = 1000;
    server.knobs.failNext({ status: 500, count: 5 });
    server.knobs.reset();
    assert.equal(server.knobs.latencyMs, 0);
    assert.equal((await get()).status, 200);
    assert.deepEqual(server.knobs.injected, { failures: 0, rateLimited: 0, dropped: 0, malformed: 0, interleaved: 0 });
  });

  it("lands someone else's write before or after the next matching request, once", async () => {
    const order: string[] = [];
    const rename = (name: string) => () =>
      call(server, 'PUT', '/clients/vscode-ext', {
        token,
        body: { client: { ids: { client_id: 'vscode-ext' }, name }, field_mask: { paths: ['name'] } },
      }).then((r) => order.push(`interleaved ${r.status}`));
    server.knobs.interleaveNext({
      when: 'before',
      method: 'GET',
      path: '/clients/vscode-ext',
      write: rename('Before'),
    });
    const first = await get();
    assert.equal(first.json.name, 'Before', 'the answer already shows the write that landed before it');
    server.knobs.interleaveNext({ when: 'after', method: 'GET', path: '/clients/vscode-ext', write: rename('After') });
    const second = await get();
    assert.equal(second.json.name, 'Before', 'the write after it is not in its answer…');
    assert.equal((await get()).json.name, 'After', '…but in the next');
    assert.deepEqual(order, ['interleaved 200', 'interleaved 200']);
    assert.equal(server.knobs.injected.interleaved, 2);
  });
});

import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { BadResponseError, NetworkError, TimeoutError, TtsError } from '../../../src/tts/errors';
import { CLIENT_LIST_FIELDS } from '../../../src/tts/clients';
import { startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { UserCancelledError } from '../../../src/util/cancellation';

describe('http: transport against the TTS test server', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let api: TtsClient;
  let token: string;
  const sleeps: number[] = [];

  before(async () => {
    server = await startTtsServer();
    token = server.issueTokens('alice', 'vscode-ext').access_token;
  });
  after(() => server.close());
  beforeEach(() => {
    server.knobs.reset();
    sleeps.length = 0;
    api = new TtsClient({
      baseUrl: server.url,
      auth: { token: async () => token },
      timeoutMs: 2_000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
  });

  const count = (method: string, path: string): number =>
    server.requests.filter((r) => r.method === method && r.path === path).length;

  it('sends the Bearer token, Accept JSON and the field mask', async () => {
    await api.clients.list({ kind: 'user', id: 'alice' }, { fields: CLIENT_LIST_FIELDS });
    const request = server.requests.at(-1)!;
    assert.equal(request.headers.authorization, `Bearer ${token}`);
    assert.equal(request.query.field_mask, 'name,description,state,state_description');
    assert.equal(request.query.limit, '100');
    assert.equal(request.query.page, '1');
  });

  it('raises a TtsError with status, code, name, filled message and correlation id', async () => {
    const error = await api.clients.get('does-not-exist', ['name']).catch((e: unknown) => e);
    assert.ok(error instanceof TtsError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 5);
    assert.ok(error.errorName.length > 0);
    assert.match(error.correlationId ?? '', /^[0-9a-f]{32}$/);
    assert.ok(!error.message.includes('{'), `placeholders filled: ${error.message}`);
  });

  it('retries idempotent requests on 500/502/503 with growing backoff', async () => {
    server.knobs.failNext({ status: 503, count: 2, path: '/api/v3/clients/vscode-ext' });
    const before = count('GET', '/api/v3/clients/vscode-ext');
    const client = await api.clients.get('vscode-ext', ['name']);
    assert.equal(client.ids?.client_id, 'vscode-ext');
    assert.equal(count('GET', '/api/v3/clients/vscode-ext') - before, 3);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[1] > sleeps[0], `backoff grows: ${sleeps}`);
  });

  it('honours X-Rate-Limit-Retry on 429', async () => {
    server.knobs.rateLimitNext({ count: 1, retrySeconds: 7, path: '/api/v3/clients/vscode-ext' });
    await api.clients.get('vscode-ext', ['name']);
    assert.deepEqual(sleeps, [7000]);
  });

  it('gives up after the retries with the last error', async () => {
    server.knobs.failNext({ status: 500, count: 10, path: '/api/v3/clients/vscode-ext' });
    await assert.rejects(
      api.clients.get('vscode-ext', ['name']),
      (e: unknown) => e instanceof TtsError && e.status === 500,
    );
    assert.equal(sleeps.length, 3);
  });

  it('never retries a create', async () => {
    server.knobs.failNext({ status: 503, count: 1, path: '/api/v3/users/alice/applications' });
    const before = count('POST', '/api/v3/users/alice/applications');
    await assert.rejects(
      api.applications.create({ kind: 'user', id: 'alice' }, { ids: { application_id: 'never-twice' } }),
      TtsError,
    );
    assert.equal(count('POST', '/api/v3/users/alice/applications') - before, 1);
    assert.equal(sleeps.length, 0);
  });

  it('retries a dropped connection on reads, and reports it as a NetworkError when it persists', async () => {
    server.knobs.dropNext({ when: 'before-response', count: 1, path: '/api/v3/clients/vscode-ext' });
    assert.equal((await api.clients.get('vscode-ext', ['name'])).ids?.client_id, 'vscode-ext');
    server.knobs.dropNext({ when: 'before-response', count: 10, path: '/api/v3/clients/vscode-ext' });
    await assert.rejects(api.clients.get('vscode-ext', ['name']), NetworkError);
  });

  it('a connection reset mid-body is a NetworkError', async () => {
    server.knobs.dropNext({ when: 'mid-body', count: 10, path: '/api/v3/clients/vscode-ext' });
    await assert.rejects(api.clients.get('vscode-ext', ['name']), NetworkError);
  });

  it('times out', async () => {
    server.knobs.latencyMs = 500;
    const slow = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, timeoutMs: 100, retries: 0 });
    await assert.rejects(slow.clients.get('vscode-ext', ['name']), TimeoutError);
  });

  it('stops at once when the caller aborts', async () => {
    server.knobs.latencyMs = 500;
    const controller = new AbortController();
    const pending = api.clients.get('vscode-ext', ['name'], controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, UserCancelledError);
  });

  it('refuses HTML, truncated JSON and oversized bodies with a clear error', async () => {
    const once = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, retries: 0 });
    server.knobs.malformedNext({ kind: 'html', count: 1, path: '/api/v3/clients/vscode-ext' });
    const html = await once.clients.get('vscode-ext', ['name']).catch((e: unknown) => e);
    assert.ok(html instanceof TtsError && html.status === 502, `html: ${String(html)}`);
    assert.equal(html.message, 'The Things Stack answered HTTP 502.');
    server.knobs.malformedNext({ kind: 'truncated', count: 1, path: '/api/v3/clients/vscode-ext' });
    await assert.rejects(
      once.clients.get('vscode-ext', ['name']),
      (e: unknown) => e instanceof BadResponseError && /incomplete or invalid JSON/.test(e.message),
    );
    server.knobs.malformedNext({ kind: 'huge', count: 1, path: '/api/v3/clients/vscode-ext' });
    await assert.rejects(api.clients.get('vscode-ext', ['name']), /more than 8 MiB/);
  });

  it('no DNS answer and refused connections are NetworkErrors', async () => {
    const nowhere = new TtsClient({ baseUrl: 'http://127.0.0.1:1', retries: 0 });
    await assert.rejects(
      nowhere.users.authInfo(),
      (e: unknown) => e instanceof NetworkError && /refused/.test(e.message),
    );
    const unknownHost = new TtsClient({ baseUrl: 'http://does-not-exist.invalid', retries: 0 });
    await assert.rejects(
      unknownHost.users.authInfo(),
      (e: unknown) => e instanceof NetworkError && /resolved/.test(e.message),
    );
  });
});

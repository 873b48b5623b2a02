// Answers the test server gives the way TTS v3.32.1 gave them (../shared/real-tts/README.md, and test:real).
import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName } from './helpers';

describe('TTS test server: answers shaped like TTS v3.32.1', () => {
  let server: TtsTestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startTtsServer();
    admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('answers 400 pkg/errors:validation with a named, nested cause for an invalid ID in a path', async () => {
    const r = await call(server, 'GET', '/applications/Bad_ID?field_mask=name', { token: admin });
    assert.equal(r.status, 400);
    assert.equal(errorName(r), 'validation');
    const detail = (r.json.details as Record<string, unknown>[])[0];
    assert.deepEqual(detail.attributes, {
      field: 'application_ids',
      name: 'GetApplicationRequestValidationError',
      reason: 'embedded message failed validation',
    });
    const cause = detail.cause as Record<string, unknown>;
    assert.equal(cause.name, 'validation');
    assert.equal(cause.code, 3);
    assert.match(String(cause.correlation_id), /^[0-9a-f]{32}$/);
    assert.deepEqual(cause.attributes, {
      field: 'application_id',
      name: 'ApplicationIdentifiersValidationError',
      reason: 'value does not match regex pattern "^[a-z0-9](?:[-]?[a-z0-9]){2,}$"',
    });
    const client = await call(server, 'GET', '/clients/x?field_mask=name', { token: admin });
    assert.equal(client.status, 400, 'too short is invalid too');
  });

  it('answers 404 account_not_found with account_id and account_type for an unknown collaborator', async () => {
    const app = SEED.demo.applications.aliceSensors;
    const put = await call(server, 'PUT', `/applications/${app}/collaborators`, {
      token: admin,
      body: { collaborator: { ids: { user_ids: { user_id: 'nobody-here' } }, rights: ['RIGHT_APPLICATION_INFO'] } },
    });
    assert.equal(put.status, 404);
    assert.equal(errorName(put), 'account_not_found');
    const detail = (put.json.details as Record<string, unknown>[])[0];
    assert.equal(detail.namespace, 'pkg/identityserver/store');
    assert.deepEqual(detail.attributes, { account_id: 'nobody-here', account_type: 'user' });
    assert.equal(
      put.json.message,
      'error:pkg/identityserver/store:account_not_found (user account with id `nobody-here` not found)',
    );
    const get = await call(server, 'GET', `/applications/${app}/collaborator/user/nobody-here`, { token: admin });
    assert.equal(get.status, 404);
    assert.equal(errorName(get), 'account_not_found');
  });

  it('answers an unknown route with {code, message} and no details', async () => {
    const offContract = { 'x-contract-check': 'skip' }; // not operations of the API, on purpose
    const r = await call(server, 'GET', '/nosuchroute', { token: admin, headers: offContract });
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 5, message: 'Not Found' });
    const method = await call(server, 'PATCH', `/applications/${SEED.demo.applications.aliceSensors}`, {
      token: admin,
      headers: offContract,
    });
    assert.deepEqual(method.body, { code: 12, message: 'Method Not Allowed' });
  });

  it('sends relative code redirects with a small HTML body', async () => {
    const location = await server.authorize({ userId: 'alice', clientId: 'cli', redirectUri: 'code', state: 's' });
    assert.match(location, /^\/oauth\/code\?code=MF2XI\.[^&]+&state=s$/);
  });
});

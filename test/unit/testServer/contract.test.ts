import { strict as assert } from 'node:assert';
import { checkRecorded, checkRequest, checkResponse, contractAvailable, findOperation } from '../../support/contract';
import { mochaHooks } from '../../support/contractHooks';
import { API_ROUTES, SEED, startTtsServer } from '../../support/ttsServer';
import { forgetServer, recordedServers, registerServer, type RecordedServer } from '../../support/ttsServer/servers';
import { call } from './helpers';

describe('contract checks against the swagger', function () {
  before(function () {
    if (!contractAvailable()) {
      this.skip();
    }
  });

  it('finds operations, preferring literal segments', () => {
    assert.equal(findOperation('GET', '/api/v3/clients/abc/rights')?.template, '/clients/{client_id}/rights');
    assert.equal(findOperation('GET', '/clients/abc')?.template, '/clients/{client_ids.client_id}');
    assert.equal(
      findOperation('GET', '/applications/app/devices/batch')?.template,
      '/applications/{application_ids.application_id}/devices/batch',
    );
    assert.equal(
      findOperation('GET', '/applications/app/devices/dev')?.template,
      '/applications/{end_device_ids.application_ids.application_id}/devices/{end_device_ids.device_id}',
    );
    assert.equal(findOperation('DELETE', '/clients/abc')?.template, '/clients/{client_id}');
    assert.equal(findOperation('GET', '/nope'), undefined);
  });

  it('every route of the test server is a swagger operation with the same template', () => {
    for (const route of API_ROUTES) {
      const concrete = route.template.replace(/\{[^}]+\}/g, 'x1');
      assert.equal(
        findOperation(route.method, concrete)?.template,
        route.template,
        `${route.method} ${route.template}`,
      );
    }
  });

  it('catches a wrong path and a wrong method', () => {
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/client/abc' }), ['unknown path /client/abc']);
    // Clients delete collaborators under the plural `collaborators`; the singular is the applications' path.
    assert.deepEqual(checkRequest({ method: 'DELETE', path: '/api/v3/clients/abc/collaborator/user/bob' }), [
      'DELETE is not an operation of /clients/abc/collaborator/user/bob',
    ]);
    assert.deepEqual(checkRequest({ method: 'DELETE', path: '/api/v3/applications/abc/collaborator/user/bob' }), []);
  });

  it('catches unknown body fields, wrong body types, undeclared query parameters and bad values', () => {
    const body = {
      client: { ids: { client_id: 'abc' }, name: 'n', colour: 'red' },
      collaborator: { user_ids: { user_id: 'alice' } },
    };
    assert.deepEqual(checkRequest({ method: 'POST', path: '/api/v3/users/alice/clients', body }), [
      "body/client: must NOT have additional properties 'colour'",
    ]);
    assert.deepEqual(
      checkRequest({ method: 'POST', path: '/api/v3/users/alice/clients', body: { client: { name: 5 } } }),
      ['body/client/name: must be string'],
    );
    assert.deepEqual(
      checkRequest({ method: 'PUT', path: '/api/v3/clients/abc', body: { client: { name: 'x' }, fieldmask: 'name' } }),
      ["body: must NOT have additional properties 'fieldmask'"],
    );
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/clients', query: { limit: '10', colour: 'red' } }), [
      "query parameter 'colour' is not declared by ClientRegistry_List",
    ]);
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/auth_info', query: { field_mask: 'name' } }), [
      "query parameter 'field_mask' is not declared by EntityAccess_AuthInfo",
    ]);
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/clients', query: { limit: 'ten' } }), [
      "query parameter 'limit' has an invalid value 'ten'",
    ]);
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/search/clients', query: { state: 'STATE_NICE' } }), [
      "query parameter 'state' has an invalid value 'STATE_NICE'",
    ]);
    assert.deepEqual(checkRequest({ method: 'GET', path: '/api/v3/clients/abc', body: { x: 1 } }), [
      '/clients/{client_ids.client_id} takes no request body',
    ]);
  });

  it('accepts path parameters repeated in the body, and both field mask forms', () => {
    const update = (mask: unknown, id = 'abc') =>
      checkRequest({
        method: 'PUT',
        path: '/api/v3/clients/abc',
        body: { client: { ids: { client_id: id }, name: 'x' }, field_mask: mask },
      });
    assert.deepEqual(update({ paths: ['name'] }), []);
    assert.deepEqual(update('name'), []);
    assert.deepEqual(update({ paths: ['name'] }, 'other'), [
      "body client.ids.client_id 'other' differs from the path value 'abc'",
    ]);
    assert.deepEqual(
      checkRequest({
        method: 'PUT',
        path: '/api/v3/applications/app/api-keys/KEY',
        body: {
          api_key: { id: 'KEY', name: 'n', rights: ['RIGHT_APPLICATION_INFO'] },
          field_mask: { paths: ['name'] },
        },
      }),
      [],
    );
    assert.deepEqual(
      checkRequest({ method: 'GET', path: '/api/v3/search/applications', query: { 'attributes_contain[team]': 'x' } }),
      [],
    );
  });

  it('catches a wrong response type, an unknown response field and a bad error body', () => {
    assert.deepEqual(
      checkResponse({
        method: 'GET',
        path: '/api/v3/clients',
        status: 200,
        body: { clients: [{ ids: { client_id: 5 } }] },
      }),
      ['response/clients/0/ids/client_id: must be string'],
    );
    assert.deepEqual(
      checkResponse({
        method: 'GET',
        path: '/api/v3/clients/abc',
        status: 200,
        body: { ids: { client_id: 'abc' }, state: 'STATE_NICE' },
      }),
      [
        'response/state: must be equal to one of the allowed values (STATE_REQUESTED, STATE_APPROVED, STATE_REJECTED, STATE_FLAGGED, STATE_SUSPENDED)',
      ],
    );
    assert.deepEqual(
      checkResponse({
        method: 'GET',
        path: '/api/v3/clients/abc',
        status: 200,
        body: { ids: { client_id: 'abc' }, colour: 'red' },
      }),
      ["response: must NOT have additional properties 'colour'"],
    );
    assert.deepEqual(
      checkResponse({
        method: 'GET',
        path: '/api/v3/clients/abc',
        status: 404,
        body: { error: 'not found', code: '5' },
      }),
      ["error response 404: must NOT have additional properties 'error'", 'error response 404/code: must be integer'],
    );
    assert.deepEqual(checkResponse({ method: 'DELETE', path: '/api/v3/clients/abc', status: 200, body: {} }), []);
    assert.deepEqual(
      checkResponse({
        method: 'POST',
        path: '/api/v3/events',
        status: 200,
        body: undefined,
        messages: [{ result: { name: 'events.stream.start' } }, { result: { name: 5 } }, { other: true }],
      }),
      ['message 1/result/name: must be string', "message 2: must NOT have additional properties 'other'"],
    );
  });

  it('passes the traffic of a realistic session, and skips what is exempt or corrupted on purpose', async () => {
    const server = await startTtsServer();
    const exempt = await startTtsServer({ contract: false });
    try {
      const token = server.issueTokens('alice', SEED.client.id).access_token;
      await call(server, 'GET', '/auth_info', { token });
      await call(server, 'GET', '/clients?field_mask=name,state,rights&limit=2&page=1&order=-name', { token });
      const body = {
        client: {
          ids: { client_id: 'session-client' },
          name: 'S',
          redirect_uris: ['code'],
          rights: ['RIGHT_USER_INFO'],
        },
      };
      await call(server, 'POST', '/users/alice/clients', { token, body });
      await call(server, 'PUT', '/clients/session-client', {
        token,
        body: { client: { ids: { client_id: 'session-client' }, name: 'T' }, field_mask: { paths: ['name'] } },
      });
      await call(server, 'GET', '/applications/alice-sensors/devices?field_mask=name,description,last_seen_at', {
        token,
      });
      await call(server, 'GET', '/search/applications?query=sens&field_mask=name', { token });
      await call(server, 'DELETE', '/clients/session-client', { token });
      await call(server, 'GET', '/clients/nope', { token });
      await call(server, 'GET', '/api/v3/clients?colour=red', { token, headers: { 'X-Contract-Check': 'skip' } });
      server.knobs.malformedNext({ kind: 'wrong-types' });
      await call(server, 'GET', '/auth_info', { token });
      await call(exempt, 'GET', '/no/such/route');
      assert.deepEqual(checkRecorded(server.requests), []);
      assert.deepEqual(checkRecorded(exempt.requests), []);
    } finally {
      await server.close();
      await exempt.close();
    }
  });

  it('the root hook fails the run listing the violations', () => {
    const bad: RecordedServer = {
      url: 'http://fake',
      crashes: [new Error('boom')],
      requests: [
        {
          method: 'GET',
          path: '/api/v3/client/abc',
          query: {},
          headers: {},
          body: undefined,
          contract: true,
          response: { status: 404, headers: {}, body: { code: 5, message: 'Not Found', details: [] } },
        },
      ],
    };
    const others = [...recordedServers()]; // only the fake one, whatever else this run started
    others.forEach(forgetServer);
    registerServer(bad);
    try {
      assert.throws(
        () => mochaHooks.afterAll(),
        /2 violation\(s\)[\s\S]*unknown path \/client\/abc[\s\S]*test server crashed: boom/,
      );
    } finally {
      forgetServer(bad);
      others.forEach(registerServer);
    }
  });
});

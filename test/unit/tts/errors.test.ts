import { strict as assert } from 'node:assert';
import { formatTtsMessage, ttsErrorFrom } from '../../../src/tts/errors';

describe('errors: TTS error bodies', () => {
  const body = {
    code: 7,
    message: 'error:pkg/auth/rights:no_user_rights (no rights for user `admin`)',
    details: [
      {
        '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails',
        namespace: 'pkg/auth/rights',
        name: 'no_user_rights',
        message_format: 'no rights for user `{uid}`',
        attributes: { uid: 'admin' },
        correlation_id: '7d4a76e4b2074fdfbb6d0fac81d8647c',
        code: 7,
      },
    ],
  };

  it('reads status, gRPC code, namespace, name, filled message and correlation id', () => {
    const error = ttsErrorFrom(403, body);
    assert.equal(error.status, 403);
    assert.equal(error.code, 7);
    assert.equal(error.namespace, 'pkg/auth/rights');
    assert.equal(error.errorName, 'no_user_rights');
    assert.equal(error.id, 'pkg/auth/rights:no_user_rights');
    assert.equal(error.message, 'no rights for user `admin`');
    assert.equal(error.correlationId, '7d4a76e4b2074fdfbb6d0fac81d8647c');
    assert.equal(error.userMessage, 'no rights for user "admin" (correlation id 7d4a76e4b2074fdfbb6d0fac81d8647c)');
  });

  it('reads the stream form {error: Status}', () => {
    assert.equal(ttsErrorFrom(400, { error: body }).errorName, 'no_user_rights');
  });

  it('falls back to the message when there are no details', () => {
    const error = ttsErrorFrom(400, {
      code: 3,
      message: 'error:pkg/oauth:invalid_request (invalid or missing request parameter)',
    });
    assert.equal(error.message, 'invalid or missing request parameter');
    assert.equal(error.namespace, 'pkg/oauth');
    assert.equal(error.errorName, 'invalid_request');
    assert.equal(error.correlationId, undefined);
  });

  it('says what came back when the body is not a TTS error', () => {
    const error = ttsErrorFrom(502, undefined);
    assert.equal(error.message, 'The Things Stack answered HTTP 502.');
    assert.equal(error.code, 2);
    assert.equal(ttsErrorFrom(503, 'x').code, 14);
  });

  it('fills placeholders and leaves unknown ones', () => {
    assert.equal(
      formatTtsMessage('rate limit of `{rate}` for `{key}`', { rate: 30 }),
      'rate limit of `30` for `{key}`',
    );
  });
});

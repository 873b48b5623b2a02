// formatterErrorText and formatterErrorPosition on the error bodies the real v3.32.1 sends (goja, not V8): the
// readable texts of the formatter errors and the line in the user script.
import { strict as assert } from 'node:assert';
import { TtsError, ttsErrorFrom } from '../../../src/tts/errors';
import { formatterErrorPosition, formatterErrorText } from '../../../src/tts/formatterErrors';

/** An error body as the real v3.32.1 sends it (correlation IDs left out). */
function realError(
  status: number,
  code: number,
  id: string,
  format: string,
  attributes?: Record<string, unknown>,
  cause?: Record<string, unknown>,
): TtsError {
  const [namespace, name] = id.split(':');
  return ttsErrorFrom(status, {
    code,
    message: `error:${id}`,
    details: [{ namespace, name, message_format: format, attributes, cause, code }],
  });
}

describe('formatterErrorText on error bodies of the real v3.32.1 (goja, not V8)', () => {
  const script = (message: string) => realError(409, 10, 'pkg/scripting/javascript:script', '{message}', { message });

  it('a throw names the function and the line in the user script (the wrapper adds one line)', () => {
    const thrown = script('Error: boom at decodeUplink (<eval>:3:8(3))');
    assert.equal(formatterErrorText(thrown), 'decodeUplink threw: Error: boom at decodeUplink (line 2)');
    assert.deepEqual(formatterErrorPosition(thrown), { line: 2, column: 8 });
    const onFirstLine = script('Error: nope at encodeDownlink (<eval>:2:36(3))');
    assert.deepEqual(formatterErrorPosition(onFirstLine), { line: 1, column: 34 }, 'two tabs before line 1');
    assert.equal(
      formatterErrorText(script('str at decodeUplink (<eval>:2:32(2))')),
      'decodeUplink threw: str at decodeUplink (line 1)',
    );
  });

  it('syntax errors, missing entry points and errors inside the wrapper', () => {
    assert.equal(
      formatterErrorText(
        script('SyntaxError: SyntaxError: (anonymous): Line 2:47 Unexpected token } (and 33 more errors)'),
      ),
      'syntax error: Unexpected token } (line 1)',
    );
    const endOfInput = script('SyntaxError: SyntaxError: (anonymous): Line 22:2 Unexpected end of input');
    assert.equal(formatterErrorText(endOfInput), 'syntax error: Unexpected end of input');
    assert.equal(formatterErrorPosition(endOfInput), undefined, 'the line is past the script, in the wrapper');
    assert.equal(
      formatterErrorText(script('ReferenceError: Encoder is not defined at main (<eval>:12:12(20))')),
      'the script defines neither encodeDownlink(input) nor the legacy Encoder(object, fPort)',
    );
    assert.equal(
      formatterErrorText(script('ReferenceError: decodeDownlink is not defined at main (<eval>:7:25(18))')),
      'the script does not define decodeDownlink(input)',
    );
    assert.equal(
      formatterErrorText(script('TypeError: Value is not object coercible at main (<eval>:10:30(29))')),
      "the formatter's result could not be used: TypeError: Value is not object coercible",
    );
  });

  it('output, time, size and configuration errors', () => {
    const runtime = (message: string) => ({
      namespace: 'pkg/scripting/javascript',
      name: 'runtime',
      message_format: '{message}',
      attributes: { message },
      code: 10,
    });
    assert.equal(
      formatterErrorText(
        realError(
          409,
          10,
          'pkg/messageprocessors/javascript:output',
          'invalid output',
          undefined,
          runtime(
            'could not convert struct value [object Object] to javascript.decodeUplinkOutput for field Decoded: could not convert struct value 5 to map[string]interface {} for field Data: could not convert 5 to map[string]interface {}',
          ),
        ),
      ),
      "the formatter's data must be an object, not 5",
    );
    assert.equal(
      formatterErrorText(
        realError(409, 10, 'pkg/messageprocessors/javascript:output', 'invalid output', undefined, {
          namespace: 'pkg/scripting/javascript',
          name: 'no_script_output',
          message_format: 'no script output',
          code: 10,
        }),
      ),
      'the formatter returned nothing (null or undefined)',
    );
    assert.equal(
      formatterErrorText(realError(504, 4, 'pkg/scripting/javascript:script_timeout', 'script timeout')),
      'the formatter ran longer than the server allows (100 ms)',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          3,
          'pkg/applicationserver:field_value',
          'invalid value of field `{field}`',
          { field: 'default_formatters.down_formatter_parameter' },
          {
            namespace: 'pkg/applicationserver',
            name: 'formatter_script_too_large',
            message_format: 'formatter script size exceeds maximum allowed size',
            attributes: { max_size: 40960, size: 40962 },
            code: 3,
          },
        ),
      ),
      'the script is 40962 bytes (UTF-8); the server allows at most 40960 bytes',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          9,
          'pkg/messageprocessors:formatter_not_configured',
          'formatter `{formatter}` is not configured',
          { formatter: 'FORMATTER_GRPC_SERVICE' },
        ),
      ),
      'the server cannot run a FORMATTER_GRPC_SERVICE formatter here',
    );
    assert.equal(
      formatterErrorText(
        realError(404, 5, 'pkg/devicerepository/store/remote:brand_not_found', 'brand `{brand_id}` not found', {
          brand_id: 'nonexist',
        }),
      ),
      'Device Repository: brand "nonexist" not found',
    );
    assert.equal(
      formatterErrorText(
        realError(
          400,
          3,
          'pkg/errors:validation',
          'invalid `{field}`: {reason}',
          { field: 'uplink', reason: 'embedded message failed validation' },
          {
            namespace: 'pkg/errors',
            name: 'validation',
            message_format: 'invalid `{field}`: {reason}',
            attributes: { field: 'settings', reason: 'value is required' },
            code: 3,
          },
        ),
      ),
      'invalid settings: value is required',
    );
    assert.equal(
      formatterErrorText(realError(403, 7, 'pkg/auth/rights:insufficient_application_rights', 'insufficient rights')),
      undefined,
    );
  });
});

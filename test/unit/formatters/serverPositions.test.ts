import { strict as assert } from 'node:assert';
import { describeServerError, scriptPosition, serverErrorPosition } from '../../../src/formatters/serverPositions';

// The wrapper of v3.32.1 (pkg/messageprocessors/javascript/javascript.go, wrapUplinkDecoderScript), to place positions.
function wrapped(script: string): string {
  return `\n\t\t${script}\n\n\t\tfunction main(input) {\n\t\t\tconst bytes = input.bytes.slice();\n\t\t}\n`;
}

/** The 1-based line:column goja would report for the first occurrence of `needle` in the wrapped script. */
function serverAt(script: string, needle: string): [number, number] {
  const text = wrapped(script);
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

describe('server error positions (the v3.32.1 wrapper)', () => {
  const oneLine = 'function decodeUplink(input){ throw new Error("boom"); }';
  const multi = 'function decodeUplink(input) {\n  var x = 1;\n  throw new Error("boom");\n}';

  it('maps wrapper positions back to the script, on the first line and below', () => {
    const [l1, c1] = serverAt(oneLine, 'new Error');
    assert.deepEqual([l1, c1], [2, 39]); // the README's "Error: boom at decodeUplink (<eval>:2:39(3))"
    assert.deepEqual(scriptPosition(l1, c1, oneLine), { line: 1, column: oneLine.indexOf('new Error') + 1 });
    const [l3, c3] = serverAt(multi, 'new Error');
    assert.deepEqual(scriptPosition(l3, c3, multi), { line: 3, column: 9 });
  });

  it('says when a position is in the wrapper, not the script', () => {
    assert.equal(scriptPosition(1, 1, oneLine), undefined);
    const [line, column] = serverAt(oneLine, 'input.bytes.slice');
    assert.equal(scriptPosition(line, column, oneLine), undefined);
  });

  it('finds the first position in the script from stack traces and syntax errors', () => {
    assert.deepEqual(serverErrorPosition('Error: boom at decodeUplink (<eval>:2:39(3))', oneLine), {
      line: 1,
      column: 37,
    });
    assert.deepEqual(serverErrorPosition('Error: boom at check (<eval>:4:9(5)) at main (<eval>:9:20(12))', multi), {
      line: 3,
      column: 9,
    });
    assert.deepEqual(
      serverErrorPosition(
        'SyntaxError: SyntaxError: (anonymous): Line 3:5 Unexpected token } (and 3 more errors)',
        multi,
      ),
      { line: 2, column: 5 },
    );
    assert.equal(
      serverErrorPosition('ReferenceError: Decoder is not defined at main (<eval>:18:19(69))', oneLine),
      undefined,
    );
    assert.equal(serverErrorPosition('script timeout', oneLine), undefined);
  });

  it('rewrites the message for the user file', () => {
    assert.equal(
      describeServerError('Error: boom at decodeUplink (<eval>:2:39(3))', oneLine),
      'Error: boom at decodeUplink (line 1, column 37)',
    );
    assert.equal(
      describeServerError('ReferenceError: Decoder is not defined at main (<eval>:18:19(69))', oneLine),
      "ReferenceError: Decoder is not defined at main (the server's wrapper)",
    );
    assert.equal(
      describeServerError('SyntaxError: (anonymous): Line 2:47 Unexpected token }', oneLine),
      'SyntaxError: (anonymous): line 1, column 45 Unexpected token }',
    );
  });
});

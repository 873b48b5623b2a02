import { strict as assert } from 'node:assert';
import { formatBytes, parseBytes, silentChanges } from '../../../src/formatters/payload';

function bytes(text: string): number[] {
  return Array.from(parseBytes(text));
}

describe('parseBytes', () => {
  it('reads hex in the ways people paste it', () => {
    for (const text of [
      '0167FF',
      '01 67 ff',
      '0x0167FF',
      '0x01 0x67 0xFF',
      '01:67:FF',
      '0x01, 0x67, 0xff',
      ' 01-67-FF\n',
    ]) {
      assert.deepEqual(bytes(text), [0x01, 0x67, 0xff], text);
    }
  });

  it('reads base64 (standard, URL-safe, unpadded) when the text is not all hex digits', () => {
    assert.deepEqual(bytes('CSmA'), [0x09, 0x29, 0x80]);
    assert.deepEqual(bytes('AQc='), [1, 7]);
    assert.deepEqual(bytes('AQc'), [1, 7]);
    assert.deepEqual(bytes('AWcA/wJoYA=='), [0x01, 0x67, 0x00, 0xff, 0x02, 0x68, 0x60]);
    assert.deepEqual(bytes('AWcA_wJoYA'), [0x01, 0x67, 0x00, 0xff, 0x02, 0x68, 0x60]);
    assert.deepEqual(bytes('-_8='), [0xfb, 0xff]); // URL-safe "-" is not a hex separator here
  });

  it('prefers hex for text that is valid both ways', () => {
    assert.deepEqual(bytes('deadbeef'), [0xde, 0xad, 0xbe, 0xef]);
  });

  it('reads a byte array as input.bytes prints it', () => {
    assert.deepEqual(bytes('[1, 103, 0, 255]'), [1, 103, 0, 255]);
    assert.deepEqual(bytes('[]'), []);
  });

  it('reads empty text as 0 bytes', () => {
    assert.equal(parseBytes('').length, 0);
    assert.equal(parseBytes('   ').length, 0);
  });

  it('names the bad character and its position', () => {
    assert.throws(() => parseBytes('01 6G'), /"G" at position 5 is not a hex digit/);
    assert.throws(() => parseBytes('  0x01 0xZZ'), /"Z" at position 10 is not a hex digit/);
    assert.throws(() => parseBytes('AQ!c'), /"!" is neither a hex digit nor base64 \(at position 3\)/);
    assert.throws(() => parseBytes('AQ=c'), /padding "=" may only end base64 \(at position 3\)/);
  });

  it('says what is wrong with the length', () => {
    assert.throws(() => parseBytes('016'), /"016" at position 1 has an odd number of hex digits/);
    assert.throws(() => parseBytes('01 6 FF'), /"6" at position 4 has an odd number/);
    assert.throws(() => parseBytes('0x'), /"0x" at position 1 has no hex digits/);
    assert.throws(() => parseBytes('AQcXY'), /5 base64 characters cannot be whole bytes/);
    assert.throws(() => parseBytes('AQc=='), /padding/);
  });

  it('refuses byte arrays with values that are not bytes', () => {
    assert.throws(() => parseBytes('[1, 300]'), /Item 2 of the byte array \(300\) is not a byte/);
    assert.throws(() => parseBytes('[1, "a"]'), /Item 2/);
    assert.throws(() => parseBytes('[1, 2'), /not a byte array/);
  });
});

describe('formatBytes', () => {
  it('gives Console-style hex and padded base64, and round-trips through parseBytes', () => {
    const data = Uint8Array.from([0x01, 0x67, 0x00, 0xff, 0x2c]);
    const shown = formatBytes(data);
    assert.deepEqual(shown, { hex: '01 67 00 FF 2C', base64: 'AWcA/yw=' });
    assert.deepEqual(parseBytes(shown.hex), data);
    assert.deepEqual(parseBytes(shown.base64), data);
    assert.deepEqual(formatBytes(new Uint8Array(0)), { hex: '', base64: '' });
  });
});

describe('silentChanges (what v3.32.1 changes without an error)', () => {
  const encode = 'function encodeDownlink(input) { return { bytes: [1, input.data.level] }; }';

  it('says nothing when nothing applies', () => {
    const decoder = 'function decodeUplink(input) { return { data: { n: input.bytes.length, p: input.fPort } }; }';
    assert.deepEqual(
      silentChanges({ direction: 'uplink', type: 'FORMATTER_JAVASCRIPT', fPort: 1, script: decoder }),
      [],
    );
    assert.deepEqual(
      silentChanges({
        direction: 'downlink-encode',
        type: 'FORMATTER_JAVASCRIPT',
        fPort: 2,
        data: { level: 7 },
        script: encode,
        result: { bytes: Uint8Array.from([1, 7]), fPort: 2 },
      }),
      [],
    );
  });

  it('names input fields the server does not pass (recvTime)', () => {
    const script =
      'function decodeUplink(input) { return { data: { t: input.recvTime, v: input.variables.x, b: input.bytes } }; }';
    const [line] = silentChanges({ direction: 'uplink', type: 'FORMATTER_JAVASCRIPT', fPort: 1, script });
    assert.match(
      line,
      /^input\.recvTime, input\.variables are undefined: v3\.32\.1 passes only bytes and fPort \(recvTime came in later versions\)/,
    );
    const down = silentChanges({
      direction: 'downlink-encode',
      type: 'FORMATTER_JAVASCRIPT',
      fPort: 1,
      data: {},
      script: 'function encodeDownlink(input) { return { bytes: input.bytes }; }',
    });
    assert.match(down[0], /input\.bytes is undefined: v3\.32\.1 passes only data and fPort/);
  });

  it('explains an empty object where the script put a Date', () => {
    const script = 'function decodeUplink(input) { return { data: { at: new Date(0), n: 1 } }; }';
    const run = { direction: 'uplink' as const, type: 'FORMATTER_JAVASCRIPT' as const, fPort: 1, script };
    assert.deepEqual(silentChanges({ ...run, result: { data: { at: {}, n: 1 } } }), [
      'A Date in data arrives as {}: the server keeps no Date objects. Return date.toISOString() or a number.',
    ]);
    assert.deepEqual(silentChanges({ ...run, result: { data: { at: '1970-01-01T00:00:00.000Z', n: 1 } } }), []);
    assert.deepEqual(
      silentChanges({
        ...run,
        script: 'function decodeUplink(i) { return { data: { a: {} } }; }',
        result: { data: { a: {} } },
      }),
      [],
    );
  });

  it('says FPort 0 uplinks are never decoded live', () => {
    assert.match(silentChanges({ direction: 'uplink', type: 'FORMATTER_CAYENNELPP', fPort: 0 })[0], /FPort 0/);
  });

  it('explains the FPort: defaulting to 1, or the script overriding the request', () => {
    const base = {
      direction: 'downlink-encode' as const,
      type: 'FORMATTER_JAVASCRIPT' as const,
      data: { level: 7 },
      script: encode,
    };
    assert.match(
      silentChanges({ ...base, result: { bytes: Uint8Array.from([1, 7]), fPort: 1 } })[0],
      /input\.fPort = 0, and the server used FPort 1/,
    );
    assert.match(
      silentChanges({ ...base, fPort: 0, result: { bytes: Uint8Array.from([1, 7]), fPort: 3 } })[0],
      /chose FPort 3/,
    );
    assert.deepEqual(silentChanges({ ...base, fPort: 2, result: { bytes: Uint8Array.from([1, 7]), fPort: 3 } }), [
      "The script's fPort 3 replaced the requested FPort 2.",
    ]);
  });

  it('names bytes that lost their fraction or high bits when the expected values are known', () => {
    const lines = silentChanges({
      direction: 'downlink-encode',
      type: 'FORMATTER_JAVASCRIPT',
      fPort: 2,
      data: {},
      script: encode,
      expectedBytes: [1, 300, -1, 7, 1.7],
      result: { bytes: Uint8Array.from([1, 0x2c, 0xff, 7, 1]), fPort: 2 },
    });
    assert.deepEqual(lines, [
      'Bytes lose their fraction and keep only their low 8 bits: byte 2 300 became 44 (0x2C), byte 3 -1 became 255 (0xFF), byte 5 1.7 became 1 (0x01).',
    ]);
  });

  it('names CayenneLPP keys and values the encoder skips or cannot send exactly', () => {
    const lines = silentChanges({
      direction: 'downlink-encode',
      type: 'FORMATTER_CAYENNELPP',
      fPort: 2,
      data: {
        led: true,
        level: 7,
        value_3: 21.5,
        value_4: -1,
        value_300: 1,
        value_5: 'on',
        value_6: 400,
        value_7: 1.234,
      },
      result: { bytes: Uint8Array.from([3, 0x08, 0x66, 4, 0xff, 0x9c]), fPort: 2 },
    });
    assert.deepEqual(lines, [
      'CayenneLPP encodes only value_<channel> keys (channel 0 to 255): led, level, value_300 were ignored.',
      'CayenneLPP encodes only numbers: value_5 was ignored.',
      'CayenneLPP sends each value as hundredths in two bytes (-327.68 to 327.67): value_6 (400), value_7 (1.234) cannot be sent exactly.',
    ]);
    const nothing = silentChanges({
      direction: 'downlink-encode',
      type: 'FORMATTER_CAYENNELPP',
      fPort: 2,
      data: { led: true },
      result: { bytes: new Uint8Array(0), fPort: 2 },
    });
    assert.equal(nothing[1], 'Nothing was encoded: the downlink would carry no payload.');
  });
});

import { strict as assert } from 'node:assert';
import { judgeCase } from '../../../src/formatters/caseJudge';
import { parseTestCases, testCasesPathFor, type FormatterTestCase } from '../../../src/formatters/testCases';

const uplinkCase = {
  name: 'temperature',
  direction: 'uplink',
  fPort: 1,
  bytes: '01 67 00 FF',
  expect: { data: { temperature_1: 25.5 } },
};
const encodeCase = {
  name: 'led on',
  direction: 'downlink-encode',
  fPort: 2,
  data: { led: true },
  expect: { bytes: 'AQ==', fPort: 2 },
};

function problemsOf(...cases: unknown[]): string[] {
  return parseTestCases(JSON.stringify({ cases })).problems;
}

describe('test-case files', () => {
  it('sit beside the formatter', () => {
    assert.equal(testCasesPathFor('ttn/app/uplink.js'), 'ttn/app/uplink.tests.json');
    assert.equal(testCasesPathFor('ttn/app/devices/d1/downlink.js'), 'ttn/app/devices/d1/downlink.tests.json');
  });

  it('reads the cases object and a bare array alike', () => {
    const fromObject = parseTestCases(JSON.stringify({ cases: [uplinkCase, encodeCase] }));
    assert.deepEqual(fromObject.problems, []);
    assert.deepEqual(fromObject.cases, [uplinkCase, encodeCase]);
    assert.deepEqual(parseTestCases(JSON.stringify([uplinkCase])).cases, [uplinkCase]);
    const decode = { name: 'd', direction: 'downlink-decode', fPort: 2, bytes: '', expect: { data: {} } };
    assert.deepEqual(parseTestCases(JSON.stringify([decode])).cases, [decode]);
  });

  it('says where the JSON breaks', () => {
    const { cases, problems } = parseTestCases('{\n  "cases": [\n    { "name": "a", }\n  ]\n}');
    assert.deepEqual(cases, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^The file is not valid JSON at line 3, column 20: /);
  });

  it('wants a cases list', () => {
    assert.match(parseTestCases('{"tests": []}').problems[0], /\{ "cases": \[ … \] \}/);
    assert.match(parseTestCases('"x"').problems[0], /must hold/);
  });

  it('names the case (index and name) in each problem and keeps the good cases', () => {
    const { cases, problems } = parseTestCases(
      JSON.stringify({
        cases: [
          uplinkCase,
          { ...uplinkCase, name: 'bad port', fPort: 256 },
          { ...uplinkCase, name: 'bad bytes', bytes: '01 6G' },
          'x',
          { ...uplinkCase, name: '' },
          { ...uplinkCase, name: 'temperature' },
        ],
      }),
    );
    assert.deepEqual(
      cases.map((c) => c.name),
      ['temperature'],
    );
    assert.deepEqual(problems, [
      'Case 2 ("bad port"): "fPort" must be a whole number from 0 to 255; it is 256.',
      'Case 3 ("bad bytes"): "bytes": "G" at position 5 is not a hex digit (hex bytes are 0-9 and A-F, e.g. "01 67 FF"; base64 has no spaces).',
      'Case 4 is not an object.',
      'Case 5: "name" must be a non-empty string.',
      'Case 6 ("temperature"): another case has the same name; names must be unique.',
    ]);
  });

  it('checks each field against the direction', () => {
    const cases: [unknown, RegExp][] = [
      [
        { ...uplinkCase, direction: 'up' },
        /"direction" must be "uplink", "downlink-encode", "downlink-decode"; it is "up"/,
      ],
      [{ ...uplinkCase, direction: undefined }, /it is missing/],
      [{ ...uplinkCase, fPort: undefined }, /"fPort" .* it is missing/],
      [{ ...uplinkCase, fPort: 1.5 }, /"fPort" must be a whole number/],
      [{ ...uplinkCase, bytes: undefined }, /an uplink case needs "bytes"/],
      [{ ...uplinkCase, data: {} }, /"data" is the input of downlink-encode cases/],
      [{ ...uplinkCase, expected: {} }, /"expected" is not a case field/],
      [{ ...uplinkCase, expect: undefined }, /"expect" must be an object/],
      [{ ...uplinkCase, expect: {} }, /"expect" is empty/],
      [{ ...uplinkCase, expect: { date: {} } }, /"expect.date" is not checked/],
      [{ ...uplinkCase, expect: { bytes: '01' } }, /"expect.bytes" is not a result of decoding an uplink/],
      [{ ...uplinkCase, expect: { warnings: [1] } }, /"expect.warnings" must be a list of strings/],
      [{ ...uplinkCase, expect: { fPort: -1 } }, /"expect.fPort" must be a whole number/],
      [{ ...encodeCase, data: undefined }, /needs "data"/],
      [{ ...encodeCase, bytes: '01' }, /a downlink-encode case has "data"/],
      [{ ...encodeCase, expect: { data: {} } }, /"expect.data" is not a result of encoding/],
      [{ ...encodeCase, expect: { bytes: 'zz!' } }, /"expect.bytes": "!" is neither/],
    ];
    for (const [item, pattern] of cases) {
      const problems = problemsOf(item);
      assert.equal(problems.length, 1, JSON.stringify(item));
      assert.match(problems[0], pattern);
    }
  });
});

describe('judgeCase', () => {
  const up = parseTestCases(JSON.stringify([uplinkCase])).cases[0];

  it('passes an equal result whatever the key order, ignoring fields the case does not expect', () => {
    const data = { temperature_1: 25.5 };
    assert.deepEqual(judgeCase(up, { data, warnings: ['x'], fPort: 1 }), { name: 'temperature', passed: true });
    const nested: FormatterTestCase = { ...up, expect: { data: { a: { x: 1, y: [1, { z: 2 }] }, b: 2 } } };
    assert.equal(judgeCase(nested, { data: { b: 2, a: { y: [1, { z: 2 }], x: 1 } } }).passed, true);
  });

  it('fails with the first differing path and pretty JSON of both sides for a diff', () => {
    const outcome = judgeCase(up, { data: { temperature_1: 26, extra: true } });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.message, 'Differs: data.temperature_1: expected 25.5, got 26');
    assert.equal(outcome.expected, '{\n  "data": {\n    "temperature_1": 25.5\n  }\n}');
    assert.equal(outcome.actual, '{\n  "data": {\n    "extra": true,\n    "temperature_1": 26\n  }\n}');
    assert.match(
      judgeCase(up, { data: { temperature_1: 25.5, extra: true } }).message ?? '',
      /data\.extra: not expected, got true/,
    );
    assert.match(judgeCase(up, { data: {} }).message ?? '', /data\.temperature_1: expected 25\.5, missing/);
    assert.match(judgeCase(up, {}).message ?? '', /data: expected \{"temperature_1":25\.5\}, got nothing/);
  });

  it('compares arrays item by item', () => {
    const c: FormatterTestCase = { ...up, expect: { data: { list: [1, 2] }, warnings: ['low battery'] } };
    const outcome = judgeCase(c, { data: { list: [1, 2, 3] }, warnings: [] });
    assert.equal(
      outcome.message,
      '2 fields differ: data.list[2]: not expected, got 3; warnings[0]: expected "low battery", missing',
    );
  });

  it('compares bytes as bytes (hex and base64 alike) and the FPort', () => {
    const enc = parseTestCases(JSON.stringify([encodeCase])).cases[0];
    assert.equal(judgeCase(enc, { bytes: Uint8Array.from([1]), fPort: 2 }).passed, true);
    const wrong = judgeCase(enc, { bytes: Uint8Array.from([1, 7]), fPort: 1 });
    assert.equal(wrong.message, '2 fields differ: bytes: expected 01, got 01 07; fPort: expected 2, got 1');
    assert.equal(wrong.expected, '{\n  "bytes": "01",\n  "fPort": 2\n}');
    assert.equal(wrong.actual, '{\n  "bytes": "01 07",\n  "fPort": 1\n}');
  });

  it('fails on formatter errors unless the case expects exactly those errors', () => {
    const failed = judgeCase(up, { errors: ['too short'] });
    assert.equal(failed.passed, false);
    assert.equal(failed.message, 'The formatter returned errors: too short');
    const expectsErrors: FormatterTestCase = { ...up, expect: { errors: ['too short'] } };
    assert.equal(judgeCase(expectsErrors, { errors: ['too short'] }).passed, true);
    assert.match(judgeCase(expectsErrors, { data: {} }).message ?? '', /errors\[0\]: expected "too short", missing/);
  });
});

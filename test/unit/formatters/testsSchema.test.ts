// The JSON schema shipped for `*.tests.json` (completion and squiggles in the JSON editor) agrees with the reader.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseTestCases } from '../../../src/formatters/testCases';

const schema = JSON.parse(
  readFileSync(join(__dirname, '../../../media/formatters/tests.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ strict: true, strictRequired: false, strictTypes: false, allErrors: true }).compile(schema);

const up = { name: 'up', direction: 'uplink', fPort: 1, bytes: '01', expect: { data: { a: 1 } } };
const enc = {
  name: 'enc',
  direction: 'downlink-encode',
  fPort: 2,
  data: { led: true },
  expect: { bytes: '01', fPort: 2 },
};
const dec = { name: 'dec', direction: 'downlink-decode', fPort: 2, bytes: 'AQ==', expect: { data: {}, warnings: [] } };

describe('tests.schema.json', () => {
  it('accepts what the reader accepts', () => {
    const file = {
      $schema: './tests.schema.json',
      cases: [up, enc, dec, { ...up, name: 'errs', expect: { errors: ['x'] } }],
    };
    assert.equal(validate(file), true, JSON.stringify(validate.errors));
    assert.deepEqual(parseTestCases(JSON.stringify(file)).problems, []);
  });

  it('refuses what the reader refuses (structure; byte syntax and unique names are the reader’s)', () => {
    const bad: unknown[] = [
      { ...up, direction: 'up' },
      { ...up, fPort: 256 },
      { ...up, fPort: 1.5 },
      { ...up, name: '' },
      { ...up, bytes: undefined },
      { ...up, data: {} },
      { ...up, extra: 1 },
      { ...up, expect: {} },
      { ...up, expect: { date: 1 } },
      { ...up, expect: { bytes: '01' } },
      { ...up, expect: { warnings: [1] } },
      { ...enc, data: undefined },
      { ...enc, bytes: '01' },
      { ...enc, expect: { data: {} } },
    ];
    for (const item of bad) {
      const file = { cases: [item] };
      assert.equal(validate(file), false, `schema accepted ${JSON.stringify(item)}`);
      assert.equal(parseTestCases(JSON.stringify(file)).problems.length, 1, JSON.stringify(item));
    }
  });
});

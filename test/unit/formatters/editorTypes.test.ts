// The types lines Pull to Workspace puts above a pulled script's entry functions: what is added, that it is left out
// of every comparison with the server and of what is deployed, and that JSDoc of the script's own is kept.
import { strict as assert } from 'node:assert';
import { checkSize } from '../../../src/formatters/checks';
import { withEditorTypes, withoutEditorTypes } from '../../../src/formatters/editorTypes';
import { contentHash } from '../../../src/formatters/syncState';

const SCRIPT = `var SCALE = 100;
function helper(b) { return b / SCALE; }
function decodeUplink(input) {
  return { data: { t: helper(input.bytes[0]) } };
}
function normalizeUplink(input) { return { data: input.data }; }
`;

describe('formatters: editor types in a pulled file', () => {
  it('puts a marked @type line above each top-level entry function, nowhere else', () => {
    const typed = withEditorTypes(SCRIPT);
    assert.deepEqual(
      typed.split('\n').filter((l) => l.startsWith('/** @type')),
      [
        '/** @type {DecodeUplinkFunction} Things Stack Manager: editor types, not deployed. */',
        '/** @type {NormalizeUplinkFunction} Things Stack Manager: editor types, not deployed. */',
      ],
    );
    assert.ok(typed.includes('*/\nfunction decodeUplink(input) {'));
    assert.equal(withEditorTypes(typed), typed, 'twice is once');
  });

  it('leaves the lines out of the script: same hash as the server, same size, same text to deploy', () => {
    const typed = withEditorTypes(SCRIPT);
    assert.equal(withoutEditorTypes(typed), SCRIPT);
    assert.equal(contentHash(typed), contentHash(SCRIPT), 'a freshly pulled file is in sync');
    assert.equal(checkSize(typed).chars, SCRIPT.length);
    assert.notEqual(contentHash(typed.replace('SCALE = 100', 'SCALE = 10')), contentHash(SCRIPT), 'edits still count');
  });

  it("keeps the script's own JSDoc, legacy functions, CRLF and indented functions as they are", () => {
    const own = '/** @param {DecodeUplinkInput} input */\nfunction decodeUplink(input) { return { data: {} }; }\n';
    assert.equal(withEditorTypes(own), own);
    const legacy = 'function Decoder(bytes, port) {\r\n  return {};\r\n}\r\n';
    assert.equal(
      withEditorTypes(legacy),
      `/** @type {LegacyDecoderFunction} Things Stack Manager: editor types, not deployed. */\r\n${legacy}`,
    );
    assert.equal(withoutEditorTypes(withEditorTypes(legacy)), legacy);
    const nested = 'function wrap() {\n  function decodeUplink(input) {}\n}\n';
    assert.equal(withEditorTypes(nested), nested);
    assert.equal(withoutEditorTypes('// @type {X} a comment of the user\n'), '// @type {X} a comment of the user\n');
  });
});

// The shipped formatter type declarations (media/formatters/formatter.d.ts) checked with the TypeScript compiler: the
// templates type-check against them, and scripts that break the v3.32.1 contract do not.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { checkScript } from '../../../src/formatters/syntax';
import { withEditorTypes } from '../../../src/formatters/editorTypes';
import { SEED } from '../../support/ttsServer';

const dir = join(__dirname, '../../../media/formatters');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

/** A program over JavaScript files and formatter.d.ts with the shipped jsconfig.json's options. */
function programOf(files: Record<string, string>): ts.Program {
  const config = ts.parseConfigFileTextToJson('jsconfig.json', read('jsconfig.json'));
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, dir);
  options.noEmit = true;
  options.allowJs = true;
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(dir, name), text]));
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  return ts.createProgram([...virtual.keys(), join(dir, 'formatter.d.ts')], options, host);
}

/** Type-checks JavaScript files against formatter.d.ts as the shipped jsconfig.json does; returns the diagnostics. */
function typeCheck(files: Record<string, string>): string[] {
  return ts.getPreEmitDiagnostics(programOf(files)).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? d.file.fileName.split('/').pop() : '';
    return `${file}:${where ? where.line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const header = '// @ts-check\n/// <reference path="formatter.d.ts" />\n';

describe('formatter.d.ts and the templates', function () {
  this.timeout(30000); // the compiler loads the ES2020 library once

  it('type-checks both templates without a diagnostic', () => {
    assert.deepEqual(
      typeCheck({ 'uplink.js': read('uplink-template.js'), 'downlink.js': read('downlink-template.js') }),
      [],
    );
  });

  it('passes the templates through the pre-upload checks of their direction', () => {
    assert.deepEqual(checkScript(read('uplink-template.js'), 'up'), []);
    assert.deepEqual(checkScript(read('downlink-template.js'), 'down'), []);
  });

  it('refuses scripts that break the contract v3.32.1 runs', () => {
    const diagnostics = typeCheck({
      'bad.js': `${header}
/** @param {DecodeUplinkInput} input @returns {DecodeUplinkOutput} */
function decodeUplink(input) {
  console.log(input.recvTime);
  return { data: 5 };
}
/** @param {EncodeDownlinkInput} input @returns {EncodeDownlinkOutput} */
function encodeDownlink(input) {
  if (input.fPort === 2) return { bytes: [] };
  return { fPort: input.fPort };
}
/** @type {DecodeDownlinkFunction} */
const decodeDownlink = (input) => ({ data: { when: new Date(), n: input.bytes.length } });
`,
    });
    const text = diagnostics.join('\n');
    assert.match(text, /bad\.js:6 Cannot find name 'console'/);
    assert.match(text, /bad\.js:6 Property 'recvTime' does not exist on type 'DecodeUplinkInput'/);
    assert.match(text, /bad\.js:7 Type 'number' is not assignable to type 'FormatterJsonObject'/);
    // v3.32.1 passes encodeDownlink's fPort as a Number object: === never matches (checked with goja b396bb4)
    assert.match(
      text,
      /bad\.js:11 This comparison appears to be unintentional because the types 'FormatterNumberObject' and 'number'/,
    );
    assert.match(text, /bad\.js:12 Property 'bytes' is missing/);
    assert.match(text, /bad\.js:15 .*Date/);
    assert.equal(diagnostics.length, 6, text);
  });

  it('types the legacy functions and normalizeUplink', () => {
    assert.deepEqual(
      typeCheck({
        'legacy.js': `${header}
/** @type {LegacyDecoderFunction} */
function Decoder(bytes, port) { return { first: bytes[0], port }; }
/** @type {LegacyEncoderFunction} */
function Encoder(object, port) { return [object.on ? 1 : 0, Number(port)]; }
/** @type {NormalizeUplinkFunction} */
const normalizeUplink = (input) => ({ data: { air: { temperature: input.data.t } } });
`,
      }),
      [],
    );
  });

  it("reports nothing on a pulled script without JSDoc (the real stack's demo formatter), and types its input", () => {
    const script = SEED.demo.formatters.deviceUplink;
    const withHelper = `function half(b) { return b / 2; }\n${script}`;
    assert.deepEqual(typeCheck({ 'uplink.js': script, 'other.js': withHelper }), [], 'not even an implicit any');
    const pulled = withEditorTypes(script);
    assert.deepEqual(typeCheck({ 'uplink.js': pulled }), []);
    const program = programOf({ 'uplink.js': pulled });
    const file = program.getSourceFile(join(dir, 'uplink.js'));
    const checker = program.getTypeChecker();
    const inputs: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === 'input') {
        inputs.push(checker.typeToString(checker.getTypeAtLocation(node)));
      }
      ts.forEachChild(node, visit);
    };
    visit(file as ts.SourceFile);
    assert.ok(inputs.length > 1, 'the script reads input');
    assert.deepEqual(new Set(inputs), new Set(['DecodeUplinkInput']), 'hover shows the declared input with its fields');
    // Opting in to checks (// @ts-check) then holds the pulled script to the contract.
    assert.match(
      typeCheck({ 'uplink.js': `// @ts-check\n${pulled.replace('input.bytes.length < 3', 'input.recvTime')}` }).join(
        '\n',
      ),
      /Property 'recvTime' does not exist on type 'DecodeUplinkInput'/,
    );
  });
});

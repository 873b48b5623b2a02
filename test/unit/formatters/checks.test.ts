import { strict as assert } from 'node:assert';
import { checkSize, MAX_SCRIPT_BYTES, MAX_SCRIPT_CHARS, type ScriptProblem } from '../../../src/formatters/checks';
import { checkScript, checkSyntax } from '../../../src/formatters/syntax';

const decoder = 'function decodeUplink(input) {\n  return { data: { level: input.bytes[0] } };\n}\n';

function messages(problems: ScriptProblem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.message}`);
}

describe('checkSize (the limits v3.32.1 enforces on stored scripts)', () => {
  it('uses the real limits, not the swagger 16 KB', () => {
    assert.equal(MAX_SCRIPT_CHARS, 40960);
    assert.equal(MAX_SCRIPT_BYTES, 40960);
  });

  it('accepts exactly the limit and refuses one more, naming the size and the limit', () => {
    assert.deepEqual(checkSize('a'.repeat(40960)), { chars: 40960, bytes: 40960 });
    const over = checkSize('a'.repeat(40961));
    assert.equal(over.chars, 40961);
    assert.match(
      over.problem ?? '',
      /40,961 characters \(40,961 bytes\), over the 40,960 characters the server stores/,
    );
  });

  it('counts UTF-8 bytes: 30000 × "é" is 30,000 characters but 60,000 bytes (the server refuses it)', () => {
    const r = checkSize('é'.repeat(30000));
    assert.equal(r.chars, 30000);
    assert.equal(r.bytes, 60000);
    assert.match(r.problem ?? '', /60,000 bytes in UTF-8 \(30,000 characters\), over the 40,960 bytes/);
  });

  it('counts characters as code points (runes), not UTF-16 units', () => {
    const emoji = '😀'.repeat(10240); // 20480 UTF-16 units, 10240 runes, 40960 bytes: exactly at the byte limit
    assert.deepEqual(checkSize(emoji), { chars: 10240, bytes: 40960 });
    assert.match(checkSize(`${emoji}a`).problem ?? '', /40,961 bytes/);
  });
});

describe('checkSyntax', () => {
  it('passes a correct formatter', () => {
    assert.deepEqual(checkSyntax(decoder), []);
    assert.deepEqual(
      checkSyntax('const decodeUplink = (input) => ({ data: { a: input.bytes?.[0] ?? 0, ...{ b: 1 } } });'),
      [],
    );
  });

  it('accepts the ES2022 syntax goja of v3.32.1 compiles', () => {
    const modern = [
      'class Reader { #i = 0; static size = 2; static { Reader.ok = true; } next(b) { return b[this.#i++]; } }',
      'async function later() { await null; }',
      'function* counter() { yield 1; }',
      'const x = { a: 2 ** 3, ...{ b: null ?? 1 } }?.a;',
      'try { JSON.parse("x"); } catch { }',
    ];
    assert.deepEqual(checkSyntax(`${decoder}${modern.join('\n')}`), []);
  });

  it('refuses the syntax goja of v3.32.1 does not compile, with its position', () => {
    const cases: [string, RegExp][] = [
      ['const big = 10n;', /^BigInt literals \(10n\) are not supported by the server's JavaScript engine/],
      ['const mask = 0xFFn;', /BigInt literals \(0xFFn\)/],
      ['const million = 1_000_000;', /^Numeric separators \(1_000_000\) are not supported/],
      ['let a = 1; a ??= 2;', /^The logical assignment \?\?= is not supported/],
      ['let a = 1; a ||= 2;', /logical assignment \|\|=/],
      ['let a = 1; a &&= 2;', /logical assignment &&=/],
      ['async function f(xs) { for await (const x of xs) { return x; } }', /^for await is not supported/],
      ['const o = { async *gen() { yield 1; } };', /^Async generators are not supported/],
    ];
    for (const [line, pattern] of cases) {
      const problems = checkSyntax(`${decoder}${line}`);
      assert.equal(problems.length, 1, line);
      assert.equal(problems[0].severity, 'error', line);
      assert.equal(problems[0].line, 4, line);
      assert.match(problems[0].message, pattern);
    }
    const [sep] = checkSyntax('const million = 1_000_000;\nfunction decodeUplink(i) { return {}; }');
    assert.deepEqual([sep.line, sep.column, sep.endLine, sep.endColumn], [1, 17, 1, 26]);
    // look-alikes are fine: a string with an underscore, a name ending in n, a plain assignment
    assert.deepEqual(checkSyntax(`${decoder}const s = "1_000"; const fn = 1; let b = 0; b = b || 2;`), []);
  });

  it('reports a syntax error with its 1-based line and column', () => {
    const problems = checkSyntax('function decodeUplink(input) {\n  return { data: { x: 1 }\n}\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].line, 4);
    assert.equal(problems[0].column, 1);
    assert.match(problems[0].message, /^Syntax error: Unexpected token\.$/);
    const col = checkSyntax('function decodeUplink(input) {\n  return input.bytes[0] +* 2;\n}')[0];
    assert.deepEqual([col.line, col.column], [2, 26]);
  });

  it('refuses modules: the server runs a plain script', () => {
    const [p] = checkSyntax('export function decodeUplink(input) { return { data: {} }; }');
    assert.equal(p.severity, 'error');
    assert.match(p.message, /not a module/);
  });

  it('warns when no formatter function is defined at all, and finds them however they are defined', () => {
    assert.match(
      messages(checkSyntax('function helper() {}')).join('\n'),
      /warning 1:1 No formatter function is defined/,
    );
    for (const script of [
      'function Decoder(bytes, port) { return {}; }',
      'var encodeDownlink = function (input) { return { bytes: [] }; };',
      'let decodeDownlink = (input) => ({ data: {} });',
      'this.Encoder = function (o, p) { return []; };',
      'globalThis.decodeUplink = function (i) { return { data: {} }; };',
    ]) {
      assert.deepEqual(checkSyntax(script), [], script);
    }
  });

  it('warns about console, which the server does not have, unless the script defines it', () => {
    const [p] = checkSyntax('function decodeUplink(input) {\n  console.log(input);\n  return { data: {} };\n}');
    assert.equal(p.severity, 'warning');
    assert.deepEqual([p.line, p.column, p.endLine, p.endColumn], [2, 3, 2, 10]);
    assert.match(p.message, /console is not defined/);
    assert.deepEqual(
      checkSyntax('var console = { log() {} };\nfunction decodeUplink(i) { console.log(1); return { data: {} }; }'),
      [],
    );
    assert.deepEqual(checkSyntax('function decodeUplink(i) { return { data: { console: i.console } }; }'), []);
  });

  it('flags a top-level main, which the server wrapper replaces (function) or refuses (let/const)', () => {
    const fn = checkSyntax(`${decoder}function main() {}`);
    assert.equal(fn.length, 1);
    assert.equal(fn[0].severity, 'warning');
    assert.equal(fn[0].line, 4);
    const constant = checkSyntax(`${decoder}const main = 1;`);
    assert.equal(constant[0].severity, 'error');
    assert.match(constant[0].message, /SyntaxError there/);
  });
});

describe("encodeDownlink's fPort, a Number object on v3.32.1 (goja b396bb4)", () => {
  it('warns where a strict comparison, a switch or typeof meets it', () => {
    const script = [
      'function encodeDownlink(input) {',
      '  if (input.fPort === 2) { return { bytes: [1] }; }',
      '  switch (input.fPort) { case 3: return { bytes: [3] }; }',
      "  if (typeof input.fPort !== 'number') { return { bytes: [] }; }",
      '  return { bytes: [Number(input.fPort)], fPort: input.fPort };',
      '}',
    ].join('\n');
    const problems = checkScript(script, 'down');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.line, p.column]),
      [
        ['warning', 2, 7],
        ['warning', 3, 11],
        ['warning', 4, 7],
      ],
    );
    assert.match(
      problems[0].message,
      /In encodeDownlink, fPort is a Number object on the server, not a number: === never matches a number\. Use Number\(input\.fPort\)\./,
    );
    assert.match(problems[1].message, /a switch on it never matches a case/);
    assert.match(problems[2].message, /typeof gives "object"/);
  });

  it('follows the parameter: another name, destructuring, arrow functions, the legacy Encoder', () => {
    for (const script of [
      'function encodeDownlink(msg) { return { bytes: [], fPort: msg.fPort === 1 ? 2 : 3 }; }',
      'function encodeDownlink({ data, fPort }) { return { bytes: fPort === 1 ? [data.a] : [] }; }',
      'const encodeDownlink = (input) => ({ bytes: input.fPort !== 1 ? [] : [1] });',
      'function Encoder(object, port) { return port === 1 ? [1] : []; }',
    ]) {
      const problems = checkScript(script, 'down');
      assert.equal(problems.length, 1, script);
      assert.match(problems[0].message, /Number object/);
    }
  });

  it("leaves loose comparisons, Number(), decoders' fPort and other objects alone", () => {
    for (const script of [
      'function encodeDownlink(input) { return { bytes: input.fPort == 2 ? [1] : [], fPort: Number(input.fPort) === 2 ? 2 : 1 }; }',
      'function encodeDownlink(input) { const other = { fPort: 1 }; return { bytes: other.fPort === 1 ? [1] : [] }; }',
      'function decodeDownlink(input) { return { data: { p: input.fPort === 2 } }; }\nfunction encodeDownlink(input) { return { bytes: [] }; }',
    ]) {
      assert.deepEqual(checkScript(script, 'down'), [], script);
    }
    assert.deepEqual(
      checkScript('function decodeUplink(input) { return { data: { two: input.fPort === 2 } }; }', 'up'),
      [],
    );
  });
});

describe('checkScript (size + syntax + the direction entry function)', () => {
  it('wants decodeUplink or the legacy Decoder for uplinks', () => {
    assert.deepEqual(checkScript(decoder, 'up'), []);
    assert.deepEqual(checkScript('function Decoder(bytes, port) { return { n: bytes.length }; }', 'up'), []);
    const [p] = checkScript('function encodeDownlink(input) { return { bytes: [] }; }', 'up');
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /Decoder is not defined/);
  });

  it('wants encodeDownlink or the legacy Encoder for downlinks; decodeDownlink alone is not enough', () => {
    assert.deepEqual(checkScript('function encodeDownlink(input) { return { bytes: [] }; }', 'down'), []);
    assert.deepEqual(checkScript('function Encoder(object, port) { return []; }', 'down'), []);
    const [p] = checkScript('function decodeDownlink(input) { return { data: {} }; }', 'down');
    assert.match(p.message, /No encodeDownlink/);
    assert.equal(checkScript(decoder, 'down').length, 1);
  });

  it('reports only the syntax error when the script does not parse (no guess about entry functions)', () => {
    assert.deepEqual(
      checkScript('function (', 'up').map((p) => p.severity),
      ['error'],
    );
  });

  it('puts the size error where the excess starts and keeps checking the syntax', () => {
    const script = `${decoder}// ${'x'.repeat(40960)}\nfunction (`;
    const problems = checkScript(script, 'up');
    assert.equal(problems.length, 2);
    const [size, syntax] = problems;
    assert.match(size.message, /over the 40,960/);
    assert.equal(size.line, 4);
    assert.equal(size.column, 40960 - decoder.length + 1);
    assert.equal(size.endLine, 5);
    assert.match(syntax.message, /Syntax error/);
  });
});

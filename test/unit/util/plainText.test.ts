import { strict as assert } from 'node:assert';
import { plainText, withoutLinks } from '../../../src/util/plainText';
import { TtsError } from '../../../src/tts/errors';
import { describeError } from '../../../src/ui/errorText';
import { LIVE_ICON, LIVE_LINK } from '../../support/linkScan';
import { LINK_CASES } from '../hardening/badInput/links.corpus';

describe('plainText: untrusted text as plain notification text', () => {
  it('leaves no live link or icon in any text of the link corpus, and reads as the corpus says', () => {
    for (const c of LINK_CASES) {
      const out = plainText(c.text, 100);
      assert.ok(!LIVE_LINK.test(out) && !LIVE_ICON.test(out), `${c.name}: ${out}`);
      assert.equal(out, typeof c.plain === 'string' ? c.plain : c.plain.keyName, c.name);
    }
  });

  it('turns invisible and control characters into single spaces and trims', () => {
    assert.equal(plainText('  a\r\n\tb\u0000c\u202ed\u2066e\u200bf\ufeff  '), 'a b c d e f');
  });

  it('caps at a number of characters (not UTF-16 units) with an ellipsis, and never splits a surrogate pair', () => {
    assert.equal(plainText('abcdef', 4), 'abc…');
    assert.equal(plainText('abcd', 4), 'abcd');
    assert.equal(plainText('😀😀😀😀😀', 3), '😀😀…');
  });

  it('is idempotent: text that passes through twice reads the same', () => {
    for (const text of [...LINK_CASES.map((c) => c.text), '[a](command:b)'.repeat(30), '$($($(x)))']) {
      const once = plainText(text, 120);
      assert.equal(plainText(once, 120), once);
      assert.equal(withoutLinks(withoutLinks(text)), withoutLinks(text));
    }
  });

  it('withoutLinks keeps line breaks (a modal detail) and breaks links and icons only', () => {
    assert.equal(withoutLinks('Line one\n\n[x](command:y) and $(key)'), 'Line one\n\n[x] (command:y) and $ (key)');
  });

  it("a server's error message and correlation id reach the boundary's text as plain text", () => {
    const error = new TtsError(400, 3, 'pkg/x', 'y', '[Fix](command:a) `$(key)`', {}, '[c](https://evil.example)');
    assert.equal(describeError(error), '[Fix] (command:a) "$ (key)" (correlation id [c] (https://evil.example))');
    const denied = new TtsError(403, 7, 'pkg/x', 'y', 'no rights [x](command:a)', {}, undefined);
    assert.equal(
      describeError(denied, ['RIGHT_APPLICATION_INFO']),
      'no rights [x] (command:a). You need RIGHT_APPLICATION_INFO (the right to view application information).',
    );
  });
});

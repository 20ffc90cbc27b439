// The detectors' view: each disguise is undone in the view, and every view span maps back onto the original.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectorView, mapFindings, viewOf, viewTailStart } from './view.js';

const fullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.charCodeAt(0) - 0x21 + 0xff01));

describe('detector view', () => {
  it('is the text itself for plain ASCII without & or backslash', () => {
    const v = detectorView('plain text, 123-456.');
    assert.equal(v.identity, true);
    assert.equal(v.text, 'plain text, 123-456.');
  });

  const cases: [string, string, string][] = [
    ['zero-width space', 'ab\u200bcd', 'abcd'],
    ['soft hyphen', 'ab\u00adcd', 'abcd'],
    ['word joiner', 'ab\u2060cd', 'abcd'],
    ['zero-width joiner and non-joiner', 'a\u200db\u200cc', 'abc'],
    ['byte-order mark', '\ufeffabc', 'abc'],
    ['bidi override and isolate', 'a\u202eb\u2066c\u2069', 'abc'],
    ['tag characters', `ab${String.fromCodePoint(0xe0041)}c`, 'abc'],
    ['variation selector', 'ab\ufe0fc', 'abc'],
    ['full-width digits and letters', fullWidth('key9'), 'key9'],
    ['Cyrillic look-alike inside a Latin token', 'ghр_token', 'ghp_token'],
    ['Greek look-alike beside digits', '12ο45', '12o45'],
    ['a Russian word stays Russian', 'привет мир', 'привет мир'],
    ['decimal and hex entities', '&#103;h&#x70;_', 'ghp_'],
    ['named entities', 'a&colon;b&sol;c&amp;d&lowbar;e', 'a:b/c&d_e'],
    ['an entity spelling an invisible character', 'a&#8203;b&zwsp;c', 'abc'],
    ['markdown backslash escapes', 'ghp\\_a\\*b', 'ghp_a*b'],
    ['unicode dashes and spaces', '1\u20132\u00a03\u20034', '1-2 3 4'],
    ['unknown entity left as is', '&bogus; & x', '&bogus; & x'],
  ];
  for (const [name, input, want] of cases) {
    it(`undoes ${name}`, () => assert.equal(detectorView(input).text, want));
  }

  it('maps a view span back onto the original span, padding inside it included', () => {
    const original = `id: &#103;h\u200bp_${fullWidth('12')}\u00ad34 end`;
    const v = detectorView(original);
    const at = v.text.indexOf('ghp_1234');
    assert.ok(at >= 0, v.text);
    const span = v.toOriginal(at, at + 'ghp_1234'.length);
    assert.equal(original.slice(span.start, span.end), `&#103;h\u200bp_${fullWidth('12')}\u00ad34`);
    assert.equal(original.slice(0, span.start), 'id: ');
    assert.equal(original.slice(span.end), ' end');
  });

  it('keeps surrogate pairs whole in the map', () => {
    const original = `😀 ${fullWidth('x')}`;
    const v = detectorView(original);
    const span = v.toOriginal(0, 2);
    assert.equal(original.slice(span.start, span.end), '😀');
  });

  it('counts the tail in view characters, so invisible padding does not shorten it', () => {
    const padded = `abc${'\u200b'.repeat(50)}def`;
    // The last 4 view characters are "cdef": the tail starts at "c", padding included.
    assert.equal(viewTailStart(padded, 4), 2);
    assert.equal(viewTailStart('abcdef', 4), 2);
    assert.equal(viewTailStart('ab', 4), 0);
  });
});

describe('detector view: edges', () => {
  const cases: [string, string, string][] = [
    ['an entity past the last code point', '&#1114112;x&#x110000;', '&#1114112;x&#x110000;'],
    ['an entity naming a surrogate', '&#xD800;&#xdfff;', '&#xD800;&#xdfff;'],
    ['the highest code point as an entity', '&#x10FFFF;&#xD7FF;', '\u{10ffff}\ud7ff'],
    ['entities without their semicolon', '&#65&#x42', 'AB'],
    ['a named entity needs its semicolon', '&amp &colon', '&amp &colon'],
    ['a named entity of one letter or past 16 is none', '&A; &abcdefghijklmnopq;', '&A; &abcdefghijklmnopq;'],
    ['a named entity spelling an invisible character', 'a&ZeroWidthSpace;b&shy;c', 'abc'],
    ['a NUL entity and C0/C1 controls', 'x&#0;y\u0001z\u007f\u0085w', 'xyzw'],
    ['tab, CR and LF are kept', '\t\r\n&amp;', '\t\r\n&'],
    ['a backslash before a letter or at the end stays', 'a\\b c\\', 'a\\b c\\'],
    ['an escaped backslash', 'a\\\\b', 'a\\b'],
    ['NFKC compatibility forms', '\u2170\u00b9 \ufb01le', 'i1 file'],
    ['NFKC to a dash', 'a\ufe58b\uff0dc', 'a-b-c'],
    ['a look-alike in a token of look-alikes only stays', 'ѕ ѕ1', 'ѕ s1'],
  ];
  for (const [name, input, want] of cases) {
    it(`reads ${name}`, () => assert.equal(detectorView(input).text, want));
  }

  it('maps empty and out-of-range view spans onto the original', () => {
    const original = 'a\u200bb\u200bc';
    const v = detectorView(original);
    assert.equal(v.text, 'abc');
    assert.deepEqual(
      v.toOriginal(1, 1),
      { start: 2, end: 2 },
      'an empty span sits where its character begins',
    );
    assert.deepEqual(v.toOriginal(2, 1), { start: 4, end: 4 }, 'a reversed span is empty');
    assert.deepEqual(v.toOriginal(0, 3), { start: 0, end: 5 });
    assert.deepEqual(
      v.toOriginal(1, 10),
      { start: 2, end: 5 },
      'an end past the view is the end of the original',
    );
    assert.equal(v.originalIndex(3), original.length);
    assert.equal(v.originalIndex(-1), 0);
    assert.equal(v.originalIndex(2), 4);
    const empty = detectorView('\u200b\u200b');
    assert.equal(empty.text, '');
    assert.deepEqual(empty.toOriginal(0, 0), { start: 2, end: 2 });
  });

  it('remembers recent views, and plain text is its own view', () => {
    const text = `x\u200by${Math.random()}`;
    const v = viewOf(text);
    assert.equal(viewOf(text), v, 'the same text reads as the same view object');
    assert.equal(v.identity, false);
    for (let k = 0; k < 5; k++) viewOf(`other\u200b${k}`);
    assert.notEqual(viewOf(text), v, 'the memory holds only a few texts');
    assert.deepEqual(viewOf(text).text, v.text);
    const plain = viewOf('plain & simple');
    assert.equal(plain.identity, false, "'&' may open an entity: not plain");
    const id = viewOf('plain text');
    assert.equal(id.identity, true);
    assert.deepEqual(id.toOriginal(1, 3), { start: 1, end: 3 });
    assert.equal(id.originalIndex(4), 4);
  });

  it('maps findings back only when the view differs from the text', () => {
    const f = [{ start: 0, end: 1, kind: 'k', confidence: 1 }];
    const same = mapFindings(detectorView('plain'), f);
    assert.deepEqual(same, f);
    assert.notEqual(same, f, 'a copy, not the caller array');
    const v = detectorView('\u200bab');
    assert.deepEqual(mapFindings(v, [{ start: 0, end: 2, kind: 'k', confidence: 1 }]), [
      { start: 1, end: 3, kind: 'k', confidence: 1 },
    ]);
  });

  it('counts a tail of zero characters as the end of the text', () => {
    assert.equal(viewTailStart('abc', 0), 3);
    assert.equal(viewTailStart('a\u200bbcd', 3), 2);
    assert.equal(viewTailStart('a\u200bbcd', 4), 0);
  });
});

describe('detector view: what each rule decides', () => {
  it('reads the minus sign as a dash, as its entity already reads', () => {
    assert.equal(detectorView('sk\u2212proj \u2212 x').text, 'sk-proj - x');
    assert.equal(detectorView('sk&minus;proj').text, 'sk-proj');
  });

  it('reads a space that NFKC keeps (Ogham) as a space', () => {
    assert.equal(detectorView('a\u1680b').text, 'a b');
  });

  it('reads the superscript and subscript minus as a dash, the only dashes NFKC makes of other code points', () => {
    assert.equal(detectorView('x\u207by\u208bz').text, 'x-y-z');
    // foldCodePoint looks again after NFKC for a dash, never for a space; a Unicode update that changes this fails here.
    const dash = /[\p{Pd}\u2212]/u;
    const space = /\p{Zs}/u;
    const found: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (dash.test(ch) || space.test(ch)) continue;
      const out = ch.normalize('NFKC');
      if (out.length === 1 && out !== ch && (dash.test(out) || space.test(out))) found.push(cp.toString(16));
    }
    assert.deepEqual(found, ['207b', '208b']);
  });

  it('keeps spacing marks whose NFKC is a space and a combining mark', () => {
    assert.equal(detectorView('x\u00a8y').text, 'x \u0308y');
  });

  it('folds Armenian and Cherokee look-alikes inside Latin tokens', () => {
    assert.equal(detectorView('g\u0585ogle').text, 'google');
    assert.equal(detectorView('\u13aadmin').text, 'Admin');
  });

  it('folds only the look-alikes of a token, never the other letters beside them', () => {
    // Cyrillic "а" has a Latin twin; "ж" has none and stays.
    assert.equal(detectorView('x\u0430\u0436').text, 'xa\u0436');
  });

  it('decodes an entity only where it begins, not one further on', () => {
    assert.equal(detectorView('a&b&amp;c').text, 'a&b&c');
    assert.equal(detectorView('caf\u00e9 & more').text, 'caf\u00e9 & more');
  });

  it('drops a backslash only before punctuation, and keeps letters before punctuation', () => {
    assert.equal(detectorView('caf\u00e9, na\u00efve.').text, 'caf\u00e9, na\u00efve.');
    assert.equal(detectorView('\u00e9\\*').text, '\u00e9*');
  });

  it('maps an escape and a non-ASCII character onto their whole original span', () => {
    const original = 'a\\*b \u00e9 \u200b';
    const v = detectorView(original);
    assert.equal(v.text, 'a*b \u00e9 ');
    assert.deepEqual(v.toOriginal(1, 2), { start: 1, end: 3 }, 'the escape and its character');
    assert.deepEqual(v.toOriginal(4, 5), { start: 5, end: 6 }, 'the accented letter alone');
    assert.deepEqual(v.toOriginal(0, 5), { start: 0, end: 6 });
  });

  it('remembers the last four texts read', () => {
    const text = `y\u200bz${Math.random()}`;
    const v = viewOf(text);
    for (let k = 0; k < 3; k++) viewOf(`again\u200b${k}${Math.random()}`);
    assert.equal(viewOf(text), v, 'three texts later the view is still remembered');
  });

  it('starts a tail that covers the whole view at the start of the text, padding before it included', () => {
    assert.equal(viewTailStart('\u200babc', 3), 0);
    assert.equal(viewTailStart('\u200babc', 9), 0);
    assert.equal(viewTailStart('\u200babc', 2), 2);
  });
});

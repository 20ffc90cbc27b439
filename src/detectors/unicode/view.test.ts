// The detectors' view: each disguise is undone in the view, and every view span maps back onto the original.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectorView, viewTailStart } from './view.js';

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

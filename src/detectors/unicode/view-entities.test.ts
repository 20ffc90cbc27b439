// The named HTML entities the detectors' view decodes (each as a browser renders it: HTML's values), and the
// folding of dashes and spaces that NFKC maps onto another character.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectorView, viewTailStart } from './view.js';

const RENDERED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  sol: '/',
  bsol: '\\',
  period: '.',
  comma: ',',
  semi: ';',
  excl: '!',
  quest: '?',
  num: '#',
  dollar: '$',
  percnt: '%',
  commat: '@',
  equals: '=',
  plus: '+',
  lowbar: '_',
  UnderBar: '_',
  ast: '*',
  midast: '*',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  lcub: '{',
  rcub: '}',
  lbrace: '{',
  rbrace: '}',
  verbar: '|',
  vert: '|',
  grave: '`',
  Hat: '^',
  tilde: '~',
  Tab: '\t',
  NewLine: '\n',
};
const AS_SPACE = ['nbsp', 'ensp', 'emsp', 'thinsp'];
const AS_DASH = ['minus', 'hyphen', 'dash', 'ndash', 'mdash'];
const INVISIBLE = ['shy', 'zwsp', 'ZeroWidthSpace', 'zwj', 'zwnj'];

describe('named entities in the detector view', () => {
  it('decodes each punctuation entity to the character a browser shows', () => {
    for (const [name, ch] of Object.entries(RENDERED))
      assert.equal(detectorView(`a&${name};b`).text, `a${ch}b`, name);
  });

  it('reads space entities as a space, dash entities as a hyphen, and drops invisible ones', () => {
    for (const name of AS_SPACE) assert.equal(detectorView(`a&${name};b`).text, 'a b', name);
    for (const name of AS_DASH) assert.equal(detectorView(`a&${name};b`).text, 'a-b', name);
    for (const name of INVISIBLE) assert.equal(detectorView(`a&${name};b`).text, 'ab', name);
  });

  it('leaves unknown names, names without a semicolon and out-of-range numbers as written', () => {
    assert.equal(detectorView('a&bogus;b&x').text, 'a&bogus;b&x');
    assert.equal(detectorView('a&colonb').text, 'a&colonb');
    assert.equal(detectorView('x&#1114112;y').text, 'x&#1114112;y');
    assert.equal(detectorView('x&#xD800;y').text, 'x&#xD800;y');
    assert.equal(detectorView('x&#58y&#x3a;z').text, 'x:y:z');
    assert.equal(detectorView('pre &colon;').text, 'pre :', 'an entity not at the start of the text');
  });

  it('maps a decoded entity back onto the whole entity', () => {
    const text = 'go https&colon;//e.net';
    const v = detectorView(text);
    assert.equal(v.text, 'go https://e.net');
    const colon = v.text.indexOf(':');
    assert.deepEqual(v.toOriginal(colon, colon + 1), { start: 8, end: 15 });
    assert.equal(v.originalIndex(colon + 1), 15);
  });
});

describe('dashes, spaces and escapes in the detector view', () => {
  it('folds every dash and space to its ASCII form, directly or after NFKC', () => {
    assert.equal(detectorView('a\u2013b\u2014c\u2010d\ufe63e\uff0df').text, 'a-b-c-d-e-f');
    assert.equal(detectorView('a\u00a0b\u2003c\u3000d\u202fe').text, 'a b c d e');
    assert.equal(detectorView('\uff41\uff42\uff43').text, 'abc', 'full-width letters fold by NFKC');
  });

  it('undoes a markdown escape only before ASCII punctuation, at any place in the text', () => {
    assert.equal(detectorView('\\[x\\]').text, '[x]');
    assert.equal(detectorView('a\\b').text, 'a\\b');
    assert.equal(detectorView('end\\').text, 'end\\');
    assert.equal(detectorView('x \\: y').text, 'x : y');
  });

  it('keeps an astral character whole and a BMP one as one unit', () => {
    const v = detectorView('x\u{1F600}y&amp;');
    assert.equal(v.text, 'x\u{1F600}y&');
    assert.equal(v.originalIndex(1), 1);
    assert.equal(v.originalIndex(3), 3);
    const bmp = detectorView('x\uffffy&amp;');
    assert.equal(bmp.originalIndex(2), 2);
  });

  it('counts the tail from the original index of the view character', () => {
    assert.equal(viewTailStart('ab\u200b\u200bcd&amp;', 3), 4);
    assert.equal(viewTailStart('ab\u200bc', 10), 0);
    assert.equal(viewTailStart('abcd', 2), 2);
    assert.equal(viewTailStart('abcd', 9), 0);
  });
});

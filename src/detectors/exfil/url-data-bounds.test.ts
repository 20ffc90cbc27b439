// The URL judge's rules, each shown to matter: a value that one rule alone decides, on each side of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataLike, judgeUrl } from './url-data.js';

const carries = (url: string) => {
  const v = judgeUrl(url, []);
  return v.kind === 'off-list' ? v.carriesData : v.kind;
};
const SECRET = Buffer.from('secret data from the chat').toString('base64');

describe('dataLike: words', () => {
  it('a word is letters with a vowel, capitals, a number of up to ten digits, or two characters', () => {
    assert.equal(dataLike('quick-brown-fox-jumps-over-lazy-dog'), false, 'lower-case words');
    assert.equal(dataLike('QUICK-BROWN-FOX-JUMPS-OVER-LAZY-DOG'), false, 'capitals');
    assert.equal(dataLike('release-1234567890-notes-0987654321-guide-13579'), false, 'numbers among words');
    assert.equal(dataLike('xq-zk-wv-pj-bm-kd-fg-hj-tr'), false, 'two-character pieces');
    assert.equal(dataLike('bcdfg-hjklm-npqrs-tvwxz-bcd'), true, 'letters without a vowel are no words');
    assert.equal(dataLike('a1b2c3d4e5f6g7h8i9j0k1l2'), true, 'a vowel does not make a word of a token');
    assert.equal(dataLike('12abc-34def-56ghi-78jkl-9mno'), true, 'a word is whole: no digits before');
    assert.equal(dataLike('abc12-def34-ghi56-jkl78-mno9'), true, 'nor after');
  });

  it('three quarters of the characters in words is enough', () => {
    // 24 of 32 characters are words (release, version, guideline, x); bcdfghjk is not.
    assert.equal(dataLike('bcdfghjk-release-version-guideline-x'), false);
    assert.equal(dataLike(`${'release-notes-'.repeat(7)}ab`), false, 'exactly 100 characters of words');
  });
});

describe('dataLike: shapes', () => {
  it('a UUID is whole, a token is whole', () => {
    assert.equal(dataLike('123e4567-e89b-12d3-a456-426614174000abcdefgh'), true, 'a UUID with a tail');
    assert.equal(dataLike('abcdefgh123e4567-e89b-12d3-a456-426614174000'), true, 'a UUID with a head');
    assert.equal(
      dataLike('%aZ3kQ9xP2mL7vR4tW8yB1nC6'),
      false,
      'a symbol makes it no token: 120 characters needed',
    );
  });

  it('base64 is judged on its own characters and a decoded length of 12 bytes', () => {
    assert.equal(dataLike('aGVs%bG8gd29y%bGQh'), false, 'symbols inside are not skipped');
    assert.equal(dataLike('aGVsbG8gd29ybA=='), false, 'ten bytes');
    assert.equal(
      dataLike(Buffer.from('hi ~~~ there ???').toString('base64url')),
      true,
      "base64url with '-' and '_'",
    );
    // Nineteen printable bytes of twenty: exactly 95%.
    assert.equal(
      dataLike(Buffer.concat([Buffer.from('A'.repeat(19)), Buffer.from([1])]).toString('base64')),
      true,
    );
  });

  it('a stray character is cut off only when base64 text remains', () => {
    assert.equal(dataLike('release-notes-for-version-two.'), false);
    assert.equal(dataLike('aZ3kQ9xP2mL7vR4'), false, 'a token under 24 characters');
  });

  it('a nested URL is judged as a URL only when the value begins with one', () => {
    assert.equal(dataLike('https://other.example/73/65/63/72/65/74/21'), true, 'hex spread in the inner URL');
    assert.equal(
      dataLike('see this https://other.example/ and four more words'),
      true,
      'a sentence with a URL',
    );
    assert.equal(dataLike('look at data:image/png here please now'), true, 'a sentence naming data:image');
  });

  it('a sentence is five words: four, however spaced, are not', () => {
    assert.equal(dataLike('quadruple worded sentence here'), false);
    assert.equal(dataLike('quadruple  worded  sentence  here'), false);
  });
});

describe('judgeUrl: rules that only the URL decides', () => {
  it('hex spread letters are forgotten when the run breaks, and a run begins without any', () => {
    assert.equal(carries('https://e.net/dead/x/123456/789012/3456'), false);
    assert.equal(carries('https://123456.789012.3456.evil.net/'), false, 'digit labels from the first one');
  });

  it('a password alone in the user info is carried data', () => {
    assert.equal(carries('https://:hunter2@e.net/p.png'), true);
  });

  it('local names are whole names', () => {
    assert.equal(carries(`http://evillocalhost/?d=${SECRET}`), true);
    assert.equal(carries(`http://app.localhost/?d=${SECRET}`), 'ok');
    assert.equal(carries(`http://127.10.20.30/?d=${SECRET}`), 'ok');
    assert.equal(carries('https://de.ad.be.ef.ca.fe.net/'), false, 'the site name is no spread');
  });

  it('+ in a path reads as a space', () => {
    assert.equal(carries('https://e.net/ab+ab+ab+ab+ab+ab+ab+ab+ab'), true, 'nine words');
  });

  it('only a data: image is safe, wherever data:image appears later', () => {
    assert.deepEqual(judgeUrl('data:text/html,<p>data:image/png;</p>', []), {
      kind: 'bad-scheme',
      scheme: 'data',
    });
    assert.equal(
      carries(`https://e.net/p?d=${SECRET}%20data:image/`),
      true,
      'judged unless it begins with data:image',
    );
  });

  it('the scheme is read where a browser reads it', () => {
    assert.equal(carries('https://e.net/the user said their password is'), true, 'spaces inside stay');
    assert.deepEqual(judgeUrl('\u0001\u0001javascript:alert(1)', []), {
      kind: 'bad-scheme',
      scheme: 'javascript',
    });
    assert.deepEqual(judgeUrl('\u00a0javascript:alert(1)', []), { kind: 'bad-scheme', scheme: 'javascript' });
    assert.deepEqual(judgeUrl('java<script:alert(1)', []), { kind: 'ok' }, 'no scheme: a relative URL');
    assert.deepEqual(judgeUrl('java>script:alert(1)', []), { kind: 'ok' });
    assert.deepEqual(judgeUrl('1javascript:alert(1)', []), { kind: 'ok' });
  });

  it('a query of exactly 300 counted characters is not too long', () => {
    assert.equal(carries(`https://e.net/p?${Array(50).fill('ab=cd').join('&')}`), false);
    assert.equal(carries(`https://e.net/p?${Array(51).fill('ab=cd').join('&')}`), true);
  });
});

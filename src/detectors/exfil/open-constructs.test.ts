// What a stream must hold back (a construct still open at the end of the released text: releasing its start
// would let the next chunk complete an image or link the guard never judged whole), and the default image hosts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_IMAGE_HOSTS, detectExfiltration, openExfilFrom } from './index.js';
import { ExfilStream } from './stream.js';

describe('openExfilFrom', () => {
  it('holds a link or image from its bracket while its label or destination is open', () => {
    assert.equal(openExfilFrom('ok [label'), 3);
    assert.equal(openExfilFrom('ok ![label'), 3);
    assert.equal(openExfilFrom('ok [label]'), 3, 'a destination or reference may follow');
    assert.equal(openExfilFrom('ok [label]('), 3);
    assert.equal(openExfilFrom('ok [label](https://e.net/a(b'), 3, 'parentheses inside a destination');
    assert.equal(openExfilFrom('ok [label][ref'), 3, 'a reference still arriving');
    assert.equal(openExfilFrom('ok [label]: '), 3, 'a definition whose destination has not begun');
    assert.equal(openExfilFrom('ok [a\\]b](https://e'), 3, 'an escaped bracket does not close the label');
    assert.equal(openExfilFrom('[start'), 0, 'a bracket at the very start');
  });

  it('releases brackets whose construct is over or never was one', () => {
    assert.equal(openExfilFrom('ok [label] and words'), -1);
    assert.equal(openExfilFrom('ok [label][ref] then'), -1);
    assert.equal(openExfilFrom('ok [label](https://e.net/a(b)c) then'), -1);
    assert.equal(openExfilFrom('ok [label]: https://e.net/x more words'), -1);
    assert.equal(openExfilFrom('ok [label\n\nnew text'), -1, 'a blank line ends the paragraph');
    assert.equal(openExfilFrom('ok [label]x'), -1);
  });

  it('takes the earliest open bracket, but only among the last 2 KB and the last 32 brackets', () => {
    assert.equal(openExfilFrom('a [outer [inner](https://e'), 2);
    const far = `[open ${'x '.repeat(1100)}`;
    assert.equal(openExfilFrom(far), -1, 'a bracket opened more than 2 KB back is not held');
    const many = `a [x${' [y]'.repeat(40)}`;
    assert.equal(openExfilFrom(many) > 2, true, 'only the last 32 brackets are tried');
    assert.equal(openExfilFrom(`a [x${' [y]'.repeat(31)}`), 2, 'the 32nd bracket from the end is tried');
    // a closed label at the very end may still become a link: only the last one is held then
    assert.equal(openExfilFrom(`a [x${' [y]'.repeat(32)}`), 4 + 32 * 4 - 3, 'the 33rd is not');
    assert.equal(openExfilFrom('x [a]:abc def'), -1, 'a definition destination cannot hold a space');
    assert.equal(openExfilFrom('x [a]: https://e'), 2);
  });

  it('holds an HTML tag still open within 1 KB, and a style or script element until it closes', () => {
    assert.equal(openExfilFrom('ok <img src="https://e.net/a'), 3);
    assert.equal(openExfilFrom("ok <img alt='x' src=x"), 3);
    assert.equal(openExfilFrom('ok <img>'), -1);
    assert.equal(openExfilFrom('ok 1 < 2'), -1);
    assert.equal(
      openExfilFrom(`ok <img alt="${'x '.repeat(550)}`),
      -1,
      'a tag open for over 1 KB is released',
    );
    assert.equal(openExfilFrom('ok <style>body { background: url(https://e'), 3);
    assert.equal(openExfilFrom('ok <SCRIPT type="x">let a = 1'), 3);
    assert.equal(openExfilFrom('ok <style>a{}</STYLE> after'), -1);
    assert.equal(openExfilFrom('ok <style>a{}</style'), 3, 'an end tag not yet complete closes nothing');
    assert.equal(openExfilFrom('ok <style>a{}</style '), 3);
    assert.equal(openExfilFrom('ok <style>a{}</styles>'), 3, 'another element');
    assert.equal(openExfilFrom('ok <style>a{}</style\n>'), -1);
    assert.equal(openExfilFrom('ok <script>x</script x="1">'), -1);
    assert.equal(openExfilFrom('ok <script>x</scrip'), 3);
    assert.equal(openExfilFrom('ok <style>a{}</style foo="1">'), -1, 'an end tag with attributes ends it');
    assert.equal(
      openExfilFrom(`${'x '.repeat(1500)}<style>a{`),
      3000,
      'offsets count from the start of the text',
    );
    assert.equal(openExfilFrom('a<img src="https://e.net/a'), 1, 'a tag at offset 1');
    assert.equal(openExfilFrom('a <script>x</script> b <style>c'), 23, 'the first element still open');
  });

  it('holds a long run touching the end (a URL still growing), not a short word', () => {
    assert.equal(openExfilFrom('see https://e.net/'), 4);
    assert.equal(openExfilFrom('see word'), -1);
    assert.equal(openExfilFrom('see 12345678'), 4, 'eight characters are enough to hold');
    assert.equal(openExfilFrom('see 1234567'), -1);
  });
});

describe('default image hosts', () => {
  it('lets images of every default badge and avatar host pass under the default policy', () => {
    for (const host of DEFAULT_IMAGE_HOSTS) {
      const name = host.startsWith('*.') ? `cdn.${host.slice(2)}` : host;
      assert.ok(/^[a-z0-9.-]+\.[a-z]{2,}$/.test(name), host);
      assert.deepEqual(detectExfiltration(`![b](https://${name}/badge/ci-passing-green.svg)`), [], host);
    }
    assert.equal(detectExfiltration('![b](https://shields.io.evil.net/badge/x.svg)').length, 1);
  });

  it('lists the measured hosts (a host added here loads images without a click)', () => {
    assert.equal(DEFAULT_IMAGE_HOSTS.length, 44);
    assert.equal(new Set(DEFAULT_IMAGE_HOSTS).size, DEFAULT_IMAGE_HOSTS.length);
    for (const host of ['img.shields.io', '*.githubusercontent.com', 'github.com', 'cdn.rawgit.com'])
      assert.ok(DEFAULT_IMAGE_HOSTS.includes(host), host);
  });
});

describe('ExfilStream windows', () => {
  const IMG = '![x](https://cdn.evil.net/p.png)';
  const opts = { images: 'off-list', links: 'off-list' } as const;

  it('reads a window on its own once a stretch of output was never shown, and from then on', () => {
    const s = new ExfilStream(opts);
    assert.deepEqual(s.scan('intro words ', 0, 0), []);
    const gap = s.scan(`a ${IMG}`, 500, 0);
    assert.deepEqual(
      gap.map((f) => [f.start, f.end]),
      [[2, 2 + IMG.length]],
    );
    const next = s.scan(`${IMG} b`, 500 + 2 + IMG.length, 0);
    assert.deepEqual(
      next.map((f) => [f.start, f.end]),
      [[0, IMG.length]],
    );
  });

  it('finds a bare URL arriving in pending text without any bracket', () => {
    const s = new ExfilStream(opts);
    assert.deepEqual(s.scan('plain text ', 0, 0), []);
    const found = s.scan('plain text then https://evil.net/collect now', 0, 11);
    assert.deepEqual(
      found.map((f) => 'plain text then https://evil.net/collect now'.slice(f.start, f.end)),
      ['https://evil.net/collect'],
    );
  });

  it('places findings in window coordinates when the window starts inside what was seen', () => {
    const s = new ExfilStream(opts);
    const text = `para one.\n\npara two ${IMG} end`;
    s.scan(text.slice(0, 15), 0, 0);
    const found = s.scan(text.slice(5), 5, 10);
    assert.deepEqual(
      found.map((f) => text.slice(5).slice(f.start, f.end)),
      [IMG],
    );
  });
});

describe('openExfilFrom: where a construct that the next characters may complete begins', () => {
  it('a label still open across one line break, not across a blank line', () => {
    assert.equal(openExfilFrom('see [a\nb'), 4);
    assert.equal(openExfilFrom('see [a\n\nlater text'), -1, 'the paragraph ended');
    assert.equal(openExfilFrom('see [a] [b'), 8);
  });
  it('a destination open after an escaped or a nested parenthesis', () => {
    assert.equal(
      openExfilFrom('see [a](https://cdn.evil.net/a\\)'),
      4,
      'an escaped parenthesis does not close it',
    );
    assert.equal(openExfilFrom('see [a](https://cdn.evil.net/(b)c'), 4, 'a nested pair does not close it');
    assert.equal(openExfilFrom('see [a](https://cdn.evil.net/(b)c) done'), -1, 'closed');
  });
  it('a definition whose destination may still grow, on its line or the next', () => {
    assert.equal(openExfilFrom('[r]: https://cdn.evil.net/p'), 0);
    assert.equal(openExfilFrom('[r]:\n   https://a'), 0);
    assert.equal(openExfilFrom('x [r]:  https://a'), 2, 'two spaces after the colon');
  });
  it('a tag open at the end, with or without attributes, within 1 KB', () => {
    assert.equal(openExfilFrom('text <img'), 5);
    assert.equal(openExfilFrom("text <img alt='ab"), 5, 'inside a single-quoted value');
    const within = `a <img title="${'y'.repeat(1012)}`;
    assert.equal(within.length - 2, 1024);
    assert.equal(openExfilFrom(within), 2);
    assert.ok(
      openExfilFrom(`a <img title="${'y'.repeat(1013)}`) > 2,
      'one character more: no longer held as a tag',
    );
  });
  it('a script element open more than 2 KB back is no longer held', () => {
    assert.equal(openExfilFrom(`<script>${'x '.repeat(1500)}`), -1);
    assert.equal(openExfilFrom(`<script>${'x '.repeat(500)}`), 0);
  });
});

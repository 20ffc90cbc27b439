// Where the markdown reader places what it finds (the guard redacts these spans), and what it records at all:
// table cells that read the same, alt text, bare URLs, definitions and restarts. From mutation survivors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMarkdown } from './markdown.js';

const read = (t: string, code = true) => readMarkdown(t, {}, code);
const urlSpans = (t: string, code = true) => read(t, code).urls.map((u) => t.slice(u.start, u.end));

describe('markdown reader: spans', () => {
  it('places each of two table cells that read the same on its own cell, not both on the first', () => {
    const t = '| a | b |\n|---|---|\n| ![x](https://e.net/a) | ![x](https://e.net/a) |';
    assert.deepEqual(
      read(t).urls.map((u) => [u.start, u.end]),
      [
        [22, 43],
        [46, 67],
      ],
    );
  });

  it('looks for a cell after the cells before it, even when an earlier one holds the same text escaped', () => {
    const t = '| \\![x](https://e.net/a) | ![x](https://e.net/a) |\n|---|---|\n| c | d |\n';
    assert.deepEqual(urlSpans(t), ['[x](https://e.net/a)', '![x](https://e.net/a)']);
    assert.equal(read(t).urls[1]!.start, 27);
  });

  it('places a link on a later line of a paragraph on that line', () => {
    const t = 'first line\nsecond [l](https://e.net/x) end\nthird';
    assert.deepEqual(
      read(t).urls.map((u) => [u.start, u.end]),
      [[18, 38]],
    );
  });

  it('takes a definition from its bracket to the end of its title line', () => {
    const t = '   [a]: https://e.net/p\n  "title"\n\n![i][a]';
    assert.deepEqual(
      read(t).defs.map((d) => [d.start, d.end, d.label, d.url]),
      [[3, 33, 'A', 'https://e.net/p']],
    );
    assert.deepEqual(urlSpans(t), ['![i][a]']);
  });
});

describe('markdown reader: what is recorded', () => {
  it('records an image once, not the link its alt text holds (alt text renders as text)', () => {
    const t = '![x [y](https://evil.example/a)](https://img.example/p.png)';
    assert.deepEqual(
      read(t).urls.map((u) => [u.url, u.image]),
      [['https://img.example/p.png', true]],
    );
  });

  it('leaves bare URLs to the URL scan (no linkify) and records autolinks', () => {
    assert.deepEqual(urlSpans('see https://evil.example/x and <https://auto.example/y>'), [
      '<https://auto.example/y>',
    ]);
  });

  it('lets a definition interrupt a paragraph only in a reading without code (its start is not trusted)', () => {
    const t = 'text\n[a]: https://evil.example/p\n\n![i][a]';
    assert.deepEqual(read(t).defs, [], 'CommonMark: the line belongs to the paragraph');
    assert.deepEqual(
      read(t, false).defs.map((d) => [d.start, d.end, d.url]),
      [[5, 32, 'https://evil.example/p']],
    );
    assert.deepEqual(urlSpans(t, false), ['![i][a]']);
  });
});

describe('markdown reader: restarts', () => {
  it('offers the start of each top-level block after a blank line whose first line is not indented', () => {
    assert.deepEqual(read('a\n\nb\n\n  c\n\n- d\n  - e\n\n> f').restarts, [3, 11, 22]);
    assert.deepEqual(read('x\n  \n[a](https://e.net/q)').restarts, [5], 'a line of spaces is blank');
    assert.deepEqual(read('a\nb\n\n  - c').restarts, [], 'no blank line before, or indented');
  });
});

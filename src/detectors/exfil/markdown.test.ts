import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectExfiltration } from './index.js';
import { readMarkdown } from './markdown.js';

const spans = (text: string) =>
  readMarkdown(text).urls.map((u) => [text.slice(u.start, u.end), u.url, u.image]);

test('constructs are placed on their own source span, in quotes, lists, headings and table cells', () => {
  const img = '![a](https://e.net/p.png)';
  for (const text of [
    `> quote ${img}`,
    `- item\n  ${img}`,
    `# Title ${img} #`,
    `| h |\n|---|\n| x ${img} |`,
  ]) {
    assert.deepEqual(spans(text), [[img, 'https://e.net/p.png', true]], text);
  }
  const text = `\t${'para '.repeat(3)}\n\tline ${img}`;
  assert.ok(
    spans(text).every(([s]) => (s as string).includes(img)),
    'tab-indented lines widen, never shrink',
  );
});

test('an image inside a link is an image (badges), and the link is a link', () => {
  const text = '[![b](https://cdn.evil.net/badge.svg)](https://ok.example/)';
  assert.deepEqual(
    spans(text).map(([, url, image]) => [url, image]),
    [
      ['https://cdn.evil.net/badge.svg', true],
      ['https://ok.example/', false],
    ],
  );
  assert.deepEqual(
    detectExfiltration(text, { images: 'off-list' }).map((f) => f.kind),
    ['off-list-image'],
  );
});

test('every definition is recorded with its folded label, repeated ones too', () => {
  const r = readMarkdown('[My  Ref]: https://a.example/1\n[my ref]: https://b.example/2\n\n> [q]: /x\n');
  assert.deepEqual(
    r.defs.map((d) => [d.label, d.url]),
    [
      ['MY REF', 'https://a.example/1'],
      ['MY REF', 'https://b.example/2'],
      ['Q', '/x'],
    ],
  );
});

test('a definition line interrupts neither a paragraph nor an open title, as renderers read it', () => {
  // The title runs on over the second line, so [a] is defined and the image loads.
  const inTitle = "[a]: https://evil.example/p.png '\n[b]: http://y.example/'\n\n![i][a]";
  assert.deepEqual(
    readMarkdown(inTitle).defs.map((d) => [d.label, d.url]),
    [['A', 'https://evil.example/p.png']],
  );
  assert.deepEqual(
    detectExfiltration(inTitle, { images: 'off-list' }).map((f) => f.kind),
    ['off-list-image', 'off-list-image'],
  );
  // A definition-like line inside an image's label is label text: the image still loads.
  const inLabel = '![x\n[b]: /y](https://evil.example/p.png)';
  assert.deepEqual(spans(inLabel), [[inLabel, 'https://evil.example/p.png', true]]);
  // Under a paragraph line it is text: nothing is defined and the reference below stays text.
  const underParagraph = 'para line\n[b]: https://evil.example/p.png\n\n![i][b]';
  assert.deepEqual(readMarkdown(underParagraph).defs, []);
  assert.deepEqual(detectExfiltration(underParagraph, { images: 'off-list' }), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedStream, fuzzCases, streamedStarts } from '../../../test/exfil-stream-fuzz.js';
import { detectExfiltration, type ExfilScanOptions } from './index.js';
import { ExfilStream } from './stream.js';

const IMG = '![x](https://cdn.evil.net/p.png)';
/** Every off-list load counts, so these structural tests need no data in their URLs. */
const OFF_LIST = { images: 'off-list' } as const;

/** Feeds `text` to a stream in windows as the output window shows them; returns the texts of its findings. */
function streamed(
  text: string,
  chunk: number,
  maxTail?: number,
  opts: ExfilScanOptions = OFF_LIST,
): string[] {
  const found = new Set<string>();
  feedStream(new ExfilStream(opts, maxTail), text, chunk, (start, end) => found.add(text.slice(start, end)));
  return [...found];
}

test('a finding is placed on the right span of the window, however far the tail began', () => {
  const text = `Intro.\n\n${'words and more words '.repeat(40)}then ${IMG} and the end.`;
  for (const chunk of [1, 5, 33]) assert.deepEqual(streamed(text, chunk), [IMG], `chunk ${chunk}`);
});

test('a code span opened far back in the paragraph still hides what it holds', () => {
  const text = `Start \`${'code '.repeat(30)}${IMG}\` end.\n\nThen ${IMG}.`;
  assert.equal(detectExfiltration(text, OFF_LIST).length, 1);
  assert.deepEqual(streamed(text, 4), [IMG]);
});

test('past the longest tail, fences are still followed and what follows them is still found', () => {
  const html = `<img src="https://cdn.evil.net/a.png"><script>alert(1)</script>\n`;
  const text = `\`\`\`html\n${html.repeat(20)}\`\`\`\n\nAfter the block ${IMG}\n`;
  assert.deepEqual(streamed(text, 16, 256), [IMG]);
  const para = `${'one long paragraph without a break '.repeat(30)}${IMG}`;
  assert.deepEqual(streamed(para, 16, 256), [IMG]);
});

test('a definition is remembered once it scrolls out of the tail', () => {
  const text = `[p]: https://cdn.evil.net/pixel\n\n${'filler words here '.repeat(40)}\n\nLook: ![x][p] done.`;
  assert.deepEqual(streamed(text, 7), ['![x][p]']);
});

test('an allowed definition is remembered too: a later one of the same label does not win', () => {
  const opts = { images: 'off-list', allowedHosts: ['ok.example'] } as const;
  const filler = 'filler words here '.repeat(40);
  const evil = '[r]: https://cdn.evil.net/b.png';
  const text = `[r]: https://ok.example/a.png\n\n${filler}\n\n${evil}\n\n${filler}\n\n![x][r] end`;
  assert.deepEqual(
    detectExfiltration(text, opts).map((f) => text.slice(f.start, f.end)),
    [evil],
    'the first definition wins for a renderer: the image loads from the allowed host',
  );
  for (const chunk of [7, 50]) assert.deepEqual(streamed(text, chunk, 256, opts), [evil], `chunk ${chunk}`);
});

test('a tail cut inside a fence never restarts at the closing fence line (it would read as an opening one)', () => {
  const code = 'let x = compute(1, 2);\n'.repeat(40);
  // The blank line before the closing fence makes its line a block start for the parser of the tail.
  const text = `\`\`\`js\n${code}\n\`\`\`\n${'tail words '.repeat(3)}${IMG}`;
  for (const chunk of [1, 7, 16]) assert.deepEqual(streamed(text, chunk, 256), [IMG], `chunk ${chunk}`);
  // Inside the block, after a blank line past the cut, an image is still code.
  const inside = `\`\`\`js\n${code}\n${IMG}\n${code}\`\`\`\n\nAfter.\n`;
  for (const chunk of [1, 7, 16]) assert.deepEqual(streamed(inside, chunk, 256), [], `chunk ${chunk}`);
});

// Past the longest tail, the tail's parse cannot see where its first block began: these pin what the stream then
// still reads as the whole output's parse does (found at 1-character windows too).
const LONG = `${'x'.repeat(300)}\n`;

test('an unclosed fence in a list item ends with the item: what follows is found (default longest tail)', () => {
  const text = `- a\n  \`\`\`\n${'  code line here\n'.repeat(400)}next ${IMG}\n`;
  assert.equal(detectExfiltration(text, OFF_LIST).length, 1);
  for (const chunk of [7, 16]) assert.deepEqual(streamed(text, chunk), [IMG], `chunk ${chunk}`);
});

test('an HTML block start inside a fence does not run on past the fence', () => {
  const text = `~~~\n  ${LONG}<div>\n~~~\n> ${IMG} ***`;
  for (const chunk of [1, 3]) assert.deepEqual(streamed(text, chunk, 128), [IMG], `chunk ${chunk}`);
});

test('a fence-like line inside an HTML block is HTML: the tag after it is found', () => {
  const tag = '<img src="https://cdn.evil.net/h.png">';
  const text = `<div>\n\`\`\`\n${LONG}> ${tag} plain words`;
  // (This harness holds nothing back, so the tag is also judged while it grows: the whole one must be among them.)
  assert.ok(streamed(text, 1, 128).includes(tag));
});

test('a comment line inside an HTML block, longer than a window, does not hide the block after it', () => {
  const text = `<div>\n  - item\n  <!-- comment ${'x'.repeat(300)}\n<!-- comment\n\n${IMG}`;
  assert.deepEqual(streamed(text, 50, 128), [IMG]);
});

test('a definition after a fence and an indented block, or after a quoted HTML line, is found', () => {
  const def = '[r]: https://cdn.evil.net/def.png';
  const afterCode = `\`\`\`js\n- ${LONG}\`\`\`\n    indented line\n${def}`;
  assert.deepEqual(streamed(afterCode, 3, 256), [def]);
  const afterQuote = `\`\`\`js\n\`\`\`\n${'long words '.repeat(30)}\n> </div> plain words\n${def}`;
  assert.deepEqual(streamed(afterQuote, 1, 128), [def]);
});

test('a fence line indented four columns does not close a fence opened at two: what follows its real end is found', () => {
  // At the top level the second line is text and the third closes; a tracker that took the second for the
  // closing fence would read the third as an opening one and everything after it as code.
  const text = `  \`\`\`\n    \`\`\`\n\`\`\`\n${'words '.repeat(60)}${IMG}\n`;
  assert.equal(detectExfiltration(text, OFF_LIST).length, 1);
  for (const chunk of [1, 7, 16]) assert.deepEqual(streamed(text, chunk, 128), [IMG], `chunk ${chunk}`);
});

test("a tail cut inside a fence reads from the fence's end as certain: the code before it is not flagged", () => {
  // Found by the fuzz: read whole as uncertain, the tail flagged the image inside the fence as well.
  const text = `\`\`\`\n> ${'x'.repeat(300)}     indented line\n![i](https://cdn.evil.net/p34.png)\n  \`\`\`\n> quote line\n> quote line\n<img src="https://cdn.evil.net/h.png">\n   ~~~\n<div>`;
  const whole = detectExfiltration(text, OFF_LIST).map((f) => f.start);
  assert.deepEqual(whole, [text.indexOf('<img')]);
  assert.deepEqual([...new Set(streamedStarts(text, 3, 256))], whole);
});

test('a definition inside a fence defines nothing, though the tail was cut inside the fence', () => {
  // The tail's parse cannot see the fence open; the fence lines the tracker followed are blanked for it.
  const text = `~~~\n${'long words '.repeat(30)}\n[r]: https://cdn.evil.net/def.png\n~~~\n\nLater: ![x][r]\n`;
  assert.deepEqual(detectExfiltration(text, OFF_LIST), []);
  for (const chunk of [1, 16]) assert.deepEqual(streamed(text, chunk, 128), [], `chunk ${chunk}`);
});

test('a tail cut inside a block does not restart where its own parse would: the closing script tag is found', () => {
  // Found by the fuzz: the parse of an uncertain tail offered a restart that the whole output's parse has not.
  const text =
    '   ~~~\n- ti" <script>\n' +
    'long words '.repeat(30) +
    '\n2. ```\n- - list item > ```\n\n1. ordered -->\nplain words in a line of text\n  ```\n1. ordered\n   ~~~\nmore text here\n|---|---|\n***\n![i](https://cdn.evil.net/p32.png)\n</script>\n> quote line\nspan`\n    ```\n[r]: https://cdn.evil.net/def.png "t\n\t```\n<script>';
  const whole = detectExfiltration(text, OFF_LIST).map((f) => f.start);
  assert.deepEqual(whole, [text.indexOf('![i]'), text.lastIndexOf('<script>')]);
  assert.deepEqual([...new Set(streamedStarts(text, 50, 512))], whole);
});

test('a definition just before a block start in the pending text resolves a use after it', () => {
  // The tail is uncertain (cut inside the paragraph); it is split at the image's line, still pending.
  const text = `${'words in a long paragraph '.repeat(25)}\n\n[r]: https://cdn.evil.net/q.png\n\n![x][r]\n`;
  const whole = detectExfiltration(text, OFF_LIST).map((f) => text.slice(f.start, f.end));
  assert.deepEqual(whole, ['[r]: https://cdn.evil.net/q.png', '![x][r]']);
  for (const chunk of [10, 50]) assert.deepEqual(streamed(text, chunk, 128), whole, `chunk ${chunk}`);
});

test('a fence in a list item after a long paragraph: what follows the fence is found, what is inside is not', () => {
  // One character at a time, the fence line '- ```' was judged at its first character (not a fence), and the
  // closing line then read as an opening one: the image after the block was taken for code, the one inside not.
  const inside = '![c](https://cdn.evil.net/c.png)';
  const text = `${'words in a long paragraph '.repeat(25)}\n- \`\`\`\n  code ${inside}\n  \`\`\`\n  after ${IMG}\n`;
  assert.deepEqual(
    detectExfiltration(text, OFF_LIST).map((f) => text.slice(f.start, f.end)),
    [IMG],
  );
  for (const chunk of [1, 10, 50]) assert.deepEqual(streamed(text, chunk, 128), [IMG], `chunk ${chunk}`);
});

/**
 * Documents the fuzz found where a stream that read less of its tail as certain (staying uncertain after a split,
 * reading the part after the split as uncertain, calling a restart uncertain, cutting the tail by force where
 * the parse offered a restart, or placing the findings or definitions of the part after a split wrongly) flagged
 * more than the whole output shows.
 */
const EXACT: { text: string; chunk: number; maxTail: number }[] = [
  {
    chunk: 3,
    maxTail: 128,
    text: 'x'.repeat(300) + '\n\n<custom-tag>\n- <!-- comment ***\n<img src="https://cdn.evil.net/h.png">',
  },

  {
    chunk: 50,
    maxTail: 128,
    text:
      '  ' +
      'x'.repeat(300) +
      ' ' +
      'x'.repeat(59) +
      '\n\n<div>\n> ![i](https://cdn.evil.net/p9.png) ```\n    indented line <!-- comment\n\t```\n  - ``` ',
  },
  {
    chunk: 1,
    maxTail: 256,
    text: '\n`code\n> quote line\n<!-- comment - <div>\n<script>\n  | a | b | <div>',
  },
  {
    chunk: 50,
    maxTail: 128,
    text: '\n> --> </s\n[r]: https://cdn.evi\n  ![x][r]   tw\n<!-- c -->\n`code\n`code\n\t```\n</script>\n1. ```\n- 1. ordere\n    ```\n  1. ``` \n> </div> \n- - <div> \nmore text',
  },
  {
    chunk: 3,
    maxTail: 128,
    text: '  </div> | a | b |\n> |---|---| - list item\n| a | b |\n`code\n<div>   two spaces\n<script>\n# heading\n[r]: https://cdn.evil.net/def.png',
  },
  {
    chunk: 16,
    maxTail: 128,
    text: '~~~\n-  ' + 'x'.repeat(300) + '\n~~~\n[r]: https://cdn.evil.net/def.png\n- # heading',
  },
  {
    chunk: 7,
    maxTail: 256,
    text: '```js\n```\n~~~\n| a | b |   ```\n[r]: https://cdn.evil.net/def.png\n- ``` > ```\nplain words in a line of text\n> ti" \n<!-- c -->\n</div>\n> ```js <custom-tag>\n<img src="https://cdn.evil.net/h.png">\n<custom-tag>\n</script>\n  ~~~ - list item\n      ```   two spaces\n   ![i](https://cdn.evil.net/p48.png)\n2. ```\n~~~\n# heading # heading\n<!-- c -->\n[r]: https://cdn.evi\n![x][r]',
  },
];

test('fuzz-found documents: the stream reports what the whole output shows, no more', () => {
  for (const { text, chunk, maxTail } of EXACT) {
    const whole = detectExfiltration(text, OFF_LIST).map((f) => f.start);
    const got = [...new Set(streamedStarts(text, chunk, maxTail))].sort((x, y) => x - y);
    assert.deepEqual(got, whole, JSON.stringify(text));
  }
});

test('random documents: streamed with short tails, nothing the whole output shows is missed', () => {
  for (const c of fuzzCases(7, 120)) {
    assert.deepEqual(c.missed, [], `chunk ${c.chunk}, longest tail ${c.maxTail}: ${JSON.stringify(c.text)}`);
  }
});

test('a block start inside a script that spans a blank line is no restart for the page reading', () => {
  const tag = '<img src="https://cdn.evil.net/h.png">';
  // The comment opener sits in script text for a page; a tail restarted there would read a comment to the end.
  const text = `${tag}\n<script> - x\n\n<!-- comment\n</script>\n> quote ***\n  two spaces ${tag}`;
  assert.equal(detectExfiltration(text, OFF_LIST).length, 3);
  for (const chunk of [1, 3]) assert.ok(streamed(text, chunk).includes(tag), `chunk ${chunk}`);
  const s = new ExfilStream(OFF_LIST);
  const whole = s.scan(text, 0, 0).filter((f) => text.slice(f.start, f.end) === tag);
  assert.equal(whole.length, 2, 'the tag after the script is found as well as the first');
});

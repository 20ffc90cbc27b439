import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectExfiltration } from './index.js';
import { ExfilStream } from './stream.js';

const IMG = '![x](https://cdn.evil.net/p.png)';
/** Every off-list load counts, so these structural tests need no data in their URLs. */
const OFF_LIST = { images: 'off-list' } as const;
const HOLD = 64;

/** Feeds `text` to a stream in windows as the output window shows them; returns findings as absolute spans. */
function streamed(text: string, chunk: number, maxTail?: number): string[] {
  const s = new ExfilStream(OFF_LIST, maxTail);
  const found = new Set<string>();
  let released = 0;
  for (let end = chunk; ; end = Math.min(text.length, end + chunk)) {
    const offset = Math.max(0, released - HOLD);
    const window = text.slice(offset, end);
    for (const f of s.scan(window, offset, released - offset)) {
      found.add(text.slice(offset + f.start, offset + f.end));
    }
    released = Math.max(released, end - HOLD);
    if (end === text.length) break;
  }
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

test('a tail cut inside a fence never restarts at the closing fence line (it would read as an opening one)', () => {
  const code = 'let x = compute(1, 2);\n'.repeat(40);
  // The blank line before the closing fence makes its line a block start for the parser of the tail.
  const text = `\`\`\`js\n${code}\n\`\`\`\n${'tail words '.repeat(3)}${IMG}`;
  for (const chunk of [1, 7, 16]) assert.deepEqual(streamed(text, chunk, 256), [IMG], `chunk ${chunk}`);
  // Inside the block, after a blank line past the cut, an image is still code.
  const inside = `\`\`\`js\n${code}\n${IMG}\n${code}\`\`\`\n\nAfter.\n`;
  for (const chunk of [1, 7, 16]) assert.deepEqual(streamed(inside, chunk, 256), [], `chunk ${chunk}`);
});

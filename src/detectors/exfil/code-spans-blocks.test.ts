// The fence tracker's block boundaries: the fenced blocks it lists, the lines it calls block starts (where a stream
// may read a tail as a renderer of the whole output would), and the HTML blocks that hold fence lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FenceTracker } from './code-spans.js';

function fed(text: string): FenceTracker {
  const f = new FenceTracker();
  f.update(text, 0);
  return f;
}

/** Whether the first `needle` in `text` is inside a fenced block, as tracker `f` saw it. */
function codeAt(f: FenceTracker, text: string, needle: string): boolean {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return f.inFence(at, at + needle.length);
}

/** Whether the line `needle` is inside a fenced block, as the tracker saw `text` (fed whole). */
function code(text: string, needle: string): boolean {
  const at = text.indexOf(`\n${needle}\n`) + 1;
  assert.ok(at > 0, needle);
  return fed(text).inFence(at, at + needle.length);
}

test('blocks(): the fenced blocks that reach into a range, the last one open', () => {
  const text = 'a\n```\nA\n```\nb\n~~~\nB\n';
  const f = fed(text);
  const [open1, close1, open2] = [2, 8, 14];
  assert.equal(text.slice(open1, open1 + 3), '```');
  assert.equal(text.slice(close1, close1 + 3), '```');
  assert.equal(text.slice(open2, open2 + 3), '~~~');
  const inf = Number.POSITIVE_INFINITY;
  assert.deepEqual(f.blocks(0, text.length), [
    [open1, close1],
    [open2, inf],
  ]);
  assert.deepEqual(f.blocks(0, open1), [], 'a range that ends where a block opens');
  assert.deepEqual(f.blocks(0, open1 + 1), [[open1, close1]]);
  assert.deepEqual(f.blocks(close1, close1 + 1), [[open1, close1]], 'the closing fence line is part of it');
  assert.deepEqual(f.blocks(close1 + 1, open2), [], 'between two blocks');
  assert.deepEqual(f.blocks(open2 + 1, open2 + 2), [[open2, inf]]);
  const lost = fed('```\nA\n');
  lost.update('later', 100);
  assert.deepEqual(lost.blocks(0, 200), [], 'none once the tracker lost track');
});

test('blockStartsAt(): after a blank line or a top-level closing fence, outside fences and raw HTML', () => {
  const text =
    'p\n\nQ\n```\n\nR\n```\nS\nt\n\n<!-- c\n\nT\n-->\n\nU\n\n  V\n\n<div>\nd\n\nW\nx\n\n  ```\n  y\n  ```\nX\n';
  const f = fed(text);
  const at = (n: string) => text.indexOf(n);
  const starts = (n: string) => f.blockStartsAt(at(n), text, 0);
  assert.equal(f.blockStartsAt(0, text, 0), false, 'the first line: no blank line before it in view');
  assert.equal(starts('Q'), true, 'after a blank line');
  assert.equal(starts('R'), false, 'inside a fenced block');
  assert.equal(starts('S'), true, 'right after a closing fence at the top level');
  assert.equal(starts('t'), false, 'after a non-blank line');
  assert.equal(starts('T'), false, 'inside a comment, which a blank line does not end');
  assert.equal(starts('U'), true, 'after the comment ended');
  assert.equal(starts('  V'), false, 'an indented line');
  assert.equal(f.blockStartsAt(at('U') + 1, text, 0), false, 'not a line start');
  assert.equal(starts('W'), true, 'after an HTML block a blank line ended');
  assert.equal(
    starts('X'),
    false,
    'after a closing fence indented like its opening one: maybe in a list item',
  );
  // Windows of the text: the blank line must be in view, unless the window is the output's start.
  const q = at('Q');
  assert.equal(f.blockStartsAt(q, text.slice(q - 1), q - 1), false, 'the line before is not in view');
  assert.equal(f.blockStartsAt(q, text.slice(q - 2), q - 2), true, 'the blank line is in view');
  assert.equal(fed('\nQ').blockStartsAt(1, '\nQ', 0), true, 'the output begins with a blank line');
  // Only what the tracker has seen counts, and nothing once it lost track.
  const partial = new FenceTracker();
  partial.update(text.slice(0, q), 0);
  assert.equal(partial.blockStartsAt(q, text, 0), false, 'a line the tracker has not seen');
  partial.update(text.slice(0, q + 1), 0);
  assert.equal(partial.blockStartsAt(q, text, 0), true);
  partial.update('later', 5000);
  assert.equal(partial.blockStartsAt(q, text, 0), false, 'lost');
});

test('every HTML block kind holds fence lines until its end, and kinds 1-6 interrupt a paragraph', () => {
  for (const [start, end] of [
    ['<script type="a">', '</script>'],
    ['<style', '</style>'],
    ['<PRE>', '</pre>'],
    ['<!-- c', '-->'],
    ['<?php', '?>'],
    ['<!DOCTYPE x', '>'],
    ['<![CDATA[ x', ']]>'],
  ] as const) {
    const text = `para\n${start}\n\n\`\`\`\n${end}\n\`\`\`\nA\n\`\`\`\nB\n`;
    assert.equal(code(text, 'A'), true, `${start}: the fence after the block opens`);
    assert.equal(code(text, 'B'), false, start);
    const notStart = `para x ${start}\n\`\`\`\nA\n`;
    assert.equal(code(notStart, 'A'), true, `${start} inside a line starts no block`);
  }
  for (const tag of ['article', 'figure', 'SECTION', 'ul']) {
    const text = `para\n<${tag}>\n\`\`\`\nA\n\n\`\`\`\nB\n\`\`\`\n`;
    assert.equal(code(text, 'A'), false, `<${tag}> starts a block that holds the fence line`);
    assert.equal(code(text, 'B'), true, `<${tag}>: ended by the blank line`);
  }
  const spaces = '<div>\n```\n   \n```\nB\n```\n';
  assert.equal(code(spaces, 'B'), true, 'a line of spaces is blank: it ends the block');
  const first = '<x-y>\n```\nA\n\n```\nB\n```\n';
  assert.equal(code(first, 'A'), false, 'a kind-7 block at the start of the output');
  assert.equal(code(first, 'B'), true);
});

test('list items: an HTML block or fence in one ends at a less indented line, which the tracker cannot follow', () => {
  const html = '- <div>\n```\n\n```\nB\n```\n';
  assert.equal(code(html, 'B'), false, 'the fence line may open a fence after the item: stop');
  const comment = '- <!-- a\n\n  ```\n  -->\n```\nB\n```\n';
  assert.equal(code(comment, 'B'), true, 'a blank line in the item leaves the comment as it was');
  const fence = '- ```\n  A\nB\n```\nC\n```\nD\n';
  assert.equal(code(fence, '  A'), false, 'the item may have ended at B (the tracker stopped)');
  assert.equal(code(fence, 'D'), false);
  const blank = '- ```\n  A\n\n  B\n  ```\nC\n';
  assert.equal(code(blank, '  B'), true, 'a blank line does not end the item');
  assert.equal(code(blank, 'C'), false);
});

test('an ordered item other than 1 after a paragraph line may be text; a bullet interrupts it', () => {
  assert.equal(code('para\n- ```\n  A\n', '  A'), true, 'a bullet item interrupts a paragraph');
  assert.equal(code('para\n1. ```\n   A\n', '   A'), true, 'so does an item numbered 1');
  assert.equal(code('para\n 1) ```\n    A\n', '    A'), true);
  assert.equal(code('para\n11. ```\nA\n```\nB\n```\nC\n', 'C'), false, 'an item numbered 11: stop');
  assert.equal(code('para\n2. ```\nA\n```\nB\n```\nC\n', 'C'), false, 'numbered 2: stop');
  assert.equal(code('\n2. ```\n   A\n', '   A'), true, 'after a blank line it opens');
});

test('a line is judged whole when it may be a fence or HTML, at once otherwise, and never twice', () => {
  // The rest of a line judged early is not a line of its own.
  const f = new FenceTracker();
  f.update('text ', 0);
  f.update('text ```\nA\n', 0);
  assert.equal(f.inFence(9, 10), false);
  // Nor is a fragment of one (four spaces here would pass for a blank line before a kind-7 block).
  const text = 'para    \n<x-y>\n```\nA\n\n```\nB\n```\n';
  const g = new FenceTracker();
  g.update('para', 0);
  g.update('para    ', 0);
  g.update(text, 0);
  assert.equal(codeAt(g, text, 'B'), false, 'a kind-7 block after a paragraph');
  // Lines kept whole: up to MAX_LINE characters; a longer one loses the tracker.
  const open = '```\nA\n';
  const kept = new FenceTracker();
  kept.update(`${open}<${'a'.repeat(16_383)}`, 0);
  assert.equal(kept.inFence(4, 5), true, 'a line of 16384 characters is kept');
  const tooLong = new FenceTracker();
  tooLong.update(`${open}<${'a'.repeat(16_384)}`, 0);
  assert.equal(tooLong.inFence(4, 5), false, 'a longer one is not: nothing counts as code');
  // A long line that cannot be a fence or HTML is judged at once, not kept.
  for (const long of [`para${'x'.repeat(17_000)}`, `ab<${'x'.repeat(17_000)}`]) {
    const h = new FenceTracker();
    h.update(long, 0);
    h.update(`${long}\n\`\`\`\nA\n`, 0);
    assert.equal(h.inFence(long.length + 5, long.length + 6), true, long.slice(0, 4));
  }
});

test('list markers of any width, closing fences without an info string, and lines kept whole inside HTML', () => {
  assert.equal(code('\n10. ```\n    A\n', '    A'), true, 'a two-digit ordered item');
  assert.equal(code('\n-   ```\n    A\n', '    A'), true, 'three spaces after the marker');
  assert.equal(code('```\nA\n```js\nB\n```\nC\n', 'B'), true, 'a fence with an info string does not close');
  assert.equal(
    code('  ```\n  A\n    ```\n  B\n', '  B'),
    false,
    'four columns: maybe closed, maybe text: stop',
  );
  assert.equal(code('para\n<x-y>\ntext\n\n```\nA\n```\n', 'A'), true, 'only a fence or HTML line stops it');
  const eleven = 'para\n11. ```\n    A\n    ```\nB\n```\nC\n```\n';
  assert.equal(code(eleven, 'C'), false, 'an item numbered 11 after a paragraph: stop');
  assert.equal(code(eleven.replace('11.', '2.').replaceAll('    ', '   '), 'C'), false, 'numbered 2');
  // A closing fence line and an HTML block's end line, split across windows, are judged once complete.
  const f = new FenceTracker();
  f.update('```\nA\n```', 0);
  f.update('```\nA\n```js\nB\n', 0);
  assert.equal(f.inFence(11, 12), true, 'the line became an info-string fence: it does not close');
  const g = new FenceTracker();
  const text = '<!-- a\nx -->\n```\nA\n';
  g.update('<!-- a\nx -', 0);
  g.update(text, 0);
  assert.equal(codeAt(g, text, 'A'), true, 'the comment ended on the split line');
});

test('blockStartsAt(): line starts only, blank lines of spaces, and blocks opening on the line itself', () => {
  const text = 'p\n   \nQ\nUV\n\n```\nA\n```\n\n<!-- c\n-->\n';
  const f = fed(text);
  assert.equal(f.blockStartsAt(text.indexOf('Q'), text, 0), true, 'after a line of spaces');
  assert.equal(f.blockStartsAt(text.indexOf('V'), text, 0), false, 'not a line start');
  assert.equal(f.blockStartsAt(text.indexOf('```'), text, 0), true, 'a fence opens on the line');
  assert.equal(f.blockStartsAt(text.indexOf('<!--'), text, 0), true, 'a comment opens on the line');
  const open = '<!-- c\n\nT\n';
  assert.equal(fed(open).blockStartsAt(open.indexOf('T'), open, 0), false, 'inside a comment not yet closed');
});

test('a fence line after list markers is judged whole when it arrives one character at a time', () => {
  for (const text of [
    '- ```\n  A\n  ```\nB\n',
    '12. ```\n    A\n    ```\nB\n',
    ' * - ~~~\n      A\n      ~~~\nB\n',
    '-   ```\n    A\n    ```\nB\n',
  ]) {
    const f = new FenceTracker();
    for (let end = 1; end <= text.length; end++) f.update(text.slice(0, end), 0);
    assert.equal(codeAt(f, text, 'A'), true, JSON.stringify(text));
    assert.equal(codeAt(f, text, 'B'), false, JSON.stringify(text));
  }
  const prose = new FenceTracker();
  const text = '- item ``` not a fence\nA\n';
  for (let end = 1; end <= text.length; end++) prose.update(text.slice(0, end), 0);
  assert.equal(codeAt(prose, text, 'A'), false);
});

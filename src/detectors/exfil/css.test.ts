// CSS loads: url(), src(), image-set() and @import, read after CSS escapes and comments as its tokenizer reads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cssUrls } from './css.js';

describe('CSS URLs', () => {
  it('finds url() and src() quoted, unquoted and in any case', () => {
    assert.deepEqual(cssUrls('background:url(a.png)'), ['a.png']);
    assert.deepEqual(cssUrls('background:URL( "b.png" )'), ['b.png']);
    assert.deepEqual(cssUrls("x:url('c.png')"), ['c.png']);
    assert.deepEqual(cssUrls('x:src(h.png)'), ['h.png']);
    assert.deepEqual(cssUrls('x:url("unterminated'), ['unterminated'], 'cut off by the end of the text');
    assert.deepEqual(cssUrls('x:url(o.png'), ['o.png']);
    assert.deepEqual(cssUrls('x:url(  )'), [], 'an empty url() loads nothing');
    assert.deepEqual(cssUrls('color:red'), []);
  });

  it('undoes CSS escapes and comments before matching', () => {
    assert.deepEqual(cssUrls('x:\\75 rl(d.png)'), ['d.png'], 'a hex escape with its space');
    assert.deepEqual(cssUrls('x:\\000075rl(d2.png)'), ['d2.png'], 'six hex digits');
    assert.deepEqual(cssUrls('x:u\\rl(g.png)'), ['g.png'], 'an escaped letter is the letter');
    assert.deepEqual(cssUrls('x:/* url(f.png) */ color:red'), [], 'a comment loads nothing');
    assert.deepEqual(cssUrls('x:/* open comment url(f.png)'), [], 'nor an unterminated one');
    assert.deepEqual(cssUrls('x:\\0 rl(m)'), [], 'U+0000 is the replacement character, not a letter');
    assert.deepEqual(cssUrls('x:\\110000 rl(n)'), [], 'past the last code point too');
  });

  it('finds every quoted URL of image-set(), and @import only in a style sheet', () => {
    assert.deepEqual(cssUrls('x:image-set("i.png" 1x, \'j.png\' 2x)'), ['i.png', 'j.png']);
    assert.deepEqual(cssUrls('@import "k.css"; @import \'l.css\''), []);
    assert.deepEqual(cssUrls('@import "k.css"; @import \'l.css\'', true), ['k.css', 'l.css']);
    assert.deepEqual(cssUrls('@import url(m.css)', true), ['m.css']);
  });

  it('reads CSS as its tokenizer does: comments inside a name, code points 0 and past U+10FFFF, unclosed quotes', () => {
    assert.deepEqual(cssUrls('background: u/**/rl(https://e.example/a.png)'), ['https://e.example/a.png']);
    assert.deepEqual(
      cssUrls('url(https://e.example/\\0 a)'),
      ['https://e.example/\uFFFDa'],
      'NUL reads as U+FFFD',
    );
    assert.deepEqual(cssUrls('url(https://e.example/\\10ffff a)'), ['https://e.example/\u{10ffff}a']);
    assert.deepEqual(
      cssUrls('url(https://e.example/\\110000 a)'),
      ['https://e.example/\uFFFDa'],
      'past the last code point',
    );
    assert.deepEqual(
      cssUrls("background: url('https://e.example/a"),
      ['https://e.example/a'],
      'an unclosed single quote',
    );
    assert.deepEqual(
      cssUrls('@import   "https://e.example/x.css";', true),
      ['https://e.example/x.css'],
      'spaces',
    );
    assert.deepEqual(cssUrls('url("   ")'), [], 'a blank URL loads nothing');
  });
});

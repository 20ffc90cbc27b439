import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORM_CLASSES, formOf, lengthBucket, phrasingOf } from './phrasing.js';

describe('query phrasing', () => {
  it('tells questions, instructions and statements apart', () => {
    assert.equal(formOf('How many legs does a spider have?'), 0);
    assert.equal(formOf('Mary had 89 stickers and used 3. How many are left?'), 0);
    assert.equal(formOf('Please write a haiku about rain'), 1);
    assert.equal(formOf('I want you to act as a travel guide.'), 1);
    assert.equal(formOf('The quick brown fox jumps over the'), 2);
    assert.equal(formOf(''), 2);
  });

  it('buckets lengths and keeps the form class in range', () => {
    assert.deepEqual([3, 8, 30, 120].map(lengthBucket), [0, 1, 2, 3]);
    for (const t of ['why?', 'Write a poem.\n\nAbout the sea and the sky', 'x '.repeat(200)]) {
      const c = phrasingOf(t).formClass;
      assert.ok(c >= 0 && c < FORM_CLASSES, `${c}`);
    }
  });

  it('gives a template the same frame keys and a new first-part hash when its slot changes', () => {
    const a = phrasingOf('Explain to a ten-year-old, in plain words: the water cycle');
    const b = phrasingOf('Explain to a ten-year-old, in plain words: the stock market');
    assert.equal(a.prefix, b.prefix);
    assert.notEqual(a.suffix, b.suffix);
    assert.notEqual(a.headHash, b.headHash);
    assert.notEqual(a.textHash, b.textHash);
    const c = phrasingOf('Write a short story about the moon for a ten-year-old.');
    const d = phrasingOf('Write a limerick about a lost sock for a ten-year-old.');
    assert.equal(c.suffix, d.suffix);
    assert.ok(a.prefix !== 0 && c.suffix !== 0);
  });

  it('leaves short replies and long persona prompts without a frame', () => {
    assert.equal(phrasingOf('thanks, that worked').prefix, 0);
    const persona = `I want you to act as a linux terminal. ${'I will type commands and you will reply. '.repeat(4)}`;
    assert.equal(phrasingOf(persona).prefix, 0);
  });

  it('counts parts, and a template instruction keeps its first-part hash across records', () => {
    const a = phrasingOf('Summarise the following text in three sentences.\n\nStocks fell today.');
    const b = phrasingOf('Summarise the following text in three sentences.\n\nThe cat sat on the mat.');
    assert.equal(a.parts, 2);
    assert.equal(a.headHash, b.headHash);
    assert.notEqual(a.textHash, b.textHash);
    assert.equal(
      phrasingOf('  Same   words, other CASE ').textHash,
      phrasingOf('same words other case').textHash,
    );
  });
});

// The labels image references look up, so a definition that arrives after its image is judged as an image.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageLabelsIn } from './image-labels.js';

const labels = (text: string) => [...imageLabelsIn(text)];

describe('image reference labels', () => {
  it('reads full, collapsed and shortcut references, folded as the renderer keys them', () => {
    assert.deepEqual(labels('![alt][Label]'), ['LABEL']);
    assert.deepEqual(labels('![Label][]'), ['LABEL']);
    assert.deepEqual(labels('text ![A  B]'), ['A B']);
    assert.deepEqual(labels('![alt][ ]'), ['ALT'], 'a blank label is the alt text');
    assert.deepEqual(labels('![x]![y][z]'), ['X', 'Z'], 'every image in the text');
  });

  it('follows nested brackets and escapes, and leaves unclosed or empty ones out', () => {
    assert.deepEqual(labels('![a [b] c][x]'), ['X']);
    assert.deepEqual(labels('![a [b] c]'), ['A [B] C']);
    assert.deepEqual(labels('![a\\]b]'), ['A\\]B'], 'an escaped bracket does not close');
    assert.deepEqual(labels('![a][b'), ['A'], 'an unclosed label: the alt text');
    assert.deepEqual(labels('![alt'), []);
    assert.deepEqual(labels('![]'), []);
    assert.deepEqual(labels('[not an image]'), []);
  });

  it('gives up on a bracket left open for a thousand characters', () => {
    assert.deepEqual(labels(`![${'a'.repeat(998)}]`), ['A'.repeat(998)]);
    assert.deepEqual(labels(`![${'a'.repeat(999)}]`), []);
  });

  it('an unclosed label bracket leaves the alt text as the label', () => {
    assert.deepEqual(labels('![alt][never closed, and more text after it'), ['ALT'], 'keys are case-folded');
  });
});

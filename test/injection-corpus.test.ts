// The coverage corpus (scripts/corpus) is deterministic per seed, covers every family with distinct texts in
// many carriers and languages, and its calibration traffic can exclude the fitted texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CORPUS_ATTACK_FAMILIES,
  CORPUS_BENIGN_FAMILIES,
  calibrationTraffic,
  corpusTexts,
} from '../scripts/corpus/index.js';
import { LANGS } from '../scripts/corpus/multilingual.js';

describe('coverage corpus', () => {
  it('is the same for a seed and differs across seeds', () => {
    assert.deepEqual(corpusTexts(5, 40), corpusTexts(5, 40));
    assert.notDeepEqual(corpusTexts(5, 40), corpusTexts(6, 40));
  });

  it('labels every family, has no duplicate text and no unexpanded grammar', () => {
    const c = corpusTexts(9, 120);
    assert.equal(new Set(c.map((t) => t.text)).size, c.length);
    for (const f of CORPUS_ATTACK_FAMILIES)
      assert.ok(
        c.some((t) => t.family === f && t.y === 1),
        f,
      );
    for (const f of CORPUS_BENIGN_FAMILIES)
      assert.ok(
        c.some((t) => t.family === f && t.y === 0),
        f,
      );
    const leftovers = c.filter((t) =>
      /<(?:ai|prior|drop|tool|url|data|secret|harm|cmd|iban|person)>|[⦃⦄¦]/.test(t.text),
    );
    assert.deepEqual(
      leftovers.map((t) => t.family),
      [],
    );
    const carriers = new Set(c.filter((t) => t.family === 'indirect-document').map((t) => t.carrier));
    assert.ok(carriers.size >= 12, `only ${carriers.size} carriers`);
    assert.ok(Object.keys(LANGS).length >= 20);
  });

  it('gives calibration traffic that leaves out excluded texts', () => {
    const a = calibrationTraffic(3, 200);
    assert.ok(a.length >= 150);
    const b = calibrationTraffic(3, 200, new Set(a.slice(0, 50)));
    assert.ok(b.every((t) => !a.slice(0, 50).includes(t)));
  });
});

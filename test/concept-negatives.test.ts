// The concept-word hard negatives (scripts/corpus/second/concept-negatives.ts) are deterministic per seed,
// benign, distinct, written in 20+ languages, and really use the words the concept lexicon reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONCEPT_NEGATIVE_LANGS,
  CONCEPT_NEGATIVES,
  conceptNegatives,
} from '../scripts/corpus/second/concept-negatives.js';
import { CARRIERS } from '../scripts/corpus/second/documents.js';
import { conceptHits } from '../src/detectors/injection/concepts.js';
import { normaliseForFeatures } from '../src/detectors/injection/features.js';

const rows = conceptNegatives(7, 600);

describe('concept-word hard negatives', () => {
  it('is the same for a seed and differs across seeds', () => {
    assert.deepEqual(conceptNegatives(3, 80), conceptNegatives(3, 80));
    assert.notDeepEqual(conceptNegatives(3, 80), conceptNegatives(4, 80));
  });

  it('gives n distinct benign rows of one family', () => {
    assert.equal(rows.length, 600);
    assert.equal(new Set(rows.map((r) => r.text)).size, rows.length);
    for (const r of rows) {
      assert.equal(r.label, 0);
      assert.equal(r.family, 'hn-concept-words');
    }
  });

  it('spans 20+ languages, chat and documents, and gives document rows a task', () => {
    assert.ok(CONCEPT_NEGATIVE_LANGS.length >= 20);
    assert.ok(new Set(rows.map((r) => r.lang)).size >= 20);
    const docs = rows.filter((r) => r.carrier !== 'chat');
    assert.ok(docs.length > 60 && docs.length < rows.length - 300, `${docs.length} document rows`);
    for (const r of docs) {
      assert.ok(CARRIERS[r.carrier!], r.carrier);
      assert.ok(r.task && CARRIERS[r.carrier!]!.tasks.includes(r.task));
    }
  });

  it('fills every situation in every language with concept words the lexicon reads', () => {
    for (const lang of CONCEPT_NEGATIVE_LANGS) {
      const p = CONCEPT_NEGATIVES[lang]!;
      for (const [situation, pieces] of Object.entries(p))
        assert.ok(pieces.length >= 2, `${lang} ${situation}`);
      const all = Object.values(p).flat();
      const hit = all.filter((t) => conceptHits(normaliseForFeatures(t)).length > 0).length;
      assert.ok(hit >= 8, `${lang}: only ${hit} of ${all.length} pieces carry a concept word`);
    }
    const chat = rows.filter((r) => r.carrier === 'chat');
    const hit = chat.filter((r) => conceptHits(normaliseForFeatures(r.text)).length > 0).length;
    assert.ok(hit / chat.length > 0.85, `${hit} of ${chat.length} chat rows carry a concept word`);
  });

  it('builds a chat row from one or two pieces of its own language', () => {
    for (const r of rows.filter((r) => r.carrier === 'chat')) {
      const pieces = Object.values(CONCEPT_NEGATIVES[r.lang!]!).flat();
      const first = pieces.find((t) => r.text.startsWith(t));
      assert.ok(first, `${r.lang}: ${r.text.slice(0, 40)}`);
      const rest = r.text.slice(first.length).trim();
      assert.ok(rest === '' || pieces.includes(rest), `${r.lang}: second piece`);
    }
  });
});

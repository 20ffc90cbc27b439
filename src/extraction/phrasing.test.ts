import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexicalEmbedder } from './embedders/lexical.js';
import { FORM_CLASSES, formOf, lengthBucket, phrasingOf } from './phrasing.js';
import { createRng } from './random.js';
import { ExtractionScorer } from './scorer.js';
import { computeSignals, type SignalValues } from './signals.js';

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

const embedder = new LexicalEmbedder();
const scorer = new ExtractionScorer(embedder, undefined);
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'shi', 'pe', 'da', 'gu', 'zo', 'fa', 'bri'];
// 2,744 made-up words of three syllables
const VOCAB = SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => a + b + c)));

function phrase(rng: () => number, n: number): string {
  return Array.from({ length: n }, () => VOCAB[Math.floor(rng() * VOCAB.length)]!).join(' ');
}

function signalsOf(queries: { text: string; followUp?: number }[]): SignalValues {
  const state = scorer.newState();
  queries.forEach((q, i) => {
    scorer.update(
      state,
      { text: q.text, ts: Date.UTC(2026, 0, 1) + i * 60_000, followUp: q.followUp ?? 0 },
      embedder.embedOne(q.text),
    );
  });
  return computeSignals(state);
}

describe('phrasing signals', () => {
  it('perturbation fires on chains of one-word edits and ignores exact repeats and short replies', () => {
    const rng = createRng(1);
    const chain: { text: string }[] = [];
    while (chain.length < 200) {
      const words = phrase(rng, 30).split(' ');
      for (let i = 0; i < 4; i++) {
        chain.push({ text: words.join(' ') });
        words[Math.floor(rng() * words.length)] = VOCAB[Math.floor(rng() * VOCAB.length)]!;
      }
    }
    const probes = signalsOf(chain);
    assert.ok(probes.perturbation > 0.5, `chain ${probes.perturbation}`);
    // a user who repeats earlier questions word for word, and a support bot's short replies with a changed id
    const faq = Array.from({ length: 12 }, () => phrase(rng, 14));
    const repeats = signalsOf(
      Array.from({ length: 200 }, () => ({ text: faq[Math.floor(rng() * faq.length)]! })),
    );
    assert.equal(repeats.perturbation, 0);
    const replies = signalsOf(
      Array.from({ length: 200 }, (_, i) => ({ text: `it still says order ${1000 + (i % 7)}` })),
    );
    assert.equal(replies.perturbation, 0);
  });

  it('framing fires on instructions grown from many templates and stays quiet on one job template', () => {
    const rng = createRng(2);
    const frames = [
      'Explain to a ten-year-old what {p} means.',
      'Write a short story that starts with {p}.',
      'Give three questions a teacher could ask about {p}.',
      'List the steps needed to build {p} at home.',
      'What are the pros and cons of {p} for a family?',
      'Summarise in one sentence why {p} matters today.',
    ];
    const grown = signalsOf(
      Array.from({ length: 200 }, () => ({
        text: frames[Math.floor(rng() * frames.length)]!.replace('{p}', phrase(rng, 3)),
      })),
    );
    assert.ok(grown.framing > 0.5, `grown ${grown.framing}`);
    const job = signalsOf(
      Array.from({ length: 200 }, () => ({
        text: `Classify the sentiment of this review as positive or negative: ${phrase(rng, 4)}`,
      })),
    );
    assert.ok(job.framing < 0.05, `job ${job.framing}`);
    // the same template questions as follow-ups inside a conversation do not count
    const chat = signalsOf(
      Array.from({ length: 200 }, () => ({
        text: frames[Math.floor(rng() * frames.length)]!.replace('{p}', phrase(rng, 3)),
        followUp: 2,
      })),
    );
    assert.equal(chat.framing, 0);
  });

  it('inputs fires on fresh instruction-input pairs and stays quiet on a template over records', () => {
    const rng = createRng(3);
    const pairs = signalsOf(
      Array.from({ length: 200 }, () => ({ text: `${phrase(rng, 8)}.\n\n${phrase(rng, 20)}` })),
    );
    assert.ok(pairs.inputs > 0.9, `pairs ${pairs.inputs}`);
    const job = signalsOf(
      Array.from({ length: 200 }, () => ({
        text: `Summarise the following text in three sentences.\n\n${phrase(rng, 20)}`,
      })),
    );
    assert.ok(job.inputs < 0.02, `job ${job.inputs}`);
    const single = signalsOf(Array.from({ length: 200 }, () => ({ text: phrase(rng, 20) })));
    assert.equal(single.inputs, 0);
  });

  it('forms counts more instruction forms and lengths for a varied stream than for one kind of question', () => {
    const rng = createRng(4);
    const openers = ['What is', 'Write', 'The', 'How does', 'List', 'Imagine'];
    const varied = signalsOf(
      Array.from({ length: 200 }, () => {
        const head = `${openers[Math.floor(rng() * openers.length)]} ${phrase(rng, 2 + Math.floor(rng() * 60))}`;
        return { text: rng() < 0.5 ? head : `${head}\n\n${phrase(rng, 10)}` };
      }),
    );
    const narrow = signalsOf(Array.from({ length: 200 }, () => ({ text: `How many ${phrase(rng, 30)}?` })));
    assert.ok(narrow.forms < 1.5, `narrow ${narrow.forms}`);
    assert.ok(varied.forms > narrow.forms + 4, `varied ${varied.forms}`);
  });
});

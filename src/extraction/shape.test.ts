import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSignalCalibration, gatedSignals, isInformative, tableFromChecks } from './calibration.js';
import { LexicalEmbedder } from './embedders/lexical.js';
import { createRng } from './random.js';
import { ExtractionScorer, scoreState } from './scorer.js';
import { FOLLOW_UP, followUpOf, HARVEST, harvestOf, isHarvesting, openingHash, refersBack } from './shape.js';
import { computeSignals, type SignalValues } from './signals.js';
import type { ExtractionObservation } from './types.js';
import { SyntheticWorld } from './world.js';

const embedder = new LexicalEmbedder();
const scorer = new ExtractionScorer(embedder, undefined);
const world = new SyntheticWorld(1);

describe('request shape', () => {
  it('tells a single-turn request, one carrying turns, and a follow-up apart', () => {
    const q = 'What is the capital of Peru?';
    assert.equal(followUpOf({ messages: [{ role: 'user', content: q }] }, q), FOLLOW_UP.none);
    const answer = 'Lima is the capital of Peru; it lies on the Pacific coast.';
    const unrelated = 'Write a limerick about a goat who learns to skate';
    const carried = [
      { role: 'user', content: q },
      { role: 'assistant', content: answer },
    ];
    assert.equal(
      followUpOf({ messages: [...carried, { role: 'user', content: unrelated }] }, unrelated),
      FOLLOW_UP.carries,
    );
    const follow = 'How many people live in Lima today?';
    assert.equal(
      followUpOf({ messages: [...carried, { role: 'user', content: follow }] }, follow),
      FOLLOW_UP.refers,
    );
    // Responses API input items, content parts
    const parts = { input: [{ role: 'assistant', content: [{ type: 'output_text', text: answer }] }] };
    assert.equal(followUpOf(parts, 'and the coast, how long is it?'), FOLLOW_UP.refers);
  });

  it('reads deictic openings and explicit back-references as referring back', () => {
    assert.ok(refersBack('make it shorter', 'A long story about dragons.'));
    assert.ok(refersBack('Can you explain the second step again?', ''));
    assert.ok(refersBack('I think what you said about taxes is wrong', ''));
    assert.ok(!refersBack('Natalia sold clips to 48 of her friends in April', 'Paris is in France.'));
  });

  it('collects harvesting settings as bits, and counts two or more as harvesting', () => {
    assert.equal(harvestOf({}), 0);
    assert.equal(harvestOf({ temperature: 0.7, n: 1, max_tokens: 512 }), 0);
    const all = harvestOf({ temperature: 0, n: 4, seed: 7, max_completion_tokens: 8192 });
    assert.equal(
      all,
      HARVEST.temperatureZero | HARVEST.manyChoices | HARVEST.seed | HARVEST.maxTokensAtLimit,
    );
    assert.equal(harvestOf({ max_output_tokens: 4096 }), HARVEST.maxTokensAtLimit);
    assert.ok(!isHarvesting(HARVEST.temperatureZero), 'temperature 0 alone is ordinary');
    assert.ok(isHarvesting(HARVEST.temperatureZero | HARVEST.seed));
  });

  it('gives template-driven requests the same opening hash and varied ones different hashes', () => {
    const a = openingHash('Summarise the following text in three sentences.\n\nThe cat sat on the mat.');
    const b = openingHash('Summarise the following text in three sentences.\n\nStocks fell sharply today.');
    const c = openingHash('Explain photosynthesis to a child');
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});

function signalsOf(shape: (i: number) => { followUp: number; harvest: number; text?: string }): SignalValues {
  const state = scorer.newState();
  world.stream('generalist', 200, 11).forEach((q, i) => {
    const s = shape(i);
    const obs = { ...q, followUp: s.followUp, harvest: s.harvest, text: s.text ?? q.text };
    scorer.update(state, obs, embedder.embedOne(obs.text));
  });
  return computeSignals(state);
}

describe('shape signals', () => {
  it('continuity and structure fall with follow-ups; settings rise with harvesting requests', () => {
    const rng = createRng(5);
    const single = signalsOf(() => ({ followUp: FOLLOW_UP.none, harvest: 0 }));
    const chat = signalsOf(() => ({
      followUp: rng() < 0.4 ? FOLLOW_UP.refers : FOLLOW_UP.carries,
      harvest: 0,
    }));
    assert.ok(single.continuity > 0.99, `single-turn continuity ${single.continuity}`);
    assert.ok(chat.continuity < single.continuity - 0.2, `${chat.continuity} vs ${single.continuity}`);
    assert.ok(chat.structure < single.structure - 0.2, `${chat.structure} vs ${single.structure}`);
    assert.equal(single.settings, 0);
    const pinned = signalsOf(() => ({ followUp: 0, harvest: HARVEST.temperatureZero | HARVEST.seed }));
    assert.ok(pinned.settings > 0.99, `${pinned.settings}`);
    const one = signalsOf(() => ({ followUp: 0, harvest: HARVEST.temperatureZero }));
    assert.equal(one.settings, 0, 'temperature 0 alone does not count');
  });

  it('structure falls when requests repeat a template opening', () => {
    const texts = world.stream('generalist', 200, 12).map((q) => q.text);
    const fresh = signalsOf(() => ({ followUp: 0, harvest: 0 }));
    const templated = signalsOf((i) => ({
      followUp: 0,
      harvest: 0,
      text: `Summarise the following text in three sentences.\n\n${texts[i]}`,
    }));
    assert.ok(templated.structure < 0.2, `templated structure ${templated.structure}`);
    assert.ok(fresh.structure > templated.structure + 0.5, `${fresh.structure}`);
  });
});

describe('calibration gate', () => {
  it('treats a benign sample without spread as uninformative', () => {
    assert.ok(!isInformative(buildSignalCalibration(Array.from({ length: 100 }, () => 0))));
    assert.ok(!isInformative(buildSignalCalibration([0, 0.5, 1])), 'too few principals');
    assert.ok(isInformative(buildSignalCalibration(Array.from({ length: 100 }, (_, i) => i / 100))));
    assert.ok(!isInformative(undefined));
  });

  it('keeps a signal out of the verdict when its calibration never saw it vary', () => {
    // benign traffic without request shapes: settings always 0, so the table cannot judge settings
    const checks: SignalValues[][] = [];
    for (let p = 0; p < 40; p++) {
      const state = scorer.newState();
      for (const q of world.stream('generalist', 100, 500 + p)) {
        const { followUp: _f, harvest: _h, ...plain } = q;
        scorer.update(state, plain, embedder.embedOne(q.text));
      }
      checks.push([computeSignals(state)]);
    }
    const table = tableFromChecks(checks, embedder.id, 'test: no request shapes');
    const gated = gatedSignals(table, 50, ['breadth', 'settings', 'continuity', 'vocabulary']);
    assert.deepEqual(gated, ['breadth', 'vocabulary']);
    // a harvesting principal is not flagged by an uncalibrated settings signal
    const state = scorer.newState();
    for (const q of world.stream('generalist', 50, 900))
      scorer.update(
        state,
        { ...q, harvest: HARVEST.temperatureZero | HARVEST.seed },
        embedder.embedOne(q.text),
      );
    const verdict = scoreState(state, table, ['breadth', 'settings', 'vocabulary']);
    assert.ok(verdict.pValues.settings < 1e-3, 'the raw p-value is extreme');
    assert.notEqual(verdict.strongest, 'settings');
    assert.ok(verdict.combinedP > 1e-3, `combined ${verdict.combinedP}`);
  });
});

describe('observeExchange', () => {
  it('sends the request shape as two integers and the last user text only', async () => {
    const { observeExchange } = await import('./wiring.js');
    const seen: ExtractionObservation[] = [];
    const sink = {
      observe: (o: ExtractionObservation) => {
        seen.push(o);
        return true;
      },
    };
    const answer = 'Use a Map keyed by user id; iterate with for...of over map.entries().';
    const follow = 'why a map and not a plain object for the user id?';
    observeExchange(sink, {
      principal: { id: 'key-shape-test', kind: 'apiKey', scopes: [] },
      route: 'chat',
      body: {
        model: 'm',
        temperature: 0,
        seed: 3,
        messages: [
          { role: 'user', content: 'How do I group users in JavaScript?' },
          { role: 'assistant', content: answer },
          { role: 'user', content: follow },
        ],
      },
      status: 200,
      usage: { promptTokens: 40, completionTokens: 60 },
      ts: Date.UTC(2026, 0, 1),
    });
    assert.equal(seen.length, 1);
    const o = seen[0]!;
    assert.equal(o.text, follow);
    assert.equal(o.followUp, FOLLOW_UP.refers);
    assert.equal(o.harvest, HARVEST.temperatureZero | HARVEST.seed);
    assert.ok(!JSON.stringify(o).includes('Map keyed'), 'the assistant turn never reaches the monitor');
  });
});

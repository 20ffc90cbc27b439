// Traffic profiles: a topic codebook and a calibration table fitted on a sample of one's own traffic.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryExtractionStateStore } from '../store/memory/extraction.js';
import { pValue } from './calibration.js';
import { codebookFromJson, codebookToJson, fitCodebook, topicOf } from './codebook.js';
import { LexicalEmbedder } from './embedders/lexical.js';
import { ExtractionMonitor } from './monitor.js';
import {
  buildProfile,
  profileFromJson,
  profileSettings,
  profileToJson,
  saveProfile,
  type TrafficRow,
} from './profile.js';
import { createRng, gaussian } from './random.js';
import { ExtractionScorer, parseSpaceId, spaceId } from './scorer.js';
import { SyntheticWorld } from './world.js';

const embedder = new LexicalEmbedder();
const world = new SyntheticWorld(1);

/** Unit vectors around `centres` well-separated directions in 32 dims. */
function clusters(centres: number, perCentre: number, seed: number): { x: Float32Array; c: number }[] {
  const rng = createRng(seed);
  const out: { x: Float32Array; c: number }[] = [];
  for (let c = 0; c < centres; c++) {
    for (let i = 0; i < perCentre; i++) {
      const x = new Float32Array(32);
      for (let d = 0; d < 32; d++) x[d] = 0.1 * gaussian(rng);
      x[c] = (x[c] ?? 0) + 1;
      let n = 0;
      for (const v of x) n += v * v;
      out.push({ x: x.map((v) => v / Math.sqrt(n)), c });
    }
  }
  return out;
}

/** A benign traffic sample: 24 principals of the synthetic world's narrow types, 120 requests each. */
function benignSample(): TrafficRow[] {
  const rows: TrafficRow[] = [];
  for (let p = 0; p < 24; p++) {
    const kind = p % 2 === 0 ? 'one-topic' : 'few-topics';
    for (const q of world.stream(kind, 120, 5000 + p))
      rows.push({ principal: `key-${p}`, text: q.text, ts: q.ts });
  }
  return rows;
}

describe('topic codebook', () => {
  it('puts the members of one cluster in one cell and different clusters in different cells', () => {
    const data = clusters(8, 40, 1);
    const cb = fitCodebook(
      'test-32',
      data.map((d) => d.x),
      { k: 8, seed: 3 },
    );
    const cellOf = new Map<number, Set<number>>();
    for (const d of data) {
      const set = cellOf.get(d.c) ?? new Set<number>();
      set.add(topicOf(cb, d.x));
      cellOf.set(d.c, set);
    }
    for (const set of cellOf.values()) assert.equal(set.size, 1, 'one cluster, one cell');
    const cells = new Set([...cellOf.values()].map((s) => [...s][0]));
    assert.equal(cells.size, 8, 'eight clusters, eight cells');
  });

  it('is deterministic for a seed, round-trips through JSON, and refuses altered numbers', () => {
    const xs = clusters(4, 20, 2).map((d) => d.x);
    const a = fitCodebook('test-32', xs, { k: 4, seed: 9 });
    const b = fitCodebook('test-32', xs, { k: 4, seed: 9 });
    assert.equal(a.id, b.id);
    const json = codebookToJson(a);
    const back = codebookFromJson(json);
    assert.equal(back.id, a.id);
    assert.deepEqual([...back.centroids], [...a.centroids]);
    const altered = Buffer.from(json.centroids, 'base64');
    altered[5] = (altered[5] ?? 0) ^ 0xff;
    assert.throws(
      () => codebookFromJson({ ...json, centroids: altered.toString('base64') }),
      /id does not match/,
    );
    assert.throws(() => codebookFromJson({ ...json, k: 5 }), /wrong size/);
    assert.throws(() => fitCodebook('test-32', xs.slice(0, 10), { k: 4 }), /at least 16 texts/);
  });

  it('changes the state space id, so states of another codebook are never mixed in', () => {
    const cb = fitCodebook(
      'test-32',
      clusters(4, 20, 3).map((d) => d.x),
      { k: 4 },
    );
    const scorer = new ExtractionScorer({ id: 'test-32', dim: 32 }, undefined, { codebook: cb });
    const id = spaceId('test-32', scorer.shape, cb.id);
    assert.notEqual(id, spaceId('test-32', { ...scorer.shape, topics: 0 }));
    const parsed = parseSpaceId(id);
    assert.equal(parsed?.codebookId, cb.id);
    assert.equal(parsed?.shape.topics, 4);
    assert.equal(parseSpaceId(spaceId('test-32', { ...scorer.shape, topics: 0 }))?.codebookId, undefined);
    assert.throws(
      () => new ExtractionScorer(embedder, undefined, { codebook: cb }),
      /fitted for embedder test-32/,
    );
  });

  it('counts effective topics: exp of the entropy of the cell counts, 1 when all in one cell', () => {
    const data = clusters(8, 40, 4);
    const cb = fitCodebook(
      'test-32',
      data.map((d) => d.x),
      { k: 8, seed: 3 },
    );
    const scorer = new ExtractionScorer({ id: 'test-32', dim: 32 }, undefined, { codebook: cb });
    const spread = scorer.newState();
    const one = scorer.newState();
    const counts = new Array<number>(8).fill(0);
    data.forEach((d, i) => {
      const obs = { text: `q${i}`, ts: 1_000_000 + i * 1000 };
      scorer.update(spread, obs, d.x);
      counts[topicOf(cb, d.x)]! += 1;
      if (d.c === 0) scorer.update(one, obs, d.x);
    });
    const h = counts
      .filter((c) => c > 0)
      .reduce((acc, c) => acc - (c / data.length) * Math.log(c / data.length), 0);
    assert.ok(
      Math.abs(spread.effectiveTopics() - Math.exp(h)) < 1e-3,
      `${spread.effectiveTopics()} vs ${Math.exp(h)}`,
    );
    assert.ok(spread.effectiveTopics() > 6, 'eight clusters spread over most cells');
    assert.ok(Math.abs(one.effectiveTopics() - 1) < 1e-9);
    assert.equal(scorer.newState().effectiveTopics(), 0);
  });
});

describe('traffic profile (warden extraction calibrate)', () => {
  it('builds a codebook and a table from benign traffic; topics then separates uniform probing', async () => {
    const profile = await buildProfile(embedder, benignSample(), { topics: 16 });
    assert.equal(profile.codebook.k, 16);
    assert.equal(profile.calibration.codebook, profile.codebook.id);
    assert.equal(profile.calibration.levels.length, 2, 'checkpoints 50 and 100');
    // the sample has timestamps but no token counts or probing flags: those cannot be calibrated from it
    assert.ok(profile.calibration.levels[0]!.regularity);
    assert.equal(profile.calibration.levels[0]!.tokenRatio, undefined);
    assert.equal(profile.calibration.levels[0]!.probing, undefined);
    assert.match(profile.calibration.source, /never extreme: tokenRatio, probing/);
    const again = profileFromJson(profileToJson(profile));
    assert.equal(again.codebook.id, profile.codebook.id);
    assert.deepEqual(again.calibration, JSON.parse(JSON.stringify(profile.calibration)));

    const store = new MemoryExtractionStateStore();
    const monitor = new ExtractionMonitor({
      embedder,
      store,
      codebook: profile.codebook,
      calibration: profile.calibration,
    });
    for (const kind of ['uniform', 'one-topic'] as const) {
      for (const q of world.stream(kind, 100, kind === 'uniform' ? 61 : 62))
        monitor.observe({ principal: kind, text: q.text, ts: q.ts });
    }
    const reports = await monitor.report();
    await monitor.close();
    const byKey = new Map(reports.map((r) => [r.subject, r]));
    const uniform = byKey.get('uniform')?.current;
    const topical = byKey.get('one-topic')?.current;
    assert.ok(uniform && topical, 'both scored against the profile table');
    assert.ok(
      uniform.signals.topics > topical.signals.topics,
      `${uniform.signals.topics} vs ${topical.signals.topics}`,
    );
    assert.ok(uniform.pValues.topics < 0.05, `uniform topics p ${uniform.pValues.topics}`);
    assert.ok(topical.pValues.topics > 0.05, `one-topic topics p ${topical.pValues.topics}`);
    assert.equal(uniform.pValues.tokenRatio, 1, 'an uncalibrated signal is never extreme');
  });

  it('refuses a sample with too few principals, and a profile of another embedder', async () => {
    const rows = benignSample().filter((r) => r.principal < 'key-2');
    await assert.rejects(buildProfile(embedder, rows, { topics: 8 }), /at least 20 principals/);
    const profile = await buildProfile(embedder, benignSample(), { topics: 8 });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'warden-profile-')), 'p.json');
    saveProfile(file, profile);
    assert.equal(profileSettings(file, embedder.id).codebook?.id, profile.codebook.id);
    assert.throws(() => profileSettings(file, 'use-lite-512'), /made with embedder lexical-256/);
    assert.throws(
      () => new ExtractionMonitor({ embedder, codebook: profile.codebook }),
      /not made with this topic codebook/,
    );
  });
});

describe('calibration tails of counting signals', () => {
  it('one event more than every benign principal had is unusual, not impossible', async () => {
    const { buildSignalCalibration } = await import('./calibration.js');
    const zeros = Array.from({ length: 100 }, () => 0);
    const floored = buildSignalCalibration(zeros, 0.02);
    const p = pValue(floored, 0.02);
    assert.ok(p > 1e-3 && p < 0.01, `one near-duplicate: p ${p}`);
    assert.ok(pValue(floored, 0.4) < 1e-9, 'a chain of near-duplicates is still extreme');
  });
});

describe('query segments for topics', () => {
  it('splits on blank lines, folds short labels into the next part, merges beyond the fourth', async () => {
    const { segmentsOf } = await import('./text.js');
    assert.deepEqual(segmentsOf('One single question about the weather in Paris?'), []);
    assert.deepEqual(
      segmentsOf(
        'Summarise the following text in two sentences.\n\nInput:\n\nThe river flooded the old town twice this spring.',
      ),
      [
        'Summarise the following text in two sentences.',
        'Input:\nThe river flooded the old town twice this spring.',
      ],
    );
    const many = Array.from({ length: 6 }, (_, i) => `Paragraph number ${i} with enough words in it.`).join(
      '\n\n',
    );
    const parts = segmentsOf(many);
    assert.equal(parts.length, 4);
    assert.match(parts[3]!, /number 3[\s\S]*number 4[\s\S]*number 5/);
  });

  it('counts an instruction and its input as two topics, each with half a query', () => {
    const data = clusters(4, 20, 5);
    const cb = fitCodebook(
      'test-32',
      data.map((d) => d.x),
      { k: 4, seed: 3 },
    );
    const scorer = new ExtractionScorer({ id: 'test-32', dim: 32 }, undefined, { codebook: cb });
    const a = data.find((d) => d.c === 0)!.x;
    const b = data.find((d) => d.c === 1)!.x;
    const whole = scorer.newState();
    const split = scorer.newState();
    for (let i = 0; i < 10; i++) {
      scorer.update(whole, { text: `q${i}`, ts: 1_000_000 + i }, a);
      scorer.update(split, { text: `q${i}`, ts: 1_000_000 + i }, a, [a, b]);
    }
    assert.ok(Math.abs(whole.effectiveTopics() - 1) < 1e-9);
    assert.ok(Math.abs(split.effectiveTopics() - 2) < 1e-3, `${split.effectiveTopics()}`);
  });
});

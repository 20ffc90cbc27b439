// Builds models/extraction-calibration.json: benign distributions of every extraction signal at each
// checkpoint (n = 50 * 2^j), from simulated benign principals of every type (fixed seeds, disjoint from
// the benchmark's). Run: node --import tsx scripts/calibrate-extraction.ts
import { writeFileSync } from 'node:fs';
import {
  buildSignalCalibration,
  type CalibrationTable,
  type SignalCalibration,
} from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import { computeSignals, SIGNALS, type SignalName, signalResolution } from '../src/extraction/signals.js';
import { BENIGN_KINDS, SyntheticWorld } from '../src/extraction/world.js';

const PER_KIND = 60;
const LEVELS = 6; // n = 50 .. 1600
const SEED_BASE = 1_000_000;

const embedder = new LexicalEmbedder();
const scorer = new ExtractionScorer(embedder, undefined);
const world = new SyntheticWorld(1);
const samples: Record<SignalName, number[]>[] = Array.from(
  { length: LEVELS },
  () => Object.fromEntries(SIGNALS.map((s) => [s, [] as number[]])) as Record<SignalName, number[]>,
);
BENIGN_KINDS.forEach((kind, k) => {
  for (let p = 0; p < PER_KIND; p++) {
    const state = scorer.newState();
    for (const q of world.stream(kind, 50 * 2 ** (LEVELS - 1), SEED_BASE + k * 10_000 + p)) {
      scorer.update(state, q, embedder.embedOne(q.text));
      if (state.due()) {
        const level = Math.log2(state.n / 50);
        const values = computeSignals(state);
        for (const s of SIGNALS) samples[level]![s].push(values[s]);
        state.advance();
      }
    }
  }
});
const table: CalibrationTable = {
  embedder: embedder.id,
  source: `scripts/calibrate-extraction.ts: ${PER_KIND} simulated principals of each benign type (${BENIGN_KINDS.join(', ')}), world seed 1, principal seeds from ${SEED_BASE}`,
  levels: samples.map(
    (level, j) =>
      Object.fromEntries(
        SIGNALS.map((s) => [s, round(buildSignalCalibration(level[s], signalResolution(s, 50 * 2 ** j)))]),
      ) as Record<SignalName, SignalCalibration>,
  ),
};
writeFileSync(
  new URL('../models/extraction-calibration.json', import.meta.url),
  `${JSON.stringify([table])}\n`,
);
process.stdout.write(`wrote models/extraction-calibration.json (${table.levels.length} levels)\n`);

function round(c: SignalCalibration): SignalCalibration {
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  return { count: c.count, body: c.body.map(r), tail: c.tail.map(r), scale: r(c.scale) };
}

// Calibration from the synthetic world's own benign personas: the benign sample of the committed table
// (scripts/calibrate-extraction.ts pools it with real-text streams), the synthetic stage's table
// (bench/extraction.ts) and the mechanism tests' fixture (test/fixtures/synthetic-calibration.ts).
import { type CalibrationTable, tableFromChecks } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import type { SignalValues } from '../src/extraction/signals.js';
import { BENIGN_KINDS, SyntheticWorld } from '../src/extraction/world.js';

/** Fixed seeds, disjoint from the benchmark's. */
export const SYNTHETIC_SEED_BASE = 1_000_000;

/** Per principal, the signal values at each checkpoint: `perKind` principals of each benign type, world seed 1. */
export function syntheticBenignChecks(perKind: number, length: number): SignalValues[][] {
  const embedder = new LexicalEmbedder();
  const scorer = new ExtractionScorer(embedder, undefined);
  const world = new SyntheticWorld(1);
  const checks: SignalValues[][] = [];
  BENIGN_KINDS.forEach((kind, k) => {
    for (let p = 0; p < perKind; p++) {
      const state = scorer.newState();
      const mine: SignalValues[] = [];
      for (const q of world.stream(kind, length, SYNTHETIC_SEED_BASE + k * 10_000 + p)) {
        scorer.update(state, q, embedder.embedOne(q.text));
        const values = scorer.signalsIfDue(state);
        if (values) mine.push(values);
      }
      checks.push(mine);
    }
  });
  return checks;
}

/** A table from the synthetic personas alone (what the committed table was before decision 2650). */
export function syntheticTable(perKind: number, length: number, source: string): CalibrationTable {
  return tableFromChecks(syntheticBenignChecks(perKind, length), new LexicalEmbedder().id, source);
}

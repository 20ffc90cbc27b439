// Builds models/extraction-calibration.json: benign distributions of every extraction signal at each
// checkpoint (n = 50 * 2^j), from two samples pooled (fixed seeds, disjoint from the benchmark's): simulated
// benign principals of every synthetic type, and benign request streams of every real-text kind drawn from
// the TRAIN files of ../shared/datasets (the halves and files the benchmark does not evaluate on; see
// calibrationSources in bench/extraction-real.ts). The synthetic personas alone are far narrower than people
// writing real prompts: calibrated on them only, 25% of the real-text benign principals reached the throttle
// level by n = 200. Run: WARDEN_DATASETS=../shared/datasets npm run calibrate:extraction
import { writeFileSync } from 'node:fs';
import { calibrationSources, recordBenign } from '../bench/extraction-real.js';
import { SYNTHETIC_SEED_BASE, syntheticBenignChecks } from '../bench/extraction-synthetic-table.js';
import { type SignalCalibration, tableFromChecks } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { BENIGN_KINDS } from '../src/extraction/world.js';

const PER_KIND = 60;
const LEVELS = 6; // n = 50 .. 1600
// real-text benign principals per kind (nine kinds), each 1,600 queries long
const REAL_PER_KIND = 100;
const REAL_SEED = 5_000_000;

const embedder = new LexicalEmbedder();
// per principal, the signal values at each checkpoint
const checks = syntheticBenignChecks(PER_KIND, 50 * 2 ** (LEVELS - 1));
const real = recordBenign(embedder, calibrationSources(), REAL_PER_KIND, 50 * 2 ** (LEVELS - 1), REAL_SEED);
for (const records of Object.values(real)) for (const r of records) checks.push(r.checks);
const built = tableFromChecks(
  checks,
  embedder.id,
  `scripts/calibrate-extraction.ts: ${PER_KIND} simulated principals of each benign type (${BENIGN_KINDS.join(', ')}), world seed 1, principal seeds from ${SYNTHETIC_SEED_BASE}; and ${REAL_PER_KIND} real-text benign principals of each kind (${Object.keys(real).join(', ')}) from the TRAIN files of the shared datasets, seeds from ${REAL_SEED}`,
);
// five decimals keep the committed file small and stable
const table = {
  ...built,
  levels: built.levels.map((level) =>
    Object.fromEntries(Object.entries(level).map(([s, c]) => [s, round(c as SignalCalibration)])),
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

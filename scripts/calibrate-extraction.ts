// Builds models/extraction-calibration.json: benign distributions of every extraction signal at each
// checkpoint (n = 50 * 2^j), from two samples pooled (fixed seeds, disjoint from the benchmark's): simulated
// benign principals of every synthetic type, and benign request streams of every real-text kind drawn from
// the TRAIN files of ../shared/datasets (the halves and files the benchmark does not evaluate on; see
// calibrationSources in bench/extraction-real.ts). The synthetic personas alone are far narrower than people
// writing real prompts: calibrated on them only, 25% of the real-text benign principals reached the throttle
// level by n = 200. Run: WARDEN_DATASETS=../shared/datasets npm run calibrate:extraction
//
// `-- --embedder use` builds the table of the Universal Sentence Encoder lite instead, from the real-text
// sample alone: the synthetic world's texts are strings of made-up words (576,000 distinct ones), which a
// sentence encoder cannot read and which would take hours to embed. The 57,565 distinct real texts take
// 20-50 minutes on one core; WARDEN_USE_CACHE=DIR keeps their vectors for reruns and for the bench. Each run
// replaces only its own embedder's table in the committed file.
import { readFileSync, writeFileSync } from 'node:fs';
import { calibrationSources, recordBenign } from '../bench/extraction-real.js';
import { SYNTHETIC_SEED_BASE, syntheticBenignChecks } from '../bench/extraction-synthetic-table.js';
import { textCollector, useVectors } from '../bench/lib/use-vectors.js';
import {
  type CalibrationTable,
  type SignalCalibration,
  tableFromChecks,
} from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { BENIGN_KINDS } from '../src/extraction/world.js';

const PER_KIND = 60;
const LEVELS = 6; // n = 50 .. 1600
// real-text benign principals per kind (nine kinds), each 1,600 queries long
const REAL_PER_KIND = 100;
const REAL_SEED = 5_000_000;

const which = process.argv.includes('--embedder')
  ? process.argv[process.argv.indexOf('--embedder') + 1]
  : 'lexical';
if (which !== 'lexical' && which !== 'use') {
  process.stderr.write('--embedder must be lexical or use\n');
  process.exit(2);
}
const LENGTH = 50 * 2 ** (LEVELS - 1);
const sources = calibrationSources();
let built: CalibrationTable;
if (which === 'use') {
  // pass 1 collects the texts the streams hold (the streams depend on the seeds, not on the embedder)
  const collect = textCollector();
  recordBenign(collect.embedder, sources, REAL_PER_KIND, LENGTH, REAL_SEED);
  const use = await useVectors(collect.texts, process.env.WARDEN_USE_CACHE);
  const real = recordBenign(use.embedder, sources, REAL_PER_KIND, LENGTH, REAL_SEED);
  built = tableFromChecks(
    Object.values(real).flatMap((records) => records.map((r) => r.checks)),
    use.embedder.id,
    `scripts/calibrate-extraction.ts --embedder use: ${REAL_PER_KIND} real-text benign principals of each kind (${Object.keys(real).join(', ')}) from the TRAIN files of the shared datasets, seeds from ${REAL_SEED}; no synthetic personas (their made-up words mean nothing to a sentence encoder)`,
  );
} else {
  const embedder = new LexicalEmbedder();
  // per principal, the signal values at each checkpoint
  const checks = syntheticBenignChecks(PER_KIND, LENGTH);
  const real = recordBenign(embedder, sources, REAL_PER_KIND, LENGTH, REAL_SEED);
  for (const records of Object.values(real)) for (const r of records) checks.push(r.checks);
  built = tableFromChecks(
    checks,
    embedder.id,
    `scripts/calibrate-extraction.ts: ${PER_KIND} simulated principals of each benign type (${BENIGN_KINDS.join(', ')}), world seed 1, principal seeds from ${SYNTHETIC_SEED_BASE}; and ${REAL_PER_KIND} real-text benign principals of each kind (${Object.keys(real).join(', ')}) from the TRAIN files of the shared datasets, seeds from ${REAL_SEED}`,
  );
}
// five decimals keep the committed file small and stable
const table = {
  ...built,
  levels: built.levels.map((level) =>
    Object.fromEntries(Object.entries(level).map(([s, c]) => [s, round(c as SignalCalibration)])),
  ),
};
const file = new URL('../models/extraction-calibration.json', import.meta.url);
const others = (JSON.parse(readFileSync(file, 'utf8')) as CalibrationTable[]).filter(
  (t) => t.embedder !== table.embedder,
);
// the lexical table first, then the others by id, so that a rebuild gives the same file
const tables = [...others, table].sort((a, b) =>
  a.embedder === 'lexical-256' ? -1 : b.embedder === 'lexical-256' ? 1 : a.embedder.localeCompare(b.embedder),
);
writeFileSync(file, `${JSON.stringify(tables)}\n`);
process.stdout.write(
  `wrote the ${table.embedder} table of models/extraction-calibration.json (${table.levels.length} levels)\n`,
);

function round(c: SignalCalibration): SignalCalibration {
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  return { count: c.count, body: c.body.map(r), tail: c.tail.map(r), scale: r(c.scale) };
}

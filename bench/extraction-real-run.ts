// Runs the real-text stage alone and prints its JSON (spawned by bench/extraction.ts to use a second core).
import { loadCalibration } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import { realStage } from './extraction-real.js';

const embedder = new LexicalEmbedder();
const calibration = loadCalibration().get(embedder.id);
if (!calibration) throw new Error(`no calibration for ${embedder.id}`);
process.stdout.write(
  `${JSON.stringify(realStage(embedder, new ExtractionScorer(embedder, calibration), calibration))}\n`,
);

// Differential fuzz of the exfiltration stream (test/exfil-stream-fuzz.ts): a miss is a finding of the whole text
// the stream never reported. Usage: npm run fuzz:exfil-stream -- [seed] [docs]; prints one JSON object.
// Env: MAXT fixes the longest tail (default: one of 128, 256, 512 per document); SHOW prints that many misses.
import { fuzzCases } from '../test/exfil-stream-fuzz.js';

const seed = Number(process.argv[2] ?? 1);
const docs = Number(process.argv[3] ?? 400);
const show = Number(process.env.SHOW ?? 0);
let missed = 0;
let extra = 0;
for (const c of fuzzCases(seed, docs, Number(process.env.MAXT ?? 0) || undefined)) {
  if (c.extra.length > 0) extra++;
  if (c.missed.length === 0) continue;
  missed++;
  if (missed <= show) console.error(JSON.stringify({ text: c.text, chunk: c.chunk, maxTail: c.maxTail }));
}
console.log(JSON.stringify({ seed, docs, docsWithMisses: missed, docsWithExtraFindings: extra }));

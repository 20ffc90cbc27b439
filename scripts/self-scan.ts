// `npm run self-scan`: scans the bare simulator and Warden in front of it; --write records the baseline
// (test/fixtures/self-scan-baseline.json) and the table in docs/self-scan.md that CI checks.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { runSelfScan, selfScanTable } from '../src/scan/self-scan.js';

const BASELINE = 'test/fixtures/self-scan-baseline.json';
const DOC = 'docs/self-scan.md';
const BEGIN = '<!-- self-scan:begin -->';
const END = '<!-- self-scan:end -->';

const result = await runSelfScan();
const table = selfScanTable(result);
process.stderr.write(`${table}\n`);
if (process.argv.includes('--write')) {
  writeFileSync(BASELINE, `${JSON.stringify(result, null, 2)}\n`);
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${DOC} lacks the ${BEGIN} / ${END} markers`);
  writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`);
  // Leave the doc as the formatter wants it, or `npm test` (biome check) goes red.
  spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', DOC], {
    stdio: 'ignore',
  });
  process.stderr.write(`wrote ${BASELINE} and ${DOC}\n`);
}
process.stdout.write(
  `${JSON.stringify({ selfScan: true, totals: result.totals, converters: result.converters })}\n`,
);

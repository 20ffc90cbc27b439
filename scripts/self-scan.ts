// `npm run self-scan`: scans the bare simulator and Warden in front of it and checks the gate against the
// recorded baseline (decision 2210); --write records the baseline (test/fixtures/self-scan-baseline.json) and
// the table in docs/self-scan.md that CI checks; --report DIR keeps both scans' report sets (DIR/bare,
// DIR/warden) to compare attempts.jsonl case by case.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { runSelfScan, selfScanTable } from '../src/scan/self-scan.js';
import { type SelfScanResult, selfScanViolations, worseThanBare } from '../src/scan/self-scan-gate.js';

const BASELINE = 'test/fixtures/self-scan-baseline.json';
const DOC = 'docs/self-scan.md';
const BEGIN = '<!-- self-scan:begin -->';
const END = '<!-- self-scan:end -->';

const at = process.argv.indexOf('--report');
const reportDir = at > 0 ? process.argv[at + 1] : undefined;
if (at > 0 && !reportDir) throw new Error('--report needs a directory');
const result = await runSelfScan(reportDir ? { reportDir } : {});
const table = selfScanTable(result);
process.stderr.write(`${table}\n`);
let violations: string[];
if (process.argv.includes('--write')) {
  // A deliberate change may move the baseline, never to a row where Warden does worse than no gateway.
  violations = worseThanBare(result);
  if (violations.length === 0) {
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
  } else process.stderr.write('not recorded: rows worse behind Warden than bare\n');
} else {
  violations = selfScanViolations(result, JSON.parse(readFileSync(BASELINE, 'utf8')) as SelfScanResult);
}
for (const v of violations) process.stderr.write(`self-scan gate: ${v}\n`);
if (violations.length > 0) process.exitCode = 1;
process.stdout.write(
  `${JSON.stringify({ selfScan: true, totals: result.totals, converters: result.converters, violations: violations.length })}\n`,
);

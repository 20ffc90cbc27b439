// `npm run eval:injection`: detection rate per DEV-EVAL attack file and false-positive rate per benign
// file at Warden's default operating threshold, beside the runnable npm peers; then the frozen blind set
// through the gateway (scripts/eval-blind.ts; `--no-blind` skips it, `--blind-only` runs only it). Never
// used for training.
import { detectInjection } from '../src/detectors/injection/detector.js';
import { loadInjectionModel } from '../src/detectors/injection/model.js';
import { EVAL_FILES, evalRows } from './datasets.js';
import { blindReport, runBlind } from './eval-blind.js';
import { type PeerDetector, peers } from './peer-detectors.js';

const args = process.argv.slice(2);
// `--lofo`: the leave-one-family-out run on the training side instead (scripts/lofo-injection.ts).
if (args.includes('--lofo')) {
  await import('./lofo-injection.js');
  process.exit(0);
}
const withPeers = !args.includes('--no-peers');
const thresholdArg = args.indexOf('--threshold');
const modelArg = args.indexOf('--model');
const model = modelArg >= 0 ? loadInjectionModel(args[modelArg + 1]) : loadInjectionModel();
const threshold = thresholdArg >= 0 ? Number(args[thresholdArg + 1]) : model.threshold;
const withBlind = !args.includes('--no-blind');
const blindOnly = args.includes('--blind-only');
// `--injection-option name=json` (repeatable): an injection guard option for the blind run, e.g.
// `pastedInstructions=false` to measure what that reading adds.
const injectionOptions: Record<string, unknown> = {};
args.forEach((a, i) => {
  if (a !== '--injection-option') return;
  const [name, value] = (args[i + 1] ?? '').split(/=(.*)/s);
  if (!name || value === undefined) throw new Error('--injection-option needs name=json');
  injectionOptions[name] = JSON.parse(value);
});

interface Line {
  name: string;
  kind: 'attack' | 'benign';
  n: number;
  warden: number;
  peers: Record<string, number | string>;
}

async function peerRate(p: PeerDetector, texts: readonly string[]): Promise<number | string> {
  try {
    let k = 0;
    for (const t of texts) if (await p.flag(t)) k++;
    return k / texts.length;
  } catch (err) {
    return `error: ${err instanceof Error ? err.name : 'unknown'}`;
  }
}

const lines: Line[] = [];
for (const f of blindOnly ? [] : EVAL_FILES) {
  const texts = evalRows(f).map((r) => r.text);
  let flagged = 0;
  for (const t of texts) if (detectInjection(t, { model, threshold }).flagged) flagged++;
  const line: Line = {
    name: f.name,
    kind: f.kind,
    n: texts.length,
    warden: flagged / texts.length,
    peers: {},
  };
  if (withPeers) for (const p of peers) line.peers[p.name] = await peerRate(p, texts);
  lines.push(line);
  process.stderr.write(`${f.name}: ${(line.warden * 100).toFixed(1)}%\n`);
}

const pct = (v: number | string | undefined) =>
  typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : (v ?? '-');
const peerNames = withPeers ? peers.map((p) => p.name) : [];
console.log(`Warden injection detector, threshold ${threshold.toFixed(3)}`);
console.log(`| file | kind | n | metric | Warden | ${peerNames.join(' | ')} |`);
console.log(`|---|---|---:|---|---:|${peerNames.map(() => '---:').join('|')}|`);
for (const l of lines) {
  const metric = l.kind === 'attack' ? 'detection' : 'FPR';
  console.log(
    `| ${l.name} | ${l.kind} | ${l.n} | ${metric} | ${pct(l.warden)} | ${peerNames.map((p) => pct(l.peers[p])).join(' | ')} |`,
  );
}
if (blindOnly) lines.length = 0;
const attacks = lines.filter((l) => l.kind === 'attack');
const benign = lines.filter((l) => l.kind === 'benign');
const avgDetection = attacks.reduce((s, l) => s + l.warden, 0) / attacks.length;
const maxFpr = Math.max(...benign.map((l) => l.warden));
console.log(
  `average detection ${pct(avgDetection)} (target >= 90%), worst benign FPR ${pct(maxFpr)} (target <= 2%)`,
);
const peerSummary = Object.fromEntries(
  peerNames.map((p) => {
    const det = attacks.map((l) => l.peers[p]).filter((v): v is number => typeof v === 'number');
    const fpr = benign.map((l) => l.peers[p]).filter((v): v is number => typeof v === 'number');
    return [p, { avgDetection: det.reduce((s, v) => s + v, 0) / det.length, maxFpr: Math.max(...fpr) }];
  }),
);
console.log(
  JSON.stringify({
    threshold,
    avgDetection,
    maxFpr,
    files: lines.map((l) => ({ name: l.name, kind: l.kind, n: l.n, rate: l.warden, peers: l.peers })),
    peers: peerSummary,
  }),
);

if (withBlind) {
  const { lines: table, summary } = blindReport(
    await runBlind(modelArg >= 0 ? args[modelArg + 1] : undefined, injectionOptions),
  );
  console.log('\nBlind set (eval/blind, through the gateway with the default guards)');
  for (const l of table) console.log(l);
  console.log(JSON.stringify({ blind: summary }));
}

// Scores the second coverage corpus with the shipped injection guard (embedded model, default options): every
// row as the user message, rows with a task also as a tool result under that task. Prints one JSON line:
// detection per attack family, FP per hard-negative family (with the family it shadows), AUC of the
// detector's score, and the calibration traffic's FPR. Figures only, never row text.
// Usage: node --import tsx scripts/eval-second-corpus.ts [--seed 2027] [--per-family 150] [--calibration 1500]
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { GuardContext } from '../src/core/context.js';
import { detectInjection } from '../src/detectors/injection/detector.js';
import { injectionGuard } from '../src/guards/input/injection/index.js';
import { PAIRED_WITH, type SecondRow, secondCalibration, secondCorpus } from './corpus/second/index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2027' },
    'per-family': { type: 'string', default: '150' },
    calibration: { type: 'string', default: '1500' },
  },
});
const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const guard = injectionGuard.create(
  injectionGuard.options.parse({}),
  { id: 'injection', phase: 'request', failMode: 'closed' },
  env,
);
const signal = new AbortController().signal;

function ctx(messages: unknown[]): GuardContext {
  return {
    requestId: 'second-corpus',
    route: 'chat',
    principal: { id: 'eval', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages } as GuardContext['body'],
    state: new Map(),
    log: env.log,
  };
}
const asUser = (text: string) => ctx([{ role: 'user', content: text }]);
const asTool = (task: string, text: string) =>
  ctx([
    { role: 'user', content: task },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'fetch_document', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: text },
  ]);
const blocked = async (c: GuardContext) => (await guard.check(c, signal)).action === 'block';

/** Area under the ROC curve by the rank statistic (ties count one half). */
function auc(pos: readonly number[], neg: readonly number[]): number {
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const mid = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p === 1) rankSum += mid;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

interface Tally {
  n: number;
  user: number;
  docs: number;
  tool: number;
}
const rate = (k: number, n: number) => Number((n === 0 ? 0 : k / n).toFixed(4));

const rows: SecondRow[] = secondCorpus(Number(values.seed), Number(values['per-family']));
const tallies = new Map<string, Tally>();
const scores: Record<0 | 1, number[]> = { 0: [], 1: [] };
for (const r of rows) {
  const t = tallies.get(r.family) ?? { n: 0, user: 0, docs: 0, tool: 0 };
  t.n++;
  if (await blocked(asUser(r.text))) t.user++;
  if (r.task) {
    t.docs++;
    if (await blocked(asTool(r.task, r.text))) t.tool++;
  }
  tallies.set(r.family, t);
  scores[r.label].push(detectInjection(r.text).score);
}

const report = (label: 0 | 1) =>
  Object.fromEntries(
    [...tallies]
      .filter(([f]) => rows.find((r) => r.family === f)!.label === label)
      .map(([f, t]) => [
        f,
        {
          n: t.n,
          asUser: rate(t.user, t.n),
          ...(t.docs > 0 ? { asToolN: t.docs, asTool: rate(t.tool, t.docs) } : {}),
          ...(label === 0 ? { pairedWith: PAIRED_WITH[f] } : {}),
        },
      ]),
  );
const sum = (label: 0 | 1, k: 'user' | 'tool' | 'n' | 'docs') =>
  [...tallies]
    .filter(([f]) => rows.find((r) => r.family === f)!.label === label)
    .reduce((s, [, t]) => s + t[k], 0);

const calibration = secondCalibration(Number(values.seed) + 1, Number(values.calibration));
const calByKind: Record<string, { n: number; fp: number }> = {};
for (const r of calibration) {
  const k = calByKind[r.carrier!] ?? { n: 0, fp: 0 };
  calByKind[r.carrier!] = k;
  k.n++;
  if (await blocked(asUser(r.text))) k.fp++;
}

console.log(
  JSON.stringify({
    seed: Number(values.seed),
    perFamily: Number(values['per-family']),
    detection: report(1),
    falsePositives: report(0),
    overall: {
      attacksAsUser: rate(sum(1, 'user'), sum(1, 'n')),
      attacksAsTool: rate(sum(1, 'tool'), sum(1, 'docs')),
      benignAsUser: rate(sum(0, 'user'), sum(0, 'n')),
      benignAsTool: rate(sum(0, 'tool'), sum(0, 'docs')),
      auc: Number(auc(scores[1], scores[0]).toFixed(4)),
    },
    calibration: Object.fromEntries(
      Object.entries(calByKind).map(([k, v]) => [k, { n: v.n, fpr: rate(v.fp, v.n) }]),
    ),
  }),
);

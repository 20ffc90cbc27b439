// Scores query streams with the extraction scorer and the article baseline, and turns scores into detection
// rates at a per-principal false-positive rate calibrated on held-out benign principals.
import { articleMetric } from '../src/extraction/baseline.js';
import { type Admission, EmbedBudget } from '../src/extraction/budget.js';
import {
  type CalibrationTable,
  combineMinP,
  gatedSignals,
  signalPValues,
  tableFromChecks,
} from '../src/extraction/calibration.js';
import { DEFAULT_ACTING_SIGNALS } from '../src/extraction/config.js';
import { createRng } from '../src/extraction/random.js';
import type { ExtractionScorer } from '../src/extraction/scorer.js';
import { type SignalName, type SignalValues, usableSignals } from '../src/extraction/signals.js';
import type { WorldQuery } from '../src/extraction/world.js';

/** Looks at n; BENCH_LOOKS (e.g. "50,200") shortens every stream, for slow embedders. */
export const LOOKS: readonly number[] = process.env.BENCH_LOOKS
  ? process.env.BENCH_LOOKS.split(',').map(Number)
  : [50, 200, 1000];
export const FPR = 0.01;

/** Per stream: the signal values at each checkpoint (n = 50 * 2^j) and the baseline metric at each look. */
export interface StreamRecord {
  checks: SignalValues[];
  baseline: number[];
  /** Whether the state had a topic codebook (otherwise `topics` does not act). */
  topics: boolean;
}

/** Per look n: our suspicion (-log10 of the smallest combined p over checkpoints <= n) and the baseline metric. */
export interface StreamScores {
  ours: number[];
  baseline: number[];
}

/** A synchronous embedder: the lexical one, or a cache of vectors computed ahead (USE). */
export interface SyncEmbedder {
  readonly id: string;
  readonly dim: number;
  embedOne(text: string): Float32Array;
}

export interface Scoring {
  embedder: SyncEmbedder;
  scorer: ExtractionScorer;
  /** Baseline looks are costly (PCA); skip them for streams beyond the baseline sample. */
  withBaseline: boolean;
}

/**
 * BENCH_EMBED_RATE < 1 (real-text stage): the threshold, evaluation and attack streams are embedded as the
 * monitor's embedding budget embeds them when it allows this share (decision 2710), while the calibration
 * sample stays at full rate, as the committed table was made.
 */
export const EMBED_RATE = Number(process.env.BENCH_EMBED_RATE ?? 1);

/**
 * The monitor's own EmbedBudget held at a fixed rate: 1 ms a query, 1,000 arrivals a second, a budget of
 * 1,000 x rate ms a second. Each call is one query of one key: embed, start a run (empty the rings) or skip.
 */
export function fixedRateAdmission(rate: number, seed: number): () => Admission {
  const clock = { t: 0 };
  const budget = new EmbedBudget(
    { msPerSecond: 1000 * rate, run: 64, floor: Math.min(rate, 1 / 64) },
    () => clock.t,
    createRng(seed),
  );
  budget.spent(1, 1);
  budget.arrive(1000);
  clock.t = 1000;
  return () => {
    budget.arrive();
    clock.t += 1;
    return budget.admit('key');
  };
}

/** Feeds one stream into a fresh state and records signals at each checkpoint and the baseline at each look. */
export function recordStream(
  s: Scoring,
  stream: readonly WorldQuery[],
  /** Which queries the embedding budget keeps (default: all). */
  admit?: () => Admission,
): StreamRecord {
  const st = s.scorer.newState();
  const vectors: Float32Array[] = [];
  const checks: SignalValues[] = [];
  const baseline: number[] = [];
  let look = 0;
  for (const q of stream) {
    const admission = admit?.() ?? 'embed';
    if (admission === 'skip') continue;
    if (admission === 'start-run') st.startRun();
    const v = s.embedder.embedOne(q.text);
    if (s.withBaseline) vectors.push(v);
    const parts = s.scorer.topicSegments(q.text).map((p) => s.embedder.embedOne(p));
    s.scorer.update(st, q, v, parts);
    const values = s.scorer.signalsIfDue(st);
    if (values) checks.push(values);
    if (s.withBaseline && look < LOOKS.length && st.n === LOOKS[look]) {
      // the article's buffer holds at most the last 1,000 queries; here all of them are this principal's
      baseline.push(articleMetric(vectors.slice(-1000)));
      look++;
    }
  }
  return { checks, baseline, topics: st.shape.topics > 0 };
}

/** Our suspicion per look from recorded signals and a calibration table, over the signals that act by default. */
export function scoreRecord(
  r: StreamRecord,
  table: CalibrationTable,
  acting: readonly SignalName[] = DEFAULT_ACTING_SIGNALS,
): StreamScores {
  let best = 0;
  const ours: number[] = [];
  let level = 0;
  for (const n of LOOKS) {
    for (; level < r.checks.length && 50 * 2 ** level <= n; level++) {
      const p = signalPValues(table, 50 * 2 ** level, r.checks[level]!);
      const gated = gatedSignals(table, 50 * 2 ** level, usableSignals(acting, r.topics));
      const { combined } = combineMinP(Object.fromEntries(gated.map((s) => [s, p[s]])));
      best = Math.max(best, -Math.log10(Math.max(combined, 1e-300)));
    }
    ours.push(best);
  }
  return { ours, baseline: r.baseline };
}

/** A calibration table built from recorded benign streams (used where the synthetic table does not fit). */
export function calibrate(
  records: readonly StreamRecord[],
  embedder: string,
  source: string,
  codebook?: string,
): CalibrationTable {
  return tableFromChecks(
    records.map((r) => r.checks),
    embedder,
    source,
    codebook,
  );
}

/** The threshold that flags at most FPR of the held-out benign scores (flag when score > threshold). */
export function thresholdAt(scores: readonly number[], fpr = FPR): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const allowed = Math.floor(fpr * sorted.length);
  return sorted[allowed] ?? Number.POSITIVE_INFINITY;
}

export function rate(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return Number.NaN;
  return round(scores.filter((s) => s > threshold).length / scores.length);
}

export function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export interface GroupScores {
  [kind: string]: StreamScores[];
}

/** Detection per kind and benign FPR per kind, at each look, for one score extractor. */
export function table(
  heldOut: GroupScores,
  benign: GroupScores,
  attacks: GroupScores,
  pick: (s: StreamScores) => number[],
  fixedP: readonly number[] = [],
) {
  const out: Record<string, unknown> = {};
  LOOKS.forEach((n, i) => {
    const held = Object.values(heldOut)
      .flatMap((list) => list.map((s) => pick(s)[i]!))
      .filter(Number.isFinite);
    const t = thresholdAt(held);
    const fprByKind = Object.fromEntries(
      Object.entries(benign).map(([k, list]) => [
        k,
        rate(
          list.map((s) => pick(s)[i]!),
          t,
        ),
      ]),
    );
    const pooled = rate(
      Object.values(benign).flatMap((list) => list.map((s) => pick(s)[i]!)),
      t,
    );
    const worst = Object.entries(fprByKind).reduce((a, b) => (b[1] > a[1] ? b : a));
    const detection = Object.fromEntries(
      Object.entries(attacks).map(([k, list]) => [
        k,
        rate(
          list.map((s) => pick(s)[i]!),
          t,
        ),
      ]),
    );
    out[`n${n}`] = {
      threshold: round(t, 4),
      pooledFpr: pooled,
      worstBenign: { type: worst[0], fpr: worst[1] },
      fprByType: fprByKind,
      detection,
      ...(fixedP.length > 0 ? { atCombinedP: atFixed(benign, attacks, (x) => pick(x)[i]!, fixedP) } : {}),
    };
  });
  return out;
}

/**
 * Flag rates when flagging at a fixed combined p (the policy's log / alert / throttle levels) instead of
 * a threshold set on held-out principals: what a deployment with this calibration would actually do.
 */
function atFixed(
  benign: GroupScores,
  attacks: GroupScores,
  score: (s: StreamScores) => number,
  levels: readonly number[],
) {
  return Object.fromEntries(
    levels.map((p) => {
      const t = -Math.log10(p);
      const fprByKind = Object.entries(benign).map(([k, l]) => [k, rate(l.map(score), t)] as const);
      const worst = fprByKind.reduce((a, b) => (b[1] > a[1] ? b : a));
      return [
        String(p),
        {
          pooledFpr: rate(Object.values(benign).flat().map(score), t),
          worstBenign: { type: worst[0], fpr: worst[1] },
          detection: Object.fromEntries(Object.entries(attacks).map(([k, l]) => [k, rate(l.map(score), t)])),
        },
      ];
    }),
  );
}

/** The published rule as is: ban when the metric exceeds 0.85 (flag rate per kind at each look). */
export function fixedRule(groups: GroupScores, threshold: number) {
  return Object.fromEntries(
    LOOKS.map((n, i) => [
      `n${n}`,
      Object.fromEntries(
        Object.entries(groups).map(([k, list]) => [
          k,
          rate(
            list.map((s) => s.baseline[i]!),
            threshold,
          ),
        ]),
      ),
    ]),
  );
}

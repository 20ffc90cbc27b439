// Tables for the semantic experiment: per-file detection / FPR of each scorer at its TRAIN-chosen threshold
// (plus a DEV-benign-tuned upper bound), the lexical-first cascade sweep, and encoder latency per KB.
import { detectInjection } from '../src/detectors/injection/detector.js';
import type { InjectionModel } from '../src/detectors/injection/model.js';
import { seededRandom } from '../src/detectors/injection/perturb.js';
import type { Embedder } from '../src/extraction/embedders/types.js';
import type { EvalFile, Row } from './datasets.js';
import type { Labelled } from './semantic-data.js';

export interface Scorer {
  name: string;
  /** Probability-like score in [0, 1]; flagged at >= threshold. */
  score: (text: string) => number;
  threshold: number;
}

export type EvalSet = { file: EvalFile; texts: string[]; rows: Row[] };

export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const rate = (xs: readonly number[], thr: number) => xs.filter((s) => s >= thr).length / xs.length;
const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

/** ROC AUC (ties count half). */
function auc(pos: readonly number[], neg: readonly number[]): number {
  const n = [...neg].sort((a, b) => a - b);
  const below = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = n.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (strict ? n[m]! < v : n[m]! <= v) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  let s = 0;
  for (const p of pos) s += (below(p, true) + below(p, false)) / 2;
  return s / (pos.length * n.length);
}

/** The lowest threshold at which every benign file stays at or below `maxFpr` (tuned on DEV benign). */
function benignTunedThreshold(benign: readonly number[][], maxFpr: number): number {
  let thr = 0;
  for (const scores of benign) {
    const desc = [...scores].sort((a, b) => b - a);
    const k = Math.floor(maxFpr * desc.length);
    const above = desc[k];
    if (above !== undefined) thr = Math.max(thr, above + 1e-12);
  }
  return thr;
}

/** Sub-groups worth seeing separately: jailbreakbench methods, cyberseceval English vs translated. */
function breakdowns(sets: readonly EvalSet[]): { name: string; idx: number; keep: (r: Row) => boolean }[] {
  const out: { name: string; idx: number; keep: (r: Row) => boolean }[] = [];
  sets.forEach((s, idx) => {
    if (s.file.name.startsWith('jailbreakbench'))
      for (const m of [...new Set(s.rows.map((r) => String(r.category)))].sort())
        out.push({ name: `  jailbreakbench ${m}`, idx, keep: (r) => String(r.category) === m });
    if (s.file.name.startsWith('cyberseceval')) {
      out.push({ name: '  cyberseceval English', idx, keep: (r) => r.lang === 'en' });
      out.push({ name: '  cyberseceval translated', idx, keep: (r) => r.lang !== 'en' });
    }
  });
  return out;
}

export interface ScorerSummary {
  name: string;
  threshold: number;
  avgDetection: number;
  maxFpr: number;
  calTpr: number;
  calFpr: number;
  files: { name: string; kind: string; n: number; rate: number }[];
  benignTuned: { threshold: number; avgDetection: number; maxFpr: number };
}

export function scoreTable(
  scorers: readonly Scorer[],
  sets: readonly EvalSet[],
  cal: readonly Labelled[],
): { markdown: string; summary: ScorerSummary[] } {
  const scores = scorers.map((sc) => sets.map((s) => s.texts.map(sc.score)));
  const summary = scorers.map((sc, i): ScorerSummary => {
    const files = sets.map((s, j) => ({
      name: s.file.name,
      kind: s.file.kind,
      n: s.texts.length,
      rate: rate(scores[i]![j]!, sc.threshold),
    }));
    const att = sets.map((_, j) => j).filter((j) => sets[j]!.file.kind === 'attack');
    const ben = sets.map((_, j) => j).filter((j) => sets[j]!.file.kind === 'benign');
    const tuned = benignTunedThreshold(
      ben.map((j) => scores[i]![j]!),
      0.02,
    );
    const calScores = cal.map((r) => ({ y: r.y, s: sc.score(r.text) }));
    return {
      name: sc.name,
      threshold: sc.threshold,
      avgDetection: mean(att.map((j) => files[j]!.rate)),
      maxFpr: Math.max(...ben.map((j) => files[j]!.rate)),
      calTpr: rate(
        calScores.filter((c) => c.y === 1).map((c) => c.s),
        sc.threshold,
      ),
      calFpr: rate(
        calScores.filter((c) => c.y === 0).map((c) => c.s),
        sc.threshold,
      ),
      files,
      benignTuned: {
        threshold: tuned,
        avgDetection: mean(att.map((j) => rate(scores[i]![j]!, tuned))),
        maxFpr: Math.max(...ben.map((j) => rate(scores[i]![j]!, tuned))),
      },
    };
  });
  const lines = [
    `| file | kind | n | metric | ${scorers.map((s) => s.name).join(' | ')} |`,
    `|---|---|---:|---|${scorers.map(() => '---:').join('|')}|`,
  ];
  sets.forEach((s, j) => {
    const metric = s.file.kind === 'attack' ? 'detection' : 'FPR';
    lines.push(
      `| ${s.file.name} | ${s.file.kind} | ${s.texts.length} | ${metric} | ${summary.map((x) => pct(x.files[j]!.rate)).join(' | ')} |`,
    );
  });
  lines.push(
    `| **average detection / worst FPR** | | | | ${summary.map((x) => `**${pct(x.avgDetection)} / ${pct(x.maxFpr)}**`).join(' | ')} |`,
    `| threshold (99.9th pct of held-out TRAIN benign) | | | | ${summary.map((x) => x.threshold.toFixed(4)).join(' | ')} |`,
    `| held-out TRAIN TPR / FPR | | ${cal.length} | | ${summary.map((x) => `${pct(x.calTpr)} / ${pct(x.calFpr)}`).join(' | ')} |`,
    `| upper bound: threshold tuned on DEV benign (<= 2% each): avg det. / worst FPR | | | | ${summary.map((x) => `${pct(x.benignTuned.avgDetection)} / ${pct(x.benignTuned.maxFpr)}`).join(' | ')} |`,
  );
  // Threshold-free: how well each scorer ranks a file's attacks above all DEV benign inputs pooled.
  const benIdx = sets.map((_, j) => j).filter((j) => sets[j]!.file.kind === 'benign');
  sets.forEach((s, j) => {
    if (s.file.kind !== 'attack') return;
    const cells = scorers.map((_, i) =>
      auc(
        scores[i]![j]!,
        benIdx.flatMap((b) => scores[i]![b]!),
      ).toFixed(3),
    );
    lines.push(`| ROC AUC: ${s.file.name} vs pooled DEV benign | | | AUC | ${cells.join(' | ')} |`);
  });
  for (const b of breakdowns(sets)) {
    const set = sets[b.idx]!;
    const keep = set.rows.map(b.keep);
    const n = keep.filter(Boolean).length;
    const cells = scorers.map((sc, i) =>
      pct(
        rate(
          scores[i]![b.idx]!.filter((_, k) => keep[k]),
          sc.threshold,
        ),
      ),
    );
    lines.push(`| ${b.name} | attack | ${n} | detection | ${cells.join(' | ')} |`);
  }
  return { markdown: lines.join('\n'), summary };
}

export interface CascadeRow {
  gate: number;
  avgDetection: number;
  maxFpr: number;
  /** Share of all DEV benign inputs (pooled) whose lexical score sends them to the encoder. */
  benignToStage2: number;
  /** The highest such share in any one benign file. */
  benignToStage2MaxFile: number;
  calBenignToStage2: number;
  attacksToStage2: number;
  /** Average detection a perfect stage 2 would reach: attacks the lexical model flags or sends on. */
  ceiling: number;
  files: { name: string; rate: number }[];
}

/** Flag = lexical flags it, or (gate <= lexical score < lexical threshold and the stage-2 scorer flags it). */
export function cascadeSweep(
  lex: Scorer,
  stage2: Scorer,
  sets: readonly EvalSet[],
  cal: readonly Labelled[],
  gates: readonly number[],
): { markdown: string; rows: CascadeRow[] } {
  const lexS = sets.map((s) => s.texts.map(lex.score));
  const s2 = sets.map((s) => s.texts.map(stage2.score));
  const calBenign = cal.filter((r) => r.y === 0).map((r) => lex.score(r.text));
  const rows = gates.map((gate): CascadeRow => {
    const reach = (l: number) => l >= gate && l < lex.threshold;
    const files = sets.map((s, j) => ({
      name: s.file.name,
      kind: s.file.kind,
      rate: mean(
        lexS[j]!.map((l, k) => (l >= lex.threshold || (reach(l) && s2[j]![k]! >= stage2.threshold) ? 1 : 0)),
      ),
      reach: mean(lexS[j]!.map((l) => (reach(l) ? 1 : 0))),
      lexFlagged: mean(lexS[j]!.map((l) => (l >= lex.threshold ? 1 : 0))),
      n: s.texts.length,
    }));
    const att = files.filter((f) => f.kind === 'attack');
    const ben = files.filter((f) => f.kind === 'benign');
    const benN = ben.reduce((s, f) => s + f.n, 0);
    return {
      gate,
      avgDetection: mean(att.map((f) => f.rate)),
      maxFpr: Math.max(...ben.map((f) => f.rate)),
      benignToStage2: ben.reduce((s, f) => s + f.reach * f.n, 0) / benN,
      benignToStage2MaxFile: Math.max(...ben.map((f) => f.reach)),
      calBenignToStage2: mean(calBenign.map((l) => (reach(l) ? 1 : 0))),
      attacksToStage2: mean(att.map((f) => f.reach)),
      ceiling: mean(att.map((f) => f.lexFlagged + f.reach)),
      files: files.map((f) => ({ name: f.name, rate: f.rate })),
    };
  });
  const attackNames = sets.filter((s) => s.file.kind === 'attack').map((s) => s.file.name);
  const lines = [
    `| lexical gate | avg det. | worst FPR | DEV benign to stage 2 (pooled / worst file) | held-out TRAIN benign to stage 2 | DEV attacks to stage 2 (avg) | ceiling (perfect stage 2) | ${attackNames.join(' | ')} |`,
    `|---:|---:|---:|---:|---:|---:|---:|${attackNames.map(() => '---:').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${r.gate} | ${pct(r.avgDetection)} | ${pct(r.maxFpr)} | ${pct(r.benignToStage2)} / ${pct(r.benignToStage2MaxFile)} | ${pct(r.calBenignToStage2)} | ${pct(r.attacksToStage2)} | ${pct(r.ceiling)} | ${attackNames.map((n) => pct(r.files.find((f) => f.name === n)!.rate)).join(' | ')} |`,
    ),
  ];
  return { markdown: lines.join('\n'), rows };
}

const WORDS =
  'the report shows that our quarterly sales grew in every region while costs stayed flat please review attached table before meeting customers asked about delivery times and we should update the schedule for next week because two suppliers changed their terms'.split(
    ' ',
  );

function prose(bytes: number, rnd: () => number): string {
  let s = '';
  while (s.length < bytes) s += `${WORDS[Math.floor(rnd() * WORDS.length)]}${rnd() < 0.08 ? '. ' : ' '}`;
  return s.slice(0, bytes);
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** p50 of one-text encoder calls and of the lexical detector, per input size. */
export async function measureLatency(
  embedder: Embedder,
  model: InjectionModel,
): Promise<{ kb: number; useP50Ms: number; lexP50Ms: number }[]> {
  const rnd = seededRandom(99);
  const out: { kb: number; useP50Ms: number; lexP50Ms: number }[] = [];
  for (const kb of [0.25, 1, 4]) {
    const texts = Array.from({ length: 23 }, () => prose(kb * 1024, rnd));
    const use: number[] = [];
    const lex: number[] = [];
    for (const [i, t] of texts.entries()) {
      const a = performance.now();
      await embedder.embed([t]);
      if (i >= 3) use.push(performance.now() - a);
      const b = performance.now();
      detectInjection(t, { model });
      if (i >= 3) lex.push(performance.now() - b);
    }
    out.push({ kb, useP50Ms: p50(use), lexP50Ms: p50(lex) });
  }
  return out;
}

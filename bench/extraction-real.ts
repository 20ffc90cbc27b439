// The real-text stage: benign and attacking principals whose streams are drawn from the texts in
// ../shared/datasets (benign users stick to one or a few sources; attackers sample everything).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CalibrationTable } from '../src/extraction/calibration.js';
import { fitCodebook } from '../src/extraction/codebook.js';
import { DEFAULT_ACTING_SIGNALS } from '../src/extraction/config.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { createRng } from '../src/extraction/random.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import type { SignalName } from '../src/extraction/signals.js';
import type { WorldQuery } from '../src/extraction/world.js';
import {
  calibrate,
  EMBED_RATE,
  fixedRateAdmission,
  type GroupScores,
  LOOKS,
  recordStream,
  round,
  type StreamRecord,
  type SyncEmbedder,
  scoreRecord,
  table,
} from './extraction-eval.js';
import {
  batchBackend,
  carefulAttacker,
  chatUser,
  harvester,
  multiTenantKey,
  type ShapedQuery,
  selfInstructTemplates,
  supportBot,
} from './extraction-streams.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const SEED = 3_000_000;
const PER_TYPE = Number(process.env.BENCH_REAL_PER_TYPE ?? 20);
// benign principals per type in the held-out (threshold) and evaluation samples: a 1% threshold needs
// more than 100 principals to mean anything
const BENIGN_PER_TYPE = Number(process.env.BENCH_REAL_BENIGN_PER_TYPE ?? 80);
// benign principals per type for the signal tables (BENCH_REAL_CALIB_PER_TYPE)
const CALIB_PER_TYPE = Number(process.env.BENCH_REAL_CALIB_PER_TYPE ?? 60);
const BASELINE_SAMPLE = Number(process.env.BENCH_BASELINE_SAMPLE ?? 12);
const MAX_CHARS = 1000;
const TOPICS = Number(process.env.BENCH_TOPICS ?? 64);
// the default policy's log, alert and throttle levels of the combined p
const POLICY_P = [1e-2, 1e-3, 1e-4];
const N = LOOKS[LOOKS.length - 1]!;
type Rng = () => number;

/**
 * Rows of a TRAIN source are split in two: even rows are the "earlier traffic" the topic codebook is fitted
 * on, odd rows feed the streams, so no evaluated text was seen by the codebook. Arena (an evaluation file)
 * is never fitted on and feeds streams whole.
 */
type Part = 'fit' | 'streams' | 'whole';
interface Row {
  text: string;
  category?: string;
  label?: string;
  split?: string;
}

function load(dir: string, file: string, part: Part, filter?: (row: Row) => boolean): string[] {
  const base = process.env.WARDEN_DATASETS ?? path.resolve(repoRoot, '../shared/datasets');
  const p = path.join(base, dir, file);
  if (!existsSync(p))
    throw new Error(`datasets not found at ${p}: set WARDEN_DATASETS to the shared datasets directory`);
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row)
    .filter((_, i) => part === 'whole' || i % 2 === (part === 'fit' ? 0 : 1))
    .filter((r) => !filter || filter(r))
    .map((r) => r.text.slice(0, MAX_CHARS));
}

/**
 * Runs the stage with the given embedder (neighbourhoods of benign users are always lexical, so every
 * embedder sees the same streams). Without the committed table only the stage-calibrated figures are given.
 */
type Sources = Record<
  'math' | 'roleplay' | 'personas' | 'coding' | 'writing' | 'arenaMath' | 'arenaMixed' | 'instructions',
  string[]
>;

/** The texts of the bench streams: TRAIN halves that no codebook is fitted on, and arena-hard (evaluation). */
function benchSources(): Sources {
  return {
    math: load('gsm8k', 'gsm8k_train_questions.jsonl', 'streams'),
    roleplay: load('gpteacher-roleplay', 'gpteacher_roleplay.jsonl', 'streams'),
    personas: load('awesome-chatgpt-prompts', 'awesome_chatgpt_prompts.jsonl', 'streams'),
    coding: load(
      'arena-hard-auto',
      'arena_hard_prompts.jsonl',
      'whole',
      (r) => r.category === 'arena-hard-v2.0:coding',
    ),
    writing: load(
      'arena-hard-auto',
      'arena_hard_prompts.jsonl',
      'whole',
      (r) => r.category === 'arena-hard-v2.0:creative_writing',
    ),
    arenaMath: load(
      'arena-hard-auto',
      'arena_hard_prompts.jsonl',
      'whole',
      (r) => r.category === 'arena-hard-v2.0:math',
    ),
    arenaMixed: load(
      'arena-hard-auto',
      'arena_hard_prompts.jsonl',
      'whole',
      (r) => r.category?.startsWith('arena-hard-v0.1') ?? false,
    ),
    instructions: load('self-instruct', 'self_instruct_instructions.jsonl', 'streams'),
  };
}

/**
 * The texts of the committed calibration's benign streams (scripts/calibrate-extraction.ts): TRAIN files only,
 * and the halves the bench streams do not use, so that no text the bench evaluates was calibrated on. The
 * arena-hard pools (an evaluation file) are replaced by TRAIN texts of the same register: Stack Overflow code
 * and e-mails from BIPIA's train contexts for coding, the other roleplay half and the e-mails (prose) for writing, the other gsm8k half
 * for maths, deepset's benign train questions for the mixed pool.
 */
export function calibrationSources(): Sources {
  const bipia = (category: string) =>
    load(
      'bipia',
      'bipia_clean_contexts.jsonl',
      'whole',
      (r) => r.category === category && r.split === 'train',
    );
  return {
    math: load('gsm8k', 'gsm8k_train_questions.jsonl', 'fit'),
    roleplay: load('gpteacher-roleplay', 'gpteacher_roleplay.jsonl', 'fit'),
    personas: load('awesome-chatgpt-prompts', 'awesome_chatgpt_prompts.jsonl', 'fit'),
    coding: [...bipia('clean_context:code'), ...bipia('clean_context:email')],
    writing: [
      ...load('gpteacher-roleplay', 'gpteacher_roleplay.jsonl', 'fit').filter((_, i) => i % 2 === 0),
      ...bipia('clean_context:email'),
    ],
    arenaMath: load('gsm8k', 'gsm8k_train_questions.jsonl', 'fit').filter((_, i) => i % 2 === 1),
    arenaMixed: load(
      'deepset-prompt-injections',
      'deepset_prompt_injections.jsonl',
      'whole',
      (r) => r.label === 'benign' && r.split === 'train',
    ),
    instructions: load('self-instruct', 'self_instruct_instructions.jsonl', 'fit'),
  };
}

/**
 * Benign streams of every kind over the given texts, recorded (signal values per checkpoint): the committed
 * calibration's real-text sample. `length` queries per principal, `perKind` principals per kind.
 */
export function recordBenign(
  embedder: SyncEmbedder,
  src: Sources,
  perKind: number,
  length: number,
  seed: number,
): Record<string, StreamRecord[]> {
  const scorer = new ExtractionScorer(embedder, undefined);
  const s = streamsOf(embedder, scorer, src, length);
  return s.record(s.benignKinds, seed, perKind, false);
}

/** The benign and attacking kinds of the stage over the given texts, and a recorder for them. */
function streamsOf(
  embedder: SyncEmbedder,
  scorer: ExtractionScorer,
  src: Sources,
  looks: number,
  /** Share of each stream the embedding budget keeps: streams are then looks / rate long. */
  rate = 1,
) {
  // long enough that a stream reaches the last look after its first skip (mean 64 x (1/rate - 1))
  const N = rate < 1 ? Math.ceil((1.25 * looks) / rate + 64 / rate) : looks;
  const lexical = new LexicalEmbedder();
  const pools = Object.values(src);
  const everything = pools.flat();
  const words = everything
    .join(' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]{3,}$/.test(w));
  const any = <T>(rng: Rng, a: readonly T[]): T => a[Math.floor(rng() * a.length)]!;
  const sample = (rng: Rng, a: readonly string[], n: number) => Array.from({ length: n }, () => any(rng, a));
  // a benign user's interests: the texts nearest (lexical cosine) to an anchor text in one source, drawn
  // in sessions without replacement (reshuffled only once the pool is used up)
  const vectorsOf = new Map<string[], Float32Array[]>(
    pools.map((p) => [p, p.map((t) => lexical.embedOne(t))]),
  );
  const neighbourhood = (rng: Rng, source: string[], size: number): string[] => {
    if (source.length <= size) return source;
    const vs = vectorsOf.get(source)!;
    const anchor = vs[Math.floor(rng() * vs.length)]!;
    const sims = vs.map((v, i) => [v.reduce((acc, x, j) => acc + x * anchor[j]!, 0), i] as const);
    return sims
      .sort((x, y) => y[0] - x[0])
      .slice(0, size)
      .map(([, i]) => source[i]!);
  };
  // a user's next question: from the neighbourhood of one of its sources, in runs of 3-8 from the same one
  const userNext = (rng: Rng, sources: string[][], size: number): (() => string) => {
    const decks = sources.map((s) => ({ pool: neighbourhood(rng, s, size), deck: [] as string[] }));
    let d = any(rng, decks);
    let left = 0;
    return () => {
      if (left-- <= 0) {
        d = any(rng, decks);
        left = 2 + Math.floor(rng() * 6);
      }
      if (d.deck.length === 0) d.deck = [...d.pool].sort(() => rng() - 0.5);
      return d.deck.pop()!;
    };
  };
  const user = (rng: Rng, sources: string[][], size: number) => {
    const next = userNext(rng, sources, size);
    return Array.from({ length: N }, next);
  };
  const plain = (texts: string[]): ShapedQuery[] => texts.map((text) => ({ text, followUp: 0, harvest: 0 }));
  // benign kinds: people in chat clients (follow-ups at a per-principal rate), a support bot, a batch back
  // end, a multi-tenant app key, and one-shot API users who never follow up (bench/extraction-streams.ts)
  const benignKinds: Record<string, (rng: Rng) => ShapedQuery[]> = {
    'math-student': (rng) => chatUser(rng, N, userNext(rng, [src.math], 600), 'math'),
    'roleplay-writer': (rng) => chatUser(rng, N, userNext(rng, [src.roleplay], 600), 'writing'),
    coder: (rng) =>
      chatUser(rng, N, userNext(rng, [src.coding], 600), 'code', { followUps: [0.25, 0.7], pinned: 0.3 }),
    'creative-writer': (rng) => chatUser(rng, N, userNext(rng, [src.writing, src.roleplay], 300), 'writing'),
    'mixed-user': (rng) =>
      chatUser(
        rng,
        N,
        userNext(
          rng,
          [src.math, src.roleplay, src.personas, src.arenaMixed]
            .filter(() => rng() < 0.7)
            .concat([src.coding]),
          200,
        ),
        'general',
      ),
    'one-shot-user': (rng) =>
      chatUser(rng, N, userNext(rng, [any(rng, [src.math, src.roleplay, src.personas])], 400), 'general', {
        followUps: [0, 0.1],
        sameChat: 0.1,
      }),
    'support-bot': (rng) => supportBot(rng, N),
    'batch-backend': (rng) => batchBackend(rng, N, userNext(rng, [any(rng, pools)], 600)),
    'multi-tenant-key': (rng) =>
      multiTenantKey(
        rng,
        N,
        [src.math, src.roleplay, src.personas, src.coding, src.writing].map((s) => userNext(rng, [s], 300)),
      ),
  };
  const attackTexts: Record<string, (rng: Rng) => string[]> = {
    uniform: (rng) =>
      Array.from({ length: N }, () => sample(rng, words, 5 + Math.floor(rng() * 15)).join(' ')),
    'knockoff-natural': (rng) => sample(rng, everything, N),
    'knockoff-uniform': (rng) => Array.from({ length: N }, () => any(rng, any(rng, pools))),
    'self-instruct': (rng) =>
      Array.from(
        { length: N },
        () => `${any(rng, src.instructions)}\n\n${any(rng, any(rng, pools)).slice(0, 300)}`,
      ),
    'active-learning': (rng) => {
      const out: string[] = [];
      while (out.length < N) {
        const a = any(rng, any(rng, pools)).split(/\s+/);
        const b = any(rng, any(rng, pools)).split(/\s+/);
        const q = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))];
        for (let i = 0; i < 3 && out.length < N; i++) {
          out.push(q.join(' '));
          q[Math.floor(rng() * q.length)] = any(rng, words);
        }
      }
      return out;
    },
    'self-instruct (seeded templates)': (rng) => selfInstructTemplates(rng, N, everything),
  };
  const attackKinds: Record<string, (rng: Rng) => ShapedQuery[]> = {
    ...Object.fromEntries(
      Object.entries(attackTexts).map(([k, make]) => [k, (rng: Rng) => harvester(rng, make(rng))]),
    ),
    'careful (conversation turns)': (rng) => carefulAttacker(rng, sample(rng, everything, N), false),
    'careful (follow-up openers, control)': (rng) => carefulAttacker(rng, sample(rng, everything, N), true),
    'replay (benign-like)': (rng) => plain(user(rng, [src.math, src.roleplay], 400)),
  };
  const toStream = (queries: ShapedQuery[], rng: Rng): WorldQuery[] => {
    let t = Date.UTC(2026, 0, 1);
    return queries.map(({ text, followUp, harvest }) => {
      t += 2000 + -Math.log(Math.max(rng(), 1e-12)) * 60_000;
      return {
        text,
        ts: t,
        promptTokens: Math.round(text.length / 4),
        completionTokens: 300,
        usesLogprobs: false,
        usesLogitBias: false,
        followUp,
        harvest,
      };
    });
  };
  const record = (
    kinds: Record<string, (rng: Rng) => ShapedQuery[]>,
    base: number,
    count = PER_TYPE,
    baseline = true,
  ): Record<string, StreamRecord[]> =>
    Object.fromEntries(
      Object.entries(kinds).map(([k, make], ki) => [
        k,
        Array.from({ length: count }, (_, i) => {
          const rng = createRng(base + ki * 10_000 + i);
          return recordStream(
            { embedder, scorer, withBaseline: baseline && i < BASELINE_SAMPLE },
            toStream(make(rng), rng),
            rate < 1 ? fixedRateAdmission(rate, base + ki * 10_000 + i) : undefined,
          );
        }),
      ]),
    );
  return { benignKinds, attackKinds, record };
}

export function realStage(
  embedder: SyncEmbedder,
  committed?: CalibrationTable,
  acting: readonly SignalName[] = DEFAULT_ACTING_SIGNALS,
) {
  const started = performance.now();
  const src = benchSources();
  // the deployment's "earlier traffic" for its topic codebook (traffic profile): the other halves
  const fitTexts = [
    load('gsm8k', 'gsm8k_train_questions.jsonl', 'fit'),
    load('gpteacher-roleplay', 'gpteacher_roleplay.jsonl', 'fit'),
    load('awesome-chatgpt-prompts', 'awesome_chatgpt_prompts.jsonl', 'fit'),
    load('self-instruct', 'self_instruct_instructions.jsonl', 'fit'),
  ].flat();
  const codebook = fitCodebook(
    embedder.id,
    fitTexts.map((t) => embedder.embedOne(t)),
    { k: TOPICS },
  );
  // every stream is recorded once, with the codebook; the other signals do not depend on it, and the
  // default figures simply leave `topics` out
  const scorer = new ExtractionScorer(embedder, undefined, { codebook });
  const { benignKinds, attackKinds, record } = streamsOf(embedder, scorer, src, N, EMBED_RATE);
  // the calibration sample at full rate, as every committed table is made
  const recordFull = EMBED_RATE < 1 ? streamsOf(embedder, scorer, src, N).record : record;
  // three disjoint benign samples: signal tables (real calibration), the FPR threshold, and evaluation
  // BENCH_REPLAY=FILE scores the records a BENCH_DUMP run wrote (with the same embedder and sizes) instead of
  // recording them again: for comparing acting sets without re-embedding every stream
  type Recs = Record<'calib' | 'heldOut' | 'benign' | 'attack', Record<string, StreamRecord[]>>;
  const replayed = process.env.BENCH_REPLAY
    ? (JSON.parse(readFileSync(process.env.BENCH_REPLAY, 'utf8')) as Recs)
    : undefined;
  const calib = replayed?.calib ?? recordFull(benignKinds, SEED + 300_000, CALIB_PER_TYPE, false);
  const heldOutRec = replayed?.heldOut ?? record(benignKinds, SEED, BENIGN_PER_TYPE);
  const benignRec = replayed?.benign ?? record(benignKinds, SEED + 100_000, BENIGN_PER_TYPE);
  const attackRec = replayed?.attack ?? record(attackKinds, SEED + 200_000);
  // BENCH_DUMP=FILE writes every recorded principal's signal values per checkpoint (for analysis)
  if (process.env.BENCH_DUMP && !replayed)
    writeFileSync(
      process.env.BENCH_DUMP,
      JSON.stringify({ calib, heldOut: heldOutRec, benign: benignRec, attack: attackRec }, (k, v) =>
        k === 'baseline' ? undefined : v,
      ),
    );
  const realTable = calibrate(
    Object.values(calib).flat(),
    embedder.id,
    'real-text benign calibration sample',
    codebook.id,
  );
  const scoreAll = (g: Record<string, StreamRecord[]>, t: CalibrationTable, topics = false): GroupScores =>
    Object.fromEntries(
      Object.entries(g).map(([k, l]) => [k, l.map((r) => scoreRecord({ ...r, topics }, t, acting))]),
    );
  const cut = (g: GroupScores): GroupScores =>
    Object.fromEntries(Object.entries(g).map(([k, l]) => [k, l.slice(0, BASELINE_SAMPLE)]));
  const withTable = (t: CalibrationTable) =>
    table(scoreAll(heldOutRec, t), scoreAll(benignRec, t), scoreAll(attackRec, t), (s) => s.ours, POLICY_P);
  const base = (g: Record<string, StreamRecord[]>) => cut(scoreAll(g, realTable));
  return {
    actingSignals: acting,
    embedRate: EMBED_RATE,
    principals: {
      calibrationBenign: CALIB_PER_TYPE * Object.keys(benignKinds).length,
      heldOutBenign: BENIGN_PER_TYPE * Object.keys(benignKinds).length,
      evaluationBenign: BENIGN_PER_TYPE * Object.keys(benignKinds).length,
      perType: PER_TYPE,
      baselinePerType: BASELINE_SAMPLE,
    },
    ours: withTable(realTable),
    // a traffic profile (`warden extraction calibrate`): topic codebook fitted on the other half of the
    // TRAIN sources, table from the calibration principals; `topics` acts
    oursWithTrafficProfile: {
      codebook: { topics: codebook.k, fittedOn: fitTexts.length },
      ...table(
        scoreAll(heldOutRec, realTable, true),
        scoreAll(benignRec, realTable, true),
        scoreAll(attackRec, realTable, true),
        (x) => x.ours,
        POLICY_P,
      ),
    },
    // the committed table (models/extraction-calibration.json), as a deployment without a profile scores:
    // `atCombinedP` are the rates at the policy's log, alert and throttle levels
    ...(committed ? { oursCommittedCalibration: withTable(committed) } : {}),
    // the article's baseline needs the recorded vectors, which a replay does not have
    ...(replayed
      ? {}
      : { baseline: table(base(heldOutRec), base(benignRec), base(attackRec), (s) => s.baseline) }),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

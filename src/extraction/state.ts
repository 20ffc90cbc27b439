// Per-principal extraction statistics in constant memory: decayed second moment, codebook bitmaps,
// SimHash and angle-sketch rings and non-content sums; updated one query at a time, serialised to a blob.
import { FORM_CLASSES, MIN_PERTURBATION_WORDS, phrasingOf } from './phrasing.js';
import { hash32 } from './random.js';
import { isHarvesting, openingHash } from './shape.js';
import { hamming64, popcount32, simhash64 } from './simhash.js';
import { contentWords } from './text.js';

export interface StateShape {
  k: number;
  cellBits: number;
  /** Recent SimHashes kept for near-duplicate search. */
  ring: number;
  /** Bits of the hashed-vocabulary sketch per epoch (2^vocabBits). */
  vocabBits: number;
  /** Bits of each query's angle sketch kept in the ring (a multiple of 32). */
  sketchBits: number;
  /** Cells of the topic codebook (0 without one): a decayed count per cell. */
  topics: number;
}

export interface QueryFacts {
  ts: number;
  text: string;
  y: Float64Array;
  cell: number;
  /** Angle sketch of the query's embedding (sketchBits / 32 words). */
  sketch: Uint32Array;
  /** Cells of the topic codebook, one per segment of the query (each weighs 1/length); [] without one. */
  topics: readonly number[];
  promptTokens?: number;
  completionTokens?: number;
  usesLogprobs?: boolean;
  usesLogitBias?: boolean;
  followUp?: number;
  harvest?: number;
}

// scalar slots in the header, decayed unless noted
const H = {
  version: 0,
  created: 1, // ms, not decayed
  lastTs: 2, // ms, not decayed
  n: 3, // raw query count, not decayed
  w: 4,
  epochStart: 5, // ms: start of the current codebook epoch
  distinctAtHalf: 6, // distinct cells when n was half the next checkpoint
  nextCheck: 7, // raw n of the next checkpoint
  vocabTokens: 8, // distinct content words per query, summed over the current epoch (not decayed)
  dupRate: 9, // EWMA over queries
  gapW: 10,
  gap1: 11,
  gap2: 12,
  tokW: 13,
  tok1: 14,
  probes: 15, // decayed count of logprobs / logit_bias use
  ringPos: 16,
  ringFill: 17,
  vocabTokensPrev: 18, // the same for the previous epoch
  closeSum: 19, // sum of each query's largest estimated cosine to a recent query
  closeW: 20, // queries in that sum
  continued: 21, // queries that carry earlier assistant turns and refer to them
  fresh: 22, // queries that neither continue a conversation nor repeat a recent opening (template)
  harvests: 23, // queries with two or more harvesting settings
  templated: 24, // queries whose opening matches one of the last `ring` openings
  perturbed: 25, // standalone queries that are small edits (not repeats) of a recent one (phrasing.ts)
  framed: 26, // standalone queries on a recent frame (opening or closing words) with a new slot in it
  inputs: 27, // standalone queries of several parts whose first part (the instruction) is new
  lastPrefix: 28, // frame keys of the last framed query (not decayed)
  lastSuffix: 29,
} as const;
const HEADER = 30;
const VERSION = 6;
/** Queries the closeness average waits for, so that a near-empty ring does not read as novelty. */
const CLOSENESS_WARMUP = 16;
/** Weight of one query in the near-duplicate rate (an EWMA over about the last 50 queries). */
export const DUP_RATE_EWMA = 1 / 50;
const DECAYED = [
  H.w,
  H.gapW,
  H.gap1,
  H.gap2,
  H.tokW,
  H.tok1,
  H.probes,
  H.closeSum,
  H.closeW,
  H.continued,
  H.fresh,
  H.harvests,
  H.templated,
  H.perturbed,
  H.framed,
  H.inputs,
];
const NEAR_DUP_BITS = 8;

export class PrincipalState {
  readonly shape: StateShape;
  readonly header: Float64Array;
  readonly moment: Float64Array; // upper triangle of sum w*y*y^T
  readonly sum: Float64Array; // sum w*y
  readonly cells: Uint32Array; // two epochs of 2^cellBits bits
  readonly vocab: Uint32Array; // two epochs of 2^vocabBits bits of hashed content words
  readonly ring: Uint32Array; // [hi, lo] pairs
  readonly sketches: Uint32Array; // ring of angle sketches, same positions as `ring`
  readonly topicCounts: Float64Array; // decayed queries per topic-codebook cell
  readonly openings: Uint32Array; // ring of opening hashes (shape.ts openingHash), same positions as `ring`
  readonly formCounts: Float64Array; // decayed queries per instruction form class (phrasing.ts formClass)
  // rings of phrasing hashes (phrasing.ts), same positions as `ring`: whole text, first part, frame keys
  readonly textHashes: Uint32Array;
  readonly headHashes: Uint32Array;
  readonly prefixes: Uint32Array;
  readonly suffixes: Uint32Array;

  constructor(shape: StateShape, blob?: Uint8Array) {
    this.shape = shape;
    const tri = (shape.k * (shape.k + 1)) / 2;
    const words = 2 ** shape.cellBits / 32;
    const floats = HEADER + tri + shape.k + shape.topics + FORM_CLASSES;
    const vocabWords = 2 ** shape.vocabBits / 32;
    const sketchWords = shape.sketchBits / 32;
    const ringBytes = shape.ring * 2 * 4;
    const bytes =
      floats * 8 +
      2 * words * 4 +
      2 * vocabWords * 4 +
      ringBytes +
      shape.ring * sketchWords * 4 +
      5 * shape.ring * 4;
    const buf = new ArrayBuffer(bytes);
    if (blob) {
      if (blob.byteLength !== bytes)
        throw new Error('extraction state blob has the wrong size for this shape');
      new Uint8Array(buf).set(blob);
    }
    this.header = new Float64Array(buf, 0, HEADER);
    this.moment = new Float64Array(buf, HEADER * 8, tri);
    this.sum = new Float64Array(buf, (HEADER + tri) * 8, shape.k);
    this.topicCounts = new Float64Array(buf, (HEADER + tri + shape.k) * 8, shape.topics);
    this.formCounts = new Float64Array(buf, (HEADER + tri + shape.k + shape.topics) * 8, FORM_CLASSES);
    this.cells = new Uint32Array(buf, floats * 8, 2 * words);
    this.vocab = new Uint32Array(buf, floats * 8 + 2 * words * 4, 2 * vocabWords);
    const ringAt = floats * 8 + 2 * words * 4 + 2 * vocabWords * 4;
    this.ring = new Uint32Array(buf, ringAt, shape.ring * 2);
    this.sketches = new Uint32Array(buf, ringAt + ringBytes, shape.ring * sketchWords);
    const hashesAt = ringAt + ringBytes + shape.ring * sketchWords * 4;
    this.openings = new Uint32Array(buf, hashesAt, shape.ring);
    this.textHashes = new Uint32Array(buf, hashesAt + shape.ring * 4, shape.ring);
    this.headHashes = new Uint32Array(buf, hashesAt + 2 * shape.ring * 4, shape.ring);
    this.prefixes = new Uint32Array(buf, hashesAt + 3 * shape.ring * 4, shape.ring);
    this.suffixes = new Uint32Array(buf, hashesAt + 4 * shape.ring * 4, shape.ring);
    if (blob && this.header[H.version] !== VERSION)
      throw new Error('extraction state blob has an unknown version');
    if (!blob) {
      this.header[H.version] = VERSION;
      this.header[H.nextCheck] = 50;
    }
  }

  get n(): number {
    return this.header[H.n]!;
  }
  get lastTs(): number {
    return this.header[H.lastTs]!;
  }
  get nextCheck(): number {
    return this.header[H.nextCheck]!;
  }

  toBytes(): Uint8Array {
    return new Uint8Array(this.header.buffer.slice(0));
  }

  byteLength(): number {
    return this.header.buffer.byteLength;
  }

  /** Multiplies every decayed quantity by 2^(-dt/halfLife) and rotates the codebook epoch when due. */
  private decay(ts: number, halfLifeMs: number): void {
    const h = this.header;
    if (h[H.n] === 0) {
      h[H.created] = ts;
      h[H.lastTs] = ts;
      h[H.epochStart] = ts;
      return;
    }
    const dt = Math.max(0, ts - h[H.lastTs]!);
    if (dt > 0) {
      const f = 2 ** (-dt / halfLifeMs);
      for (const i of DECAYED) h[i]! *= f;
      for (let i = 0; i < this.moment.length; i++) this.moment[i]! *= f;
      for (let i = 0; i < this.sum.length; i++) this.sum[i]! *= f;
      for (let i = 0; i < this.topicCounts.length; i++) this.topicCounts[i]! *= f;
      for (let i = 0; i < this.formCounts.length; i++) this.formCounts[i]! *= f;
    }
    if (ts - h[H.epochStart]! > halfLifeMs) {
      const words = this.cells.length / 2;
      this.cells.copyWithin(words, 0, words); // current -> previous
      this.cells.fill(0, 0, words);
      const vw = this.vocab.length / 2;
      this.vocab.copyWithin(vw, 0, vw);
      this.vocab.fill(0, 0, vw);
      h[H.vocabTokensPrev] = h[H.vocabTokens]!;
      h[H.vocabTokens] = 0;
      h[H.epochStart] = ts;
    }
  }

  /**
   * Empties the rings (near duplicates, sketches, openings, phrasing) before a run of queries that does not follow
   * the last one kept: the embedding budget skipped the queries between (budget.ts). The next queries are then
   * compared with each other, as at a subject's start, not with queries from before the gap.
   */
  startRun(): void {
    this.header[H.ringPos] = 0;
    this.header[H.ringFill] = 0;
  }

  update(q: QueryFacts, halfLifeMs: number): void {
    const h = this.header;
    const prevTs = h[H.lastTs]!;
    const first = h[H.n] === 0;
    this.decay(q.ts, halfLifeMs);
    h[H.n]! += 1;
    h[H.w]! += 1;
    h[H.lastTs] = Math.max(prevTs, q.ts);
    const k = this.shape.k;
    let t = 0;
    for (let i = 0; i < k; i++) {
      const yi = q.y[i]!;
      this.sum[i]! += yi;
      for (let j = i; j < k; j++) this.moment[t++]! += yi * q.y[j]!;
    }
    const word = q.cell >>> 5;
    const bit = 1 << (q.cell & 31);
    this.cells[word]! |= bit;
    for (const t of q.topics)
      if (t >= 0 && t < this.topicCounts.length) this.topicCounts[t]! += 1 / q.topics.length;
    const vocabMask = this.vocab.length * 16 - 1; // bits per epoch - 1
    const content = contentWords(q.text);
    for (const w of content) {
      const b = hash32(w, 0x70c4) & vocabMask;
      this.vocab[b >>> 5]! |= 1 << (b & 31);
      h[H.vocabTokens]! += 1;
    }
    const [hi, lo] = simhash64(q.text);
    const phr = phrasingOf(q.text);
    let dup = false;
    let edit = false;
    const fill = h[H.ringFill]!;
    for (let i = 0; i < fill && !(dup && edit); i++) {
      if (hamming64(hi, lo, this.ring[2 * i]!, this.ring[2 * i + 1]!) <= NEAR_DUP_BITS) {
        dup = true;
        if (this.textHashes[i] !== phr.textHash) edit = true;
      }
    }
    if (fill >= CLOSENESS_WARMUP) {
      h[H.closeSum]! += this.closestSketch(q.sketch, fill);
      h[H.closeW]! += 1;
    }
    const opening = openingHash(q.text);
    const templated = this.openings.subarray(0, fill).includes(opening);
    const continued = q.followUp === 2;
    if (continued) h[H.continued]! += 1;
    if (templated) h[H.templated]! += 1;
    if (!continued && !templated) h[H.fresh]! += 1;
    if (q.harvest !== undefined && isHarvesting(q.harvest)) h[H.harvests]! += 1;
    this.phrasing(q, phr, fill, edit, content.size);
    const pos = h[H.ringPos]!;
    this.openings[pos] = opening;
    this.textHashes[pos] = phr.textHash;
    this.headHashes[pos] = phr.headHash;
    this.prefixes[pos] = phr.prefix;
    this.suffixes[pos] = phr.suffix;
    this.ring[2 * pos] = hi;
    this.ring[2 * pos + 1] = lo;
    this.sketches.set(q.sketch, pos * q.sketch.length);
    h[H.ringPos] = (pos + 1) % this.shape.ring;
    h[H.ringFill] = Math.min(this.shape.ring, fill + 1);
    // a follow-up that refers to the conversation ("thanks, that worked", "it still says...") repeats itself
    // in ordinary use; a perturbation chain is standalone queries: only those count as near-duplicates
    const chained = dup && q.followUp !== 2;
    h[H.dupRate] = h[H.dupRate]! * (1 - DUP_RATE_EWMA) + (chained ? DUP_RATE_EWMA : 0);
    if (!first) {
      const g = Math.log1p(Math.max(0, q.ts - prevTs) / 1000);
      h[H.gapW]! += 1;
      h[H.gap1]! += g;
      h[H.gap2]! += g * g;
    }
    if (q.promptTokens !== undefined && q.completionTokens !== undefined) {
      h[H.tokW]! += 1;
      h[H.tok1]! += Math.log((q.completionTokens + 1) / (q.promptTokens + 1));
    }
    if (q.usesLogprobs || q.usesLogitBias) h[H.probes]! += 1;
    if (h[H.n] === h[H.nextCheck]! / 2) h[H.distinctAtHalf] = this.distinctCells();
  }

  /**
   * The phrasing counts of one query, against the first `fill` entries of the rings (before this query is
   * added). Only standalone queries count (not follow-ups, which people write around earlier turns); an
   * exact repeat of a recent text counts for none (the gateway does not even observe those).
   */
  private phrasing(
    q: QueryFacts,
    p: ReturnType<typeof phrasingOf>,
    fill: number,
    edit: boolean,
    contentCount: number,
  ): void {
    const h = this.header;
    const standalone = q.followUp === undefined || q.followUp === 0;
    if (q.followUp !== 2) this.formCounts[p.formClass]! += 1;
    if (!standalone || this.textHashes.subarray(0, fill).includes(p.textHash)) return;
    // a small edit of a recent query, long enough that the edit is a probe rather than a new short reply
    if (edit && contentCount >= MIN_PERTURBATION_WORDS) h[H.perturbed]! += 1;
    const newHead = !this.headHashes.subarray(0, fill).includes(p.headHash);
    // a frame seen recently around a first part that is new (a slot changed inside an instruction), and not
    // the frame of the last framed query: a generator rotates among many frames, a job keeps to its own
    if (
      newHead &&
      p.prefix !== 0 &&
      (this.prefixes.subarray(0, fill).includes(p.prefix) ||
        this.suffixes.subarray(0, fill).includes(p.suffix))
    ) {
      if (p.prefix !== h[H.lastPrefix] && p.suffix !== h[H.lastSuffix]) h[H.framed]! += 1;
      h[H.lastPrefix] = p.prefix;
      h[H.lastSuffix] = p.suffix;
    }
    // an instruction followed by its input, with an instruction not sent recently (templates repeat theirs)
    if (newHead && p.parts > 1) h[H.inputs]! += 1;
  }

  /** Effective number of instruction form classes (exp of the entropy of the decayed form counts). */
  effectiveForms(): number {
    return effectiveNumber(this.formCounts);
  }

  /** The largest estimated cosine between a sketch and the first `fill` sketches in the ring. */
  private closestSketch(sketch: Uint32Array, fill: number): number {
    const words = sketch.length;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < fill; i++) {
      let d = 0;
      for (let w = 0; w < words; w++) d += popcount32((sketch[w]! ^ this.sketches[i * words + w]!) >>> 0);
      if (d < best) best = d;
    }
    return Math.cos((Math.PI * best) / (words * 32));
  }

  /** Decayed average closeness of each query to its nearest recent one (undefined before the warm-up). */
  closeness(): number | undefined {
    const w = this.header[H.closeW]!;
    return w > 0 ? this.header[H.closeSum]! / w : undefined;
  }

  /** True when the raw count has reached the next checkpoint (n = 50 * 2^j). */
  due(): boolean {
    return this.header[H.n]! >= this.header[H.nextCheck]!;
  }

  /** Moves to the next checkpoint; the distinct count now becomes the half-way count of the next one. */
  advance(): void {
    const h = this.header;
    h[H.distinctAtHalf] = this.distinctCells();
    h[H.nextCheck]! *= 2;
  }

  distinctCells(): number {
    const words = this.cells.length / 2;
    let c = 0;
    for (let i = 0; i < words; i++) c += popcount32((this.cells[i]! | this.cells[words + i]!) >>> 0);
    return c;
  }

  /**
   * Type-token ratio of content words over both epochs: distinct words (linear counting on the sketch)
   * over word occurrences (each word counted once per query). Real users reuse their vocabulary.
   */
  vocabularyRatio(): number {
    const half = this.vocab.length / 2;
    const bits = half * 32;
    let set = 0;
    for (let i = 0; i < half; i++) set += popcount32((this.vocab[i]! | this.vocab[half + i]!) >>> 0);
    const tokens = this.header[H.vocabTokens]! + this.header[H.vocabTokensPrev]!;
    if (tokens === 0) return 0;
    const distinct = set >= bits ? tokens : -bits * Math.log(1 - set / bits);
    return Math.min(1, distinct / tokens);
  }

  /**
   * Effective number of topic cells: exp of the Shannon entropy of the decayed cell counts (a Hill number;
   * k when spread evenly over k cells, 1 when all in one). 0 without a codebook.
   */
  effectiveTopics(): number {
    return effectiveNumber(this.topicCounts);
  }

  /** Squared length of the decayed mean of the unit projections: about the mean pairwise cosine. */
  meanSquaredNorm(): number {
    const w = this.header[H.w]! || 1;
    let s = 0;
    for (let i = 0; i < this.sum.length; i++) s += (this.sum[i]! / w) ** 2;
    return s;
  }

  /** Covariance E[y y^T] - E[y] E[y]^T (full k x k, row-major) under the decayed weights. */
  covariance(): Float64Array {
    const k = this.shape.k;
    const m = new Float64Array(k * k);
    const w = this.header[H.w]! || 1;
    let t = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const v = this.moment[t++]! / w - (this.sum[i]! / w) * (this.sum[j]! / w);
        m[i * k + j] = v;
        m[j * k + i] = v;
      }
    }
    return m;
  }

  scalars() {
    const h = this.header;
    const gapW = h[H.gapW]!;
    const gapMean = gapW > 0 ? h[H.gap1]! / gapW : 0;
    const gapVar = gapW > 1 ? Math.max(0, h[H.gap2]! / gapW - gapMean * gapMean) : 0;
    return {
      weight: h[H.w]!,
      created: h[H.created]!,
      distinctAtHalf: h[H.distinctAtHalf]!,
      dupRate: h[H.dupRate]!,
      gapLogStd: Math.sqrt(gapVar),
      hasGaps: gapW >= 2,
      tokenLogRatio: h[H.tokW]! > 0 ? h[H.tok1]! / h[H.tokW]! : undefined,
      probeRate: h[H.w]! > 0 ? h[H.probes]! / h[H.w]! : 0,
      continuedRate: h[H.w]! > 0 ? h[H.continued]! / h[H.w]! : 0,
      freshRate: h[H.w]! > 0 ? h[H.fresh]! / h[H.w]! : 0,
      harvestRate: h[H.w]! > 0 ? h[H.harvests]! / h[H.w]! : 0,
      templatedRate: h[H.w]! > 0 ? h[H.templated]! / h[H.w]! : 0,
      perturbedRate: h[H.w]! > 0 ? h[H.perturbed]! / h[H.w]! : 0,
      framedRate: h[H.w]! > 0 ? h[H.framed]! / h[H.w]! : 0,
      inputsRate: h[H.w]! > 0 ? h[H.inputs]! / h[H.w]! : 0,
    };
  }
}

/** exp of the Shannon entropy of non-negative counts (a Hill number): k when spread evenly over k, 0 when empty. */
function effectiveNumber(counts: Float64Array): number {
  let total = 0;
  for (const c of counts) total += c;
  if (total <= 0) return 0;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  return Math.exp(h);
}

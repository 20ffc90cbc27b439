// Scores one subject's state at a checkpoint: statistics -> p-values against benign calibration -> min-p.
import { type CalibrationTable, combineMinP, gatedSignals, signalPValues } from './calibration.js';
import { type TopicCodebook, topicOf } from './codebook.js';
import type { Embedder } from './embedders/types.js';
import { computeSignals, SIGNALS, type SignalName, type SignalValues, usableSignals } from './signals.js';
import { ProjectionSpace, type SpaceOptions } from './space.js';
import { PrincipalState, type StateShape } from './state.js';
import { segmentsOf } from './text.js';
import type { ExtractionObservation } from './types.js';

export interface ScorerOptions extends SpaceOptions {
  /** Signals whose p-values drive verdicts (all are still computed and reported). Default: all. */
  actingSignals?: readonly SignalName[];
  /** Half-life of the decayed statistics (default 7 days). */
  halfLifeMs?: number;
  /** SimHash ring length (default 64). */
  ring?: number;
  /** 2^vocabBits bits per epoch in the vocabulary sketch (default 15: 4 KB). */
  vocabBits?: number;
  /** Topic codebook fitted on the deployment's traffic (for the `topics` signal); none by default. */
  codebook?: TopicCodebook;
}

export interface CheckResult {
  n: number;
  signals: SignalValues;
  pValues: Record<SignalName, number>;
  combinedP: number;
  strongest: SignalName;
}

export class ExtractionScorer {
  readonly space: ProjectionSpace;
  readonly shape: StateShape;
  readonly halfLifeMs: number;
  readonly acting: readonly SignalName[] | undefined;
  readonly calibration: CalibrationTable | undefined;
  readonly codebook: TopicCodebook | undefined;
  private readonly topicScratch: Float32Array | undefined;

  constructor(
    embedder: Pick<Embedder, 'dim' | 'id'>,
    calibration: CalibrationTable | undefined,
    options: ScorerOptions = {},
  ) {
    this.space = new ProjectionSpace(embedder.dim, options);
    this.shape = {
      k: this.space.k,
      cellBits: this.space.cellBits,
      ring: options.ring ?? 64,
      vocabBits: options.vocabBits ?? 15,
      sketchBits: this.space.sketchBits,
      topics: options.codebook?.k ?? 0,
    };
    if (options.codebook && options.codebook.embedder !== embedder.id)
      throw new Error(
        `topic codebook was fitted for embedder ${options.codebook.embedder}, not ${embedder.id}`,
      );
    this.codebook = options.codebook;
    this.topicScratch = options.codebook ? new Float32Array(options.codebook.dim) : undefined;
    this.halfLifeMs = options.halfLifeMs ?? 7 * 86_400_000;
    this.acting = options.actingSignals;
    this.calibration = calibration;
  }

  newState(blob?: Uint8Array): PrincipalState {
    return new PrincipalState(this.shape, blob);
  }

  update(
    state: PrincipalState,
    obs: Omit<ExtractionObservation, 'principal' | 'tenant'>,
    vector: Float32Array,
    /** Embeddings of the query's segments (segmentsOf), when it has several: each counts for topics. */
    parts?: readonly Float32Array[],
  ): void {
    const { y, cell, sketch } = this.space.place(vector);
    const cb = this.codebook;
    const topics = !cb
      ? []
      : parts && parts.length > 0
        ? parts.map((p) => topicOf(cb, p, this.topicScratch))
        : [topicOf(cb, vector, this.topicScratch)];
    state.update({ ...obs, y, cell, sketch, topics }, this.halfLifeMs);
  }

  /**
   * The parts of a query that count separately for topics (segmentsOf), so that callers embed them with the
   * query; none without a codebook.
   */
  topicSegments(text: string): string[] {
    return this.codebook ? segmentsOf(text) : [];
  }

  /** If the state reached its checkpoint, its signal values (no p-values: for calibration) and the next one. */
  signalsIfDue(state: PrincipalState): SignalValues | undefined {
    if (!state.due()) return undefined;
    const values = computeSignals(state);
    state.advance();
    return values;
  }

  /** Statistics and p-values now (without moving the checkpoint). */
  evaluate(state: PrincipalState): CheckResult {
    if (!this.calibration) throw new Error('no calibration table for this embedder');
    return scoreState(state, this.calibration, this.acting);
  }

  /** If the state reached its checkpoint, scores it and advances to the next one. */
  checkIfDue(state: PrincipalState): CheckResult | undefined {
    if (!state.due()) return undefined;
    const result = this.evaluate(state);
    state.advance();
    return result;
  }
}

/** Signals, p-values and the combined p of a state against a calibration table. */
export function scoreState(
  state: PrincipalState,
  calibration: CalibrationTable,
  acting?: readonly SignalName[],
): CheckResult {
  const signals = computeSignals(state);
  const pValues = signalPValues(calibration, state.n, signals);
  const hasTopics = state.shape.topics > 0;
  const usable = gatedSignals(calibration, state.n, usableSignals(acting ?? SIGNALS, hasTopics));
  const driving = Object.fromEntries(usable.map((s) => [s, pValues[s]]));
  const { combined, strongest } = combineMinP(driving);
  return { n: state.n, signals, pValues, combinedP: combined, strongest: strongest as SignalName };
}

/** The id of a statistics layout: embedder, state shape and topic codebook; stored with every blob. */
export function spaceId(embedderId: string, shape: StateShape, codebookId?: string): string {
  return `${embedderId}/k${shape.k}/c${shape.cellBits}/v${shape.vocabBits}/r${shape.ring}/s${shape.sketchBits}/${codebookId ?? 't0'}`;
}

/** Parses a space id back into the embedder id and the shape (undefined if malformed). */
export function parseSpaceId(
  space: string,
): { embedderId: string; shape: StateShape; codebookId?: string } | undefined {
  const m = /^(.*)\/k(\d+)\/c(\d+)\/v(\d+)\/r(\d+)\/s(\d+)\/(t0|topics(\d+)-[0-9a-f]+)$/.exec(space);
  if (!m) return undefined;
  return {
    embedderId: m[1]!,
    ...(m[8] ? { codebookId: m[7]! } : {}),
    shape: {
      k: Number(m[2]),
      cellBits: Number(m[3]),
      vocabBits: Number(m[4]),
      ring: Number(m[5]),
      sketchBits: Number(m[6]),
      topics: m[8] ? Number(m[8]) : 0,
    },
  };
}

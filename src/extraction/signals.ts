// Turns a principal's state into named statistics, each oriented so that a higher value is more suspicious.
import { participationRatio, symmetricEigenvalues } from './linalg.js';
import { DUP_RATE_EWMA, type PrincipalState } from './state.js';

export const SIGNALS = [
  'breadth',
  'dispersion',
  'cells',
  'topics',
  'growth',
  'vocabulary',
  'redundancy',
  'novelty',
  'regularity',
  'tokenRatio',
  'probing',
  'continuity',
  'structure',
  'settings',
  'perturbation',
  'framing',
  'inputs',
  'forms',
] as const;
export type SignalName = (typeof SIGNALS)[number];
export type SignalValues = Record<SignalName, number>;

/** What each signal measures, for reports and docs. */
export const SIGNAL_DESCRIPTIONS: Record<SignalName, string> = {
  breadth:
    'effective rank (participation ratio) of the decayed covariance in the projection, over k (1 = isotropic)',
  dispersion: 'one minus the squared length of the mean unit vector (about 1 - mean pairwise cosine)',
  cells: 'distinct codebook cells visited (current and previous epoch)',
  topics:
    'effective number of topic-codebook cells (exp of the entropy of the decayed cell counts; needs a codebook fitted on own traffic, 0 without)',
  growth: 'growth exponent of distinct cells between n/2 and n (0 = saturated, 1 = every query new)',
  vocabulary: 'distinct content words over word occurrences (type-token ratio; real users reuse words)',
  redundancy: 'rate of near-duplicate queries (SimHash within 8 bits of one of the last 64)',
  novelty:
    'one minus the average cosine (estimated from 256-bit angle sketches) between each query and the closest of the last 64 (real use returns to what it asked about; corpus sampling keeps moving)',
  regularity: 'minus the spread of log inter-arrival gaps (scripted clients are regular)',
  tokenRatio: 'mean log ratio of completion to prompt tokens',
  probing: 'share of queries asking for logprobs or logit_bias',
  continuity:
    'one minus the share of queries that carry earlier assistant turns and refer to them (real use follows up on answers)',
  structure:
    'share of fresh standalone queries: neither a follow-up to an earlier answer nor opening like one of the last 64 (template); harvesting is both single-turn and varied in form',
  settings:
    'share of queries with two or more harvesting settings (temperature 0, n > 1, seed, max_tokens at the limit)',
  perturbation:
    'share of standalone queries that are small edits, not repeats, of one of the last 64 (probes around a decision boundary)',
  framing:
    'share of standalone queries built on a recent frame (first or last three words of a short first part) with a new slot inside it (instructions grown from templates)',
  inputs:
    'share of standalone queries made of an instruction and its input (several parts) whose instruction was not sent recently (instruction-input pairs; templates repeat theirs)',
  forms:
    'effective number of instruction forms (question, instruction, statement) x length x parts among queries that do not refer back (exp of the entropy)',
};

export function computeSignals(state: PrincipalState): SignalValues {
  const s = state.scalars();
  const distinct = state.distinctCells();
  const growth =
    s.distinctAtHalf > 0 && distinct > 0 ? Math.log(distinct / s.distinctAtHalf) / Math.log(2) : 1;
  return {
    breadth: participationRatio(symmetricEigenvalues(state.covariance(), state.shape.k)) / state.shape.k,
    dispersion: 1 - state.meanSquaredNorm(),
    cells: distinct,
    topics: state.effectiveTopics(),
    growth,
    vocabulary: state.vocabularyRatio(),
    redundancy: s.dupRate,
    novelty: 1 - (state.closeness() ?? 1),
    regularity: s.hasGaps ? -s.gapLogStd : 0,
    tokenRatio: s.tokenLogRatio ?? 0,
    probing: s.probeRate,
    continuity: 1 - s.continuedRate,
    structure: s.freshRate,
    settings: s.harvestRate,
    perturbation: s.perturbedRate,
    framing: s.framedRate,
    inputs: s.inputsRate,
    forms: state.effectiveForms(),
  };
}

/**
 * The acting signals a state can use: `topics` only when its space has a topic codebook (without one it is
 * always 0, and counting it would only raise the multiplicity correction).
 */
export function usableSignals(acting: readonly SignalName[], hasTopics: boolean): readonly SignalName[] {
  return hasTopics ? acting : acting.filter((s) => s !== 'topics');
}

/**
 * The smallest step a statistic can take at checkpoint n, for the signals that count events: one more
 * near-duplicate, one more probing request, one more cell. Beyond the benign sample's maximum, the
 * calibration's exponential tail never decays faster than one step per e-fold, so that a single event more
 * than any calibration principal had cannot give an absurd p-value (decision 0510).
 */
export function signalResolution(name: SignalName, n: number): number {
  switch (name) {
    case 'redundancy':
      return DUP_RATE_EWMA;
    case 'probing':
    case 'continuity':
    case 'structure':
    case 'settings':
    case 'perturbation':
    case 'framing':
    case 'inputs':
      return 1 / n;
    case 'cells':
      return 1;
    default:
      return 0;
  }
}

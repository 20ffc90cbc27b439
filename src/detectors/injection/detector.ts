// Scores a text for prompt injection or jailbreak: windowed classifier, structural, gibberish and decoded
// signals combined by a fitted logistic combiner into one calibrated score.
import { canonicalise } from '../unicode/canonicalise.js';
import { detectorView } from '../unicode/view.js';
import { withoutDisguiseMarks } from './decoders.js';
import { dot, extractFeatures, normaliseForFeatures } from './features.js';
import { gibberishScore } from './gibberish.js';
import { mlpLogit } from './mlp.js';
import { type InjectionModel, loadInjectionModel, SIGNAL_NAMES } from './model.js';
import { decodedSegments, structuralHits } from './signals.js';

/** Texts longer than this are scored in overlapping windows as well as whole. */
export const WINDOW_CHARS = 1024;
const WINDOW_STRIDE = 512;
/** The decoded signal when nothing decodes. */
export const NO_DECODED = -6;
const GIBBERISH_FLOOR = 3;
const SENTENCE_MIN_TEXT = 200;
/** A sentence or line: up to a sentence end, a newline or a table cell separator. */
const SENTENCE = /[^.!?\n。！？|]+[.!?。！？]?/gu;

export interface InjectionSignals {
  classifier: number;
  structural: number;
  gibberish: number;
  decoded: number;
  /** Best classifier logit of a single sentence or line of a longer text (an instruction hidden in data). */
  sentence: number;
}

export interface InjectionResult {
  score: number;
  flagged: boolean;
  signals: InjectionSignals;
  /** Names of the structural rules that matched. */
  structural: string[];
  /** The span [start, end) of the input that scored highest. */
  span: { start: number; end: number };
  windows: number;
  decodedSegments: number;
}

/** The classifier's logit for one text. */
export function classifierLogit(model: InjectionModel, text: string): number {
  const x = extractFeatures(normaliseForFeatures(text), model.features);
  const z = dot(x, model.weights) + model.bias;
  return model.mlp ? z + mlpLogit(model.mlp, x) : z;
}

/** Windows [start, end) covering a long text; a short text is its own single window. */
export function windowsOf(length: number): { start: number; end: number }[] {
  if (length <= WINDOW_CHARS + WINDOW_STRIDE) return [{ start: 0, end: length }];
  const out = [{ start: 0, end: length }];
  for (let s = 0; s < length; s += WINDOW_STRIDE) {
    out.push({ start: s, end: Math.min(length, s + WINDOW_CHARS) });
    if (s + WINDOW_CHARS >= length) break;
  }
  return out;
}

export function signalsOf(
  model: InjectionModel,
  text: string,
): {
  signals: InjectionSignals;
  structural: string[];
  span: { start: number; end: number };
  windows: number;
  decoded: number;
} {
  let best = Number.NEGATIVE_INFINITY;
  let span = { start: 0, end: text.length };
  const wins = windowsOf(text.length);
  for (const w of wins) {
    const logit = classifierLogit(model, text.slice(w.start, w.end));
    if (logit > best) {
      best = logit;
      span = w;
    }
  }
  // Sentences of longer texts are scored alone, so a short instruction is not diluted by its document.
  let sentence = best;
  if (text.length > SENTENCE_MIN_TEXT) {
    for (const m of text.matchAll(SENTENCE)) {
      const len = m[0].trim().length;
      if (len < 20) continue;
      const logit = classifierLogit(model, m[0]);
      if (logit > sentence) {
        sentence = logit;
        if (logit > best) span = { start: m.index, end: m.index + m[0].length };
      }
    }
  }
  const structural = structuralHits(text);
  const segments = decodedSegments(text);
  let decoded = NO_DECODED;
  for (const seg of segments) decoded = Math.max(decoded, classifierLogit(model, seg));
  return {
    signals: {
      classifier: best,
      structural: structural.length,
      // Only surprisal beyond ordinary prose counts: code and lists reach about 3 nats per character.
      gibberish: Math.max(0, gibberishScore(text, model.lm) - GIBBERISH_FLOOR),
      decoded,
      sentence,
    },
    structural,
    span,
    windows: wins.length,
    decoded: segments.length,
  };
}

/** The combiner's probability for a signal vector. */
export function combine(model: InjectionModel, s: InjectionSignals): number {
  const c = model.combiner;
  let z = c.intercept;
  SIGNAL_NAMES.forEach((name, k) => {
    z += c.coef[k]! * s[name];
  });
  return 1 / (1 + Math.exp(-z));
}

export interface DetectOptions {
  threshold?: number;
  model?: InjectionModel;
}

/** The text the detector scores and trains on: Unicode-canonicalised, then the detectors' normalised view
 * (entities and escapes decoded, dashes and spaces unified), so disguises cannot split features. */
export function prepareText(text: string): string {
  const view = detectorView(canonicalise(text).text).text;
  return withoutDisguiseMarks(view) ?? view;
}

/** Scores one text; pure apart from loading the committed model once. Span offsets refer to prepareText(text). */
export function detectInjection(text: string, opts: DetectOptions = {}): InjectionResult {
  const model = opts.model ?? loadInjectionModel();
  const threshold = opts.threshold ?? model.threshold;
  const r = signalsOf(model, prepareText(text));
  const score = combine(model, r.signals);
  return {
    score,
    flagged: score >= threshold,
    signals: r.signals,
    structural: r.structural,
    span: r.span,
    windows: r.windows,
    decodedSegments: r.decoded,
  };
}

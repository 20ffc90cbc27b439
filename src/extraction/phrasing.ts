// How a query is phrased, as small numbers for the extraction state: its instruction form and length, the
// frame its first part is built on (its opening and closing words), and hashes of its first part and of the
// whole text. No text is kept: the state stores these numbers, which the perturbation, framing, inputs and
// forms signals read (issue 24).
import { hash32 } from './random.js';
import { words } from './text.js';

/** Words of a frame key at each end of a query's first part. */
export const FRAME_WORDS = 3;
/** A first part shorter than this is all frame (a reply, a greeting): it has no slot to vary. */
export const MIN_FRAME_WORDS = 6;
/** A first part this long or longer is mostly its own words, not a frame with a slot (a persona prompt). */
export const MAX_FRAME_WORDS = 25;
/** Content words a query needs before a near-duplicate of it counts as a perturbation (long probes). */
export const MIN_PERTURBATION_WORDS = 8;

const QUESTION_WORDS = new Set(
  'what why how who whom whose when where which is are was were can could do does did should would will shall may might has have'.split(
    ' ',
  ),
);
// verbs an instruction opens with (after an optional "please"); persona set-ups count as instructions too
const IMPERATIVE_WORDS = new Set(
  (
    'write explain give list generate create describe summarise summarize translate classify rewrite tell make ' +
    'find identify suggest provide compose design convert calculate compare name answer solve edit correct ' +
    'paraphrase outline draft build implement show help imagine pretend act continue complete extract rate ' +
    'recommend propose analyse analyze evaluate determine choose select sort rank format fix define discuss ' +
    'predict brainstorm plan prepare construct develop use let add remove replace change turn'
  ).split(' '),
);

/** Form of a query's first part: 0 question, 1 instruction (imperative), 2 statement or text to complete. */
export function formOf(firstPart: string): number {
  const ws = words(firstPart.slice(0, 200));
  const first = ws[0] === 'please' ? ws[1] : ws[0];
  if (first === undefined) return 2;
  if (QUESTION_WORDS.has(first)) return 0;
  if (IMPERATIVE_WORDS.has(first) || (ws[0] === 'i' && ws[1] === 'want' && ws[2] === 'you')) return 1;
  return firstPart.trimEnd().endsWith('?') ? 0 : 2;
}

/** Length bucket of a query by words: under 8, under 25, under 80, longer. */
export function lengthBucket(wordCount: number): number {
  return wordCount < 8 ? 0 : wordCount < 25 ? 1 : wordCount < 80 ? 2 : 3;
}

/** Classes of the forms signal: 3 forms x 4 length buckets x (one part | several). */
export const FORM_CLASSES = 24;

export interface Phrasing {
  /** formOf x lengthBucket x (one part | several), in 0..FORM_CLASSES-1. */
  formClass: number;
  /** Blank-line separated parts (1 for a plain query). */
  parts: number;
  /** Content-bearing words of the whole text. */
  wordCount: number;
  /** Hash of the whole text (words, case folded): tells a repeat from an edit. Never 0. */
  textHash: number;
  /** Hash of the first part: a template's instruction repeats it, a slot inside it changes it. Never 0. */
  headHash: number;
  /**
   * Hashes of the first and last FRAME_WORDS words of the first part, with the number of parts; 0 when the
   * first part is too short to hold a slot or too long to be mostly frame.
   */
  prefix: number;
  suffix: number;
}

const nonZero = (h: number) => h || 1;

/** The phrasing numbers of one query. */
export function phrasingOf(text: string): Phrasing {
  const split = text.split(/\n[ \t]*\n/).filter((p) => p.trim().length > 0);
  const parts = Math.max(1, split.length);
  const head = words(split[0] ?? '');
  const all = words(text);
  const framed = head.length >= MIN_FRAME_WORDS && head.length < MAX_FRAME_WORDS;
  const key = (ws: string[], seed: number) => nonZero(hash32(`${ws.join(' ')}|${Math.min(parts, 4)}`, seed));
  return {
    formClass: (formOf(split[0] ?? '') * 4 + lengthBucket(all.length)) * 2 + (parts > 1 ? 1 : 0),
    parts,
    wordCount: all.length,
    textHash: nonZero(hash32(all.join(' '), 0x7e47)),
    headHash: nonZero(hash32(head.join(' '), 0x4ead)),
    prefix: framed ? key(head.slice(0, FRAME_WORDS), 0xf4a1) : 0,
    suffix: framed ? key(head.slice(-FRAME_WORDS), 0xf4a2) : 0,
  };
}

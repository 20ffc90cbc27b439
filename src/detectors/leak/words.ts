// Word tokens with offsets, read the way a reader reads them: NFKC, lower case, invisible characters and
// apostrophes dropped, Latin look-alikes and leetspeak folded, stop words marked, lightly stemmed (hyphens,
// dots and underscores split words, so a hyphenated key or password is compared part by part).
import { skeleton } from '../unicode/confusables.js';

export interface WordToken {
  start: number;
  end: number;
  /** Folded, lightly stemmed form (the unit the leak detector compares). */
  norm: string;
  content: boolean;
}

const STOP_WORDS =
  `a about above after again against all also am an and any are as at be because been before being
below between both but by can cannot could did do does doing down during each either else ever every few for from
further get got had has have having he her here hers herself him himself his how i if in into is it its itself just
let like may me might more most must my myself no nor not now of off on once only or other ought our ours ourselves
out over own per please same shall she should so some such than that the their theirs them themselves then there
these they this those through thus to too under until up upon us very via was we were what when where which while
who whom why will with within without would yet you your yours yourself yourselves i'm you're it's don't dont can't
cant won't wont s t ll ve re d m`.split(/\s+/);

/** In-word characters a reader skips: invisible format characters, soft hyphen, joiners. */
const INVISIBLE = /[\p{Cf}\u00ad\u115f\u1160\u17b4\u17b5\u3164\uffa0]|\u034f/gu;
/** Apostrophes sit inside a word without splitting it (dropped when folding). */
const CONNECTORS = /['’]/g;
/** Leetspeak digits and symbols, folded only inside words that also hold a letter. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'i',
  '+': 't',
};
const LEET_CHARS = /[0134578@$!|+]/g;
/** Nothing to fold: no leet character and no `l`. */
const FOLDABLE = /[0134578@$!|+l]/;
const PLAIN_WORD = /^[a-z]+$/;
const HAS_LETTER = /\p{L}/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The reader's form of one word before leet folding: NFKC, lower case, invisible characters and in-word
 * punctuation removed, look-alike letters of other scripts mapped to Latin.
 */
export function readForm(raw: string): string {
  const lower = raw.toLowerCase();
  if (PLAIN_WORD.test(lower)) return lower;
  return skeleton(lower.normalize('NFKC').replace(INVISIBLE, '').replace(CONNECTORS, '')).toLowerCase();
}

/** Leetspeak folded to letters, and `l` with `1`/`i` to one class, so '4ss1st4nt' equals 'assistant'. */
export function leetFold(form: string): string {
  if (!FOLDABLE.test(form)) return form;
  if (PLAIN_WORD.test(form)) return form.replaceAll('l', 'i');
  if (!HAS_LETTER.test(form)) return form;
  return form.replace(LEET_CHARS, (c) => LEET[c] ?? c).replace(/l/g, 'i');
}

export function stem(w: string): string {
  if (w.length <= 4) return w;
  for (const suf of ['ingiy', 'ediy', 'ing', 'ies', 'ied', 'ed', 'es', 'iy', 's']) {
    if (w.endsWith(suf) && w.length - suf.length >= 3) return w.slice(0, -suf.length);
  }
  return w;
}

/** The compared form of a reader's form: leet folded, then stemmed. */
export const normOf = (form: string): string => stem(leetFold(form));

/** Character-reversed text, by code point. */
export function reverseText(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    // A surrogate pair keeps its order.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      out += s[i - 1]! + s[i]!;
      i--;
    } else out += s[i]!;
  }
  return out;
}

/** ROT13 of the Latin letters. */
export function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 52) % 26) + 65);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 84) % 26) + 97);
    else out += s[i]!;
  }
  return out;
}

const stopForm = (w: string) => leetFold(readForm(w));
/** Stop words as they read plainly, reversed and in ROT13: none of them counts as a content word. */
const STOP = new Set(STOP_WORDS.flatMap((w) => [stopForm(w), stopForm(reverseText(w)), stopForm(rot13(w))]));

export const isStopForm = (form: string): boolean => STOP.has(leetFold(form));

/** Word characters, with leet symbols and apostrophes between them, and invisible characters anywhere. */
const WORD = /[@$]?[\p{L}\p{N}\p{M}\p{Cf}\u00ad]+(?:['’@$!|+]+[\p{L}\p{N}\p{M}\p{Cf}\u00ad]+)*/gu;

/** Characters that may continue a word (a streamed text that ends in one may still be growing). */
export const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Cf}\u00ad'’@$!|+]/u;

/** Plain lower-case words already folded and stemmed (a pure function of the word): outputs reuse a vocabulary. */
const plainForms = new Map<string, { norm: string; content: boolean }>();

export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  // Lower-casing the whole text once is exact when it keeps every offset (it does for ASCII and most text).
  const lowered = text.toLowerCase();
  const lower = lowered.length === text.length ? lowered : undefined;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null = WORD.exec(text);
  for (; m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const low = lower?.slice(start, end);
    const known = low === undefined ? undefined : plainForms.get(low);
    if (known) {
      out.push({ start, end, norm: known.norm, content: known.content });
      continue;
    }
    const plain = low !== undefined && PLAIN_WORD.test(low);
    let folded: string;
    if (plain) folded = low.includes('l') ? low.replaceAll('l', 'i') : low;
    else {
      const form = readForm(m[0]);
      if (form.length === 0 || (!PLAIN_WORD.test(form) && !HAS_WORD_CHAR.test(form))) continue;
      folded = leetFold(form);
    }
    const content = !STOP.has(folded);
    const norm = content ? stem(folded) : folded;
    if (plain && low.length <= 32) {
      if (plainForms.size >= 20_000) plainForms.clear();
      plainForms.set(low, { norm, content });
    }
    out.push({ start, end, norm, content });
  }
  return out;
}

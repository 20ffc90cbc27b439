// How the simulated model reads a text: through the disguises a real model reads through (look-alike letters,
// invisible characters, full-width forms, stray accents, tag-character ASCII), so its triggers see the words meant.
import { canonicalise } from '../detectors/unicode/canonicalise.js';
import { confusables, skeleton } from '../detectors/unicode/confusables.js';

/** Printable ASCII with tab, CR and LF: read as written. */
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}]+/gu;
const LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;
/** Combining marks written after a Latin letter (precomposed letters such as "é" are not matched). */
const LATIN_MARKS = /(\p{Script=Latin})\p{Mn}+/gu;

const allLookalike = (w: string) => Array.from(w).every((c) => confusables.has(c.codePointAt(0)!));

/**
 * The text as the simulated model understands it. Warden's canonicaliser does the unfolding (decision 0400);
 * on top, what it leaves alone because a real text may mean it, but which a model reads through when the
 * text is a disguise: words wholly of look-alike letters ("сору" is "copy") when no word of the text is
 * really Cyrillic, Greek, Armenian or Cherokee; combining marks strewn over Latin letters; full-width
 * punctuation. Tag characters are read too (models decode them) and come after the visible text.
 */
export function modelReading(text: string): string {
  if (PLAIN.test(text)) return text;
  const canonical = canonicalise(text);
  let read = canonical.text;
  if (LATIN.test(read)) {
    read = read.replace(LATIN_MARKS, '$1');
    const words = read.match(WORD) ?? [];
    const foreign = words.some((w) => LOOKALIKE_SCRIPT.test(w) && !allLookalike(w));
    if (!foreign)
      read = read.replace(WORD, (w) => (LOOKALIKE_SCRIPT.test(w) && allLookalike(w) ? skeleton(w) : w));
  }
  read = read.normalize('NFKC');
  return canonical.hidden.length === 0 ? read : `${read}\n${canonical.hidden.join('\n')}`;
}

// Cuts a streamed output into content words once, keeping them (with absolute offsets) across window steps,
// so each step tokenises only the new text.
import type { OutputView } from '../../../core/context.js';
import { WORD_CHAR, type WordToken, wordTokens } from '../../../detectors/leak/words.js';

export class WordStream {
  private words: WordToken[] = [];
  /** Absolute position up to which the output has been tokenised (always at a word boundary). */
  private scanned = 0;

  /** Content words inside the view's text, in text coordinates; undefined when part of the output was missed. */
  wordsIn(view: OutputView): WordToken[] | undefined {
    const offset = view.offset ?? 0;
    if (offset > this.scanned) return undefined;
    const text = view.text;
    let end = text.length;
    if (!view.final) {
      // The last word may still be growing: stop before it.
      while (end > 0 && WORD_CHAR.test(text[end - 1]!)) end--;
    }
    const from = this.scanned - offset;
    if (end > from) {
      for (const t of wordTokens(text.slice(from, end))) {
        if (t.content) this.words.push({ ...t, start: t.start + this.scanned, end: t.end + this.scanned });
      }
      this.scanned = offset + end;
    }
    // The view only moves forward: words left of it are never needed again.
    let drop = 0;
    while (drop < this.words.length && this.words[drop]!.start < offset) drop++;
    if (drop > 0) this.words = this.words.slice(drop);
    return this.words.map((w) => ({ ...w, start: w.start - offset, end: w.end - offset }));
  }
}

// What the leak detector keeps of the operator's prompts: content words and bigrams in the reader's form, and
// the same words as they read when the whole text is reversed or ROT13-encoded.
import { normOf, readForm, reverseText, rot13, wordTokens } from './words.js';

/** A way the output may spell the prompt's words: as is, character-reversed, or ROT13. */
export type LeakReading = 'plain' | 'reversed' | 'rot13';

export interface PromptProfile {
  /** Compared forms of the prompt's content words. */
  words: Set<string>;
  /** Content-word bigrams in prompt order. */
  bigrams: Set<string>;
  contentWords: number;
  /** Distinct content words of the prompt. */
  distinct: number;
  /** Per reading: compared form of each prompt word spelled that way → the word's id (ids shared across readings). */
  readings: ReadonlyMap<LeakReading, ReadonlyMap<string, number>>;
}

export function profilePrompts(prompts: readonly string[]): PromptProfile {
  const words = new Set<string>();
  const bigrams = new Set<string>();
  const plain = new Map<string, number>();
  const reversed = new Map<string, number>();
  const rotated = new Map<string, number>();
  let contentWords = 0;
  for (const p of prompts) {
    const tokens = wordTokens(p);
    const content = tokens.filter((t) => t.content);
    contentWords += content.length;
    content.forEach((t, i) => {
      words.add(t.norm);
      const next = content[i + 1];
      if (next) bigrams.add(`${t.norm} ${next.norm}`);
      if (plain.has(t.norm)) return;
      const id = plain.size;
      plain.set(t.norm, id);
      const form = readForm(p.slice(t.start, t.end));
      // Short words reversed or rotated collide with ordinary words too often to count.
      if (form.length >= 4) {
        const rev = normOf(reverseText(form));
        if (!reversed.has(rev)) reversed.set(rev, id);
        const rot = normOf(rot13(form));
        if (!rotated.has(rot)) rotated.set(rot, id);
      }
    });
  }
  return {
    words,
    bigrams,
    contentWords,
    distinct: plain.size,
    readings: new Map<LeakReading, ReadonlyMap<string, number>>([
      ['plain', plain],
      ['reversed', reversed],
      ['rot13', rotated],
    ]),
  };
}

// Word splitting shared by the lexical embedder, SimHash and the vocabulary sketch.

export const STOPWORDS = new Set(
  (
    'a an and are as at be but by can could did do does for from had has have how i if in into is it its me my ' +
    'no not of on or our please should so than that the their them then there these they this to us was we ' +
    "were what when where which who why will with would you your about can't i'm it's any all some just"
  ).split(' '),
);

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Distinct content words of a text (stopwords removed). */
export function contentWords(text: string): Set<string> {
  return new Set(words(text).filter((w) => !STOPWORDS.has(w)));
}

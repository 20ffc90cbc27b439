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

/** Segments of a query counted separately for topics: at most this many. */
export const MAX_SEGMENTS = 4;
const MIN_SEGMENT_CHARS = 20;

/**
 * The blank-line-separated parts of a query (an instruction and its input, a question and a pasted
 * document), for the topic signal; [] when the query is one part. Parts beyond the fourth are merged into
 * the fourth, and parts shorter than 20 characters (labels, "Input:") into the next one.
 */
export function segmentsOf(text: string): string[] {
  const parts: string[] = [];
  let carry = '';
  for (const raw of text.split(/\n[ \t]*\n/)) {
    const part = carry ? `${carry}\n${raw}` : raw;
    if (part.trim().length < MIN_SEGMENT_CHARS) {
      carry = part;
      continue;
    }
    carry = '';
    if (parts.length < MAX_SEGMENTS) parts.push(part);
    else parts[MAX_SEGMENTS - 1] = `${parts[MAX_SEGMENTS - 1]}\n\n${part}`;
  }
  if (carry && parts.length > 0) parts[parts.length - 1] = `${parts[parts.length - 1]}\n${carry}`;
  return parts.length >= 2 ? parts : [];
}

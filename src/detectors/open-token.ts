// The streaming rule shared by detectors: a run of non-space characters still growing at the end of a text.

/** Characters that end a token run (whitespace and the closers of markup around a value). */
const RUN_END = /[\s<>()[\]{}"'`]/;

/**
 * Start of the non-space run that touches the end of `text` when it is at least `minLen` long (a URL, a
 * key, an e-mail address may still be growing), else -1. Runs longer than `maxLen` are not held.
 */
export function openTokenFrom(text: string, minLen = 12, maxLen = 4096): number {
  let i = text.length;
  const stop = Math.max(0, text.length - maxLen - 1);
  while (i > stop && !RUN_END.test(text[i - 1]!)) i--;
  if (i === stop && stop > 0) return -1;
  return text.length - i >= minLen ? i : -1;
}

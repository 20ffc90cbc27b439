// Word tokens with offsets, stop words and a light stemmer: the units the leak detector compares.

export interface WordToken {
  start: number;
  end: number;
  /** Lower-cased, lightly stemmed form. */
  norm: string;
  content: boolean;
}

const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
but by can cannot could did do does doing down during each either else ever every few for from further get got had
has have having he her here hers herself him himself his how i if in into is it its itself just let like may me
might more most must my myself no nor not now of off on once only or other ought our ours ourselves out over own
per please same shall she should so some such than that the their theirs them themselves then there these they this
those through thus to too under until up upon us very via was we were what when where which while who whom why will
with within without would yet you your yours yourself yourselves i'm you're it's don't dont can't cant won't wont
s t ll ve re d m`.split(/\s+/),
);

export function stem(w: string): string {
  if (w.length <= 4) return w;
  for (const suf of ['ingly', 'edly', 'ing', 'ies', 'ied', 'ed', 'es', 'ly', 's']) {
    if (w.endsWith(suf) && w.length - suf.length >= 3) return w.slice(0, -suf.length);
  }
  return w;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  WORD.lastIndex = 0;
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase().replace('’', "'");
    const content = !STOP.has(lower);
    out.push({ start: m.index, end: m.index + m[0].length, norm: content ? stem(lower) : lower, content });
  }
  return out;
}

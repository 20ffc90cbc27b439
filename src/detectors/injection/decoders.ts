// Decoders for text written in a cipher or a spelling that hides its words from the classifier: reversed text,
// Atbash, Caesar shifts, leetspeak, letter-spaced or dotted words, Morse and the NATO alphabet. Each runs only
// when a cheap test says the text looks like it, and reads a bounded sample, so ordinary prose costs a few
// regular-expression tests. The detector scores what they return like any other decoded segment.

/** The longest sample any decoder reads. */
export const MAX_SAMPLE = 4000;

const COMMON_WORDS = [
  'the',
  'and',
  'you',
  'to',
  'of',
  'is',
  'are',
  'your',
  'all',
  'ignore',
  'instruction',
  'instructions',
  'previous',
  'prompt',
  'system',
  'now',
  'say',
  'tell',
  'me',
  'with',
  'what',
  'that',
  'this',
];
const COMMON = new RegExp(`\\b(?:${COMMON_WORDS.join('|')})\\b`, 'gi');

/** English function words and the words attacks are made of, counted to tell a decoding from noise. */
export function commonWords(s: string): number {
  return s.match(COMMON)?.length ?? 0;
}

/** True when `decoded` reads as English markedly better than `sample` does. */
function readsBetter(decoded: string, sample: string, minGain = 3): boolean {
  const before = commonWords(sample);
  const after = commonWords(decoded);
  return after - before >= minGain && after >= 2 * Math.max(1, before);
}

/** Maps each ASCII letter through `map` (0-25 -> 0-25), case kept; a char-code loop (a replace callback per
 * letter costs about ten times more). */
function shiftLetters(s: string, map: (i: number) => number): string {
  const table = new Uint16Array(26);
  for (let i = 0; i < 26; i++) table[i] = map(i);
  const codes = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) codes[i] = table[c - 65]! + 65;
    else if (c >= 97 && c <= 122) codes[i] = table[c - 97]! + 97;
    else codes[i] = c;
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096)
    out += String.fromCharCode(...codes.subarray(i, Math.min(codes.length, i + 4096)));
  return out;
}

/** Caesar shift by `k` (rot13 is k = 13). */
export const caesar = (s: string, k: number) => shiftLetters(s, (i) => (i + k + 26) % 26);
/** Atbash: a <-> z, b <-> y ... */
export const atbash = (s: string) => shiftLetters(s, (i) => 25 - i);
const reverse = (s: string) => [...s].reverse().join('');

/** The common words as they look reversed (group 1), in Atbash (group 2) and in rot13 (group 3): one pass
 * gates those decoders (a decoding that reads better holds at least three of them). */
const HINTS = new RegExp(
  `\\b(?:(${COMMON_WORDS.map(reverse).join('|')})|(${COMMON_WORDS.map(atbash).join('|')})|(${COMMON_WORDS.map((w) => caesar(w, 13)).join('|')}))\\b`,
  'gi',
);

/** How many hint words of each kind the sample holds. */
export function cipherHints(sample: string): { reversed: number; atbash: number; rot13: number } {
  const n = { reversed: 0, atbash: 0, rot13: 0 };
  for (const m of sample.matchAll(HINTS)) {
    if (m[1]) n.reversed++;
    else if (m[2]) n.atbash++;
    else n.rot13++;
  }
  return n;
}

/** English letter frequencies (per mille), for picking the Caesar shift of a sample. */
const EN_FREQ = [
  82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1,
];

/** The shift that makes the sample's letter frequencies closest to English (0 when it already reads best). */
function bestShift(sample: string): number {
  const counts = new Array<number>(26).fill(0);
  let n = 0;
  for (let i = 0; i < sample.length && n < 1500; i++) {
    const c = sample.charCodeAt(i) | 0x20;
    if (c >= 97 && c <= 122) {
      counts[c - 97]!++;
      n++;
    }
  }
  if (n < 20) return 0;
  let best = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 26; k++) {
    let chi = 0;
    for (let i = 0; i < 26; i++) {
      const expected = (EN_FREQ[i]! * n) / 1000 + 0.5;
      const observed = counts[(i - k + 26) % 26]!;
      chi += ((observed - expected) * (observed - expected)) / expected;
    }
    if (chi < bestScore) {
      bestScore = chi;
      best = k;
    }
  }
  return best;
}

/** Space-separated words, counted without a regular expression. */
function spaceWords(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

/** Letter substitutions and reversal: each when its hint matches, the result kept only if it reads better. */
function substitutionDecodings(sample: string): string[] {
  const out: string[] = [];
  const hints = cipherHints(sample);
  if (hints.rot13 >= 3) {
    const r = caesar(sample, 13);
    if (readsBetter(r, sample)) out.push(r);
  }
  if (hints.reversed >= 3) {
    const r = reverse(sample);
    if (readsBetter(r, sample)) out.push(r);
  }
  if (hints.atbash >= 3) {
    const a = atbash(sample);
    if (readsBetter(a, sample)) out.push(a);
  }
  // Caesar: only for text with few English words (rot13 is decoded by the caller).
  const words = spaceWords(sample);
  if (words >= 4 && commonWords(sample) <= words * 0.1) {
    const k = bestShift(sample);
    if (k !== 0 && k !== 13) {
      const c = caesar(sample, k);
      if (readsBetter(c, sample)) out.push(c);
    }
  }
  return out;
}

const LEET: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '8': 'b',
  '3': 'e',
  '9': 'g',
  '1': 'i',
  '!': 'i',
  '|': 'l',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
};
/** A token mixing letters with leet digits or symbols (a number alone is not leet). */
const LEET_TOKEN = /(?<![\w@$])(?=[\w@$!|+]*[a-zA-Z])(?=[\w@$!|+]*[0-9@$!|+])[\w@$!|+]{3,}/g;

/** Leetspeak read back as letters, when at least two tokens mix letters and leet characters. */
function leetDecoding(sample: string): string | undefined {
  const tokens = sample.match(LEET_TOKEN);
  if (!tokens || tokens.length < 2) return undefined;
  const decoded = sample.replace(LEET_TOKEN, (t) =>
    t.replace(/[0-9@$!|+]/g, (c, i: number) =>
      // A trailing '!' ends a sentence; it is not an 'i'.
      c === '!' && i === t.length - 1 ? c : (LEET[c] ?? c),
    ),
  );
  return readsBetter(decoded, sample, 2) ? decoded : undefined;
}

/** Six or more single letters in a row, each followed by one separator (space, dot, dash, underscore, star,
 * middle dot or slash) or by a few spaces between words. */
const SPACED = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}](?:[.\-_*·/]\s?|\s{1,3})){5,}[\p{L}\p{N}](?![\p{L}\p{N}])/gu;

/** Letter-spaced or dotted words joined again: "i g n o r e   a l l" and "i.g.n.o.r.e a.l.l" read "ignore all". */
function spacedDecodings(sample: string): string[] {
  const out: string[] = [];
  for (const m of sample.matchAll(SPACED)) {
    if (out.length >= 32) break;
    const run = m[0];
    const wide = /\S\s{2,}\S/.test(run);
    const joined = wide
      ? run
          .split(/\s{2,}/)
          .map((w) => w.replace(/[\s.\-_*·/]/g, ''))
          .join(' ')
      : run
          .split(/\s+/)
          .map((w) => w.replace(/[.\-_*·/]/g, ''))
          .join(/\s/.test(run) && /[.\-_*·/]/.test(run) ? ' ' : '');
    if (joined.replace(/\s/g, '').length >= 6) out.push(joined);
  }
  return out.length > 0 ? [out.join(' ')] : [];
}

/** International Morse code of the letters and digits (the corpus writes with it, the decoder reads it back). */
export const MORSE_LETTERS: Readonly<Record<string, string>> = {
  a: '.-',
  b: '-...',
  c: '-.-.',
  d: '-..',
  e: '.',
  f: '..-.',
  g: '--.',
  h: '....',
  i: '..',
  j: '.---',
  k: '-.-',
  l: '.-..',
  m: '--',
  n: '-.',
  o: '---',
  p: '.--.',
  q: '--.-',
  r: '.-.',
  s: '...',
  t: '-',
  u: '..-',
  v: '...-',
  w: '.--',
  x: '-..-',
  y: '-.--',
  z: '--..',
  '0': '-----',
  '1': '.----',
  '2': '..---',
  '3': '...--',
  '4': '....-',
  '5': '.....',
  '6': '-....',
  '7': '--...',
  '8': '---..',
  '9': '----.',
};
const MORSE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MORSE_LETTERS).map(([letter, code]) => [code, letter]),
);
/** Eight or more Morse letters separated by spaces, slashes or pipes. */
const MORSE_RUN = /[.\-·•]{1,6}(?:[ \t]*[/|]?[ \t]*[.\-·•]{1,6}){7,}/g;

/** Morse read back as letters; words end at a slash, a pipe or two spaces. */
function morseDecodings(sample: string): string[] {
  const out: string[] = [];
  for (const m of sample.matchAll(MORSE_RUN)) {
    if (out.length >= 32) break;
    let known = 0;
    let total = 0;
    const words = m[0]
      .replace(/[·•]/g, '.')
      .split(/\s*[/|]\s*|\s{2,}/)
      .map((w) =>
        w
          .split(/\s+/)
          .filter(Boolean)
          .map((code) => {
            total++;
            const ch = MORSE[code];
            if (ch) known++;
            return ch ?? '';
          })
          .join(''),
      );
    if (total >= 8 && known / total > 0.9) out.push(words.join(' ').trim());
  }
  return out.length > 0 ? [out.join(' ')] : [];
}

const NATO_WORDS =
  'alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett|juliet|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x-?ray|yankee|zulu';
/** Six or more NATO code words in a row, separated by spaces, commas, dashes, dots, slashes or pipes. */
const NATO_RUN = new RegExp(
  `\\b(?:${NATO_WORDS})\\b(?:[\\s,.\\-/|]{1,4}\\b(?:${NATO_WORDS}|space|stop)\\b){5,}`,
  'gi',
);

/** The NATO alphabet read back as letters; words end at "space", "stop", a slash, a pipe or a full stop. */
function natoDecodings(sample: string): string[] {
  const out: string[] = [];
  for (const m of sample.matchAll(NATO_RUN)) {
    if (out.length >= 32) break;
    const text = m[0]
      .toLowerCase()
      .split(/\s*(?:[/|.]|\bspace\b|\bstop\b)\s*/)
      .map((w) => (w.match(new RegExp(`\\b(?:${NATO_WORDS})\\b`, 'g')) ?? []).map((c) => c[0]).join(''))
      .filter(Boolean)
      .join(' ');
    if (text.replace(/\s/g, '').length >= 6) out.push(text);
  }
  return out.length > 0 ? [out.join(' ')] : [];
}

/** Accented Latin letters and the combining-mark blocks: a text without any has no marks to take off. */
const ACCENTS = /[\u00c0-\u024f\u1e00-\u1eff]|\p{Mn}/u;
const MARKED_LATIN = /\p{Script=Latin}\p{Mn}+/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
/** Marked letters a text needs before its marks are read as a disguise. */
const MIN_MARKED = 4;
/** Share of Latin letters carrying a mark above which the marks are a disguise rather than a language's
 * accents (French, Spanish, German stay well under; Zalgo-style disguises mark every second letter). */
const MARKED_SHARE = 0.25;

/** Where a text is cut into the pieces whose marks are judged one by one (a disguised sentence in a document, a
 * table cell, an escaped line break in a calendar or JSON field). */
const PIECE_END = /(?<=[.!?:;])\s+|[\n\t]+|\\n/;

/** One piece with its marks taken off when they are a disguise (see withoutDisguiseMarks), else undefined. */
function bareIfDisguised(piece: string): string | undefined {
  const split = piece.normalize('NFD');
  const marked = split.match(MARKED_LATIN)?.length ?? 0;
  if (marked < MIN_MARKED) return undefined;
  const letters = split.match(LATIN_LETTER)?.length ?? 0;
  if (marked < letters * MARKED_SHARE) return undefined;
  const bare = split
    .replace(MARKED_LATIN, (m) => m.slice(0, m.codePointAt(0)! > 0xffff ? 2 : 1))
    .normalize('NFC');
  const floating = piece.normalize('NFC').match(MARKED_LATIN)?.length ?? 0;
  return floating >= 3 || readsBetter(bare, piece, 2) ? bare : undefined;
}

/**
 * The text with the combining marks taken off the Latin letters of its disguised pieces
 * ("i\u0301g\u0336n\u0308o\u0323r\u0301e" reads "ignore"). A piece (a sentence or a line) is disguised when marks
 * sit on a quarter of its letters or more and either the bare piece reads better as English or marks stay
 * unjoined after NFC (no language's spelling leaves three marks floating on Latin letters). Undefined when no
 * piece is: a language's accents stay. The detector reads the bare text instead (a view, like the look-alike
 * folding: what is forwarded keeps its marks).
 */
export function withoutDisguiseMarks(text: string): string | undefined {
  if (!ACCENTS.test(text)) return undefined;
  const whole = bareIfDisguised(text);
  if (whole !== undefined) return whole;
  let changed = false;
  const pieces = text.split(PIECE_END).map((p) => {
    const bare = bareIfDisguised(p);
    if (bare === undefined) return p;
    changed = true;
    return bare;
  });
  return changed ? pieces.join(' ') : undefined;
}

/** Every decoding of the text that these decoders find (at most a handful), each capped at MAX_SAMPLE chars. */
export function cipherDecodings(text: string): string[] {
  const sample = text.slice(0, MAX_SAMPLE);
  const out = substitutionDecodings(sample);
  if (/[a-z][0134579@$|][a-z]/i.test(sample)) {
    const leet = leetDecoding(sample);
    if (leet) out.push(leet);
  }
  if (/(?<!\S)\S[ .\-_*·/]\S[ .\-_*·/]\S[ .\-_*·/]\S/.test(sample)) out.push(...spacedDecodings(sample));
  if (/[.\-·•]{1,5} [.\-·•]{1,5} [.\-·•]{1,5}/.test(sample)) out.push(...morseDecodings(sample));
  if (/\b(?:alfa|alpha|bravo|charlie|delta|echo|tango|sierra)\b/i.test(sample))
    out.push(...natoDecodings(sample));
  return out;
}

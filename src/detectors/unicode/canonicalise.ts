// Canonicalises text against Unicode smuggling: strips invisible and control code points, decodes hidden
// payloads (tag characters, variation-selector bytes), folds compatibility forms and homoglyphs in
// mixed-script words, while leaving emoji sequences, RTL marks, Indic/Persian joiners and CJK intact.
import { confusables, skeleton } from './confusables.js';

export type UnicodeChangeKind =
  | 'tag-characters'
  | 'zero-width'
  | 'bidi-controls'
  | 'variation-selectors'
  | 'invisible'
  | 'private-use'
  | 'unassigned'
  | 'control'
  | 'compatibility-forms'
  | 'confusables';

export interface UnicodeChange {
  kind: UnicodeChangeKind;
  count: number;
}

export interface CanonicalText {
  text: string;
  changed: boolean;
  /** What was removed or rewritten, by kind (counts only: safe to log). */
  changes: UnicodeChange[];
  /** Text hidden in invisible code points (tag-character ASCII, variation-selector bytes) or shown in another
   * order than it is stored (the on-screen reading of a right-to-left override over Latin text). */
  hidden: string[];
  /** Words mixing Latin with Cyrillic, Greek, Armenian or Cherokee letters (rewritten to their skeleton). */
  mixedScriptWords: number;
  /** Words written wholly in look-alike letters of another script (reported, left unchanged). */
  wholeScriptConfusables: number;
}

const JOINING =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const PICTO = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{20E3}/u;
const EMOJI_NEXT = /\p{Extended_Pictographic}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const FOLDABLE = /[\p{L}\p{Nd}]/u;
const UNASSIGNED = /[\p{Cn}\p{Cs}]/u;
const PRIVATE_USE = /\p{Co}/u;
const CONTROL = /\p{Cc}/u;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
/** Printable ASCII with tab, CR and LF: nothing to canonicalise. */
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;
const LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

const INVISIBLE = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x2061, 0x2062, 0x2063, 0x2064, 0x206a, 0x206b, 0x206c,
  0x206d, 0x206e, 0x206f, 0x3164, 0xffa0, 0xfff9, 0xfffa, 0xfffb, 0x1d173, 0x1d174, 0x1d175, 0x1d176, 0x1d177,
  0x1d178, 0x1d179, 0x1d17a,
]);
const ALWAYS_ZERO_WIDTH = new Set([0x200b, 0x2060, 0xfeff, 0x180e]);
const BIDI_EMBEDDING = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const BIDI_MARK = new Set([0x200e, 0x200f, 0x061c]);

const RLO = 0x202e;
const PDF = 0x202c;
/** Latin letters a right-to-left override must hold before the order it shows is read as a payload. */
const MIN_OVERRIDDEN_LETTERS = 8;

/**
 * What a right-to-left override shows: the text after it, up to its pop (PDF) or the end of the line, in the
 * reverse order of what is stored. Left-to-right text stored backwards behind an override reads normally on
 * screen and backwards to a reader of the code points; the shown order is returned when it holds Latin
 * letters, so that it is scored as well (the stored order stays in the text).
 */
function overrideReading(cps: readonly number[], from: number): string | undefined {
  const shown: string[] = [];
  let letters = 0;
  for (let j = from; j < cps.length; j++) {
    const c = cps[j]!;
    if (c === PDF || c === 0x0a || c === 0x0d || c === 0x2029) break;
    if (isInvisibleCodePoint(c)) continue;
    const ch = String.fromCodePoint(c);
    if (LATIN.test(ch)) letters++;
    shown.push(ch);
  }
  return letters >= MIN_OVERRIDDEN_LETTERS ? shown.reverse().join('') : undefined;
}

/** Compatibility forms left alone because folding them would alter ordinary text (ª º µ, Korean jamo, CJK compatibility ideographs, half-width kana). */
function foldExempt(cp: number): boolean {
  return (
    cp === 0xaa ||
    cp === 0xba ||
    cp === 0xb5 ||
    (cp >= 0x3131 && cp <= 0x318e) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff61 && cp <= 0xffdc)
  );
}

const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const FORMAT = /\p{Cf}/u;

/** Code points that render as nothing (format, zero-width, bidi, tag, variation selector, filler, C0/C1 controls but tab/CR/LF). */
export function isInvisibleCodePoint(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return false;
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return true;
  return (
    INVISIBLE.has(cp) ||
    isTag(cp) ||
    isVariationSelector(cp) ||
    cp === 0x200c ||
    cp === 0x200d ||
    FORMAT.test(String.fromCodePoint(cp))
  );
}
const isVariationSelector = (cp: number) =>
  (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
/** The byte a variation selector encodes in "emoji smuggling" (VS1-16 = 0-15, VS17-256 = 16-255). */
const selectorByte = (cp: number) => (cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16);

/** Length of a valid emoji tag sequence (subdivision flag) starting at i, or 0. */
function emojiTagSequence(cps: readonly number[], i: number): number {
  if (cps[i - 1] !== 0x1f3f4) return 0;
  let j = i;
  while (j < cps.length && j - i < 8) {
    const c = cps[j]!;
    if (c === 0xe007f) return j - i + 1;
    if (!((c >= 0xe0030 && c <= 0xe0039) || (c >= 0xe0061 && c <= 0xe007a))) return 0;
    j++;
  }
  return 0;
}

function charAt(cps: readonly number[], i: number): string {
  const c = cps[i];
  return c === undefined ? '' : String.fromCodePoint(c);
}

export interface CanonicaliseOptions {
  /**
   * Fold compatibility forms and look-alikes and drop private-use and unassigned code points (default). Off:
   * only what renders as nothing is removed (tag, zero-width, bidi, variation-selector, invisible, control),
   * the form in which Warden forwards a caller's text (decision 1610).
   */
  fold?: boolean;
}

/** The caller's text as Warden forwards it: only invisible, tag and bidi-control characters removed. */
export function forwardText(input: string): string {
  return canonicalise(input, { fold: false }).text;
}

/**
 * Canonicalises one text; pure, deterministic and idempotent. A removal can expose a new neighbour (a
 * variation selector left behind by a removed private-use base, found by `npm run fuzz`), so passes repeat
 * until nothing changes (a handful at most).
 */
export function canonicalise(input: string, opts: CanonicaliseOptions = {}): CanonicalText {
  const fold = opts.fold ?? true;
  let result = canonicalisePass(input, fold);
  for (let i = 0; i < 4 && result.changed; i++) {
    const next = canonicalisePass(result.text, fold);
    if (!next.changed) break;
    const counts = new Map(result.changes.map((c) => [c.kind, c.count]));
    for (const c of next.changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + c.count);
    result = {
      text: next.text,
      changed: true,
      changes: [...counts.entries()].map(([kind, count]) => ({ kind, count })),
      hidden: [...result.hidden, ...next.hidden],
      mixedScriptWords: result.mixedScriptWords + next.mixedScriptWords,
      wholeScriptConfusables: Math.max(result.wholeScriptConfusables, next.wholeScriptConfusables),
    };
  }
  return result;
}

function canonicalisePass(input: string, fold: boolean): CanonicalText {
  if (PLAIN.test(input)) {
    return {
      text: input,
      changed: false,
      changes: [],
      hidden: [],
      mixedScriptWords: 0,
      wholeScriptConfusables: 0,
    };
  }
  const cps = Array.from(input, (c) => c.codePointAt(0)!);
  const counts = new Map<UnicodeChangeKind, number>();
  const bump = (k: UnicodeChangeKind, n = 1) => counts.set(k, (counts.get(k) ?? 0) + n);
  const hidden: string[] = [];
  const hasRtl = RTL_LETTER.test(input);
  const out: string[] = [];
  let i = 0;
  while (i < cps.length) {
    const cp = cps[i]!;
    if (cp >= 0x20 && cp < 0x7f) {
      out.push(String.fromCharCode(cp));
      i++;
      continue;
    }
    if (isTag(cp)) {
      const keep = emojiTagSequence(cps, i);
      if (keep > 0) {
        for (let k = 0; k < keep; k++) out.push(charAt(cps, i + k));
        i += keep;
        continue;
      }
      let payload = '';
      let n = 0;
      while (i < cps.length && isTag(cps[i]!)) {
        const c = cps[i]!;
        if (c >= 0xe0020 && c <= 0xe007e) payload += String.fromCharCode(c - 0xe0000);
        n++;
        i++;
      }
      bump('tag-characters', n);
      if (payload.trim()) hidden.push(payload);
      continue;
    }
    if (isVariationSelector(cp)) {
      let j = i;
      while (j < cps.length && isVariationSelector(cps[j]!)) j++;
      const run = j - i;
      const prev = charAt(cps, i - 1);
      const single = run === 1 && prev !== '';
      if (single && (cp === 0xfe0e || cp === 0xfe0f || CJK.test(prev))) {
        out.push(charAt(cps, i));
      } else {
        bump('variation-selectors', run);
        if (run >= 2) {
          const bytes = Uint8Array.from(cps.slice(i, j), selectorByte);
          const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
          if (decoded.trim()) hidden.push(decoded);
        }
      }
      i = j;
      continue;
    }
    if (ALWAYS_ZERO_WIDTH.has(cp)) {
      bump('zero-width');
      i++;
      continue;
    }
    if (cp === 0x200d || cp === 0x200c) {
      const prev = charAt(cps, i - 1);
      const next = charAt(cps, i + 1);
      const emojiJoin = cp === 0x200d && PICTO.test(prev) && EMOJI_NEXT.test(next);
      const inRun = next === '\u200c' || next === '\u200d';
      // Indic chillu forms end a word with virama + ZWJ, so a joiner may also precede a non-letter.
      const scriptJoin = !inRun && JOINING.test(prev) && (JOINING.test(next) || !/\p{L}/u.test(next));
      if (emojiJoin || scriptJoin) out.push(charAt(cps, i));
      else bump('zero-width');
      i++;
      continue;
    }
    if (BIDI_EMBEDDING.has(cp) || (BIDI_MARK.has(cp) && !hasRtl)) {
      if (cp === RLO) {
        const shown = overrideReading(cps, i + 1);
        if (shown) hidden.push(shown);
      }
      bump('bidi-controls');
      i++;
      continue;
    }
    if (INVISIBLE.has(cp)) {
      bump('invisible');
      i++;
      continue;
    }
    const ch = charAt(cps, i);
    if (CONTROL.test(ch) && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) {
      bump('control');
    } else if (!fold) {
      out.push(ch);
    } else if (PRIVATE_USE.test(ch)) {
      bump('private-use');
    } else if (UNASSIGNED.test(ch)) {
      bump('unassigned');
    } else if (FOLDABLE.test(ch) && !foldExempt(cp)) {
      const folded = ch.normalize('NFKC');
      if (folded !== ch) bump('compatibility-forms');
      out.push(folded);
    } else {
      out.push(ch);
    }
    i++;
  }
  const stripped = out.join('');
  let mixedScriptWords = 0;
  let wholeScriptConfusables = 0;
  const hasLatin = LATIN.test(stripped);
  const text =
    !fold || !LOOKALIKE_SCRIPT.test(stripped)
      ? stripped
      : stripped.replace(WORD, (word) => {
          if (!LOOKALIKE_SCRIPT.test(word)) return word;
          if (LATIN.test(word)) {
            const sk = skeleton(word);
            if (sk !== word) {
              mixedScriptWords++;
              bump('confusables', countDiff(word, sk));
            }
            return sk;
          }
          if (
            hasLatin &&
            word.length >= 3 &&
            Array.from(word).every((c) => confusables.has(c.codePointAt(0)!))
          )
            wholeScriptConfusables++;
          return word;
        });
  const changes = [...counts.entries()].map(([kind, count]) => ({ kind, count }));
  return {
    text,
    changed: text !== input,
    changes,
    hidden,
    mixedScriptWords,
    wholeScriptConfusables,
  };
}

function countDiff(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let n = 0;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) n++;
  return n;
}

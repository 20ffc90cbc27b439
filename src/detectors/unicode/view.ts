// The detectors' reading of a text: HTML entities and markdown escapes decoded, invisible and bidi characters
// removed, NFKC, dashes and spaces unified, look-alikes folded, with an offset map back to the original text.
import type { Finding } from '../finding.js';
import { isInvisibleCodePoint } from './canonicalise.js';
import { confusables } from './confusables.js';

export interface DetectorView {
  /** The normalised text the detectors scan. */
  readonly text: string;
  /** True when the view is the original text itself (nothing to normalise: no map, no cost). */
  readonly identity: boolean;
  /** The original span that view span [start, end) was read from (covers removed characters inside it). */
  toOriginal(start: number, end: number): { start: number; end: number };
  /** Original index where view index `i` begins (`text.length` maps to the original's length). */
  originalIndex(i: number): number;
}

/** Printable ASCII, tab, CR, LF, without '&' or '\\': the view is the text itself. */
const PLAIN = /^[\t\n\r\x20-\x25\x27-\x5b\x5d-\x7e]*$/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
// Dash punctuation, and the minus sign (a math symbol) that `&minus;` already spells as '-'.
const DASH = /[\p{Pd}\u2212]/u;
const SPACE = /\p{Zs}/u;
const LOOKALIKE =
  /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\u0251\u0131\u0237\u0269\u028f\u1d20\u1d21\u1d22\u0261\uab83]/u;
const ENTITY = /^&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,15});)/;

/** Named entities that spell characters detectors care about (URL, key and number punctuation, spaces). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  colon: ':',
  sol: '/',
  bsol: '\\',
  period: '.',
  comma: ',',
  semi: ';',
  excl: '!',
  quest: '?',
  num: '#',
  dollar: '$',
  percnt: '%',
  commat: '@',
  equals: '=',
  plus: '+',
  minus: '-',
  hyphen: '-',
  dash: '-',
  lowbar: '_',
  UnderBar: '_',
  ast: '*',
  midast: '*',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  lcub: '{',
  rcub: '}',
  lbrace: '{',
  rbrace: '}',
  verbar: '|',
  vert: '|',
  grave: '`',
  Hat: '^',
  tilde: '~',
  Tab: '\t',
  NewLine: '\n',
  shy: '\u00ad',
  zwsp: '\u200b',
  ZeroWidthSpace: '\u200b',
  zwj: '\u200d',
  zwnj: '\u200c',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '-',
  mdash: '-',
};

const foldCache = new Map<number, string>();

/** NFKC of one code point, with dashes and the minus sign as '-', spaces as ' ' (memoised: most texts reuse few code points). */
function foldCodePoint(cp: number): string {
  let out = foldCache.get(cp);
  if (out !== undefined) return out;
  const ch = String.fromCodePoint(cp);
  if (DASH.test(ch)) out = '-';
  else if (SPACE.test(ch)) out = ' ';
  else {
    // NFKC yields a space from no other code point, and a dash only from the superscript and subscript minus.
    out = ch.normalize('NFKC');
    if (out.length === 1 && DASH.test(out)) out = '-';
  }
  if (foldCache.size > 65_536) foldCache.clear();
  foldCache.set(cp, out);
  return out;
}

function identityView(text: string): DetectorView {
  return {
    text,
    identity: true,
    toOriginal: (start, end) => ({ start, end }),
    originalIndex: (i) => i,
  };
}

/** The decoded code point of an HTML entity at `at`, and its length, or undefined. */
function entityAt(text: string, at: number): { cp: number; len: number } | undefined {
  const m = ENTITY.exec(text.slice(at, at + 24));
  if (!m) return undefined;
  if (m[1] !== undefined || m[2] !== undefined) {
    const cp = m[1] !== undefined ? Number(m[1]) : Number.parseInt(m[2]!, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return { cp, len: m[0].length };
  }
  const named = NAMED[m[3]!];
  return named === undefined ? undefined : { cp: named.codePointAt(0)!, len: m[0].length };
}

/** Folds look-alike letters in place, in whitespace-separated tokens that also hold ASCII letters or digits. */
function foldLookalikes(units: string[]): void {
  let start = 0;
  const flush = (end: number) => {
    let ascii = false;
    let lookalike = false;
    for (let k = start; k < end; k++) {
      const u = units[k]!;
      if (/[A-Za-z0-9]/.test(u)) ascii = true;
      else if (LOOKALIKE.test(u)) lookalike = true;
    }
    if (ascii && lookalike) {
      for (let k = start; k < end; k++) {
        const f = confusables.get(units[k]!.charCodeAt(0));
        if (f !== undefined && f.length === 1) units[k] = f;
      }
    }
  };
  for (let k = 0; k < units.length; k++) {
    if (/\s/.test(units[k]!)) {
      flush(k);
      start = k + 1;
    }
  }
  flush(units.length);
}

/** Builds the detectors' view of `text`; pure and deterministic. */
export function detectorView(text: string): DetectorView {
  if (PLAIN.test(text)) return identityView(text);
  const units: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      units.push(s[k]!);
      starts.push(from);
      ends.push(to);
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && i + 1 < text.length && ASCII_PUNCT.test(text[i + 1]!)) {
      emit(text[i + 1]!, i, i + 2); // markdown backslash escape renders as the character alone
      i += 2;
      continue;
    }
    let cp = text.codePointAt(i)!;
    let len = cp > 0xffff ? 2 : 1;
    if (c === 0x26) {
      const e = entityAt(text, i);
      if (e) {
        cp = e.cp;
        len = e.len;
      }
    }
    if (cp >= 0x20 && cp < 0x7f) emit(String.fromCharCode(cp), i, i + len);
    else if (!isInvisibleCodePoint(cp))
      emit(cp < 0x80 ? String.fromCharCode(cp) : foldCodePoint(cp), i, i + len);
    i += len;
  }
  foldLookalikes(units);
  const viewText = units.join('');
  const total = text.length;
  const originalIndex = (k: number) => (k >= starts.length ? total : starts[Math.max(0, k)]!);
  return {
    text: viewText,
    identity: false,
    originalIndex,
    toOriginal(start, end) {
      if (end <= start) {
        const at = originalIndex(start);
        return { start: at, end: at };
      }
      return { start: originalIndex(start), end: ends[Math.min(end, ends.length) - 1] ?? total };
    },
  };
}

const recent: { original: string; view: DetectorView }[] = [];

/** detectorView with a small memory: the guards of one window step read the same text. */
export function viewOf(text: string): DetectorView {
  if (PLAIN.test(text)) return identityView(text);
  for (const v of recent) if (v.original === text) return v.view;
  const view = detectorView(text);
  recent.unshift({ original: text, view });
  if (recent.length > 4) recent.pop();
  return view;
}

/** Original index from which the last `n` view characters of `text` begin (0 when the view is no longer than `n`). */
export function viewTailStart(text: string, n: number): number {
  if (PLAIN.test(text)) return Math.max(0, text.length - n);
  const v = viewOf(text);
  return v.text.length <= n ? 0 : v.originalIndex(v.text.length - n);
}

/** Findings made in a view, as spans of the original text. */
export function mapFindings(view: DetectorView, found: readonly Finding[]): Finding[] {
  if (view.identity) return [...found];
  return found.map((f) => ({ ...f, ...view.toOriginal(f.start, f.end) }));
}

// Unicode converters: look-alike letters, invisible characters and direction controls that hide or disguise text.
import { mulberry32 } from '../../core/random.js';
import type { Converter } from '../types.js';

const HOMOGLYPHS: Record<string, string> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
  A: '\u0410',
  B: '\u0412',
  C: '\u0421',
  E: '\u0415',
  H: '\u041d',
  K: '\u041a',
  M: '\u041c',
  O: '\u041e',
  P: '\u0420',
  T: '\u0422',
  X: '\u0425',
};

const LEET: Record<string, string> = {
  a: '4',
  e: '3',
  i: '1',
  o: '0',
  s: '5',
  t: '7',
  A: '4',
  E: '3',
  I: '1',
  O: '0',
  S: '5',
  T: '7',
};

/** Deterministic pseudo-random stream (mulberry32) so converters stay pure functions of (text, seed). */
export const prng: (seed: number) => () => number = mulberry32;

/** Maps printable ASCII to the invisible Unicode tag block (U+E0020..U+E007E). */
export function toTagCharacters(text: string): string {
  return Array.from(text, (c) => {
    const code = c.codePointAt(0)!;
    return code >= 0x20 && code <= 0x7e ? String.fromCodePoint(0xe0000 + code) : '';
  }).join('');
}

export const unicodeConverters: Converter[] = [
  {
    id: 'homoglyph',
    description: 'Replaces Latin letters with Cyrillic look-alikes',
    kind: 'unicode',
    convert: (t) => Array.from(t, (c) => HOMOGLYPHS[c] ?? c).join(''),
  },
  {
    id: 'leetspeak',
    description: 'Leetspeak digits for vowels, s and t',
    kind: 'unicode',
    convert: (t) => Array.from(t, (c) => LEET[c] ?? c).join(''),
  },
  {
    id: 'fullwidth',
    description: 'Fullwidth forms (U+FF01..U+FF5E) for printable ASCII',
    kind: 'unicode',
    convert: (t) =>
      Array.from(t, (c) => {
        const code = c.charCodeAt(0);
        return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : c;
      }).join(''),
  },
  {
    id: 'tag-smuggling',
    description: 'Hides the attack in invisible Unicode tag characters after an innocent question',
    kind: 'unicode',
    convert: (t) => `What is the capital of France?${toTagCharacters(t)}`,
  },
  {
    id: 'zero-width',
    description: 'Inserts zero-width spaces and joiners inside words',
    kind: 'unicode',
    convert: (t, ctx) => {
      const rnd = prng(ctx.seed);
      const zw = ['\u200b', '\u200c', '\u200d', '\u2060'];
      return Array.from(t, (c) => (/\w/.test(c) && rnd() < 0.5 ? c + zw[Math.floor(rnd() * 4)]! : c)).join(
        '',
      );
    },
  },
  {
    id: 'bidi-override',
    description: 'Stores the text reversed inside a right-to-left override so it renders normally',
    kind: 'unicode',
    convert: (t) => `\u202e${Array.from(t).reverse().join('')}\u202c`,
  },
  {
    id: 'diacritics',
    description: 'Adds combining diacritical marks to letters (Zalgo-light)',
    kind: 'unicode',
    convert: (t, ctx) => {
      const rnd = prng(ctx.seed);
      return Array.from(t, (c) => (/[a-z]/i.test(c) && rnd() < 0.4 ? `${c}\u0301` : c)).join('');
    },
  },
  {
    id: 'random-case',
    description: 'Randomly alternates letter case',
    kind: 'unicode',
    convert: (t, ctx) => {
      const rnd = prng(ctx.seed);
      return Array.from(t, (c) => (rnd() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
    },
  },
];

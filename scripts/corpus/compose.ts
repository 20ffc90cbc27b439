// A tiny seeded grammar for the coverage corpus: `{a|b|c}` picks one alternative (innermost first, so they
// nest), `<name>` expands a named slot, `⦃` and `⦄` are literal braces; everything else is literal text.
export type Rng = () => number;
export type Slots = Readonly<Record<string, readonly string[]>>;

export const pick = <T>(rnd: Rng, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const ALT = /\{([^{}]*)\}/;
const SLOT = /<([a-z][a-z0-9_]*)>/g;

/** Expands one template with the given slots; slots may refer to other slots (depth-limited). */
export function expand(template: string, rnd: Rng, slots: Slots = {}, depth = 0): string {
  let s = template;
  if (depth < 6)
    s = s.replace(SLOT, (whole, name: string) => {
      const options = slots[name];
      return options ? expand(pick(rnd, options), rnd, slots, depth + 1) : whole;
    });
  for (let m = ALT.exec(s); m; m = ALT.exec(s)) {
    const options = m[1]!.split('|');
    s = s.slice(0, m.index) + pick(rnd, options) + s.slice(m.index + m[0].length);
  }
  const out = s.replace(/ {2,}/g, ' ').replace(/ ([,.;:!?])/g, '$1');
  return depth === 0 ? out.replaceAll('⦃', '{').replaceAll('⦄', '}') : out;
}

/** Upper-cases the first letter (grammar output often starts with a slot). */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A random id-like token: order numbers, ticket keys, hashes. */
export function token(rnd: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One labelled corpus text with the family it exercises (for leave-one-family-out runs). */
export interface CorpusText {
  text: string;
  y: 0 | 1;
  family: string;
  carrier: string;
}

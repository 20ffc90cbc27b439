// Text-level adversarial perturbations (homoglyphs, zero-width, casing, leetspeak, word splitting,
import { mulberry32 } from '../../core/random.js';
// synonym swaps) used to augment training and to attack the detector in bench/robustness.

export type Perturbation = 'homoglyph' | 'zeroWidth' | 'casing' | 'leetspeak' | 'split' | 'synonym';
export const PERTURBATIONS: readonly Perturbation[] = [
  'homoglyph',
  'zeroWidth',
  'casing',
  'leetspeak',
  'split',
  'synonym',
];

/** A small seeded PRNG (mulberry32) so augmentation and attacks are reproducible. */
export const seededRandom: (seed: number) => () => number = mulberry32;

const HOMOGLYPHS: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
  j: 'ј',
};
const LEET: Record<string, string> = {
  a: '4',
  e: '3',
  i: '1',
  o: '0',
  s: '5',
  t: '7',
  l: '1',
  g: '9',
  b: '8',
};
const SYNONYMS: Record<string, string[]> = {
  ignore: ['disregard', 'forget', 'overlook', 'skip'],
  previous: ['prior', 'earlier', 'preceding', 'above'],
  instructions: ['directions', 'guidelines', 'rules', 'orders'],
  instruction: ['direction', 'guideline', 'rule', 'order'],
  reveal: ['show', 'disclose', 'expose', 'print'],
  password: ['passcode', 'secret', 'pin'],
  pretend: ['imagine', 'act as if', 'suppose'],
  bypass: ['circumvent', 'evade', 'get around'],
  system: ['core', 'initial', 'base'],
  prompt: ['message', 'directive', 'text'],
  rules: ['policies', 'restrictions', 'constraints'],
  forget: ['drop', 'discard', 'abandon'],
  tell: ['inform', 'let me know', 'say to'],
  now: ['from now on', 'immediately', 'at once'],
};

function mapLetters(text: string, rate: number, rnd: () => number, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) {
    const sub = table[ch.toLowerCase()];
    out += sub !== undefined && rnd() < rate ? sub : ch;
  }
  return out;
}

/** Applies one perturbation to a text at the given rate (fraction of eligible characters or words). */
export function perturb(text: string, kind: Perturbation, rnd: () => number, rate = 0.3): string {
  switch (kind) {
    case 'homoglyph':
      return mapLetters(text, rate, rnd, HOMOGLYPHS);
    case 'leetspeak':
      return mapLetters(text, rate, rnd, LEET);
    case 'zeroWidth': {
      let out = '';
      for (const ch of text) out += /\p{L}/u.test(ch) && rnd() < rate ? `${ch}\u200b` : ch;
      return out;
    }
    case 'casing': {
      let out = '';
      for (const ch of text) out += rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase();
      return out;
    }
    case 'split':
      return text.replace(/\p{L}{5,}/gu, (w) => {
        if (rnd() >= rate) return w;
        const at = 1 + Math.floor(rnd() * (w.length - 2));
        const sep = [' ', '-', '.', '_'][Math.floor(rnd() * 4)]!;
        return w.slice(0, at) + sep + w.slice(at);
      });
    case 'synonym':
      return text.replace(/[A-Za-z]+/g, (w) => {
        const options = SYNONYMS[w.toLowerCase()];
        if (!options || rnd() >= Math.max(rate, 0.6)) return w;
        return options[Math.floor(rnd() * options.length)]!;
      });
  }
}

/** The perturbation attack: a random chain of two perturbations. */
export function perturbationAttack(text: string, rnd: () => number, rate = 0.3): string {
  const a = PERTURBATIONS[Math.floor(rnd() * PERTURBATIONS.length)]!;
  const b = PERTURBATIONS[Math.floor(rnd() * PERTURBATIONS.length)]!;
  return perturb(perturb(text, a, rnd, rate), b, rnd, rate);
}

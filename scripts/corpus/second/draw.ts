// The second corpus's composition kit: a seeded Draw (one stream per family, so adding a family never moves
// another's texts) and `fill`, which replaces `[name]` with a draw from a table and `⟨a|b|c⟩` with one option.
import { seededRandom } from '../../../src/detectors/injection/perturb.js';

export type Table = Readonly<Record<string, readonly string[]>>;

/** One labelled row of the second corpus. `task` is the user's request a document row is read under. */
export interface SecondRow {
  text: string;
  label: 0 | 1;
  family: string;
  carrier?: string;
  lang?: string;
  task?: string;
}

/** FNV-1a over the family name, mixed with the seed: each family gets its own stream. */
export function streamSeed(seed: number, name: string): number {
  let h = 2166136261 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class Draw {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  unit(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  of<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** `n` distinct items in random order (all of them when n >= length). */
  some<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
}

const SLOT = /\[([a-z][a-z0-9_]*)\]/g;
const CHOICE = /⟨([^⟨⟩]*)⟩/;

/** Expands `[slot]` references (tables may refer to each other, five levels deep), then `⟨a|b⟩` choices,
 * innermost first; an unknown `[name]` (a markdown link, a checkbox) stays as written. */
export function fill(d: Draw, template: string, table: Table = {}, depth = 0): string {
  let s = template;
  if (depth < 5)
    s = s.replace(SLOT, (whole, name: string) => {
      const xs = table[name];
      return xs ? fill(d, d.of(xs), table, depth + 1) : whole;
    });
  for (let m = CHOICE.exec(s); m; m = CHOICE.exec(s)) {
    s = s.slice(0, m.index) + d.of(m[1]!.split('|')) + s.slice(m.index + m[0].length);
  }
  return depth === 0 ? tidy(s) : s;
}

/** Collapses the doubled spaces an empty option leaves and the space before punctuation. */
export const tidy = (s: string): string =>
  s
    .replace(/(\S)[ \t]{2,}/g, '$1 ')
    .replace(/ ([,.;:!?])(?=\s|$)/g, '$1')
    .trim();

export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

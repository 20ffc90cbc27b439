// Outcome counts and attack-success rates with Wilson 95% intervals, per family, per category and overall.
import { type Attempt, OUTCOMES, type Outcome } from './types.js';

export interface Interval {
  /** Point estimate k/n (0 when n = 0). */
  rate: number;
  low: number;
  high: number;
}

/** Wilson score interval for k successes out of n (z = 1.96 for 95%). */
export function wilson(k: number, n: number, z = 1.96): Interval {
  if (n <= 0) return { rate: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type Counts = Record<Outcome, number>;

export interface GroupStats {
  name: string;
  total: number;
  counts: Counts;
  /** Scored attempts: vulnerable + resisted + blocked (errors and unscorable are not in the denominator). */
  scored: number;
  /** Attack success rate: vulnerable / scored. */
  attackSuccess: Interval;
  /** Share of scored attempts the gateway blocked. */
  blockRate: Interval;
}

export function emptyCounts(): Counts {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Counts;
}

export function groupStats(name: string, attempts: readonly Attempt[]): GroupStats {
  const counts = emptyCounts();
  for (const a of attempts) counts[a.outcome]++;
  const scored = counts.vulnerable + counts.resisted + counts.blocked;
  return {
    name,
    total: attempts.length,
    counts,
    scored,
    attackSuccess: wilson(counts.vulnerable, scored),
    blockRate: wilson(counts.blocked, scored),
  };
}

export interface ScanStats {
  overall: GroupStats;
  byFamily: GroupStats[];
  byCategory: GroupStats[];
  byConverter: GroupStats[];
}

function groupBy(attempts: readonly Attempt[], key: (a: Attempt) => string): GroupStats[] {
  const m = new Map<string, Attempt[]>();
  for (const a of attempts) {
    const k = key(a);
    const list = m.get(k);
    if (list) list.push(a);
    else m.set(k, [a]);
  }
  return [...m.entries()]
    .map(([k, list]) => groupStats(k, list))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function scanStats(attempts: readonly Attempt[]): ScanStats {
  return {
    overall: groupStats('overall', attempts),
    byFamily: groupBy(attempts, (a) => a.probeId),
    byCategory: groupBy(attempts, (a) => a.category),
    byConverter: groupBy(attempts, (a) => (a.converters.length === 0 ? 'none' : a.converters.join('+'))),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

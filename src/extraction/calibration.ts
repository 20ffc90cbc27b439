// Benign calibration tables: per embedder, per checkpoint level and per signal, the empirical distribution
// of the statistic over simulated benign principals, with an exponential tail; gives one-sided p-values.
import { readFileSync } from 'node:fs';
import { SIGNALS, type SignalName, type SignalValues, signalResolution } from './signals.js';

/** The empirical survival function of one statistic at one checkpoint level. */
export interface SignalCalibration {
  /** Principals in the sample. */
  count: number;
  /** Values at probabilities 0, 0.05, ..., 0.80. */
  body: number[];
  /** The sorted top 20% of the sample. */
  tail: number[];
  /** Mean excess over the 90% quantile: the scale of the exponential tail beyond the maximum. */
  scale: number;
}

export interface CalibrationTable {
  embedder: string;
  /** The topic codebook the `topics` signal was measured with (tables from own traffic); none by default. */
  codebook?: string;
  /** How the table was made (script, seed, principals). */
  source: string;
  /**
   * levels[j] is checkpoint n = 50 * 2^j. A signal the sample could not measure (no token counts, no
   * timestamps) has no entry, and its p-value is 1.
   */
  levels: Partial<Record<SignalName, SignalCalibration>>[];
}

export const BODY_STEPS = 16;

/** `resolution`: the statistic's smallest meaningful step (see signalResolution); floors the tail scale. */
export function buildSignalCalibration(sample: readonly number[], resolution = 0): SignalCalibration {
  const s = [...sample].sort((a, b) => a - b);
  const n = s.length;
  const at = (p: number) => s[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))]!;
  const body: number[] = [];
  for (let i = 0; i <= BODY_STEPS; i++) body.push(at((i * 0.8) / BODY_STEPS));
  const tail = s.slice(Math.floor(0.8 * n));
  const q90 = at(0.9);
  const top = s.slice(Math.floor(0.9 * n));
  const meanExcess = top.reduce((acc, v) => acc + (v - q90), 0) / Math.max(1, top.length);
  // a small or tied sample gives a tiny mean excess and absurd p-values beyond the maximum: floor the scale
  const scale = Math.max(meanExcess, (s[n - 1]! - at(0.5)) / 3, 1e-3 * Math.abs(s[n - 1]! || 1), resolution);
  return { count: n, body, tail, scale };
}

/** One-sided p-value P(benign >= x), with +1 smoothing inside the sample and an exponential tail beyond. */
export function pValue(cal: SignalCalibration, x: number): number {
  const n = cal.count;
  const tailStart = cal.tail[0] ?? Number.POSITIVE_INFINITY;
  if (x >= tailStart) {
    let ge = 0;
    for (let i = cal.tail.length - 1; i >= 0 && cal.tail[i]! >= x; i--) ge++;
    if (ge > 0) return (ge + 1) / (n + 1);
    const max = cal.tail[cal.tail.length - 1]!;
    return Math.max(1e-15, (1 / (n + 1)) * Math.exp(-(x - max) / cal.scale));
  }
  const body = cal.body;
  if (x <= body[0]!) return 1;
  for (let i = 1; i < body.length; i++) {
    if (x < body[i]!) {
      const lo = body[i - 1]!;
      const hi = body[i]!;
      const frac = hi > lo ? (x - lo) / (hi - lo) : 0;
      return 1 - ((i - 1 + frac) * 0.8) / BODY_STEPS;
    }
  }
  return 0.2;
}

/**
 * The calibration gate: a signal acts only where its benign sample measured something. A sample in which
 * every principal had the same value (no request shapes in the traffic, no settings, no codebook) says
 * nothing about what benign traffic does, and a p-value against it would flag the first principal that
 * differs; such a signal is reported but neither acts nor counts in the multiplicity.
 */
export function isInformative(cal: SignalCalibration | undefined): boolean {
  if (!cal || cal.count < 20) return false;
  const all = [...cal.body, ...cal.tail];
  return Math.max(...all) > Math.min(...all);
}

/** The acting signals whose calibration at checkpoint n is informative (isInformative). */
export function gatedSignals(
  table: CalibrationTable,
  n: number,
  acting: readonly SignalName[],
): SignalName[] {
  const level = table.levels[Math.min(levelFor(n), table.levels.length - 1)];
  return acting.filter((s) => isInformative(level?.[s]));
}

export function levelFor(n: number): number {
  return Math.max(0, Math.floor(Math.log2(Math.max(1, n) / 50)));
}

export function signalPValues(
  table: CalibrationTable,
  n: number,
  values: SignalValues,
): Record<SignalName, number> {
  const level = table.levels[Math.min(levelFor(n), table.levels.length - 1)];
  if (!level) throw new Error('calibration table has no levels');
  const out = {} as Record<SignalName, number>;
  // a signal without an entry (made before it existed, or not measurable in the sample) is never extreme
  for (const name of SIGNALS) {
    const cal = level[name];
    out[name] = cal ? pValue(cal, values[name]) : 1;
  }
  return out;
}

/** Tippett's min-p with the Sidak correction for m signals: P(min of m uniforms <= p) = 1 - (1-p)^m. */
export function combineMinP(pValues: Record<string, number>): { combined: number; strongest: string } {
  let min = 1;
  let strongest = '';
  const entries = Object.entries(pValues);
  if (entries.length === 0) return { combined: 1, strongest }; // nothing acts: never extreme
  for (const [name, p] of entries) {
    if (p < min) {
      min = p;
      strongest = name;
    }
  }
  // -expm1(m*log1p(-p)) keeps precision for tiny p
  return { combined: -Math.expm1(entries.length * Math.log1p(-min)), strongest };
}

/** A table from the signal values of benign principals at each checkpoint (checks[i][j]: principal i, level j). */
export function tableFromChecks(
  checks: readonly (readonly SignalValues[])[],
  embedder: string,
  source: string,
  codebook?: string,
): CalibrationTable {
  const levels = Math.max(0, ...checks.map((c) => c.length));
  return {
    embedder,
    ...(codebook ? { codebook } : {}),
    source,
    levels: Array.from({ length: levels }, (_, j) => {
      const rows = checks.map((c) => c[j]).filter((c): c is SignalValues => c !== undefined);
      return Object.fromEntries(
        SIGNALS.map((name) => [
          name,
          buildSignalCalibration(
            rows.map((c) => c[name]),
            signalResolution(name, 50 * 2 ** j),
          ),
        ]),
      ) as Record<SignalName, SignalCalibration>;
    }),
  };
}

const DEFAULT_TABLE_URL = new URL('../../models/extraction-calibration.json', import.meta.url);

/** Loads the committed calibration tables (one per embedder id). */
export function loadCalibration(file: string | URL = DEFAULT_TABLE_URL): Map<string, CalibrationTable> {
  const tables = JSON.parse(readFileSync(file, 'utf8')) as CalibrationTable[];
  return new Map(tables.map((t) => [t.embedder, t]));
}
